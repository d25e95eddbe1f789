#include "deepstep/optimizer.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/gpu_forms.hpp"

#include <stdexcept>

namespace deepstep {

namespace {
Json tensorJson(const Tensor& t) {
    return Json{{"shape", t.shape().dims()}, {"data", std::vector<float>(t.values().begin(), t.values().end())}};
}

Tensor tensorFromJson(const Json& j) {
    return Tensor(Shape(j.at("shape").get<std::vector<std::size_t>>()), j.at("data").get<std::vector<float>>());
}
}  // namespace

void Optimizer::step(std::span<const ParamRef> params, bool keepUpdates) {
    const long long t = steps_ + 1;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const ParamRef& p = params[i];
        for (std::size_t j = 0; j < i; ++j) {
            if (params[j].name == p.name) {
                throw std::invalid_argument("Optimizer::step: parameter \"" + p.name + "\" given twice");
            }
        }
        if (p.grad->shape() != p.value->shape()) {
            throw std::invalid_argument("Optimizer::step: gradient of \"" + p.name + "\" has shape " +
                                        p.grad->shape().str() + ", value " + p.value->shape().str());
        }
    }
    // The update tensors are kept from step to step: allocating a network's worth of
    // memory every iteration costs more than the small layers' arithmetic.
    updates_.resize(params.size());
    bool anyInPlace = false;
    pending_.clear();
    for (std::size_t i = 0; i < params.size(); ++i) {
        const ParamRef& p = params[i];
        Tensor& delta = updates_[i];
        Tensor* shown = nullptr;
        if (keepUpdates) {
            if (delta.shape() != p.value->shape()) {
                delta = Tensor(p.value->shape());
            }
            shown = &delta;
        }
        if (updateInPlace(p.name, *p.value, *p.grad, t, shown)) {
            anyInPlace = true;
            continue;
        }
        if (delta.shape() != p.value->shape()) {
            delta = Tensor(p.value->shape(), 0.0F);
        } else {
            delta.fill(0.0F);
        }
        computeUpdate(p.name, *p.value, *p.grad, t, delta);
        pending_.push_back(i);
    }
    // Apply only once every update is known, so that an optimizer that looks at
    // several parameters never sees a half-updated network.
    for (const std::size_t i : pending_) {
        *params[i].value += updates_[i];
    }
    // Parameters updated in place without a Δ leave a stale one behind: then none
    // is shown, rather than last step's passing for this one's.
    updatesKept_ = keepUpdates || !anyInPlace;
    steps_ = t;
}

bool Optimizer::updateInPlace(const std::string& /*name*/, Tensor& /*value*/, const Tensor& /*grad*/, long long /*t*/,
                              Tensor* /*delta*/) {
    return false;
}

Tensor& Optimizer::slot(const std::string& param, const std::string& slotName, const Shape& shape) {
    auto& slots = state_[param];
    auto it = slots.find(slotName);
    if (it == slots.end()) {
        it = slots.emplace(slotName, Tensor(shape, 0.0F)).first;
    }
    return it->second;
}

Json Optimizer::inspect() const {
    Json j = Json::object();
    j["step"] = steps_;
    j["learning_rate"] = learningRate_;
    Json params = Json::object();
    for (const auto& [param, slots] : state_) {
        Json s = Json::object();
        for (const auto& [name, t] : slots) {
            s[name] = tensorJson(t);
        }
        params[param] = std::move(s);
    }
    j["parameters"] = std::move(params);
    return j;
}

Json Optimizer::saveState() const {
    Json j = inspect();
    j["type"] = type();
    return j;
}

void Optimizer::loadState(const Json& state) {
    try {
        if (state.contains("type") && state.at("type").get<std::string>() != type()) {
            throw InputError("optimizer.type", "expected \"" + type() + "\", got " + describeJson(state.at("type")));
        }
        std::map<std::string, std::map<std::string, Tensor>> loaded;
        for (const auto& [param, slots] : state.at("parameters").items()) {
            for (const auto& [name, t] : slots.items()) {
                loaded[param].emplace(name, tensorFromJson(t));
            }
        }
        state_ = std::move(loaded);
        steps_ = state.at("step").get<long long>();
        learningRate_ = state.at("learning_rate").get<double>();
    } catch (const Json::exception& e) {
        throw InputError("optimizer", std::string("malformed optimizer state: ") + e.what());
    }
}

void Optimizer::reset() {
    state_.clear();
    steps_ = 0;
    updates_.clear();
}

std::unique_ptr<gpu::OptimizerForm> Optimizer::gpuForm(const gpu::Backend& /*backend*/) {
    return nullptr;
}

void Optimizer::countStepTakenElsewhere() {
    ++steps_;
    updates_.clear();
    updatesKept_ = false;
}

}  // namespace deepstep
