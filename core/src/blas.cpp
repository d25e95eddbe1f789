#include "deepstep/blas.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace deepstep {

std::string recommendedBlasCoreType() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") &&
                        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
                        __builtin_cpu_supports("avx512vl");
    // Intel's AVX-512 CPUs are recognised by OpenBLAS itself.
    if (avx512 && __builtin_cpu_is("amd")) {
        return "SkylakeX";
    }
#endif
    return {};
}

bool preferFastBlasKernels() {
    if (std::getenv("OPENBLAS_CORETYPE") != nullptr) {
        return false;
    }
    const std::string core = recommendedBlasCoreType();
    if (core.empty()) {
        return false;
    }
    return ::setenv("OPENBLAS_CORETYPE", core.c_str(), 0) == 0;
}

bool preferSleepingBlasThreads() {
    if (std::getenv("OPENBLAS_THREAD_TIMEOUT") != nullptr) {
        return false;
    }
    return ::setenv("OPENBLAS_THREAD_TIMEOUT", "16", 0) == 0;
}

void preferBlasDefaults() {
    preferFastBlasKernels();
    preferSleepingBlasThreads();
}

std::string blasCoreName() {
    // Looked up at run time: the core links no BLAS, and a process may have none.
    using CoreName = char* (*)();
    void* symbol = ::dlsym(RTLD_DEFAULT, "openblas_get_corename");
    if (symbol == nullptr) {
        return {};
    }
    const char* name = reinterpret_cast<CoreName>(symbol)();
    return name != nullptr ? std::string(name) : std::string();
}

int blasThreads() {
    // Looked up once (layers ask every batch); OpenBLAS is loaded with the first plugin
    // that does arithmetic, before any layer runs.
    using Threads = int (*)();
    static const auto get = reinterpret_cast<Threads>(::dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return get != nullptr ? get() : 0;
}

}  // namespace deepstep
