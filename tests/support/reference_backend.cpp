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
        deepstep_cuda_softmax_column(z + base, p + base, classes);
        for (int k = 0; k < classes; ++k) {
            if (t[base + k] > 0.0F) total -= t[base + k] * std::log(std::fmax(p[base + k], 1e-30F));
            dz[base + k] = (p[base + k] - t[base + k]) / static_cast<float>(batch);
        }
    }
    loss[0] = static_cast<float>(total / batch);
    return 0;
}

int sgdMomentum(float* w, float* v, const float* g, size_t n, float learningRate, float momentum) {
    for (size_t i = 0; i < n; ++i) {
        const float vel = (momentum == 0.0F ? 0.0F : momentum * v[i]) - learningRate * g[i];
        v[i] = vel;
        w[i] += vel;
    }
    return 0;
}

int fill(float* d, float value, size_t n) {
    for (size_t i = 0; i < n; ++i)
        d[i] = value;
    return 0;
}

int softmaxForward(const float* z, float* p, int classes, int batch) {
    for (int col = 0; col < batch; ++col)
        deepstep_cuda_softmax_column(z + static_cast<size_t>(col) * classes, p + static_cast<size_t>(col) * classes,
                                     classes);
    return 0;
}

int softmaxBackward(const float* p, const float* dp, float* dz, int classes, int batch) {
    for (int col = 0; col < batch; ++col) {
        const size_t base = static_cast<size_t>(col) * classes;
        deepstep_cuda_softmax_vjp_column(p + base, dp + base, dz + base, classes);
    }
    return 0;
}

int loss(int kind, int fused, const float* o, const float* t, float* grad, float* value, size_t n, double scale,
         float param) {
    if (value != nullptr) {
        double total = 0.0;
        for (size_t i = 0; i < n; ++i)
            total += deepstep_cuda_loss_value(kind, o[i], t[i], param);
        value[0] = static_cast<float>(total * scale);
    }
    if (grad != nullptr) {
        for (size_t i = 0; i < n; ++i)
            grad[i] = static_cast<float>(scale * deepstep_cuda_loss_slope(kind, fused, o[i], t[i], param));
    }
    return 0;
}

int weightDecay(const float* w, float* g, size_t n, double l1, double l2, float* penalty) {
    double total = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const double v = w[i];
        total += l1 * std::fabs(v) + 0.5 * l2 * v * v;
        const double sign = (v > 0) - (v < 0);
        g[i] += static_cast<float>(l1 * sign + l2 * v);
    }
    penalty[0] += static_cast<float>(total);
    return 0;
}

size_t imageValues(int batch, const deepstep_cuda_window* w) {
    return static_cast<size_t>(batch) * w->channels * w->height * w->width;
}

size_t poolOutputs(int batch, const deepstep_cuda_window* w) {
    return static_cast<size_t>(batch) * w->channels * w->out_h * w->out_w;
}

int im2col(const float* x, int batch, const deepstep_cuda_window* w, float* cols) {
    const size_t n = static_cast<size_t>(w->channels / w->groups) * w->kernel_h * w->kernel_w * w->groups *
                     static_cast<size_t>(w->out_h) * w->out_w * batch;
    for (size_t e = 0; e < n; ++e)
        cols[e] = deepstep_cuda_im2col_entry(x, batch, w, e);
    return 0;
}

int col2im(const float* cols, int batch, const deepstep_cuda_window* w, float* dx) {
    for (size_t p = 0, n = imageValues(batch, w); p < n; ++p)
        dx[p] = deepstep_cuda_col2im_pixel(cols, batch, w, p);
    return 0;
}

int swapBlocks(const float* src, float* dst, int a, int b, int inner) {
    for (size_t i = 0; i < static_cast<size_t>(a); ++i)
        for (size_t j = 0; j < static_cast<size_t>(b); ++j)
            std::memcpy(dst + (j * a + i) * inner, src + (i * b + j) * inner, sizeof(float) * inner);
    return 0;
}

int maxPoolForward(const float* x, int batch, const deepstep_cuda_window* w, float* y, float* winner) {
    for (size_t o = 0, n = poolOutputs(batch, w); o < n; ++o)
        y[o] = deepstep_cuda_max_pool(x, w, o, winner + o);
    return 0;
}

int maxPoolBackward(const float* dy, const float* winner, int batch, const deepstep_cuda_window* w, float* dx) {
    for (size_t p = 0, n = imageValues(batch, w); p < n; ++p)
        dx[p] = deepstep_cuda_max_pool_grad(dy, winner, w, p);
    return 0;
}

int avgPoolForward(const float* x, int batch, const deepstep_cuda_window* w, float* y) {
    for (size_t o = 0, n = poolOutputs(batch, w); o < n; ++o)
        y[o] = deepstep_cuda_avg_pool(x, w, o);
    return 0;
}

int avgPoolBackward(const float* dy, int batch, const deepstep_cuda_window* w, float* dx) {
    for (size_t p = 0, n = imageValues(batch, w); p < n; ++p)
        dx[p] = deepstep_cuda_avg_pool_grad(dy, w, p);
    return 0;
}

const deepstep_cuda_backend table = {
    DEEPSTEP_CUDA_ABI_VERSION, probe, lastErrorText, selectDevice, alloc,     release,
    copy,                      copy,  synchronize,   gemm,         addBias,   rowSums,
    activationForward,         activationBackward,   softmaxCrossEntropy,      sgdMomentum,
    copy, fill, softmaxForward, softmaxBackward, loss, weightDecay,
    im2col, col2im, swapBlocks, maxPoolForward, maxPoolBackward, avgPoolForward, avgPoolBackward,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const deepstep_cuda_backend* deepstep_cuda_backend_table(void) {
    return &table;
}
