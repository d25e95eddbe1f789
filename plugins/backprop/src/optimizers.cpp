#include "deepstep/backprop/optimizers.hpp"

#include <cmath>

namespace deepstep::backprop {

// The adaptive rules work element by element in double and store float, so the
// numbers match a hand computation to float precision. SGD and momentum, the two
// that train the big real-data labs, compute in float over raw pointers so that the
// loop vectorises: one multiply-add per weight does not change by a float rounding
// in any way a student could see, and it was a tenth of an MNIST epoch in double.

namespace {

// One pass of SGD over n weights: Δ = −η g, written to d when kShow and added to w
// when kApply. computeUpdate and updateInPlace share it, so both give the same floats.
template <bool kShow, bool kApply>
void sgdPass(float lr, const float* __restrict g, float* __restrict d, float* __restrict w, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float step = -lr * g[i];
        if constexpr (kShow) {
            d[i] = step;
        }
        if constexpr (kApply) {
            w[i] += step;
        }
    }
}

// One pass of momentum: v ← μ v − η g, Δ = v.
template <bool kShow, bool kApply>
void momentumPass(float lr, float mu, float* __restrict v, const float* __restrict g, float* __restrict d,
                  float* __restrict w, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const float vel = mu * v[i] - lr * g[i];
        v[i] = vel;
        if constexpr (kShow) {
            d[i] = vel;
        }
        if constexpr (kApply) {
            w[i] += vel;
        }
    }
}

}  // namespace

void SgdOptimizer::computeUpdate(const std::string& /*name*/, const Tensor& /*value*/, const Tensor& grad,
                                 long long /*t*/, Tensor& delta) {
    sgdPass<true, false>(static_cast<float>(learningRate()), grad.data(), delta.data(), nullptr, grad.size());
}

bool SgdOptimizer::updateInPlace(const std::string& /*name*/, Tensor& value, const Tensor& grad, long long /*t*/,
                                 Tensor* delta) {
    const auto lr = static_cast<float>(learningRate());
    if (delta != nullptr) {
        sgdPass<true, true>(lr, grad.data(), delta->data(), value.data(), grad.size());
    } else {
        sgdPass<false, true>(lr, grad.data(), nullptr, value.data(), grad.size());
    }
    return true;
}

void MomentumOptimizer::computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long /*t*/,
                                      Tensor& delta) {
    Tensor& v = slot(name, "velocity", value.shape());
    momentumPass<true, false>(static_cast<float>(learningRate()), static_cast<float>(momentum_), v.data(),
                              grad.data(), delta.data(), nullptr, grad.size());
}

bool MomentumOptimizer::updateInPlace(const std::string& name, Tensor& value, const Tensor& grad, long long /*t*/,
                                      Tensor* delta) {
    Tensor& v = slot(name, "velocity", value.shape());
    const auto lr = static_cast<float>(learningRate());
    const auto mu = static_cast<float>(momentum_);
    if (delta != nullptr) {
        momentumPass<true, true>(lr, mu, v.data(), grad.data(), delta->data(), value.data(), grad.size());
    } else {
        momentumPass<false, true>(lr, mu, v.data(), grad.data(), nullptr, value.data(), grad.size());
    }
    return true;
}

void NesterovOptimizer::computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long /*t*/,
                                      Tensor& delta) {
    const double lr = learningRate();
    Tensor& v = slot(name, "velocity", value.shape());
    for (std::size_t i = 0; i < grad.size(); ++i) {
        const double vel = momentum_ * v[i] - lr * grad[i];
        v[i] = static_cast<float>(vel);
        delta[i] = static_cast<float>(momentum_ * vel - lr * grad[i]);
    }
}

void AdaGradOptimizer::computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long /*t*/,
                                     Tensor& delta) {
    const double lr = learningRate();
    Tensor& h = slot(name, "h", value.shape());
    for (std::size_t i = 0; i < grad.size(); ++i) {
        const double g = grad[i];
        const double acc = h[i] + g * g;
        h[i] = static_cast<float>(acc);
        delta[i] = static_cast<float>(-lr * g / (std::sqrt(acc) + epsilon_));
    }
}

void RmsPropOptimizer::computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long /*t*/,
                                     Tensor& delta) {
    const double lr = learningRate();
    Tensor& h = slot(name, "h", value.shape());
    for (std::size_t i = 0; i < grad.size(); ++i) {
        const double g = grad[i];
        const double acc = rho_ * h[i] + (1.0 - rho_) * g * g;
        h[i] = static_cast<float>(acc);
        delta[i] = static_cast<float>(-lr * g / (std::sqrt(acc) + epsilon_));
    }
}

void AdamOptimizer::computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                                  Tensor& delta) {
    const double lr = learningRate();
    Tensor& m = slot(name, "m", value.shape());
    Tensor& v = slot(name, "v", value.shape());
    const double correction1 = 1.0 - std::pow(beta1_, static_cast<double>(t));
    const double correction2 = 1.0 - std::pow(beta2_, static_cast<double>(t));
    for (std::size_t i = 0; i < grad.size(); ++i) {
        const double g = grad[i];
        const double mi = beta1_ * m[i] + (1.0 - beta1_) * g;
        const double vi = beta2_ * v[i] + (1.0 - beta2_) * g * g;
        m[i] = static_cast<float>(mi);
        v[i] = static_cast<float>(vi);
        delta[i] = static_cast<float>(-lr * (mi / correction1) / (std::sqrt(vi / correction2) + epsilon_));
    }
}

}  // namespace deepstep::backprop
