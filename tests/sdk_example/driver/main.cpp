// sdk_driver PLUGIN_FOLDER: loads every plugin there and checks the example Lion
// optimizer against two steps computed by hand. Exit code 0 when all is well.
//
// β1 = 0.9, β2 = 0.99, η = 0.1, m starts at 0.
//   step 1, g = (0.5, −2, 0):   c = 0.1·g = (0.05, −0.2, 0)          → Δ = (−0.1, 0.1, 0)
//                               m = 0.01·g = (0.005, −0.02, 0)
//   step 2, g = (−0.01, −1, 1): c = 0.9·m + 0.1·g = (0.0035, −0.118, 0.1) → Δ = (−0.1, 0.1, −0.1)
// The first weight keeps moving down although its gradient turned negative: the sign
// comes from the momentum blend, not from the gradient alone.

#include "deepstep/errors.hpp"
#include "deepstep/plugin_host.hpp"

#include <cmath>
#include <cstdio>
#include <initializer_list>

using namespace deepstep;

namespace {

int failures = 0;

void expect(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "FAIL: %s\n", what);
        ++failures;
    }
}

bool near(const Tensor& t, std::initializer_list<float> want) {
    std::size_t i = 0;
    for (float w : want) {
        if (std::fabs(t[i++] - w) > 1e-6F) {
            return false;
        }
    }
    return i == t.size();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: sdk_driver PLUGIN_FOLDER\n");
        return 2;
    }
    Registry registry;
    PluginHost host(registry);
    host.load({argv[1]});
    for (const PluginStatus& s : host.plugins()) {
        std::printf("%s %s: %s\n", s.name.c_str(), s.loaded ? "loaded" : "refused", s.file.c_str());
        if (!s.loaded) {
            std::printf("  %s\n", s.reason.c_str());
        }
    }
    expect(host.isLoaded("lion"), "the lion plugin loads");
    if (!host.isLoaded("lion")) {
        return 1;
    }
    const ComponentInfo* info = registry.find(Kind::Optimizer, "lion");
    expect(info != nullptr && info->plugin == "lion", "the registry knows optimizer 'lion' from plugin 'lion'");
    expect(info != nullptr && !info->summary.ko.empty(), "the summary has Korean text");

    auto lion = registry.makeOptimizer("lion", Json{{"learning_rate", 0.1}});
    Tensor w(Shape{1, 3}, 0.0F);
    Tensor g(Shape{1, 3}, std::vector<float>{0.5F, -2.0F, 0.0F});
    const ParamRef params[] = {{"dense.weight", &w, &g}};

    lion->step(params);
    expect(near(lion->updates().at(0), {-0.1F, 0.1F, 0.0F}), "step 1 moves each weight by the sign of c");
    expect(near(w, {-0.1F, 0.1F, 0.0F}), "step 1 is applied to the weights");

    g = Tensor(Shape{1, 3}, std::vector<float>{-0.01F, -1.0F, 1.0F});
    lion->step(params);
    expect(near(lion->updates().at(0), {-0.1F, 0.1F, -0.1F}), "step 2 follows the momentum blend");
    expect(lion->stepCount() == 2, "two steps counted");

    // Out-of-range options are refused through the plugin's own schema.
    bool refused = false;
    try {
        registry.makeOptimizer("lion", Json{{"beta1", 1.5}});
    } catch (const InputError&) {
        refused = true;
    }
    expect(refused, "beta1 = 1.5 is refused by the schema");

    if (failures != 0) {
        std::printf("sdk_driver: %d check(s) failed\n", failures);
        return 1;
    }
    std::printf("sdk_driver: all checks passed\n");
    return 0;
}
