#include "deepstep/backprop/activations.hpp"

#include <algorithm>
#include <sstream>
#include <cmath>

namespace deepstep::backprop {

namespace {

// Applies f to every element of z.
template <typename F>
Tensor map(const Tensor& z, F f) {
    Tensor out(z.shape());
    // Raw, non-aliasing pointers let the compiler vectorise the loop.
    const float* __restrict in = z.data();
    float* __restrict o = out.data();
    const std::size_t n = z.size();
    for (std::size_t i = 0; i < n; ++i) {
        o[i] = f(in[i]);
    }
    return out;
}

// dz_i = da_i · g(z_i, a_i) for an elementwise activation with derivative g.
template <typename G>
Tensor chain(const Tensor& z, const Tensor& a, const Tensor& da, G g) {
    Tensor dz(da.shape());
    const float* __restrict zs = z.data();
    const float* __restrict as = a.data();
    const float* __restrict ds = da.data();
    float* __restrict out = dz.data();
    const std::size_t n = da.size();
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = ds[i] * g(zs[i], as[i]);
    }
    return dz;
}

float sigmoid(float z) {
    // Two branches so that exp never overflows for large |z|.
    if (z >= 0.0F) {
        return 1.0F / (1.0F + std::exp(-z));
    }
    const float e = std::exp(z);
    return e / (1.0F + e);
}

}  // namespace

Tensor IdentityActivation::forward(const Tensor& z) const {
    return z;
}

Tensor IdentityActivation::backward(const Tensor& /*z*/, const Tensor& /*a*/, const Tensor& da) const {
    return da;
}

Tensor SigmoidActivation::forward(const Tensor& z) const {
    return map(z, sigmoid);
}

Tensor SigmoidActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    return chain(z, a, da, [](float, float s) { return s * (1.0F - s); });
}

Tensor TanhActivation::forward(const Tensor& z) const {
    return map(z, [](float v) { return std::tanh(v); });
}

Tensor TanhActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    return chain(z, a, da, [](float, float t) { return 1.0F - t * t; });
}

namespace {
// Gives `t` the shape `shape`, keeping its memory when it has it already; the
// contents are left as they are, for the caller to overwrite.
void shapeLike(Tensor& t, const Shape& shape) {
    if (t.shape() != shape) {
        t = Tensor(shape);
    }
}
}  // namespace

Tensor ReluActivation::forward(const Tensor& z) const {
    Tensor a;
    forwardInto(z, a);
    return a;
}

void ReluActivation::forwardInto(const Tensor& z, Tensor& a) const {
    shapeLike(a, z.shape());
    const float* __restrict in = z.data();
    float* __restrict out = a.data();
    const std::size_t n = z.size();
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = in[i] > 0.0F ? in[i] : 0.0F;
    }
}

Tensor ReluActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    Tensor dz;
    backwardInto(z, a, da, dz);
    return dz;
}

void ReluActivation::backwardInto(const Tensor& z, const Tensor& /*a*/, const Tensor& da, Tensor& dz) const {
    // A select, not a multiply by a branchy 0/1: the signs of z are random, so a
    // branch would be mispredicted half the time; the select vectorises.
    shapeLike(dz, da.shape());
    const float* __restrict zs = z.data();
    const float* __restrict ds = da.data();
    float* __restrict out = dz.data();
    const std::size_t n = da.size();
    for (std::size_t i = 0; i < n; ++i) {
        const float d = ds[i];  // loaded either way, so the select needs no branch
        out[i] = zs[i] > 0.0F ? d : 0.0F;
    }
}

Tensor LeakyReluActivation::forward(const Tensor& z) const {
    const float alpha = alpha_;
    return map(z, [alpha](float v) { return v > 0.0F ? v : alpha * v; });
}

Tensor LeakyReluActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    const float alpha = alpha_;
    return chain(z, a, da, [alpha](float v, float) { return v > 0.0F ? 1.0F : alpha; });
}

Tensor EluActivation::forward(const Tensor& z) const {
    const float alpha = alpha_;
    return map(z, [alpha](float v) { return v > 0.0F ? v : alpha * std::expm1(v); });
}

Tensor EluActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    const float alpha = alpha_;
    // For z <= 0, d/dz α(e^z − 1) = αe^z = f(z) + α: no second exp needed.
    return chain(z, a, da, [alpha](float v, float f) { return v > 0.0F ? 1.0F : f + alpha; });
}

Tensor SoftmaxActivation::forward(const Tensor& z) const {
    Tensor a;
    forwardInto(z, a);
    return a;
}

void SoftmaxActivation::forwardInto(const Tensor& z, Tensor& a) const {
    shapeLike(a, z.shape());
    const std::size_t n = z.batch();
    const std::size_t k = z.sampleSize();
    for (std::size_t r = 0; r < n; ++r) {
        const float* in = z.data() + r * k;
        float* out = a.data() + r * k;
        // Shifting by the row maximum leaves softmax unchanged and keeps exp <= 1.
        const float peak = *std::max_element(in, in + k);
        double total = 0.0;
        for (std::size_t j = 0; j < k; ++j) {
            out[j] = std::exp(in[j] - peak);
            total += out[j];
        }
        for (std::size_t j = 0; j < k; ++j) {
            out[j] = static_cast<float>(out[j] / total);
        }
    }
}

Tensor SoftmaxActivation::backward(const Tensor& /*z*/, const Tensor& a, const Tensor& da) const {
    Tensor dz(da.shape());
    const std::size_t n = a.batch();
    const std::size_t k = a.sampleSize();
    for (std::size_t r = 0; r < n; ++r) {
        const float* p = a.data() + r * k;
        const float* g = da.data() + r * k;
        float* out = dz.data() + r * k;
        double dot = 0.0;
        for (std::size_t j = 0; j < k; ++j) {
            dot += static_cast<double>(p[j]) * g[j];
        }
        for (std::size_t j = 0; j < k; ++j) {
            out[j] = static_cast<float>(p[j] * (g[j] - dot));
        }
    }
    return dz;
}

namespace {
std::string shortNumber(double v) {
    std::ostringstream os;
    os.precision(4);
    os << v;
    return os.str();
}
}  // namespace

std::string LeakyReluActivation::derivativeFormula(double z) const {
    return z > 0 ? "1 (z > 0)" : shortNumber(alpha_) + " (z ≤ 0)";
}

std::string EluActivation::derivativeFormula(double z) const {
    return z > 0 ? "1 (z > 0)" : "a + " + shortNumber(alpha_) + " (z ≤ 0)";
}

}  // namespace deepstep::backprop
