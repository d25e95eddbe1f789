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
    const float* tc = t + static_cast<size_t>(col) * classes;
    float* pc = p + static_cast<size_t>(col) * classes;
    float* dc = dz + static_cast<size_t>(col) * classes;
    deepstep_cuda_softmax_column(z + static_cast<size_t>(col) * classes, pc, classes);
    float loss = 0.0F;
    for (int k = 0; k < classes; ++k) {
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
        const float vel = (mu == 0.0F ? 0.0F : mu * v[i]) - lr * g[i];
        v[i] = vel;
        w[i] += vel;
    }
}

// Values of a single block, summed in double in a fixed order whatever the launch:
// thread i adds elements i, i + 256, ...; then a tree over the 256 partial sums.
constexpr int kReduceThreads = 256;

__device__ double blockSum(double mine) {
    __shared__ double partial[kReduceThreads];
    partial[threadIdx.x] = mine;
    __syncthreads();
    for (int width = kReduceThreads / 2; width > 0; width /= 2) {
        if (static_cast<int>(threadIdx.x) < width) partial[threadIdx.x] += partial[threadIdx.x + width];
        __syncthreads();
    }
    return partial[0];
}

__global__ void lossValueKernel(int kind, const float* o, const float* t, size_t n, double scale, float param,
                                float* loss) {
    double mine = 0.0;
    for (size_t i = threadIdx.x; i < n; i += kReduceThreads)
        mine += deepstep_cuda_loss_value(kind, o[i], t[i], param);
    const double total = blockSum(mine);
    if (threadIdx.x == 0) loss[0] = static_cast<float>(total * scale);
}

__global__ void lossGradientKernel(int kind, int fused, const float* o, const float* t, float* grad, size_t n,
                                   double scale, float param) {
    for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += static_cast<size_t>(blockDim.x) * gridDim.x)
        grad[i] = static_cast<float>(scale * deepstep_cuda_loss_slope(kind, fused, o[i], t[i], param));
}

__global__ void decayGradientKernel(const float* w, float* g, size_t n, double l1, double l2) {
    for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += static_cast<size_t>(blockDim.x) * gridDim.x) {
        const double v = w[i];
        const double sign = (v > 0) - (v < 0);
        g[i] += static_cast<float>(l1 * sign + l2 * v);
    }
}

__global__ void decayPenaltyKernel(const float* w, size_t n, double l1, double l2, float* penalty) {
    double mine = 0.0;
    for (size_t i = threadIdx.x; i < n; i += kReduceThreads) {
        const double v = w[i];
        mine += l1 * fabs(v) + 0.5 * l2 * v * v;
    }
    const double total = blockSum(mine);
    if (threadIdx.x == 0) penalty[0] += static_cast<float>(total);
}

// One thread per column: softmax, and its vector–Jacobian product.
__global__ void softmaxForwardKernel(const float* z, float* p, int classes, int batch) {
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    if (col < batch)
        deepstep_cuda_softmax_column(z + static_cast<size_t>(col) * classes, p + static_cast<size_t>(col) * classes,
                                     classes);
}

__global__ void softmaxBackwardKernel(const float* p, const float* dp, float* dz, int classes, int batch) {
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    if (col >= batch) return;
    const size_t base = static_cast<size_t>(col) * classes;
    deepstep_cuda_softmax_vjp_column(p + base, dp + base, dz + base, classes);
}

__global__ void fillKernel(float* d, float value, size_t n) {
    for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += static_cast<size_t>(blockDim.x) * gridDim.x)
        d[i] = value;
}

// Windows: one thread per output entry (im2col, pooling) or per input pixel (the
// adjoints, which gather instead of scattering: no atomics, a fixed order).
__global__ void im2colKernel(const float* x, int batch, deepstep_cuda_window w, float* cols, size_t n) {
    for (size_t e = blockIdx.x * blockDim.x + threadIdx.x; e < n; e += static_cast<size_t>(blockDim.x) * gridDim.x)
        cols[e] = deepstep_cuda_im2col_entry(x, batch, &w, e);
}

__global__ void col2imKernel(const float* cols, int batch, deepstep_cuda_window w, float* dx, size_t n) {
    for (size_t p = blockIdx.x * blockDim.x + threadIdx.x; p < n; p += static_cast<size_t>(blockDim.x) * gridDim.x)
        dx[p] = deepstep_cuda_col2im_pixel(cols, batch, &w, p);
}

__global__ void swapBlocksKernel(const float* src, float* dst, int a, int b, int inner, size_t n) {
    for (size_t e = blockIdx.x * blockDim.x + threadIdx.x; e < n; e += static_cast<size_t>(blockDim.x) * gridDim.x) {
        const size_t k = e % inner;
        const size_t j = (e / inner) % b;
        const size_t i = e / (static_cast<size_t>(inner) * b);
        dst[(j * a + i) * inner + k] = src[e];
    }
}

__global__ void maxPoolKernel(const float* x, deepstep_cuda_window w, float* y, float* winner, size_t n) {
    for (size_t o = blockIdx.x * blockDim.x + threadIdx.x; o < n; o += static_cast<size_t>(blockDim.x) * gridDim.x)
        y[o] = deepstep_cuda_max_pool(x, &w, o, winner + o);
}

__global__ void maxPoolGradKernel(const float* dy, const float* winner, deepstep_cuda_window w, float* dx, size_t n) {
    for (size_t p = blockIdx.x * blockDim.x + threadIdx.x; p < n; p += static_cast<size_t>(blockDim.x) * gridDim.x)
        dx[p] = deepstep_cuda_max_pool_grad(dy, winner, &w, p);
}

__global__ void avgPoolKernel(const float* x, deepstep_cuda_window w, float* y, size_t n) {
    for (size_t o = blockIdx.x * blockDim.x + threadIdx.x; o < n; o += static_cast<size_t>(blockDim.x) * gridDim.x)
        y[o] = deepstep_cuda_avg_pool(x, &w, o);
}

__global__ void avgPoolGradKernel(const float* dy, deepstep_cuda_window w, float* dx, size_t n) {
    for (size_t p = blockIdx.x * blockDim.x + threadIdx.x; p < n; p += static_cast<size_t>(blockDim.x) * gridDim.x)
        dx[p] = deepstep_cuda_avg_pool_grad(dy, &w, p);
}

size_t imageValues(int batch, const deepstep_cuda_window* w) {
    return static_cast<size_t>(batch) * w->channels * w->height * w->width;
}

size_t poolOutputs(int batch, const deepstep_cuda_window* w) {
    return static_cast<size_t>(batch) * w->channels * w->out_h * w->out_w;
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

// Scratch memory on the device for the per-example losses, kept and grown per thread
// (a cudaMalloc per call would wait for the device every step).
struct Scratch {
    float* data = nullptr;
    size_t count = 0;
};
thread_local Scratch scratch;

int softmaxCrossEntropy(const float* z, const float* t, float* p, float* dz, float* loss, int classes, int batch) {
    if (scratch.count < static_cast<size_t>(batch)) {
        if (scratch.data != nullptr) release(scratch.data);
        scratch = {};
        if (const int e = alloc(&scratch.data, static_cast<size_t>(batch)); e != 0) return e;
        scratch.count = static_cast<size_t>(batch);
    }
    softmaxKernel<<<blocksFor(static_cast<size_t>(batch)), kThreads>>>(z, t, p, dz, scratch.data, classes, batch);
    if (const int e = launched("softmax_cross_entropy"); e != 0) return e;
    meanKernel<<<1, 1>>>(scratch.data, batch, loss);
    return launched("softmax_cross_entropy (mean)");
}

int sgdMomentum(float* w, float* v, const float* g, size_t n, float learningRate, float momentum) {
    momentumKernel<<<blocksFor(n), kThreads>>>(w, v, g, n, learningRate, momentum);
    return launched("sgd_momentum");
}

int copyOnDevice(float* dst, const float* src, size_t count) {
    const cudaError_t e = cudaMemcpyAsync(dst, src, count * sizeof(float), cudaMemcpyDeviceToDevice);
    return e == cudaSuccess ? 0 : fail(e, "cudaMemcpy on the device");
}

int fill(float* d, float value, size_t n) {
    fillKernel<<<blocksFor(n), kThreads>>>(d, value, n);
    return launched("fill");
}

int softmaxForward(const float* z, float* p, int classes, int batch) {
    softmaxForwardKernel<<<blocksFor(static_cast<size_t>(batch)), kThreads>>>(z, p, classes, batch);
    return launched("softmax_forward");
}

int softmaxBackward(const float* p, const float* dp, float* dz, int classes, int batch) {
    softmaxBackwardKernel<<<blocksFor(static_cast<size_t>(batch)), kThreads>>>(p, dp, dz, classes, batch);
    return launched("softmax_backward");
}

int loss(int kind, int fused, const float* o, const float* t, float* grad, float* value, size_t n, double scale,
         float param) {
    if (value != nullptr) {
        lossValueKernel<<<1, kReduceThreads>>>(kind, o, t, n, scale, param, value);
        if (const int e = launched("loss"); e != 0) return e;
    }
    if (grad != nullptr) {
        lossGradientKernel<<<blocksFor(n), kThreads>>>(kind, fused, o, t, grad, n, scale, param);
        return launched("loss gradient");
    }
    return 0;
}

int weightDecay(const float* w, float* g, size_t n, double l1, double l2, float* penalty) {
    decayPenaltyKernel<<<1, kReduceThreads>>>(w, n, l1, l2, penalty);
    if (const int e = launched("weight_decay"); e != 0) return e;
    decayGradientKernel<<<blocksFor(n), kThreads>>>(w, g, n, l1, l2);
    return launched("weight_decay gradient");
}

int im2col(const float* x, int batch, const deepstep_cuda_window* w, float* cols) {
    const size_t n = static_cast<size_t>(w->channels / w->groups) * w->kernel_h * w->kernel_w * w->groups *
                     static_cast<size_t>(w->out_h) * w->out_w * batch;
    im2colKernel<<<blocksFor(n), kThreads>>>(x, batch, *w, cols, n);
    return launched("im2col");
}

int col2im(const float* cols, int batch, const deepstep_cuda_window* w, float* dx) {
    const size_t n = imageValues(batch, w);
    col2imKernel<<<blocksFor(n), kThreads>>>(cols, batch, *w, dx, n);
    return launched("col2im");
}

int swapBlocks(const float* src, float* dst, int a, int b, int inner) {
    const size_t n = static_cast<size_t>(a) * b * inner;
    swapBlocksKernel<<<blocksFor(n), kThreads>>>(src, dst, a, b, inner, n);
    return launched("swap_blocks");
}

int maxPoolForward(const float* x, int batch, const deepstep_cuda_window* w, float* y, float* winner) {
    const size_t n = poolOutputs(batch, w);
    maxPoolKernel<<<blocksFor(n), kThreads>>>(x, *w, y, winner, n);
    return launched("max_pool_forward");
}

int maxPoolBackward(const float* dy, const float* winner, int batch, const deepstep_cuda_window* w, float* dx) {
    const size_t n = imageValues(batch, w);
    maxPoolGradKernel<<<blocksFor(n), kThreads>>>(dy, winner, *w, dx, n);
    return launched("max_pool_backward");
}

int avgPoolForward(const float* x, int batch, const deepstep_cuda_window* w, float* y) {
    const size_t n = poolOutputs(batch, w);
    avgPoolKernel<<<blocksFor(n), kThreads>>>(x, *w, y, n);
    return launched("avg_pool_forward");
}

int avgPoolBackward(const float* dy, int batch, const deepstep_cuda_window* w, float* dx) {
    const size_t n = imageValues(batch, w);
    avgPoolGradKernel<<<blocksFor(n), kThreads>>>(dy, *w, dx, n);
    return launched("avg_pool_backward");
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
    copyOnDevice,
    fill,
    softmaxForward,
    softmaxBackward,
    loss,
    weightDecay,
    im2col,
    col2im,
    swapBlocks,
    maxPoolForward,
    maxPoolBackward,
    avgPoolForward,
    avgPoolBackward,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const deepstep_cuda_backend* deepstep_cuda_backend_table(void) {
    return &table;
}
