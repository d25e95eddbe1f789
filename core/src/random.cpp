#include "deepstep/random.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

namespace deepstep {

// Distributions are hand-rolled over the raw 64-bit engine: the standard library's
// distributions may differ between implementations, and we promise the same
// weights for the same seed everywhere.
float Rng::uniform(float lo, float hi) {
    const double u = static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0);  // [0, 1)
    const auto v = static_cast<float>(lo + (hi - lo) * u);
    // Rounding to float can land exactly on hi (u within 2^-25 of 1 for [0, 1)); the
    // interval is half-open, so such a draw becomes the largest float below hi.
    return v < hi ? v : std::nextafter(hi, lo);
}

float Rng::normal(float mean, float stddev) {
    // Box–Muller; u1 in (0, 1] so the log is finite.
    const double u1 = 1.0 - static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0);
    const double u2 = static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0);
    const double r = std::sqrt(-2.0 * std::log(u1));
    return static_cast<float>(mean + stddev * r * std::cos(2.0 * std::numbers::pi * u2));
}

std::size_t Rng::index(std::size_t n) {
    if (n == 0) {
        throw std::invalid_argument("Rng::index: n must be positive");
    }
    // Rejection sampling avoids modulo bias.
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x = engine_();
    while (x >= limit) {
        x = engine_();
    }
    return static_cast<std::size_t>(x % n);
}

std::vector<std::size_t> Rng::permutation(std::size_t n) {
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) {
        std::swap(p[i - 1], p[index(i)]);
    }
    return p;
}

namespace init {

void zeros(Tensor& t) {
    t.fill(0.0F);
}
void constant(Tensor& t, float value) {
    t.fill(value);
}

void uniform(Tensor& t, Rng& rng, float lo, float hi) {
    for (float& v : t.values()) {
        v = rng.uniform(lo, hi);
    }
}

void normal(Tensor& t, Rng& rng, float mean, float stddev) {
    for (float& v : t.values()) {
        v = rng.normal(mean, stddev);
    }
}

void xavier(Tensor& t, Rng& rng, std::size_t fanIn, std::size_t fanOut) {
    const auto a = static_cast<float>(std::sqrt(6.0 / static_cast<double>(std::max<std::size_t>(1, fanIn + fanOut))));
    uniform(t, rng, -a, a);
}

void he(Tensor& t, Rng& rng, std::size_t fanIn) {
    normal(t, rng, 0.0F, static_cast<float>(std::sqrt(2.0 / static_cast<double>(std::max<std::size_t>(1, fanIn)))));
}

const std::vector<std::string>& names() {
    static const std::vector<std::string> n{"zeros", "constant", "uniform", "normal", "xavier", "he"};
    return n;
}

void byName(const std::string& name, Tensor& t, Rng& rng, std::size_t fanIn, std::size_t fanOut, float param) {
    if (name == "zeros") {
        zeros(t);
    } else if (name == "constant") {
        constant(t, param);
    } else if (name == "uniform") {
        uniform(t, rng, -param, param);
    } else if (name == "normal") {
        normal(t, rng, 0.0F, param);
    } else if (name == "xavier") {
        xavier(t, rng, fanIn, fanOut);
    } else if (name == "he") {
        he(t, rng, fanIn);
    } else {
        throw std::invalid_argument("unknown initialiser \"" + name + "\"");
    }
}

}  // namespace init
}  // namespace deepstep
