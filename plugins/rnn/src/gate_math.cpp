// Compiled with -fno-math-errno (plugins/rnn/CMakeLists.txt), so that g++ may call the
// vector forms of expf and tanhf that glibc declares below (its own header declares
// them only under -ffast-math, which would also change the rest of the arithmetic).
#include "gate_math.hpp"

#include <cmath>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
extern "C" __attribute__((simd("notinbranch"))) float expf(float) noexcept;
extern "C" __attribute__((simd("notinbranch"))) float tanhf(float) noexcept;
#endif

namespace deepstep::rnn {

namespace {

void sigmoidValues(float* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        v[i] = 1.0F / (1.0F + expf(-v[i]));
}

void tanhValues(float* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        v[i] = tanhf(v[i]);
}

}  // namespace

void sigmoidRows(arma::fmat& m, std::size_t first, std::size_t last) {
    for (std::size_t j = 0; j < m.n_cols; ++j)
        sigmoidValues(m.colptr(j) + first, last - first);
}

void tanhRows(arma::fmat& m, std::size_t first, std::size_t last) {
    for (std::size_t j = 0; j < m.n_cols; ++j)
        tanhValues(m.colptr(j) + first, last - first);
}

arma::fmat tanhOf(const arma::fmat& m) {
    arma::fmat out = m;
    tanhValues(out.memptr(), out.n_elem);
    return out;
}

}  // namespace deepstep::rnn
