#include "deepstep/gradcheck.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

namespace deepstep {

double GradCheckReport::worst() const {
    double w = 0.0;
    for (const auto& e : entries) {
        w = std::max(w, e.maxRelativeError);
    }
    return w;
}

std::string GradCheckReport::str() const {
    std::ostringstream os;
    for (const auto& e : entries) {
        os << e.name << ": " << e.checked << " checked, max relative error " << e.maxRelativeError
           << ", max absolute error " << e.maxAbsoluteError << " (at " << e.worstIndex << ")\n";
    }
    return os.str();
}

namespace {

// Compares `analytic` with central differences of `f` with respect to the elements
// of `values`, perturbing them in place and restoring them afterwards.
GradCheckEntry compare(const std::string& name, Tensor& values, const Tensor& analytic,
                       const std::function<double()>& f, const GradCheckSettings& s) {
    GradCheckEntry e;
    e.name = name;
    const std::size_t n = values.size();
    const std::size_t stride = std::max<std::size_t>(1, n / std::max<std::size_t>(1, s.maxPerTensor));
    for (std::size_t i = 0; i < n; i += stride) {
        const float orig = values[i];
        values[i] = static_cast<float>(orig + s.epsilon);
        const double plus = f();
        values[i] = static_cast<float>(orig - s.epsilon);
        const double minus = f();
        values[i] = orig;
        // The step actually taken in float may differ slightly from 2ε.
        const double h = static_cast<double>(static_cast<float>(orig + s.epsilon)) -
                         static_cast<double>(static_cast<float>(orig - s.epsilon));
        const double numeric = (plus - minus) / h;
        const double a = analytic[i];
        const double abs = std::fabs(a - numeric);
        const double rel = abs / std::max(1e-3, std::fabs(a) + std::fabs(numeric));
        if (rel > e.maxRelativeError) {
            e.maxRelativeError = rel;
            e.worstIndex = i;
        }
        e.maxAbsoluteError = std::max(e.maxAbsoluteError, abs);
        ++e.checked;
    }
    return e;
}

double weightedSum(const Tensor& y, const Tensor& r) {
    double s = 0.0;
    for (std::size_t i = 0; i < y.size(); ++i) {
        s += static_cast<double>(y[i]) * static_cast<double>(r[i]);
    }
    return s;
}

}  // namespace

GradCheckReport checkLayer(Layer& layer, const Tensor& x, Rng& rng, Mode mode, GradCheckSettings settings) {
    Tensor input = x;
    const Tensor y = layer.forward(input, mode);
    Tensor r(y.shape());
    init::uniform(r, rng, -1.0F, 1.0F);
    const Tensor dx = layer.backward(r);

    GradCheckReport report;
    std::vector<std::pair<Parameter*, Tensor>> analytic;
    for (Parameter* p : layer.parameters()) {
        if (p->trainable) {
            analytic.emplace_back(p, p->grad);
        }
    }
    auto f = [&] { return weightedSum(layer.forward(input, mode), r); };
    if (settings.input) report.entries.push_back(compare("input", input, dx, f, settings));
    for (auto& [p, g] : analytic) {
        report.entries.push_back(compare(p->name, p->value, g, f, settings));
    }
    return report;
}

GradCheckReport checkLoss(const Loss& loss, const Tensor& output, const Tensor& target, GradCheckSettings settings) {
    Tensor out = output;
    const Tensor g = loss.gradient(out, target);
    GradCheckReport report;
    report.entries.push_back(compare(
        "output", out, g, [&] { return static_cast<double>(loss.value(out, target)); }, settings));
    return report;
}

GradCheckReport checkNetwork(Network& net, const Loss& loss, const Batch& batch, Mode mode,
                             GradCheckSettings settings) {
    Tensor input = batch.inputs;
    const Tensor out = net.forward(input, mode);
    const Tensor dx = net.backward(loss, out, batch.targets);
    auto f = [&] { return static_cast<double>(loss.value(net.forward(input, mode), batch.targets)); };

    GradCheckReport report;
    std::vector<std::pair<ParamRef, Tensor>> analytic;
    for (const ParamRef& p : net.parameters()) {
        analytic.emplace_back(p, *p.grad);
    }
    if (settings.input) report.entries.push_back(compare("input", input, dx, f, settings));
    for (auto& [p, g] : analytic) {
        report.entries.push_back(compare(p.name, *p.value, g, f, settings));
    }
    return report;
}

}  // namespace deepstep
