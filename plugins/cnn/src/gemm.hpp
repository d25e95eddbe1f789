#pragma once
// The one matrix product of the cnn plugin's layers (conv2d, conv_transpose2d).
#include <armadillo>

#include <cstddef>

namespace deepstep::cnn {

// C (m × n) = op(A) · op(B) + beta·C, column-major with leading dimensions, through
// Armadillo's BLAS binding (the BLAS the dense layer's products run on). The leading
// dimensions let a product read and write a block of rows of a larger matrix in place.
inline void gemm(bool transA, bool transB, std::size_t m, std::size_t n, std::size_t k, const float* a, std::size_t lda,
                 const float* b, std::size_t ldb, float beta, float* c, std::size_t ldc) {
    const auto i = [](std::size_t v) { return static_cast<arma::blas_int>(v); };
    const arma::blas_int bm = i(m), bn = i(n), bk = i(k), blda = i(lda), bldb = i(ldb), bldc = i(ldc);
    const float one = 1.0F;
    arma::blas::gemm<float>(transA ? "T" : "N", transB ? "T" : "N", &bm, &bn, &bk, &one, a, &blda, b, &bldb, &beta, c,
                            &bldc);
}

}  // namespace deepstep::cnn
