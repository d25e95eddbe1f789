// Whether the cnn plugin's AVX-512 forms run (deepstep/cnn/vectors.hpp).
#include "deepstep/cnn/vectors.hpp"

#include "simd.hpp"

#include <atomic>

namespace deepstep::cnn {

namespace {
std::atomic<bool> allowed{true};
}  // namespace

bool hasWideVectors() {
#if DEEPSTEP_CNN_AVX512
    static const bool has = __builtin_cpu_supports("avx512f") != 0;
    return has;
#else
    return false;
#endif
}

void allowWideVectors(bool allow) { allowed.store(allow); }

bool useWideVectors() { return allowed.load(std::memory_order_relaxed) && hasWideVectors(); }

}  // namespace deepstep::cnn
