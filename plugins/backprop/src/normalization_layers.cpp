// Layers that regularise or normalise rather than transform: dropout, batch_norm.
#include "deepstep/backprop/layers.hpp"

#include "deepstep/errors.hpp"
#include "layer_checks.hpp"

#include <stdexcept>

namespace deepstep::backprop {

// ---- dropout ----

DropoutLayer::DropoutLayer(float rate, std::uint64_t seed) : rate_(rate), seed_(seed), rng_(seed) {
    if (!(rate_ >= 0.0F && rate_ < 1.0F)) {
        throw InputError("dropout.rate", "expected a number in [0, 1), got " + std::to_string(rate_));
    }
}

Shape DropoutLayer::build(const Shape& inputSample, Rng& rng) {
    featuresOf(inputSample, "dropout");
    // Seed 0 asks for a seed from the network, so that two dropout layers in one
    // network do not drop the same positions, and the run still repeats exactly.
    rng_.seed(seed_ != 0 ? seed_ : rng.split());
    return inputSample;
}

Tensor DropoutLayer::forward(const Tensor& x, Mode mode) {
    if (mode == Mode::Eval) {
        mask_ = Tensor();
        return x;
    }
    mask_ = Tensor(x.shape());
    const float keep = 1.0F / (1.0F - rate_);
    for (float& m : mask_.values()) {
        m = rng_.uniform() >= rate_ ? keep : 0.0F;
    }
    return x.hadamard(mask_);
}

std::vector<Internal> DropoutLayer::internals() const {
    if (mask_.empty()) {
        return {};
    }
    return {Internal{"mask", &mask_, nullptr,
                     {"which inputs were kept: 0 (dropped) or 1/(1 − rate) (kept, scaled)",
                      "남긴 입력: 0(버림) 또는 1/(1 − rate)(남기고 키움)"}}};
}

Tensor DropoutLayer::backward(const Tensor& dy) {
    if (mask_.empty()) {
        return dy;
    }
    if (dy.shape() != mask_.shape()) {
        throw std::invalid_argument("dropout: gradient of shape " + dy.shape().str() + " for a result of shape " +
                                    mask_.shape().str());
    }
    return dy.hadamard(mask_);
}

// ---- standardize ----

StandardizeLayer::StandardizeLayer(float mean, float std) : mean_(mean), std_(std) {
    if (!std::isfinite(mean_)) {
        throw InputError("standardize.mean", "expected a finite number, got " + std::to_string(mean_));
    }
    if (!(std_ > 0.0F) || !std::isfinite(std_)) {
        throw InputError("standardize.std", "expected a positive number, got " + std::to_string(std_));
    }
}

Shape StandardizeLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    featuresOf(inputSample, "standardize");
    output_ = inputSample;
    return inputSample;
}

Tensor StandardizeLayer::forward(const Tensor& x, Mode /*mode*/) {
    Tensor y(x.shape());
    const float scale = 1.0F / std_;
    const float* in = x.data();
    float* out = y.data();
    for (std::size_t i = 0; i < x.size(); ++i) {
        out[i] = (in[i] - mean_) * scale;
    }
    return y;
}

Tensor StandardizeLayer::backward(const Tensor& dy) {
    return dy * (1.0F / std_);
}

void StandardizeLayer::backwardParameters(const Tensor& /*dy*/) {}

// ---- batch_norm ----

BatchNormLayer::BatchNormLayer(float momentum, float epsilon) : momentum_(momentum), epsilon_(epsilon) {
    if (!(momentum_ >= 0.0F && momentum_ <= 1.0F)) {
        throw InputError("batch_norm.momentum", "expected a number in [0, 1], got " + std::to_string(momentum_));
    }
    if (!(epsilon_ > 0.0F)) {
        throw InputError("batch_norm.epsilon", "expected a positive number, got " + std::to_string(epsilon_));
    }
}

Shape BatchNormLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    features_ = featuresOf(inputSample, "batch_norm");
    const Shape s{features_};
    gamma_.value = Tensor(s, 1.0F);
    gamma_.grad = Tensor(s);
    beta_.value = Tensor(s);
    beta_.grad = Tensor(s);
    runningMean_.value = Tensor(s);
    runningMean_.grad = Tensor(s);
    runningVar_.value = Tensor(s, 1.0F);
    runningVar_.grad = Tensor(s);
    return inputSample;
}

Tensor BatchNormLayer::forward(const Tensor& x, Mode mode) {
    if (x.rank() < 2 || x.batch() == 0 || x.sampleSize() != features_) {
        throw InputError("batch_norm", "expected a batch of samples with " + std::to_string(features_) +
                                           " features each, got shape " + x.shape().str());
    }
    lastMode_ = mode;
    inputShape_ = x.shape();
    const arma::fmat xc = x.columns();  // F × N
    arma::fvec runMean(runningMean_.value.data(), features_, false, true);
    arma::fvec runVar(runningVar_.value.data(), features_, false, true);

    arma::fvec mean;
    arma::fvec var;
    if (mode == Mode::Train) {
        mean = arma::mean(xc, 1);
        const arma::fmat centred = xc.each_col() - mean;
        var = arma::mean(centred % centred, 1);
        runMean = momentum_ * runMean + (1.0F - momentum_) * mean;
        runVar = momentum_ * runVar + (1.0F - momentum_) * var;
    } else {
        mean = runMean;
        var = runVar;
    }
    invStd_ = 1.0F / arma::sqrt(var + epsilon_);
    xhat_ = xc.each_col() - mean;
    xhat_.each_col() %= invStd_;

    const arma::fvec gamma(gamma_.value.data(), features_, false, true);
    const arma::fvec beta(beta_.value.data(), features_, false, true);
    Tensor y(x.shape());
    arma::fmat yc = y.columns();
    yc = xhat_.each_col() % gamma;
    yc.each_col() += beta;
    return y;
}

Tensor BatchNormLayer::backward(const Tensor& dy) {
    if (dy.shape() != inputShape_) {
        throw std::invalid_argument("batch_norm: gradient of shape " + dy.shape().str() + " for a result of shape " +
                                    inputShape_.str());
    }
    const arma::fmat dyc = dy.columns();
    arma::fvec gradGamma(gamma_.grad.data(), features_, false, true);
    arma::fvec gradBeta(beta_.grad.data(), features_, false, true);
    gradGamma = arma::sum(dyc % xhat_, 1);
    gradBeta = arma::sum(dyc, 1);

    const arma::fvec gamma(gamma_.value.data(), features_, false, true);
    arma::fmat dxhat = dyc.each_col() % gamma;
    Tensor dx(inputShape_);
    arma::fmat dxc = dx.columns();
    if (lastMode_ == Mode::Train) {
        // The batch mean and variance depend on every sample, which adds the two
        // correction terms: dx = (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂)) / σ.
        const arma::fvec meanDxhat = arma::mean(dxhat, 1);
        const arma::fvec meanDxhatXhat = arma::mean(dxhat % xhat_, 1);
        dxhat.each_col() -= meanDxhat;
        dxhat -= xhat_.each_col() % meanDxhatXhat;
    }
    dxhat.each_col() %= invStd_;
    dxc = dxhat;
    return dx;
}

}  // namespace deepstep::backprop
