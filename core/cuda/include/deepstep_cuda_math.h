/* The elementwise formulas of the CUDA backend's activations (deepstep_cuda_abi.h), one
 * definition for the device kernels and for host code that computes the same thing
 * (the stand-in backend of the tests). The parity harness checks both against its own
 * double-precision loops. */
#ifndef DEEPSTEP_CUDA_MATH_H
#define DEEPSTEP_CUDA_MATH_H

#include "deepstep_cuda_abi.h"

#include <math.h>

#ifdef __CUDACC__
#define DEEPSTEP_CUDA_HD __host__ __device__
#else
#define DEEPSTEP_CUDA_HD
#endif

/* a = f(z) */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_activate(int kind, float z) {
    switch (kind) {
        case DEEPSTEP_CUDA_RELU:
            return z > 0.0F ? z : 0.0F;
        case DEEPSTEP_CUDA_SIGMOID:
            return 1.0F / (1.0F + expf(-z));
        case DEEPSTEP_CUDA_TANH:
            return tanhf(z);
        default:
            return z;
    }
}

/* f'(z), from z for ReLU and from a = f(z) for sigmoid and tanh */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_slope(int kind, float z, float a) {
    switch (kind) {
        case DEEPSTEP_CUDA_RELU:
            return z > 0.0F ? 1.0F : 0.0F;
        case DEEPSTEP_CUDA_SIGMOID:
            return a * (1.0F - a);
        case DEEPSTEP_CUDA_TANH:
            return 1.0F - a * a;
        default:
            return 1.0F;
    }
}

/* Softmax of one column of `classes` values, the maximum subtracted first. */
DEEPSTEP_CUDA_HD inline void deepstep_cuda_softmax_column(const float* z, float* p, int classes) {
    float top = z[0];
    for (int k = 1; k < classes; ++k)
        top = fmaxf(top, z[k]);
    float sum = 0.0F;
    for (int k = 0; k < classes; ++k) {
        p[k] = expf(z[k] - top);
        sum += p[k];
    }
    for (int k = 0; k < classes; ++k)
        p[k] /= sum;
}

/* Softmax's vector–Jacobian product for one column: dz = p ⊙ (dp − Σ dp·p). */
DEEPSTEP_CUDA_HD inline void deepstep_cuda_softmax_vjp_column(const float* p, const float* dp, float* dz,
                                                              int classes) {
    float dot = 0.0F;
    for (int k = 0; k < classes; ++k)
        dot += dp[k] * p[k];
    for (int k = 0; k < classes; ++k)
        dz[k] = p[k] * (dp[k] - dot);
}

/* One value's loss ℓ(o, t), in double, for the losses above. */
DEEPSTEP_CUDA_HD inline double deepstep_cuda_loss_value(int kind, double o, double t, double param) {
    switch (kind) {
        case DEEPSTEP_CUDA_MSE:
            return param * (o - t) * (o - t);
        case DEEPSTEP_CUDA_MAE:
            return fabs(o - t);
        case DEEPSTEP_CUDA_BINARY_CROSS_ENTROPY: {
            const double q = fmin(fmax(o, param), 1.0 - param);
            return -(t * log(q) + (1.0 - t) * log(1.0 - q));
        }
        default: /* categorical cross-entropy */
            return t == 0.0 ? 0.0 : -t * log(fmax(o, param));
    }
}

/* ∂ℓ/∂o, in double; fused: o − t (the loss started at the activation's input). */
DEEPSTEP_CUDA_HD inline double deepstep_cuda_loss_slope(int kind, int fused, double o, double t, double param) {
    if (fused) return o - t;
    switch (kind) {
        case DEEPSTEP_CUDA_MSE:
            return 2.0 * param * (o - t);
        case DEEPSTEP_CUDA_MAE:
            return o > t ? 1.0 : (o < t ? -1.0 : 0.0);
        case DEEPSTEP_CUDA_BINARY_CROSS_ENTROPY: {
            const double q = fmin(fmax(o, param), 1.0 - param);
            return (q - t) / (q * (1.0 - q));
        }
        default:
            return -t / fmax(o, param);
    }
}

/* ---- windows (deepstep_cuda_window) ---- */

/* Entry `e` of the im2col matrix of `batch` images: the input value it holds (0 in padding). */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_im2col_entry(const float* x, int batch, const deepstep_cuda_window* w,
                                                         size_t e) {
    const size_t positions = (size_t)w->out_h * w->out_w;
    const size_t columns = positions * batch;
    const int cpg = w->channels / w->groups;
    const size_t patch = (size_t)cpg * w->kernel_h * w->kernel_w;
    const size_t col = e % columns;
    const size_t row = (e / columns) % patch;
    const size_t group = e / (columns * patch);
    const size_t n = col / positions;
    const int oy = (int)((col % positions) / w->out_w);
    const int ox = (int)(col % w->out_w);
    const int j = (int)(row % w->kernel_w);
    const int i = (int)((row / w->kernel_w) % w->kernel_h);
    const int c = (int)(row / ((size_t)w->kernel_w * w->kernel_h)) + (int)group * cpg;
    const int y = oy * w->stride_h - w->pad_top + i * w->dilation_h;
    const int xx = ox * w->stride_w - w->pad_left + j * w->dilation_w;
    if (y < 0 || y >= w->height || xx < 0 || xx >= w->width) return 0.0F;
    return x[((n * w->channels + c) * w->height + y) * w->width + xx];
}

/* Pixel `p` of dx (N·C·H·W) for col2im: the sum of the column entries it gave. */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_col2im_pixel(const float* cols, int batch, const deepstep_cuda_window* w,
                                                         size_t p) {
    const size_t positions = (size_t)w->out_h * w->out_w;
    const size_t columns = positions * batch;
    const int cpg = w->channels / w->groups;
    const size_t patch = (size_t)cpg * w->kernel_h * w->kernel_w;
    const int x = (int)(p % w->width);
    const int y = (int)((p / w->width) % w->height);
    const int c = (int)((p / ((size_t)w->width * w->height)) % w->channels);
    const size_t n = p / ((size_t)w->width * w->height * w->channels);
    const int group = c / cpg;
    const int cl = c % cpg;
    float sum = 0.0F;
    for (int i = 0; i < w->kernel_h; ++i) {
        const int ty = y + w->pad_top - i * w->dilation_h;
        if (ty < 0 || ty % w->stride_h != 0 || ty / w->stride_h >= w->out_h) continue;
        const int oy = ty / w->stride_h;
        for (int j = 0; j < w->kernel_w; ++j) {
            const int tx = x + w->pad_left - j * w->dilation_w;
            if (tx < 0 || tx % w->stride_w != 0 || tx / w->stride_w >= w->out_w) continue;
            const int ox = tx / w->stride_w;
            const size_t row = ((size_t)cl * w->kernel_h + i) * w->kernel_w + j;
            sum += cols[((size_t)group * patch + row) * columns + n * positions + (size_t)oy * w->out_w + ox];
        }
    }
    return sum;
}

/* The first output row (or column) whose window covers input `at`, and one past the last. */
DEEPSTEP_CUDA_HD inline void deepstep_cuda_covering(int at, int pad, int kernel, int stride, int out, int* first,
                                                    int* last) {
    const int lo = at + pad - kernel + 1;
    int f = lo <= 0 ? 0 : (lo + stride - 1) / stride;
    int l = (at + pad) / stride + 1;
    if (at + pad < 0) l = 0;
    if (l > out) l = out;
    *first = f;
    *last = l;
}

/* Output `o` of max pooling: the largest value of its window and the index (y·W + x) of
 * the first one, padding never winning. */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_max_pool(const float* x, const deepstep_cuda_window* w, size_t o,
                                                     float* winner) {
    const int ox = (int)(o % w->out_w);
    const int oy = (int)((o / w->out_w) % w->out_h);
    const size_t plane = o / ((size_t)w->out_w * w->out_h);
    const float* in = x + plane * w->height * w->width;
    float best = 0.0F;
    int at = -1;
    for (int i = 0; i < w->kernel_h; ++i) {
        const int y = oy * w->stride_h - w->pad_top + i;
        if (y < 0 || y >= w->height) continue;
        for (int j = 0; j < w->kernel_w; ++j) {
            const int xx = ox * w->stride_w - w->pad_left + j;
            if (xx < 0 || xx >= w->width) continue;
            const float v = in[y * w->width + xx];
            if (at < 0 || v > best) {
                best = v;
                at = y * w->width + xx;
            }
        }
    }
    *winner = (float)at;
    return best;
}

/* The pooling windows that cover pixel `p` of the input: rows [*y0, *y1), columns
 * [*x0, *x1) of its plane's outputs, which start at *base; *me is its index in the plane. */
DEEPSTEP_CUDA_HD inline void deepstep_cuda_pool_cover(const deepstep_cuda_window* w, size_t p, size_t* base, int* y0,
                                                      int* y1, int* x0, int* x1, int* me) {
    const int x = (int)(p % w->width);
    const int y = (int)((p / w->width) % w->height);
    *base = p / ((size_t)w->width * w->height) * w->out_h * w->out_w;
    deepstep_cuda_covering(y, w->pad_top, w->kernel_h, w->stride_h, w->out_h, y0, y1);
    deepstep_cuda_covering(x, w->pad_left, w->kernel_w, w->stride_w, w->out_w, x0, x1);
    *me = y * w->width + x;
}

/* Pixel `p` of dx for max pooling: the dy of the outputs it won, in output order. */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_max_pool_grad(const float* dy, const float* winner,
                                                          const deepstep_cuda_window* w, size_t p) {
    size_t base;
    int y0, y1, x0, x1, at;
    deepstep_cuda_pool_cover(w, p, &base, &y0, &y1, &x0, &x1, &at);
    const float me = (float)at;
    float sum = 0.0F;
    for (int oy = y0; oy < y1; ++oy)
        for (int ox = x0; ox < x1; ++ox) {
            const size_t o = base + (size_t)oy * w->out_w + ox;
            if (winner[o] == me) sum += dy[o];
        }
    return sum;
}

/* Output `o` of average pooling: the window's sum / (kh·kw), padding as zeros. */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_avg_pool(const float* x, const deepstep_cuda_window* w, size_t o) {
    const int ox = (int)(o % w->out_w);
    const int oy = (int)((o / w->out_w) % w->out_h);
    const size_t plane = o / ((size_t)w->out_w * w->out_h);
    const float* in = x + plane * w->height * w->width;
    float sum = 0.0F;
    for (int i = 0; i < w->kernel_h; ++i) {
        const int y = oy * w->stride_h - w->pad_top + i;
        if (y < 0 || y >= w->height) continue;
        for (int j = 0; j < w->kernel_w; ++j) {
            const int xx = ox * w->stride_w - w->pad_left + j;
            if (xx >= 0 && xx < w->width) sum += in[y * w->width + xx];
        }
    }
    return sum / (float)(w->kernel_h * w->kernel_w);
}

/* Pixel `p` of dx for average pooling: Σ dy / (kh·kw) over the windows covering it. */
DEEPSTEP_CUDA_HD inline float deepstep_cuda_avg_pool_grad(const float* dy, const deepstep_cuda_window* w, size_t p) {
    size_t base;
    int y0, y1, x0, x1, me;
    deepstep_cuda_pool_cover(w, p, &base, &y0, &y1, &x0, &x1, &me);
    float sum = 0.0F;
    for (int oy = y0; oy < y1; ++oy)
        for (int ox = x0; ox < x1; ++ox)
            sum += dy[base + (size_t)oy * w->out_w + ox];
    return sum / (float)(w->kernel_h * w->kernel_w);
}

#endif
