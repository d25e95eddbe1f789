#pragma once
// The input features the playground can feed the network, computed from a point
// (x1, x2): x1, x2, x1², x2², x1·x2, sin x1, sin x2. Feature expansion lets a
// linear model draw a circle (x1² + x2²) — one of the playground's lessons.

#include "deepstep/tensor.hpp"

#include <QString>

#include <optional>
#include <vector>

namespace deepstep::studio {

enum class InputFeature { X1, X2, X1Squared, X2Squared, X1TimesX2, SinX1, SinX2 };

/// Every feature, in display order.
const std::vector<InputFeature>& allInputFeatures();
/// Stable key used by the API and saved settings: "x1", "x2", "x1^2", "x2^2", "x1x2",
/// "sin_x1", "sin_x2".
QString featureKey(InputFeature f);
std::optional<InputFeature> featureFromKey(const QString& key);
/// Mathematical label shown on screen, e.g. "X₁²", "sin(X₁)" (the same in every language).
QString featureLabel(InputFeature f);
float featureValue(InputFeature f, float x1, float x2);

/// N × features tensor from N × 2 points. requires: points is N × 2, at least one
/// feature (throws std::invalid_argument otherwise).
Tensor expandFeatures(const Tensor& points, const std::vector<InputFeature>& features);
/// size² × 2 points at the cell centres of a size × size grid over [lo, hi]², row by
/// row from the top (x2 = hi) and left to right (x1 = lo first).
Tensor gridPoints(int size, double lo, double hi);

}  // namespace deepstep::studio
