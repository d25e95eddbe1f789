#include "input_features.hpp"

#include <cmath>
#include <stdexcept>

namespace deepstep::studio {

const std::vector<InputFeature>& allInputFeatures() {
    static const std::vector<InputFeature> all{
        InputFeature::X1,        InputFeature::X2,    InputFeature::X1Squared, InputFeature::X2Squared,
        InputFeature::X1TimesX2, InputFeature::SinX1, InputFeature::SinX2};
    return all;
}

QString featureKey(InputFeature f) {
    switch (f) {
        case InputFeature::X1:
            return QStringLiteral("x1");
        case InputFeature::X2:
            return QStringLiteral("x2");
        case InputFeature::X1Squared:
            return QStringLiteral("x1^2");
        case InputFeature::X2Squared:
            return QStringLiteral("x2^2");
        case InputFeature::X1TimesX2:
            return QStringLiteral("x1x2");
        case InputFeature::SinX1:
            return QStringLiteral("sin_x1");
        case InputFeature::SinX2:
            return QStringLiteral("sin_x2");
    }
    return {};
}

std::optional<InputFeature> featureFromKey(const QString& key) {
    for (InputFeature f : allInputFeatures()) {
        if (featureKey(f) == key) return f;
    }
    return std::nullopt;
}

QString featureLabel(InputFeature f) {
    switch (f) {
        case InputFeature::X1:
            return QStringLiteral("X₁");
        case InputFeature::X2:
            return QStringLiteral("X₂");
        case InputFeature::X1Squared:
            return QStringLiteral("X₁²");
        case InputFeature::X2Squared:
            return QStringLiteral("X₂²");
        case InputFeature::X1TimesX2:
            return QStringLiteral("X₁X₂");
        case InputFeature::SinX1:
            return QStringLiteral("sin(X₁)");
        case InputFeature::SinX2:
            return QStringLiteral("sin(X₂)");
    }
    return {};
}

float featureValue(InputFeature f, float x1, float x2) {
    switch (f) {
        case InputFeature::X1:
            return x1;
        case InputFeature::X2:
            return x2;
        case InputFeature::X1Squared:
            return x1 * x1;
        case InputFeature::X2Squared:
            return x2 * x2;
        case InputFeature::X1TimesX2:
            return x1 * x2;
        case InputFeature::SinX1:
            return std::sin(x1);
        case InputFeature::SinX2:
            return std::sin(x2);
    }
    return 0.0F;
}

Tensor expandFeatures(const Tensor& points, const std::vector<InputFeature>& features) {
    if (points.rank() != 2 || points.dim(1) != 2) {
        throw std::invalid_argument("expandFeatures: expected N × 2 points, got " + points.shape().str());
    }
    const std::size_t n = points.batch();
    const std::size_t f = features.size();
    if (f == 0) throw std::invalid_argument("expandFeatures: no feature chosen");
    Tensor out(Shape{n, f});
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < f; ++k)
            out[i * f + k] = featureValue(features[k], points[2 * i], points[2 * i + 1]);
    }
    return out;
}

Tensor gridPoints(int size, double lo, double hi) {
    const auto s = static_cast<std::size_t>(std::max(1, size));
    Tensor out(Shape{s * s, 2});
    const double cell = (hi - lo) / static_cast<double>(s);
    for (std::size_t r = 0; r < s; ++r) {
        for (std::size_t c = 0; c < s; ++c) {
            const std::size_t k = r * s + c;
            out[2 * k] = static_cast<float>(lo + (static_cast<double>(c) + 0.5) * cell);
            out[2 * k + 1] = static_cast<float>(hi - (static_cast<double>(r) + 0.5) * cell);
        }
    }
    return out;
}

}  // namespace deepstep::studio
