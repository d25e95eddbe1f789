#include "sequence_probe.hpp"

#include <cmath>

namespace deepstep::studio::rnn {

namespace {

const Internal* findInternal(const std::vector<Internal>& internals, const std::string& name) {
    for (const Internal& in : internals) {
        if (in.name == name) return &in;
    }
    return nullptr;
}

}  // namespace

std::vector<float> lastHiddenStates(Network& net, const Tensor& x, std::size_t& units) {
    units = 0;
    net.forward(x, Mode::Eval);
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        const std::vector<Internal> internals = net.internals(i);  // findInternal points into it
        const Internal* h = findInternal(internals, "hidden_states");
        if (h == nullptr || h->value == nullptr || h->value->rank() != 3) continue;
        const Shape& s = h->value->shape();
        units = s[2];
        std::vector<float> out(s[0] * s[2]);
        for (std::size_t n = 0; n < s[0]; ++n)
            for (std::size_t j = 0; j < s[2]; ++j)
                out[n * s[2] + j] = h->value->values()[(n * s[1] + s[1] - 1) * s[2] + j];
        return out;
    }
    return {};
}

std::optional<SequenceProbe> probeSequence(Network& net, const Loss& loss, const Tensor& x, const Tensor& target) {
    const Tensor out = net.forward(x, Mode::Train);
    std::optional<std::size_t> layer;
    for (std::size_t i = 0; i < net.layerCount() && !layer; ++i) {
        const std::vector<Internal> internals = net.internals(i);  // findInternal points into it
        const Internal* h = findInternal(internals, "hidden_states");
        if (h != nullptr && h->value != nullptr && h->value->rank() == 3 && h->value->batch() == 1) layer = i;
    }
    if (!layer) return std::nullopt;
    net.backward(loss, out, target);

    SequenceProbe p;
    p.layerIndex = *layer;
    p.layer = net.layerName(*layer);
    p.loss = loss.value(out, target);
    p.output.assign(out.values().begin(), out.values().end());
    const std::vector<Internal> internals = net.internals(*layer);
    const Internal* h = findInternal(internals, "hidden_states");
    p.steps = h->value->shape()[1];
    p.units = h->value->shape()[2];
    for (const Internal& in : internals) {
        if (in.value == nullptr || in.value->shape() != h->value->shape()) continue;
        StepSeries s;
        s.name = in.name;
        s.help = in.help;
        s.value.assign(in.value->values().begin(), in.value->values().end());
        if (in.grad != nullptr && in.grad->shape() == in.value->shape())
            s.grad.assign(in.grad->values().begin(), in.grad->values().end());
        if (in.name == "hidden_states") p.hidden = p.series.size();
        if (in.name == "cell_states") p.cell = p.series.size();
        if (in.name == "pre_activations") p.preActivations_ = p.series.size();
        p.series.push_back(std::move(s));
    }
    const auto norms = [&p](const StepSeries& s) {
        std::vector<double> out;
        if (s.grad.empty()) return out;
        for (std::size_t t = 0; t < p.steps; ++t) {
            double sum = 0.0;
            for (std::size_t j = 0; j < p.units; ++j) {
                const double g = s.grad[t * p.units + j];
                sum += g * g;
            }
            out.push_back(std::sqrt(sum));
        }
        return out;
    };
    p.gradientNorm = norms(p.series[p.hidden]);
    if (p.cell) p.cellGradientNorm = norms(p.series[*p.cell]);
    // The inputs as the network read them: T steps of F features (ids: one per step).
    p.inputWidth = x.sampleSize() / std::max<std::size_t>(p.steps, 1);
    p.inputs.assign(x.values().begin(), x.values().end());
    if (p.inputWidth * p.steps != p.inputs.size()) {
        p.inputs.clear();
        p.inputWidth = 0;
    }
    p.initialState.assign(p.units, 0.0F);
    if (const Parameter* h0 = net.parameter(p.layer + ".initial_state"); h0 && h0->value.size() == p.units)
        p.initialState.assign(h0->value.values().begin(), h0->value.values().end());
    if (const Parameter* u = net.parameter(p.layer + ".recurrent_weight");
        u && u->value.shape() == Shape{p.units, p.units} && u->grad.size() == p.units * p.units)
        p.recurrentGrad_.assign(u->grad.values().begin(), u->grad.values().end());
    return p;
}

std::vector<RecurrentTerm> SequenceProbe::recurrentTerms(std::size_t i, std::size_t j) const {
    std::vector<RecurrentTerm> terms;
    if (!preActivations_ || recurrentGrad_.empty() || i >= units || j >= units) return terms;
    const StepSeries& z = series[*preActivations_];
    const StepSeries& h = series[hidden];
    if (z.grad.empty()) return terms;
    for (std::size_t t = 0; t < steps; ++t) {
        RecurrentTerm term;
        term.step = t;
        term.previousHidden = t == 0 ? initialState[i] : h.value[(t - 1) * units + i];
        term.preActivationGrad = z.grad[t * units + j];
        terms.push_back(term);
    }
    return terms;
}

std::optional<double> SequenceProbe::recurrentGradient(std::size_t i, std::size_t j) const {
    if (recurrentGrad_.empty() || i >= units || j >= units) return std::nullopt;
    return recurrentGrad_[i * units + j];
}

}  // namespace deepstep::studio::rnn
