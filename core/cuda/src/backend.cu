// DeepStep's CUDA backend: the table of deepstep_cuda_abi.h. Kernels are plain
// grid-stride loops over float; products go to cuBLAS. Every function reports the
// first CUDA or cuBLAS error it meets (last_error gives its text) and never exits.
#include "deepstep_cuda_abi.h"
#include "deepstep_cuda_math.h"

#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <cmath>
#include <cstdio>
#include <cstring>

namespace {

thread_local char lastError[512] = "";

int fail(cudaError_t e, const char* where) {
    std::snprintf(lastError, sizeof lastError, "%s: %s", where, cudaGetErrorString(e));
    return static_cast<int>(e);
}

int failBlas(cublasStatus_t s, const char* where) {
    std::snprintf(lastError, sizeof lastError, "%s: cuBLAS status %d", where, static_cast<int>(s));
    return 10000 + static_cast<int>(s);
}

// After a kernel launch: a launch error, if any.
int launched(const char* where) {
    const cudaError_t e = cudaGetLastError();
    return e == cudaSuccess ? 0 : fail(e, where);
}

struct Blas {
    cublasHandle_t handle = nullptr;
    int device = -1;
};
thread_local Blas blas;

constexpr int kThreads = 256;

unsigned blocksFor(size_t n) {
    const size_t blocks = (n + kThreads - 1) / kThreads;
    return static_cast<unsigned>(blocks < 65535 ? (blocks == 0 ? 1 : blocks) : 65535);
}

// ---- kernels ----

__global__ void addBiasKernel(float* z, const float* b, int rows, int cols) {
    const size_t n = static_cast<size_t>(rows) * static_cast<size_t>(cols);
    for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += static_cast<size_t>(blockDim.x) * gridDim.x)
        z[i] += b[i % static_cast<size_t>(rows)];
}

// One thread per row, the columns summed in order (the CPU's order, in float).
__global__ void rowSumsKernel(const float* m, float* s, int rows, int cols) {
    const int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    float sum = 0.0F;
    for (int c = 0; c < cols; ++c)
        sum += m[static_cast<size_t>(c) * rows + r];
    s[r] = sum;
}

__global__ void forwardKernel(int kind, const float* z, float* a, size_t n) {
    for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += static_cast<size_t>(blockDim.x) * gridDim.x)
        a[i] = deepstep_cuda_activate(kind, z[i]);
}

__global__ void backwardKernel(int kind, const float* z, const float* a, const float* da, float* dz, size_t n) {
    for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += static_cast<size_t>(blockDim.x) * gridDim.x)
        dz[i] = da[i] * deepstep_cuda_slope(kind, z[i], a[i]);
}

// One thread per column (example): softmax with the maximum subtracted, the
// cross-entropy −log p of the target class, dZ = (P − T) / batch; per-example losses
// land in `perExample` and are added in order by the single thread below.
__global__ void softmaxKernel(const float* z, const float* t, float* p, float* dz, float* perExample, int classes,
                              int batch) {
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    if (col >= batch) return;
    const float* zc = z + static_cast<size_t>(col) * classes;
    const float* tc = t + static_cast<size_t>(col) * classes;
    float* pc = p + static_cast<size_t>(col) * classes;
    float* dc = dz + static_cast<size_t>(col) * classes;
    float top = zc[0];
    for (int k = 1; k < classes; ++k)
        top = fmaxf(top, zc[k]);
    float sum = 0.0F;
    for (int k = 0; k < classes; ++k) {
        pc[k] = expf(zc[k] - top);
        sum += pc[k];
    }
    float loss = 0.0F;
    for (int k = 0; k < classes; ++k) {
        pc[k] /= sum;
        if (tc[k] > 0.0F) loss -= tc[k] * logf(fmaxf(pc[k], 1e-30F));
        dc[k] = (pc[k] - tc[k]) / static_cast<float>(batch);
    }
    perExample[col] = loss;
}

__global__ void meanKernel(const float* values, int n, float* mean) {
    if (blockIdx.x != 0 || threadIdx.x != 0) return;
    double sum = 0.0;
    for (int i = 0; i < n; ++i)
        sum += values[i];
    mean[0] = static_cast<float>(sum / n);
}

__global__ void momentumKernel(float* w, float* v, const float* g, size_t n, float lr, float mu) {
    for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += static_cast<size_t>(blockDim.x) * gridDim.x) {
        const float vel = mu * v[i] - lr * g[i];
        v[i] = vel;
        w[i] += vel;
    }
}

// ---- the table ----

int probe(deepstep_cuda_device* devices, int max, int* driverVersion, int* runtimeVersion) {
    lastError[0] = '\0';
    int driver = 0;
    int runtime = 0;
    cudaDriverGetVersion(&driver);
    cudaRuntimeGetVersion(&runtime);
    if (driverVersion != nullptr) *driverVersion = driver;
    if (runtimeVersion != nullptr) *runtimeVersion = runtime;
    int count = 0;
    const cudaError_t e = cudaGetDeviceCount(&count);
    if (e != cudaSuccess) {
        fail(e, "cudaGetDeviceCount");
        return -static_cast<int>(e);
    }
    for (int i = 0; i < count && i < max; ++i) {
        cudaDeviceProp p{};
        if (const cudaError_t pe = cudaGetDeviceProperties(&p, i); pe != cudaSuccess) {
            fail(pe, "cudaGetDeviceProperties");
            return -static_cast<int>(pe);
        }
        std::snprintf(devices[i].name, sizeof devices[i].name, "%s", p.name);
        devices[i].memory_bytes = p.totalGlobalMem;
        devices[i].major = p.major;
        devices[i].minor = p.minor;
    }
    return count;
}

const char* lastErrorText() { return lastError; }

int selectDevice(int device) {
    if (const cudaError_t e = cudaSetDevice(device); e != cudaSuccess) return fail(e, "cudaSetDevice");
    if (blas.handle != nullptr && blas.device == device) return 0;
    if (blas.handle != nullptr) {
        cublasDestroy(blas.handle);
        blas.handle = nullptr;
    }
    if (const cublasStatus_t s = cublasCreate(&blas.handle); s != CUBLAS_STATUS_SUCCESS) return failBlas(s, "cublasCreate");
    // fp32 products: no TF32 (CUBLAS_DEFAULT_MATH uses it only when asked to).
    if (const cublasStatus_t s = cublasSetMathMode(blas.handle, CUBLAS_DEFAULT_MATH); s != CUBLAS_STATUS_SUCCESS)
        return failBlas(s, "cublasSetMathMode");
    blas.device = device;
    return 0;
}

int alloc(float** out, size_t count) {
    void* p = nullptr;
    if (const cudaError_t e = cudaMalloc(&p, count * sizeof(float)); e != cudaSuccess) return fail(e, "cudaMalloc");
    *out = static_cast<float*>(p);
    return 0;
}

int release(float* d) {
    const cudaError_t e = cudaFree(d);
    return e == cudaSuccess ? 0 : fail(e, "cudaFree");
}

int upload(float* dst, const float* src, size_t count) {
    const cudaError_t e = cudaMemcpy(dst, src, count * sizeof(float), cudaMemcpyHostToDevice);
    return e == cudaSuccess ? 0 : fail(e, "cudaMemcpy to the device");
}

int download(float* dst, const float* src, size_t count) {
    const cudaError_t e = cudaMemcpy(dst, src, count * sizeof(float), cudaMemcpyDeviceToHost);
    return e == cudaSuccess ? 0 : fail(e, "cudaMemcpy to the host");
}

int synchronize() {
    const cudaError_t e = cudaDeviceSynchronize();
    return e == cudaSuccess ? 0 : fail(e, "cudaDeviceSynchronize");
}

int gemm(int transA, int transB, int m, int n, int k, float alpha, const float* a, int lda, const float* b, int ldb,
         float beta, float* c, int ldc) {
    if (blas.handle == nullptr) {
        std::snprintf(lastError, sizeof lastError, "gemm: no device selected on this thread");
        return -1;
    }
    const cublasStatus_t s = cublasSgemm(blas.handle, transA ? CUBLAS_OP_T : CUBLAS_OP_N,
                                         transB ? CUBLAS_OP_T : CUBLAS_OP_N, m, n, k, &alpha, a, lda, b, ldb, &beta,
                                         c, ldc);
    return s == CUBLAS_STATUS_SUCCESS ? 0 : failBlas(s, "cublasSgemm");
}

int addBias(float* z, const float* b, int rows, int cols) {
    addBiasKernel<<<blocksFor(static_cast<size_t>(rows) * cols), kThreads>>>(z, b, rows, cols);
    return launched("add_bias");
}

int rowSums(const float* m, float* s, int rows, int cols) {
    rowSumsKernel<<<blocksFor(static_cast<size_t>(rows)), kThreads>>>(m, s, rows, cols);
    return launched("row_sums");
}

int activationForward(int kind, const float* z, float* a, size_t n) {
    forwardKernel<<<blocksFor(n), kThreads>>>(kind, z, a, n);
    return launched("activation_forward");
}

int activationBackward(int kind, const float* z, const float* a, const float* da, float* dz, size_t n) {
    backwardKernel<<<blocksFor(n), kThreads>>>(kind, z, a, da, dz, n);
    return launched("activation_backward");
}

int softmaxCrossEntropy(const float* z, const float* t, float* p, float* dz, float* loss, int classes, int batch) {
    float* perExample = nullptr;
    if (const int e = alloc(&perExample, static_cast<size_t>(batch)); e != 0) return e;
    softmaxKernel<<<blocksFor(static_cast<size_t>(batch)), kThreads>>>(z, t, p, dz, perExample, classes, batch);
    int result = launched("softmax_cross_entropy");
    if (result == 0) {
        meanKernel<<<1, 1>>>(perExample, batch, loss);
        result = launched("softmax_cross_entropy (mean)");
    }
    const int freed = release(perExample);
    return result != 0 ? result : freed;
}

int sgdMomentum(float* w, float* v, const float* g, size_t n, float learningRate, float momentum) {
    momentumKernel<<<blocksFor(n), kThreads>>>(w, v, g, n, learningRate, momentum);
    return launched("sgd_momentum");
}

const deepstep_cuda_backend table = {
    DEEPSTEP_CUDA_ABI_VERSION,
    probe,
    lastErrorText,
    selectDevice,
    alloc,
    release,
    upload,
    download,
    synchronize,
    gemm,
    addBias,
    rowSums,
    activationForward,
    activationBackward,
    softmaxCrossEntropy,
    sgdMomentum,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const deepstep_cuda_backend* deepstep_cuda_backend_table(void) {
    return &table;
}
