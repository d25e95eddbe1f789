#include "deepstep/lessons/loss_surface.hpp"

#include "deepstep/errors.hpp"

#include <algorithm>
#include <cmath>

namespace deepstep {

namespace {

// (1 − x)² + 100 (y − x²)²: a curved, narrow valley with its minimum at (1, 1).
double rosenbrock(double x, double y) {
    const double a = 1.0 - x;
    const double b = y - x * x;
    return a * a + 100.0 * b * b;
}
void rosenbrockGradient(double x, double y, double& gx, double& gy) {
    const double b = y - x * x;
    gx = -2.0 * (1.0 - x) - 400.0 * x * b;
    gy = 200.0 * b;
}

// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²: flat regions and steep
// walls, minimum 0 at (3, 0.5).
double beale(double x, double y) {
    const double a = 1.5 - x + x * y;
    const double b = 2.25 - x + x * y * y;
    const double c = 2.625 - x + x * y * y * y;
    return a * a + b * b + c * c;
}
void bealeGradient(double x, double y, double& gx, double& gy) {
    const double a = 1.5 - x + x * y;
    const double b = 2.25 - x + x * y * y;
    const double c = 2.625 - x + x * y * y * y;
    gx = 2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y * y * y - 1.0);
    gy = 2.0 * a * x + 4.0 * b * x * y + 6.0 * c * x * y * y;
}

// x² − y²: the gradient at the start points almost straight at the saddle point, and
// only a tiny y component tells the optimizer which way is down.
double saddle(double x, double y) {
    return x * x - y * y;
}
void saddleGradient(double x, double y, double& gx, double& gy) {
    gx = 2.0 * x;
    gy = -2.0 * y;
}

// ½ (x² + 25 y²): curvature 25 times larger along y than along x, so a rate small
// enough for y crawls along x.
double bowl(double x, double y) {
    return 0.5 * (x * x + 25.0 * y * y);
}
void bowlGradient(double x, double y, double& gx, double& gy) {
    gx = x;
    gy = 25.0 * y;
}

constexpr double kBound = 1e6;

}  // namespace

const std::vector<LossSurface>& lossSurfaces() {
    // The learning rates were chosen so that SGD gets well along in 200 steps:
    // rosenbrock reaches its minimum, the bowl zigzags across its narrow axis. The bowl's
    // rate stays below 1.36 / 25, where Nesterov momentum (0.9) turns unstable.
    static const std::vector<LossSurface> surfaces{
        {"rosenbrock",
         {"Rosenbrock valley (1 - x)^2 + 100 (y - x^2)^2", "로젠브록 골짜기 (1 - x)^2 + 100 (y - x^2)^2"},
         rosenbrock,
         rosenbrockGradient,
         -1.5,
         2.0,
         1.0,
         1.0,
         -2.0,
         2.0,
         -1.0,
         3.0,
         0.002},
        {"beale",
         {"Beale function, flat plateaus and steep walls", "빌(Beale) 함수: 평평한 고원과 가파른 벽"},
         beale,
         bealeGradient,
         1.0,
         1.0,
         3.0,
         0.5,
         -1.0,
         4.0,
         -1.5,
         2.0,
         0.01},
        {"saddle",
         {"Saddle x^2 - y^2 (no minimum: it falls away along y)",
          "안장점 x^2 - y^2 (최솟값 없음: y 방향으로 끝없이 내려갑니다)"},
         saddle,
         saddleGradient,
         -1.0,
         0.001,
         -1.0,
         0.001,
         -2.0,
         2.0,
         -2.0,
         2.0,
         0.05},
        {"bowl",
         {"Ill-conditioned bowl (x^2 + 25 y^2) / 2", "조건수가 나쁜 그릇 (x^2 + 25 y^2) / 2"},
         bowl,
         bowlGradient,
         -4.0,
         1.0,
         0.0,
         0.0,
         -5.0,
         5.0,
         -2.0,
         2.0,
         0.05},
    };
    return surfaces;
}

const LossSurface* findLossSurface(const std::string& name) {
    for (const LossSurface& s : lossSurfaces())
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<RaceLane> raceOptimizers(const LossSurface& surface, const Registry& registry, int steps,
                                     std::optional<double> learningRate) {
    if (steps < 0) throw InputError("steps", "expected a count >= 0, got " + std::to_string(steps));
    const double lr = learningRate.value_or(surface.learningRate);
    std::vector<RaceLane> lanes;
    for (const ComponentInfo* info : registry.list(Kind::Optimizer)) {
        // A surface is a differentiable function: an error-driven rule (Rosenblatt's)
        // would only retrace sgd's path under another name.
        if (!optimizerSuits(*info, LearningSignal::Gradient)) continue;
        Json options = Json::object();
        if (info->schema.find("learning_rate") != nullptr) options["learning_rate"] = lr;
        std::unique_ptr<Optimizer> optimizer = registry.makeOptimizer(info->name, options, "race." + info->name);

        RaceLane lane;
        lane.optimizer = info->name;
        Tensor point(Shape{2},
                     std::vector<float>{static_cast<float>(surface.startX), static_cast<float>(surface.startY)});
        Tensor grad(Shape{2});
        const std::vector<ParamRef> params{{"point", &point, &grad}};
        // The optimizer works in float like every parameter; the surface in double.
        double x = point[0];
        double y = point[1];
        lane.path.push_back({x, y, surface.value(x, y)});
        for (int i = 0; i < steps; ++i) {
            double gx = 0.0;
            double gy = 0.0;
            surface.gradient(x, y, gx, gy);
            grad[0] = static_cast<float>(gx);
            grad[1] = static_cast<float>(gy);
            optimizer->step(params);
            x = point[0];
            y = point[1];
            const double v = surface.value(x, y);
            if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(v) || std::fabs(x) > kBound ||
                std::fabs(y) > kBound) {
                lane.diverged = true;
                break;
            }
            lane.path.push_back({x, y, v});
        }
        lanes.push_back(std::move(lane));
    }
    return lanes;
}

std::vector<std::size_t> rankOfEach(const std::vector<double>& values) {
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::size_t> ranks;
    ranks.reserve(values.size());
    for (double v : values)
        ranks.push_back(static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin()));
    return ranks;
}

}  // namespace deepstep
