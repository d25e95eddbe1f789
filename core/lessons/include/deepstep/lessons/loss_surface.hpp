#pragma once
// Loss surfaces of two variables, and a race of every registered optimizer on one.
//
// The surfaces are the classic test functions of the optimisation lecture: each
// optimizer starts from the same point, gets the exact gradient of the surface at
// every step and moves the point with its own rule, so the trajectories show what
// momentum, per-coordinate scaling and bias correction do on a curved valley, a
// plateau, a saddle and an ill-conditioned bowl.

#include "deepstep/options.hpp"
#include "deepstep/registry.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

struct LossSurface {
    std::string name;  ///< lower_snake_case, e.g. "rosenbrock"
    Text title;        ///< the formula in words, en and ko
    double (*value)(double x, double y) = nullptr;
    /// ensures: (gx, gy) is the exact gradient of value at (x, y).
    void (*gradient)(double x, double y, double& gx, double& gy) = nullptr;
    double startX = 0.0, startY = 0.0;
    /// The global minimum. A surface without one (the saddle) gives its start here,
    /// so that "distance to the minimum" reads as "distance travelled".
    double minX = 0.0, minY = 0.0;
    /// The region worth drawing: it holds the start and the minimum.
    double xMin = 0.0, xMax = 0.0, yMin = 0.0, yMax = 0.0;
    /// A learning rate with which plain SGD makes progress from the start.
    double learningRate = 0.01;
};

/// rosenbrock, beale, saddle and bowl, in that order.
const std::vector<LossSurface>& lossSurfaces();
/// The surface called `name`, or nullptr.
const LossSurface* findLossSurface(const std::string& name);

/// Each value's rank among `values` (how many are smaller), the shading of a map of a
/// surface: by rank, a saddle's negative values and Rosenbrock's steep walls both
/// spread over every shade. Used by the CLI's race map and the Studio's race view.
std::vector<std::size_t> rankOfEach(const std::vector<double>& values);

/// One optimizer's run on a surface.
struct RaceLane {
    std::string optimizer;  ///< registry name
    /// x, y and the surface's value per step, starting with the start point.
    /// A diverged lane ends with the last point that was still finite and in bounds.
    std::vector<std::array<double, 3>> path;
    bool diverged = false;
};

/// Runs every optimizer of `registry` (registry.list(Kind::Optimizer), plugins'
/// included, in that order) that suits a gradient (optimizerSuits; error-driven rules
/// such as Rosenblatt's are left out) for `steps` steps from the surface's start.
/// Each optimizer is built with {"learning_rate": lr} when its schema has that
/// option (lr = learningRate or else surface.learningRate), with its defaults otherwise.
/// A lane stops early, diverged, when the value is not finite or |x| or |y| exceeds 1e6.
/// requires: steps >= 0. throws InputError when an optimizer refuses the rate.
/// ensures: one lane per such optimizer; path.size() == steps + 1 unless diverged.
std::vector<RaceLane> raceOptimizers(const LossSurface& surface, const Registry& registry, int steps,
                                     std::optional<double> learningRate = {});

}  // namespace deepstep
