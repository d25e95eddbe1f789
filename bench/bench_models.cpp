// What the bench programs build their networks from: one registry with the backprop and
// CNN lectures' components, and the MLP of MlpConfig as model JSON.
#include "bench.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"

namespace deepstep::bench {

const Registry& benchRegistry() {
    static const Registry r = [] {
        Registry made;
        backprop::registerComponents(made);
        cnn::registerComponents(made);
        return made;
    }();
    return r;
}

Json mlpModelJson(const MlpConfig& config) {
    Json layers = Json::array();
    for (std::size_t l = 1; l < config.layers.size(); ++l) {
        const bool last = l + 1 == config.layers.size();
        layers.push_back({{"type", "dense"},
                          {"name", "dense" + std::to_string(l)},
                          {"units", config.layers[l]},
                          {"activation", last ? "softmax" : "relu"},
                          {"init", "he"}});
    }
    return {{"input", {config.layers.front()}}, {"layers", layers}};
}

}  // namespace deepstep::bench
