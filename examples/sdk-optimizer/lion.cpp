// Lion ("EvoLved Sign Momentum", Chen et al. 2023) as a DeepStep plugin.
//
//   c  = β1·m + (1 − β1)·g          a blend of the old momentum and the new gradient
//   Δw = −η·(sign(c) + λ·w)          every weight moves by exactly η (plus decay)
//   m ← β2·m + (1 − β2)·g            the momentum is updated with a *different* rate
//
// Only the sign of c is used, so Lion's steps do not shrink as gradients do: it usually
// wants a learning rate 3–10× smaller than Adam's.

#include "deepstep/optimizer.hpp"
#include "deepstep/plugin.hpp"
#include "deepstep/registry.hpp"

#include <memory>

using namespace deepstep;

namespace {

class LionOptimizer : public Optimizer {
public:
    LionOptimizer(double learningRate, double beta1, double beta2, double weightDecay)
        : Optimizer(learningRate), beta1_(beta1), beta2_(beta2), weightDecay_(weightDecay) {}

    std::string type() const override { return "lion"; }

protected:
    // Only Δ is computed here; the base class records it (the Studio shows it) and then
    // applies w += Δ to every parameter at once.
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long /*t*/,
                       Tensor& delta) override {
        // State lives in a named slot, so `deepstep` can show and save it.
        Tensor& m = slot(name, "momentum", value.shape());
        const double lr = learningRate();
        for (std::size_t i = 0; i < grad.size(); ++i) {
            const double g = grad[i];
            const double c = beta1_ * m[i] + (1.0 - beta1_) * g;
            const double sign = (c > 0.0) - (c < 0.0);
            delta[i] = static_cast<float>(-lr * (sign + weightDecay_ * value[i]));
            m[i] = static_cast<float>(beta2_ * m[i] + (1.0 - beta2_) * g);
        }
    }

private:
    double beta1_;
    double beta2_;
    double weightDecay_;
};

}  // namespace

// The plugin class: plain C++. DEEPSTEP_PLUGIN below makes it this library's plugin;
// deepstep_add_plugin (CMakeLists.txt) adds the metadata, with the SDK's ABI, and the
// Qt glue the host loads it through.
class LionPlugin : public Plugin {
public:
    // Registers exactly what lion.json "provides"; the host refuses the plugin otherwise.
    void registerComponents(Registry& registry) override {
        // The schema is what the CLI's `describe`, the Studio's editors and the
        // experiment checks use: ranges here become error messages there.
        const Schema schema{
            numberOption("learning_rate", 1e-4, 0.0, 10.0,
                         {"Step size η: every weight moves by exactly η per step (before decay).",
                          "보폭 η: 감쇠를 빼면 모든 가중치가 한 걸음에 정확히 η만큼 움직입니다."}),
            numberOption("beta1", 0.9, 0.0, 1.0,
                         {"β1: how much of the momentum is mixed with the gradient to choose the sign.",
                          "β1: 부호를 정할 때 기울기에 모멘텀을 얼마나 섞을지 정합니다."}),
            numberOption("beta2", 0.99, 0.0, 1.0,
                         {"β2: decay rate of the momentum m itself.", "β2: 모멘텀 m 자체의 감쇠율입니다."}),
            numberOption(
                "weight_decay", 0.0, 0.0, 1.0,
                {"λ: decoupled weight decay, Δw gets −η·λ·w.", "λ: 분리된 가중치 감쇠로, Δw에 −η·λ·w가 더해집니다."}),
        };
        registry.addOptimizer(
            componentInfo(Kind::Optimizer, "lion",
                          {"Lion: w ← w − η·sign(β1·m + (1 − β1)·g); m ← β2·m + (1 − β2)·g.",
                           "Lion: 부호만 쓰는 갱신. w ← w − η·sign(β1·m + (1 − β1)·g); m ← β2·m + (1 − β2)·g."},
                          schema),
            [](const Options& o) {
                return std::make_unique<LionOptimizer>(o.number("learning_rate"), o.number("beta1"),
                                                       o.number("beta2"), o.number("weight_decay"));
            });
    }
};
DEEPSTEP_PLUGIN(LionPlugin);
