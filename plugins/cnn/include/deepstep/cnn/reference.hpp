#pragma once
// The convolution by its definition, with loops and nothing else: the independent
// reference the fast im2col + GEMM path is tested against, and the arithmetic the
// Studio's step view writes out for one output.
//
//   y[n][f][oy][ox] = b[f] + Σ_{c, i, j} w[f][c][i][j] · x[n][g·C/G + c][oy·sh − pt + i·dh][ox·sw − pl + j·dw]
//
// where g = f / (filters/G) is the filter's group, c runs over that group's C/G
// channels and input pixels outside the image are 0. Backward, for dL/dy:
//   dL/dw[f][c][i][j] = Σ_{n, oy, ox} dy[n][f][oy][ox] · x[...]   (input correlated with δ)
//   dL/db[f]          = Σ_{n, oy, ox} dy[n][f][oy][ox]
//   dL/dx[...]       += w[f][c][i][j] · dy[n][f][oy][ox]          (δ spread back through the kernel)

#include "deepstep/cnn/geometry.hpp"

namespace deepstep::cnn::reference {

/// The convolution of x (N·C·H·W) with weight [filters, C/groups, kh, kw] plus bias
/// [filters] (none when null), without activation.
/// requires: shapes as stated, matching `g`.
Tensor conv2d(const Tensor& x, const Tensor& weight, const Tensor* bias, const Geometry& g);

struct Conv2dGradients {
    Tensor input;   ///< dL/dx, shaped like x
    Tensor weight;  ///< dL/dw, shaped like the weight
    Tensor bias;    ///< dL/db, [filters]
};

/// The gradients of conv2d for dL/dy `dy` (N·filters·outHeight·outWidth), by scattering
/// every output's gradient back over the inputs and taps it read.
Conv2dGradients conv2dBackward(const Tensor& x, const Tensor& weight, const Tensor& dy, const Geometry& g);


// ---- the further layers, by their definitions ----

/// The transposed convolution of x (N·C·H·W) with weight [C, filters/groups, kh, kw]
/// (PyTorch's ConvTranspose2d layout) plus bias [filters] (none when null), by
/// scattering: y[n][g·F/G + o][iy·sh − pt + i·dh][ix·sw − pl + j·dw] += x[n][c][iy][ix] ·
/// w[c][o][i][j], c in group g; outputs outside the image are dropped.
/// `out` is the output's H×W; `window` gives kernel, stride, padding, dilation.
Tensor convTranspose2d(const Tensor& x, const Tensor& weight, const Tensor* bias, std::size_t groups,
                       const WindowOptions& window, Pair out);

/// Its gradients for dL/dy `dy`, by reading back every product the forward scattered.
Conv2dGradients convTranspose2dBackward(const Tensor& x, const Tensor& weight, const Tensor& dy, std::size_t groups,
                                        const WindowOptions& window);

/// Batch normalisation in training of x (N·C·H·W) per channel, γ and β [C]:
/// y = γ (x − μ) / sqrt(σ² + ε) + β with the biased batch variance.
Tensor batchNorm2d(const Tensor& x, const Tensor& gamma, const Tensor& beta, double epsilon);

struct BatchNormGradients {
    Tensor input;  ///< dL/dx
    Tensor gamma;  ///< dL/dγ [C]
    Tensor beta;   ///< dL/dβ [C]
};

/// Its gradients in training, staged as on paper: through x̂, then σ², then μ.
BatchNormGradients batchNorm2dBackward(const Tensor& x, const Tensor& gamma, const Tensor& dy, double epsilon);

/// Nearest-neighbour upsampling by (sh, sw): y[n][c][i][j] = x[n][c][i / sh][j / sw].
Tensor upsample(const Tensor& x, Pair scale);

}  // namespace deepstep::cnn::reference
