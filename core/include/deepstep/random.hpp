#pragma once
// Seeded randomness and weight initialisers.
//
// Every random choice in DeepStep (initial weights, shuffling, dropout masks, data
// generators) draws from an Rng that was given a seed, so a run is reproducible
// bit for bit on the same build.

#include "deepstep/tensor.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace deepstep {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) : engine_(seed) {}
    void seed(std::uint64_t s) { engine_.seed(s); }
    /// Uniform in [lo, hi).
    float uniform(float lo = 0.0F, float hi = 1.0F);
    /// Normal with the given mean and standard deviation.
    float normal(float mean = 0.0F, float stddev = 1.0F);
    /// Uniform integer in [0, n). requires: n > 0.
    std::size_t index(std::size_t n);
    /// A random permutation of 0..n-1.
    std::vector<std::size_t> permutation(std::size_t n);
    /// A new seed drawn from this generator, for a child generator.
    std::uint64_t split() { return engine_(); }
    std::mt19937_64& engine() { return engine_; }

private:
    std::mt19937_64 engine_;
};

/// Weight initialisers. fanIn/fanOut are the number of inputs and outputs of one unit.
namespace init {
void zeros(Tensor& t);
void constant(Tensor& t, float value);
void uniform(Tensor& t, Rng& rng, float lo, float hi);
void normal(Tensor& t, Rng& rng, float mean, float stddev);
/// Xavier/Glorot uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)).
void xavier(Tensor& t, Rng& rng, std::size_t fanIn, std::size_t fanOut);
/// He (Kaiming) normal: N(0, 2 / fanIn).
void he(Tensor& t, Rng& rng, std::size_t fanIn);
/// By name: "zeros", "constant", "uniform", "normal", "xavier", "he".
/// `param` is the constant value, the uniform half-width or the normal stddev.
/// throws std::invalid_argument for an unknown name.
void byName(const std::string& name, Tensor& t, Rng& rng, std::size_t fanIn, std::size_t fanOut, float param = 0.0F);
/// The names byName accepts.
const std::vector<std::string>& names();
}  // namespace init

}  // namespace deepstep
