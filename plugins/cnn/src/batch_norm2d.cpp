// batch_norm2d: batch normalisation per channel over N·H·W.
#include "deepstep/cnn/more_layers.hpp"
#include "deepstep/errors.hpp"

#include <cmath>
#include <stdexcept>

namespace deepstep::cnn {

BatchNorm2dLayer::BatchNorm2dLayer(BatchNorm2dOptions options) : options_(options) {
    if (!(options_.momentum >= 0.0F && options_.momentum <= 1.0F)) {
        throw InputError("batch_norm2d.momentum", "expected a number in [0, 1], got " + std::to_string(options_.momentum));
    }
    if (!(options_.epsilon > 0.0F) || !std::isfinite(options_.epsilon)) {
        throw InputError("batch_norm2d.epsilon", "expected a positive number, got " + std::to_string(options_.epsilon));
    }
}

Shape BatchNorm2dLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    if (inputSample.rank() != 3 || inputSample.elements() == 0) {
        throw InputError("batch_norm2d",
                         "expected images N·C·H·W (one sample C×H×W), got samples of shape " + inputSample.str());
    }
    channels_ = inputSample[0];
    plane_ = inputSample[1] * inputSample[2];
    const Shape s{channels_};
    weight_.value = Tensor(s, 1.0F);
    weight_.grad = Tensor(s);
    bias_.value = Tensor(s);
    bias_.grad = Tensor(s);
    runningMean_.value = Tensor(s);
    runningMean_.grad = Tensor(s);
    runningVar_.value = Tensor(s, 1.0F);
    runningVar_.grad = Tensor(s);
    return inputSample;
}

Tensor BatchNorm2dLayer::forward(const Tensor& x, Mode mode) {
    if (x.rank() != 4 || x.batch() == 0 || x.dim(1) != channels_ || x.dim(2) * x.dim(3) != plane_) {
        throw InputError("batch_norm2d", "expected a batch of images with " + std::to_string(channels_) +
                                             " channels of " + std::to_string(plane_) + " pixels, got shape " +
                                             x.shape().str());
    }
    const std::size_t n = x.batch();
    const std::size_t m = n * plane_;  // values per channel
    if (mode == Mode::Train && m < 2) {
        throw InputError("batch_norm2d", "expected more than one value per channel in training (a batch of " +
                                             std::to_string(n) + " with " + std::to_string(plane_) +
                                             " pixels per channel has no variance)");
    }
    lastMode_ = mode;
    batch_ = n;
    mean_ = Tensor(Shape{channels_});
    var_ = Tensor(Shape{channels_});
    invStd_.assign(channels_, 0.0F);
    xhat_ = Tensor(x.shape());
    xhatGradFresh_ = false;
    Tensor y(x.shape());
    const float momentum = options_.momentum;
    for (std::size_t c = 0; c < channels_; ++c) {
        double mean = runningMean_.value[c];
        double var = runningVar_.value[c];
        if (mode == Mode::Train) {
            double sum = 0.0;
            for (std::size_t s = 0; s < n; ++s) {
                const float* p = x.data() + (s * channels_ + c) * plane_;
                for (std::size_t i = 0; i < plane_; ++i) sum += p[i];
            }
            mean = sum / static_cast<double>(m);
            double squares = 0.0;
            for (std::size_t s = 0; s < n; ++s) {
                const float* p = x.data() + (s * channels_ + c) * plane_;
                for (std::size_t i = 0; i < plane_; ++i) squares += (p[i] - mean) * (p[i] - mean);
            }
            var = squares / static_cast<double>(m);
            const double unbiased = squares / static_cast<double>(m - 1);
            runningMean_.value[c] = static_cast<float>(momentum * runningMean_.value[c] + (1.0 - momentum) * mean);
            runningVar_.value[c] = static_cast<float>(momentum * runningVar_.value[c] + (1.0 - momentum) * unbiased);
        }
        mean_[c] = static_cast<float>(mean);
        var_[c] = static_cast<float>(var);
        const double invStd = 1.0 / std::sqrt(var + options_.epsilon);
        invStd_[c] = static_cast<float>(invStd);
        const float gamma = options_.affine ? weight_.value[c] : 1.0F;
        const float beta = options_.affine ? bias_.value[c] : 0.0F;
        for (std::size_t s = 0; s < n; ++s) {
            const std::size_t at = (s * channels_ + c) * plane_;
            for (std::size_t i = 0; i < plane_; ++i) {
                const float h = static_cast<float>((x[at + i] - mean) * invStd);
                xhat_[at + i] = h;
                y[at + i] = gamma * h + beta;
            }
        }
    }
    return y;
}

Tensor BatchNorm2dLayer::backward(const Tensor& dy) {
    if (dy.shape() != xhat_.shape()) {
        throw std::invalid_argument("batch_norm2d: gradient of shape " + dy.shape().str() + " for a result of shape " +
                                    xhat_.shape().str());
    }
    const std::size_t n = batch_;
    const double m = static_cast<double>(n * plane_);
    Tensor dx(dy.shape());
    xhatGrad_ = Tensor(dy.shape());
    for (std::size_t c = 0; c < channels_; ++c) {
        const float gamma = options_.affine ? weight_.value[c] : 1.0F;
        double sumDy = 0.0;
        double sumDyXhat = 0.0;
        for (std::size_t s = 0; s < n; ++s) {
            const std::size_t at = (s * channels_ + c) * plane_;
            for (std::size_t i = 0; i < plane_; ++i) {
                sumDy += dy[at + i];
                sumDyXhat += static_cast<double>(dy[at + i]) * xhat_[at + i];
                xhatGrad_[at + i] = dy[at + i] * gamma;
            }
        }
        if (options_.affine) {
            weight_.grad[c] = static_cast<float>(sumDyXhat);
            bias_.grad[c] = static_cast<float>(sumDy);
        }
        // dx̂ = γ·dy. In training the batch's mean and variance depend on every value of
        // the channel: dx = (dx̂ − mean(dx̂) − x̂ · mean(dx̂ ⊙ x̂)) / σ; in evaluation dx = dx̂ / σ.
        const bool train = lastMode_ == Mode::Train;
        const double meanD = train ? gamma * sumDy / m : 0.0;
        const double meanDX = train ? gamma * sumDyXhat / m : 0.0;
        for (std::size_t s = 0; s < n; ++s) {
            const std::size_t at = (s * channels_ + c) * plane_;
            for (std::size_t i = 0; i < plane_; ++i) {
                dx[at + i] = static_cast<float>((xhatGrad_[at + i] - meanD - xhat_[at + i] * meanDX) * invStd_[c]);
            }
        }
    }
    xhatGradFresh_ = true;
    return dx;
}

std::vector<Parameter*> BatchNorm2dLayer::parameters() {
    if (options_.affine) {
        return {&weight_, &bias_, &runningMean_, &runningVar_};
    }
    return {&runningMean_, &runningVar_};
}

std::vector<Internal> BatchNorm2dLayer::internals() const {
    if (xhat_.empty()) {
        return {};
    }
    return {{"x_hat", &xhat_, xhatGradFresh_ ? &xhatGrad_ : nullptr,
             {"x̂ = (x − mean) / sqrt(var + ε), the normalised input, N·C·H·W",
              "x̂ = (x − 평균) / sqrt(분산 + ε), 정규화한 입력, N·C·H·W"}},
            {"mean", &mean_, nullptr,
             {"per channel, the mean the last pass used: the batch's in training, the running one in evaluation",
              "채널마다 마지막 계산에 쓴 평균: 학습 중에는 배치의 평균, 평가 때는 이동 평균"}},
            {"var", &var_, nullptr,
             {"per channel, the (biased) variance the last pass used: the batch's in training, the running one in "
              "evaluation",
              "채널마다 마지막 계산에 쓴 (편향) 분산: 학습 중에는 배치의 분산, 평가 때는 이동 분산"}}};
}

}  // namespace deepstep::cnn
