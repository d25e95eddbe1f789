#include "deepstep/backprop/activations.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace deepstep::backprop {

namespace {

// o_i = f(z_i) for n values. Raw, non-aliasing pointers let the compiler vectorise
// the loop. The whole-tensor functions and the slice functions (forwardValues) of an
// activation both run it, so they give the same numbers.
template <typename F>
void mapValues(const float* __restrict in, float* __restrict o, std::size_t n, F f) {
    for (std::size_t i = 0; i < n; ++i) {
        o[i] = f(in[i]);
    }
}

// dz_i = da_i · g(z_i, a_i) for an elementwise activation with derivative g.
template <typename G>
void chainValues(const float* __restrict zs, const float* __restrict as, const float* __restrict ds,
                 float* __restrict out, std::size_t n, G g) {
    for (std::size_t i = 0; i < n; ++i) {
        out[i] = ds[i] * g(zs[i], as[i]);
    }
}

template <typename F>
Tensor map(const Tensor& z, F f) {
    Tensor out(z.shape());
    mapValues(z.data(), out.data(), z.size(), f);
    return out;
}

template <typename G>
Tensor chain(const Tensor& z, const Tensor& a, const Tensor& da, G g) {
    Tensor dz(da.shape());
    chainValues(z.data(), a.data(), da.data(), dz.data(), da.size(), g);
    return dz;
}

// The activations' elementwise functions, shared by the tensor and slice paths.
// Lambdas, not functions: passed as a function pointer, the function may stay an
// indirect call per element, which stops the loop from vectorising.
constexpr auto relu = [](float v) { return v > 0.0F ? v : 0.0F; };
constexpr auto sigmoidSlope = [](float /*z*/, float s) { return s * (1.0F - s); };
constexpr auto tanhValue = [](float v) { return std::tanh(v); };
constexpr auto tanhSlope = [](float /*z*/, float t) { return 1.0F - t * t; };

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

bool IdentityActivation::forwardValues(const float* z, float* a, std::size_t n) const {
    std::copy(z, z + n, a);
    return true;
}

bool IdentityActivation::backwardValues(const float* /*z*/, const float* /*a*/, const float* da, float* dz,
                                        std::size_t n) const {
    std::copy(da, da + n, dz);
    return true;
}

Tensor SigmoidActivation::forward(const Tensor& z) const {
    return map(z, [](float v) { return sigmoid(v); });
}

Tensor SigmoidActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    return chain(z, a, da, sigmoidSlope);
}

bool SigmoidActivation::forwardValues(const float* z, float* a, std::size_t n) const {
    mapValues(z, a, n, [](float v) { return sigmoid(v); });
    return true;
}

bool SigmoidActivation::backwardValues(const float* z, const float* a, const float* da, float* dz,
                                       std::size_t n) const {
    chainValues(z, a, da, dz, n, sigmoidSlope);
    return true;
}

Tensor TanhActivation::forward(const Tensor& z) const {
    return map(z, tanhValue);
}

Tensor TanhActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    return chain(z, a, da, tanhSlope);
}

bool TanhActivation::forwardValues(const float* z, float* a, std::size_t n) const {
    mapValues(z, a, n, tanhValue);
    return true;
}

bool TanhActivation::backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const {
    chainValues(z, a, da, dz, n, tanhSlope);
    return true;
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
    forwardValues(z.data(), a.data(), z.size());
}

bool ReluActivation::forwardValues(const float* z, float* a, std::size_t n) const {
    mapValues(z, a, n, relu);
    return true;
}

Tensor ReluActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    Tensor dz;
    backwardInto(z, a, da, dz);
    return dz;
}

void ReluActivation::backwardInto(const Tensor& z, const Tensor& a, const Tensor& da, Tensor& dz) const {
    shapeLike(dz, da.shape());
    backwardValues(z.data(), a.data(), da.data(), dz.data(), da.size());
}

bool ReluActivation::backwardValues(const float* z, const float* /*a*/, const float* da, float* dz,
                                    std::size_t n) const {
    // A select, not a multiply by a branchy 0/1: the signs of z are random, so a
    // branch would be mispredicted half the time; the select vectorises.
    const float* __restrict zs = z;
    const float* __restrict ds = da;
    float* __restrict out = dz;
    for (std::size_t i = 0; i < n; ++i) {
        const float d = ds[i];  // loaded either way, so the select needs no branch
        out[i] = zs[i] > 0.0F ? d : 0.0F;
    }
    return true;
}

namespace {
auto leakyValue(float alpha) {
    return [alpha](float v) { return v > 0.0F ? v : alpha * v; };
}
auto leakySlope(float alpha) {
    return [alpha](float v, float) { return v > 0.0F ? 1.0F : alpha; };
}
auto eluValue(float alpha) {
    return [alpha](float v) { return v > 0.0F ? v : alpha * std::expm1(v); };
}
// For z <= 0, d/dz α(e^z − 1) = αe^z = f(z) + α: no second exp needed.
auto eluSlope(float alpha) {
    return [alpha](float v, float f) { return v > 0.0F ? 1.0F : f + alpha; };
}
}  // namespace

Tensor LeakyReluActivation::forward(const Tensor& z) const {
    return map(z, leakyValue(alpha_));
}

Tensor LeakyReluActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    return chain(z, a, da, leakySlope(alpha_));
}

bool LeakyReluActivation::forwardValues(const float* z, float* a, std::size_t n) const {
    mapValues(z, a, n, leakyValue(alpha_));
    return true;
}

bool LeakyReluActivation::backwardValues(const float* z, const float* a, const float* da, float* dz,
                                         std::size_t n) const {
    chainValues(z, a, da, dz, n, leakySlope(alpha_));
    return true;
}

Tensor EluActivation::forward(const Tensor& z) const {
    return map(z, eluValue(alpha_));
}

Tensor EluActivation::backward(const Tensor& z, const Tensor& a, const Tensor& da) const {
    return chain(z, a, da, eluSlope(alpha_));
}

bool EluActivation::forwardValues(const float* z, float* a, std::size_t n) const {
    mapValues(z, a, n, eluValue(alpha_));
    return true;
}

bool EluActivation::backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const {
    chainValues(z, a, da, dz, n, eluSlope(alpha_));
    return true;
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
