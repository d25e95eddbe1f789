#pragma once
// im2col and col2im: a convolution as one matrix product per group.
//
// im2col unfolds a batch of N images into the matrix the GEMM multiplies. Its layout,
// row-major [groups][patch][N·positions], is what the Studio's im2col view shows:
//   row r = (c, i, j) of the kernel, c counted within the group (r = (c·kh + i)·kw + j),
//   column = (n, y, x) of the output (n·outHeight·outWidth + y·outWidth + x),
//   value = the input pixel under kernel tap (i, j) when the window's corner is at
//   output (y, x): x[n][g·C/groups + c][y·sh − pt + i·dh][x·sw − pl + j·dw], 0 in padding.
// Read column-major, one group's block is the (N·positions) × patch matrix; image n's
// rows of it times the group's filters (patch × filters/groups: PyTorch's weight layout
// read column-major) give that image's outputs, positions × filters/groups
// column-major, which is their place in N·C·H·W.

#include "deepstep/cnn/geometry.hpp"

#include <cstddef>

namespace deepstep::cnn {

/// Floats im2col writes for `batch` images: groups · patch · batch · positions.
std::size_t columnsSize(const Geometry& g, std::size_t batch);

/// Unfolds `batch` images x (N·C·H·W, row-major) into `columns` (layout above).
/// requires: columns holds columnsSize(g, batch) floats.
void im2col(const float* x, std::size_t batch, const Geometry& g, float* columns);

/// The adjoint of im2col: adds every entry of `columns` to the input pixel of dx
/// (N·C·H·W) it came from (entries from padding are dropped).
/// requires: dx holds batch·C·H·W floats, zero for dL/dx (a new Tensor is);
///           columns holds columnsSize(g, batch).
void col2im(const float* columns, std::size_t batch, const Geometry& g, float* dx);

/// im2col for the images [first, last) of the batch x alone: the matrix im2col would
/// write for a batch of just those images (rows of (last − first)·positions), so that a
/// chunk of images is unfolded into a small workspace that stays in the processor's
/// cache. requires: first <= last; x holds at least last images; columns holds
/// columnsSize(g, last − first) floats.
void im2colImages(const float* x, std::size_t first, std::size_t last, const Geometry& g, float* columns);

/// The adjoint of im2colImages: adds the matrix of the images [first, last) into their
/// part of dx (the whole batch's N·C·H·W). requires: as im2colImages, dx as col2im.
void col2imImages(const float* columns, std::size_t first, std::size_t last, const Geometry& g, float* dx);

}  // namespace deepstep::cnn
