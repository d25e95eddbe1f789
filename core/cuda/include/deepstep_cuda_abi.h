/* The boundary between DeepStep's core and its CUDA backend (libdeepstep_cuda.so).
 *
 * The core never links CUDA: it loads the backend module with dlopen when a device is
 * listed or chosen, and calls it only through the table below, plain C, so that the
 * module (compiled by nvcc) and the core (compiled by g++ or clang, sanitised or not)
 * share no C++ types. A machine without the module, a driver or a GPU still runs
 * everything on the CPU; the core says why the GPU is not usable.
 *
 * Conventions: every function returns 0 on success or a CUDA error code (see
 * last_error for its text); pointers named d_* are device memory from alloc; matrices
 * are column-major with leading dimensions, as in BLAS; sizes are element counts. */
#ifndef DEEPSTEP_CUDA_ABI_H
#define DEEPSTEP_CUDA_ABI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Raised whenever the table changes; the core refuses a module of another version. */
#define DEEPSTEP_CUDA_ABI_VERSION 2

typedef struct {
    char name[256];
    unsigned long long memory_bytes;
    int major; /* compute capability */
    int minor;
} deepstep_cuda_device;

/* Elementwise activations with a GPU form; their numbers are those of the backprop
 * plugin's activations of the same name. */
enum { DEEPSTEP_CUDA_IDENTITY = 0, DEEPSTEP_CUDA_RELU = 1, DEEPSTEP_CUDA_SIGMOID = 2, DEEPSTEP_CUDA_TANH = 3 };

/* Losses with a GPU form, as the backprop plugin's of the same name. */
enum {
    DEEPSTEP_CUDA_MSE = 0,                      /* param: the factor of (o − t)², 1 or ½ */
    DEEPSTEP_CUDA_MAE = 1,                      /* param unused */
    DEEPSTEP_CUDA_BINARY_CROSS_ENTROPY = 2,     /* param: ε, the clamp of p */
    DEEPSTEP_CUDA_CATEGORICAL_CROSS_ENTROPY = 3 /* param: ε, the floor of p */
};

/* A sliding window on one input image C×H×W (a convolution's or a pooling's), as
 * deepstep/cnn/geometry.hpp works it out; pooling has groups = channels. */
typedef struct {
    int channels, height, width;
    int groups;
    int kernel_h, kernel_w;
    int stride_h, stride_w;
    int pad_top, pad_left;
    int dilation_h, dilation_w;
    int out_h, out_w;
} deepstep_cuda_window;

typedef struct {
    int abi_version;
    /* The devices: fills up to `max` entries and returns how many devices there are,
     * or a negative CUDA error code when none can be counted (its text in
     * last_error). driver_version and runtime_version as CUDA reports them
     * (13000 = 13.0; a driver version of 0 means no driver was found). */
    int (*probe)(deepstep_cuda_device* devices, int max, int* driver_version, int* runtime_version);
    /* The text of the last error on this thread ("" when none). */
    const char* (*last_error)(void);
    /* Makes `device` current on the calling thread and readies cuBLAS there (its
     * math mode the default: fp32 products, no TF32). */
    int (*select)(int device);

    int (*alloc)(float** d_out, size_t count);
    int (*release)(float* d);
    int (*upload)(float* d_dst, const float* src, size_t count);
    int (*download)(float* dst, const float* d_src, size_t count);
    /* Waits for every operation queued so far. */
    int (*synchronize)(void);

    /* C = alpha·op(A)·op(B) + beta·C through cuBLAS (C is m × n). */
    int (*gemm)(int trans_a, int trans_b, int m, int n, int k, float alpha, const float* d_a, int lda,
                const float* d_b, int ldb, float beta, float* d_c, int ldc);
    /* Z (rows × cols, column-major) += b (rows) on every column. */
    int (*add_bias)(float* d_z, const float* d_b, int rows, int cols);
    /* s (rows) = Σ over the columns of M (rows × cols): a bias gradient. */
    int (*row_sums)(const float* d_m, float* d_s, int rows, int cols);
    /* a = f(z) and dz = f'(z)·da for the activations above, over n values. */
    int (*activation_forward)(int kind, const float* d_z, float* d_a, size_t n);
    int (*activation_backward)(int kind, const float* d_z, const float* d_a, const float* d_da, float* d_dz,
                               size_t n);
    /* Softmax over each column of Z (classes × batch) and the mean cross-entropy
     * against one-hot targets T: writes P, dZ = (P − T) / batch, and loss[0]. */
    int (*softmax_cross_entropy)(const float* d_z, const float* d_t, float* d_p, float* d_dz, float* d_loss,
                                 int classes, int batch);
    /* SGD with momentum as the built-in optimizers: v = μ·v − η·g, w += v (μ = 0: plain SGD,
     * v = −η·g whatever v held). */
    int (*sgd_momentum)(float* d_w, float* d_v, const float* d_g, size_t n, float learning_rate, float momentum);

    /* ---- since ABI 2: what whole layers, losses and training steps need ---- */
    /* dst = src on the device, count floats; and every value of d set to `value`. */
    int (*copy)(float* d_dst, const float* d_src, size_t count);
    int (*fill)(float* d, float value, size_t count);
    /* Softmax over each column of Z (classes × batch), the maximum subtracted. */
    int (*softmax_forward)(const float* d_z, float* d_p, int classes, int batch);
    /* dZ = P ⊙ (dP − Σ_k dP_k·P_k) per column: softmax's vector–Jacobian product. */
    int (*softmax_backward)(const float* d_p, const float* d_dp, float* d_dz, int classes, int batch);
    /* A loss of outputs O against targets T, n values each: loss[0] = scale · Σ ℓ(o, t),
     * summed in double in a fixed order; grad = scale · ∂ℓ/∂o, or scale · (o − t) when
     * `fused` (the loss started at a softmax's or sigmoid's input). Either of d_grad
     * and d_loss may be null. */
    int (*loss)(int kind, int fused, const float* d_o, const float* d_t, float* d_grad, float* d_loss, size_t n,
                double scale, float param);
    /* Weight decay of one parameter: g += λ1·sign(w) + λ2·w, and
     * penalty[0] += λ1·Σ|w| + ½·λ2·Σw² (the sum in double, in a fixed order). */
    int (*weight_decay)(const float* d_w, float* d_g, size_t n, double l1, double l2, float* d_penalty);

    /* ---- convolution and pooling (batches of images N·C·H·W, row-major) ---- */
    /* im2col of `batch` images into columns, row-major [groups][patch][batch·positions]
     * (the layout of deepstep/cnn/im2col.hpp; 0 in padding). */
    int (*im2col)(const float* d_x, int batch, const deepstep_cuda_window* w, float* d_columns);
    /* Its adjoint, written (not added): each pixel of dx is the sum of the entries of
     * `columns` it gave, taps in row order. */
    int (*col2im)(const float* d_columns, int batch, const deepstep_cuda_window* w, float* d_dx);
    /* dst[b][a][k] = src[a][b][k] for a × b blocks of `inner` floats. */
    int (*swap_blocks)(const float* d_src, float* d_dst, int a, int b, int inner);
    /* Max pooling per channel, padding never winning; winner[o] = the index (y·W + x)
     * within its plane of the first largest input of output o's window. */
    int (*max_pool_forward)(const float* d_x, int batch, const deepstep_cuda_window* w, float* d_y,
                            float* d_winner);
    /* dx (written): each pixel the sum, in output order, of the dy of the outputs it won. */
    int (*max_pool_backward)(const float* d_dy, const float* d_winner, int batch, const deepstep_cuda_window* w,
                             float* d_dx);
    /* Average pooling per channel, padding counted as zeros: the window's sum / (kh·kw). */
    int (*avg_pool_forward)(const float* d_x, int batch, const deepstep_cuda_window* w, float* d_y);
    int (*avg_pool_backward)(const float* d_dy, int batch, const deepstep_cuda_window* w, float* d_dx);
} deepstep_cuda_backend;

/* The module's one exported symbol. */
const deepstep_cuda_backend* deepstep_cuda_backend_table(void);

#ifdef __cplusplus
}
#endif

#endif
