#pragma once
// Toy datasets for the first lectures: the logic-gate truth tables a single
// perceptron learns (or, for XOR, cannot), and small two-class point clouds in the
// style of TensorFlow Playground (circle, xor_2d, gauss, spiral).
//
// Every dataset is binary: the target is one column holding 0 or 1, and the class
// names say what the numbers mean. Generators are deterministic: the same options
// (seed included) give the same examples, bit for bit, on the same build.
//
// Registered names (Kind::Dataset): and, or, nand, nor, xor, circle, xor_2d, gauss,
// spiral. Their options are listed in each schema (`deepstep describe dataset circle`).

#include "deepstep/dataset.hpp"
#include "deepstep/registry.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace deepstep::toy {

// ---- Truth tables ----

enum class Gate { And, Or, Nand, Nor, Xor };

/// The registry name of a gate: "and", "or", "nand", "nor", "xor".
std::string gateName(Gate gate);
/// The gate's output for inputs a, b. requires: a, b ∈ {0, 1}.
int gateOutput(Gate gate, int a, int b);

/// The truth table of `gate`, repeated `repeat` times.
/// ensures: 4·repeat rows; rows 4k … 4k+3 hold the inputs (0,0), (0,1), (1,0), (1,1)
///          in that order and the target gate(x1, x2); classes {"0", "1"},
///          features {"x1", "x2"}.
/// throws InputError when repeat is 0.
TensorDataset truthTable(Gate gate, std::size_t repeat = 1);

// ---- Playground-style point clouds ----

/// Options shared by the 2-D point clouds.
struct PlaygroundOptions {
    std::size_t samples = 200;  ///< even and >= 2: the two classes get half each
    double noise = 0.0;         ///< percent in [0, 50], as on the playground's slider
    std::uint64_t seed = 0;
};

/// Points live in [-6, 6]² like the playground's canvas (gauss, being Gaussian, may
/// stray a little beyond). Class 0 is "orange" (the playground's −1), class 1 is
/// "blue" (+1). Examples alternate between the classes (0, 1, 0, 1, …), so every
/// prefix is balanced. Noise moves each point by up to ±noise/50 in each coordinate
/// (±1 at 50%, about the gap between the classes), except for gauss (see there).
inline constexpr std::size_t kOrange = 0;
inline constexpr std::size_t kBlue = 1;

/// Radii of the circle dataset before noise: blue points lie within kCircleInner of
/// the origin, orange ones in the ring [kCircleOuterMin, kCircleOuterMax].
inline constexpr float kCircleInner = 2.5F;
inline constexpr float kCircleOuterMin = 3.5F;
inline constexpr float kCircleOuterMax = 5.0F;

/// Blue disc inside an orange ring: a curved border.
TensorDataset circle(const PlaygroundOptions& options);
/// Blue in quadrants I and III, orange in II and IV; before noise each coordinate's
/// magnitude lies in [0.3, 5], away from the axes where the class would be ambiguous.
TensorDataset xor2d(const PlaygroundOptions& options);
/// Two Gaussian blobs, blue around (2, 2) and orange around (−2, −2); noise widens
/// them (variance per coordinate from 0.5 at 0% to 4 at 50%).
TensorDataset gauss(const PlaygroundOptions& options);
/// Two interleaved spiral arms of 1.75 turns; before noise, example k of each class
/// (k = 0 … samples/2 − 1) lies at radius 5·(k + 1)/(samples/2), and blue example k
/// is orange example k turned by half a turn.
TensorDataset spiral(const PlaygroundOptions& options);

/// Each generator throws InputError naming the option ("circle.samples: …") when
/// samples is odd or below 2, or noise lies outside [0, 50].

/// Adds every dataset above to `registry`.
/// throws std::invalid_argument when one of the names is taken already.
void registerComponents(Registry& registry);

}  // namespace deepstep::toy
