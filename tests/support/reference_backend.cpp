// A stand-in for the CUDA backend module that computes on the CPU: the same C table
// (core/cuda/include/deepstep_cuda_abi.h), "device" memory from the heap, every
// operation a plain loop. Loaded with DEEPSTEP_CUDA_BACKEND, it lets the machines
// without a GPU run what sits on top of the table: the loader, deepstep::gpu::Backend
// and Buffer, and the parity harness itself (ctest tst_cuda_reference).
#include "deepstep_cuda_abi.h"
#include "deepstep_cuda_math.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

namespace {

thread_local char lastError[256] = "";
int selected = -1;

int probe(deepstep_cuda_device* devices, int max, int* driverVersion, int* runtimeVersion) {
    if (driverVersion != nullptr) *driverVersion = 13000;
    if (runtimeVersion != nullptr) *runtimeVersion = 13000;
    if (max > 0) {
        std::snprintf(devices[0].name, sizeof devices[0].name, "DeepStep reference backend (CPU)");
        devices[0].memory_bytes = 1ULL << 30;
        devices[0].major = 0;
        devices[0].minor = 0;
    }
    return 1;
}

const char* lastErrorText() { return lastError; }

int selectDevice(int device) {
    if (device != 0) {
        std::snprintf(lastError, sizeof lastError, "no device %d", device);
        return 101;  // cudaErrorInvalidDevice
    }
    selected = device;
    return 0;
}

int alloc(float** out, size_t count) {
    *out = static_cast<float*>(std::calloc(count == 0 ? 1 : count, sizeof(float)));
    if (*out == nullptr) {
        std::snprintf(lastError, sizeof lastError, "out of memory");
        return 2;  // cudaErrorMemoryAllocation
    }
    return 0;
}

int release(float* d) {
    std::free(d);
    return 0;
}

int copy(float* dst, const float* src, size_t count) {
    std::memcpy(dst, src, count * sizeof(float));
    return 0;
}

int synchronize() { return 0; }

int gemm(int transA, int transB, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
         float beta, float* c, int ldc) {
    if (selected < 0) {
        std::snprintf(lastError, sizeof lastError, "gemm: no device selected");
        return -1;
    }
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < m; ++i) {
            float sum = 0.0F;
            for (int p = 0; p < k; ++p) {
                const float x = transA ? a[static_cast<size_t>(i) * lda + p] : a[static_cast<size_t>(p) * lda + i];
                const float y = transB ? b[static_cast<size_t>(p) * ldb + j] : b[static_cast<size_t>(j) * ldb + p];
                sum += x * y;
            }
            float& out = c[static_cast<size_t>(j) * ldc + i];
            out = alpha * sum + (beta == 0.0F ? 0.0F : beta * out);
        }
    return 0;
}

int addBias(float* z, const float* b, int rows, int cols) {
    for (int c = 0; c < cols; ++c)
        for (int r = 0; r < rows; ++r)
            z[static_cast<size_t>(c) * rows + r] += b[r];
    return 0;
}

int rowSums(const float* m, float* s, int rows, int cols) {
    for (int r = 0; r < rows; ++r) {
        float sum = 0.0F;
        for (int c = 0; c < cols; ++c)
            sum += m[static_cast<size_t>(c) * rows + r];
        s[r] = sum;
    }
    return 0;
}

int activationForward(int kind, const float* z, float* a, size_t n) {
    for (size_t i = 0; i < n; ++i)
        a[i] = deepstep_cuda_activate(kind, z[i]);
    return 0;
}

int activationBackward(int kind, const float* z, const float* a, const float* da, float* dz, size_t n) {
    for (size_t i = 0; i < n; ++i)
        dz[i] = da[i] * deepstep_cuda_slope(kind, z[i], a[i]);
    return 0;
}

int softmaxCrossEntropy(const float* z, const float* t, float* p, float* dz, float* loss, int classes, int batch) {
    double total = 0.0;
    for (int col = 0; col < batch; ++col) {
        const size_t base = static_cast<size_t>(col) * classes;
        float top = z[base];
        for (int k = 1; k < classes; ++k)
            top = std::fmax(top, z[base + k]);
        float sum = 0.0F;
        for (int k = 0; k < classes; ++k) {
            p[base + k] = std::exp(z[base + k] - top);
            sum += p[base + k];
        }
        for (int k = 0; k < classes; ++k) {
            p[base + k] /= sum;
            if (t[base + k] > 0.0F) total -= t[base + k] * std::log(std::fmax(p[base + k], 1e-30F));
            dz[base + k] = (p[base + k] - t[base + k]) / static_cast<float>(batch);
        }
    }
    loss[0] = static_cast<float>(total / batch);
    return 0;
}

int sgdMomentum(float* w, float* v, const float* g, size_t n, float learningRate, float momentum) {
    for (size_t i = 0; i < n; ++i) {
        const float vel = momentum * v[i] - learningRate * g[i];
        v[i] = vel;
        w[i] += vel;
    }
    return 0;
}

const deepstep_cuda_backend table = {
    DEEPSTEP_CUDA_ABI_VERSION, probe, lastErrorText, selectDevice, alloc,     release,
    copy,                      copy,  synchronize,   gemm,         addBias,   rowSums,
    activationForward,         activationBackward,   softmaxCrossEntropy,      sgdMomentum,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const deepstep_cuda_backend* deepstep_cuda_backend_table(void) {
    return &table;
}
