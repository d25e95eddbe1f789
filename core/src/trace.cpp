#include "deepstep/trace.hpp"

namespace deepstep {

StepRecord* Trace::beginStep(long long iteration, int epoch) {
    if (full()) {
        return nullptr;
    }
    flush();
    ++recorded_;
    StepRecord r;
    r.iteration = iteration;
    r.epoch = epoch;
    steps_.push_back(std::move(r));
    return &steps_.back();
}

void Trace::flush() {
    if (!sink_ || steps_.empty()) {
        return;
    }
    sink_(steps_.back());
    steps_.clear();
}

StepRecord* Trace::current() {
    return steps_.empty() ? nullptr : &steps_.back();
}

Json Trace::toJson(const Tensor& t) {
    if (t.empty()) {
        return nullptr;
    }
    return Json{{"shape", t.shape().dims()}, {"data", std::vector<float>(t.values().begin(), t.values().end())}};
}

Json Trace::toJson(const StepRecord& s) {
    Json layers = Json::array();
    for (const auto& l : s.layers) {
        Json internals = Json::array();
        for (const auto& in : l.internals) {
            internals.push_back(Json{{"name", in.name}, {"value", toJson(in.value)}, {"grad", toJson(in.grad)}});
        }
        layers.push_back(Json{{"name", l.name},
                              {"type", l.type},
                              {"activation", l.activation.empty() ? Json(nullptr) : Json(l.activation)},
                              {"input", toJson(l.input)},
                              {"pre_activation", toJson(l.preActivation)},
                              {"output", toJson(l.output)},
                              {"grad_output", toJson(l.gradOutput)},
                              {"grad_pre_activation", toJson(l.gradPreActivation)},
                              {"grad_input", toJson(l.gradInput)},
                              {"internals", std::move(internals)}});
    }
    Json params = Json::array();
    for (const auto& p : s.parameters) {
        params.push_back(Json{{"name", p.name},
                              {"value", toJson(p.value)},
                              {"grad", toJson(p.grad)},
                              {"update", toJson(p.update)},
                              {"value_after", toJson(p.valueAfter)},
                              {"frozen", p.frozen}});
    }
    Json step{{"iteration", s.iteration},
              {"epoch", s.epoch},
              {"samples", s.sampleIndices},
              {"target", toJson(s.target)},
              {"loss", s.loss},
              {"penalty", s.penalty},
              {"fused_loss", s.fusedLoss},
              {"layers", std::move(layers)},
              {"parameters", std::move(params)},
              {"optimizer", s.optimizerState}};
    if (s.gradientNorm) {
        step["gradient_norm"] = *s.gradientNorm;
        step["clip_scale"] = s.clipScale;
    }
    return step;
}

Json Trace::toJson() const {
    Json steps = Json::array();
    for (const auto& s : steps_) {
        steps.push_back(toJson(s));
    }
    return Json{{"format", "deepstep.trace"}, {"version", 2}, {"steps", std::move(steps)}};
}

// The whole document is {"format": ..., "steps": [...], "version": 2} as nlohmann
// writes it with an indent of 1 (keys in order): each step is a member of an array two
// levels deep, so its own dump(1) is indented by two more spaces on every line. JSON
// text holds no raw newline inside a string, so every newline is structure.
void TraceJsonWriter::add(const StepRecord& step) {
    const std::string text = Trace::toJson(step).dump(1);
    std::string indented = steps_ == 0 ? "{\n \"format\": \"deepstep.trace\",\n \"steps\": [\n  " : ",\n  ";
    indented.reserve(indented.size() + text.size() + text.size() / 8);
    for (const char c : text) {
        indented += c;
        if (c == '\n') {
            indented += "  ";
        }
    }
    out_(indented);
    ++steps_;
}

void TraceJsonWriter::finish() {
    if (steps_ == 0) {
        out_("{\n \"format\": \"deepstep.trace\",\n \"steps\": [],\n \"version\": 2\n}\n");
    } else {
        out_("\n ],\n \"version\": 2\n}\n");
    }
}

}  // namespace deepstep
