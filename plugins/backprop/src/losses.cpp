#include "deepstep/backprop/losses.hpp"

#include "deepstep/errors.hpp"

#include <algorithm>
#include <cmath>

namespace deepstep::backprop {

namespace {

void checkShapes(const std::string& loss, const Tensor& output, const Tensor& target) {
    if (output.shape() != target.shape()) {
        throw InputError(loss, "expected output and target of the same shape, got " + output.shape().str() + " and " +
                                   target.shape().str());
    }
    if (output.batch() == 0) {
        throw InputError(loss, "expected at least one sample, got shape " + output.shape().str());
    }
}

// Sums f(o, t) over every element, in double so that large batches lose no precision,
// then applies the reduction's factor.
template <typename F>
float reduced(double scale, const Tensor& output, const Tensor& target, F f) {
    double total = 0.0;
    for (std::size_t i = 0; i < output.size(); ++i) {
        total += f(static_cast<double>(output[i]), static_cast<double>(target[i]));
    }
    return static_cast<float>(total * scale);
}

template <typename G>
Tensor elementwise(double scale, const Tensor& output, const Tensor& target, G g) {
    Tensor grad(output.shape());
    for (std::size_t i = 0; i < output.size(); ++i) {
        grad[i] = static_cast<float>(scale * g(static_cast<double>(output[i]), static_cast<double>(target[i])));
    }
    return grad;
}

}  // namespace

// ---- mse ----

float MseLoss::value(const Tensor& output, const Tensor& target) const {
    checkShapes("mse", output, target);
    const double factor = half_ ? 0.5 : 1.0;
    return reduced(scale(output), output, target, [factor](double o, double t) { return factor * (o - t) * (o - t); });
}

Tensor MseLoss::gradient(const Tensor& output, const Tensor& target) const {
    checkShapes("mse", output, target);
    const double factor = half_ ? 1.0 : 2.0;
    return elementwise(scale(output), output, target, [factor](double o, double t) { return factor * (o - t); });
}

// ---- mae ----

float MaeLoss::value(const Tensor& output, const Tensor& target) const {
    checkShapes("mae", output, target);
    return reduced(scale(output), output, target, [](double o, double t) { return std::abs(o - t); });
}

Tensor MaeLoss::gradient(const Tensor& output, const Tensor& target) const {
    checkShapes("mae", output, target);
    return elementwise(scale(output), output, target, [](double o, double t) { return o > t ? 1.0 : (o < t ? -1.0 : 0.0); });
}

// ---- binary cross-entropy ----

float BinaryCrossEntropyLoss::value(const Tensor& output, const Tensor& target) const {
    checkShapes("binary_cross_entropy", output, target);
    const double eps = epsilon_;
    return reduced(scale(output), output, target, [eps](double p, double t) {
        const double q = std::clamp(p, eps, 1.0 - eps);
        return -(t * std::log(q) + (1.0 - t) * std::log(1.0 - q));
    });
}

Tensor BinaryCrossEntropyLoss::gradient(const Tensor& output, const Tensor& target) const {
    checkShapes("binary_cross_entropy", output, target);
    const double eps = epsilon_;
    return elementwise(scale(output), output, target, [eps](double p, double t) {
        const double q = std::clamp(p, eps, 1.0 - eps);
        return (q - t) / (q * (1.0 - q));
    });
}

Tensor BinaryCrossEntropyLoss::fusedGradient(const Tensor& output, const Tensor& target) const {
    checkShapes("binary_cross_entropy", output, target);
    return elementwise(scale(output), output, target, [](double p, double t) { return p - t; });
}

// ---- categorical cross-entropy ----

float CategoricalCrossEntropyLoss::value(const Tensor& output, const Tensor& target) const {
    checkShapes("categorical_cross_entropy", output, target);
    const double eps = epsilon_;
    return reduced(scale(output), output, target,
                      [eps](double p, double t) { return t == 0.0 ? 0.0 : -t * std::log(std::max(p, eps)); });
}

Tensor CategoricalCrossEntropyLoss::gradient(const Tensor& output, const Tensor& target) const {
    checkShapes("categorical_cross_entropy", output, target);
    const double eps = epsilon_;
    return elementwise(scale(output), output, target, [eps](double p, double t) { return -t / std::max(p, eps); });
}

Tensor CategoricalCrossEntropyLoss::fusedGradient(const Tensor& output, const Tensor& target) const {
    checkShapes("categorical_cross_entropy", output, target);
    return elementwise(scale(output), output, target, [](double p, double t) { return p - t; });
}

}  // namespace deepstep::backprop
