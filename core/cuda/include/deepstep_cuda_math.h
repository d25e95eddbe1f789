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

#endif
