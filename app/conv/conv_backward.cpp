#include "conv_backward.hpp"

#include <algorithm>
#include <cmath>

namespace deepstep::studio::conv {

namespace {

std::size_t idx(int i) { return static_cast<std::size_t>(i); }

// The layer sums in float, in its GEMM's order: allow for that rounding of a sum whose
// terms add up to `magnitude` in absolute value, no more.
bool close(double mine, double layers, double magnitude) {
    return std::abs(mine - layers) <= 1e-5 * magnitude + 1e-6;
}

}  // namespace

std::vector<float> makeDelta(const ConvProbe& probe, DeltaKind kind, double target, int filter, int row, int col) {
    const int oh = probe.outputHeight();
    const int ow = probe.outputWidth();
    std::vector<float> delta(idx(probe.filters() * oh * ow), 0.0F);
    switch (kind) {
    case DeltaKind::Ones: std::fill(delta.begin(), delta.end(), 1.0F); break;
    case DeltaKind::OneHot: delta[idx((filter * oh + row) * ow + col)] = 1.0F; break;
    case DeltaKind::Loss:
        for (int f = 0; f < probe.filters(); ++f) {
            const std::vector<float> y = probe.outputMap(f);
            for (std::size_t n = 0; n < y.size(); ++n)
                delta[idx(f * oh * ow) + n] = static_cast<float>(static_cast<double>(y[n]) - target);
        }
        break;
    }
    return delta;
}

void ConvBackward::run(const ConvProbe& probe, std::vector<float> delta) {
    probe_ = &probe;
    delta_ = std::move(delta);
    padded_.clear();
    for (int c = 0; c < probe.channels(); ++c) padded_.push_back(probe.paddedChannel(c));
    const Tensor dx = probe.backward(delta_);
    std::vector<float> dw, db;
    for (const Parameter* p : probe.layer()->parameters()) {
        if (p->name == "weight") dw.assign(p->grad.data(), p->grad.data() + p->grad.size());
        if (p->name == "bias") db.assign(p->grad.data(), p->grad.data() + p->grad.size());
    }
    check({dx.data(), dx.data() + dx.size()}, std::move(dw), std::move(db));
}

void ConvBackward::check(std::vector<float> dx, std::vector<float> dw, std::vector<float> db) {
    layerDx_ = std::move(dx);
    layerDw_ = std::move(dw);
    layerDb_ = std::move(db);
    kernelDisagreements_ = biasDisagreements_ = inputDisagreements_ = 0;
    const ConvProbe& p = *probe_;
    const int k = p.settings().kernel;
    for (int f = 0; f < p.filters(); ++f) {
        for (int l = 0; l < p.channelsPerGroup(); ++l)
            for (int i = 0; i < k; ++i)
                for (int j = 0; j < k; ++j) kernelDisagreements_ += kernelGradient(f, l, i, j).agrees ? 0 : 1;
        biasDisagreements_ += biasGradient(f).agrees ? 0 : 1;
    }
    for (int c = 0; c < p.channels(); ++c)
        for (int y = 0; y < p.inputHeight(); ++y)
            for (int x = 0; x < p.inputWidth(); ++x) inputDisagreements_ += inputGradient(c, y, x).agrees ? 0 : 1;
}

float ConvBackward::deltaAt(int filter, int y, int x) const {
    return delta_[idx((filter * probe_->outputHeight() + y) * probe_->outputWidth() + x)];
}

std::vector<float> ConvBackward::deltaMap(int filter) const {
    const auto size = idx(probe_->outputHeight() * probe_->outputWidth());
    const auto first = delta_.begin() + static_cast<std::ptrdiff_t>(idx(filter) * size);
    return {first, first + static_cast<std::ptrdiff_t>(size)};
}

int ConvBackward::fullPadding() const { return probe_->settings().dilation * (probe_->settings().kernel - 1); }
int ConvBackward::spreadHeight() const { return probe_->paddedHeight() + fullPadding(); }
int ConvBackward::spreadWidth() const { return probe_->paddedWidth() + fullPadding(); }
int ConvBackward::spreadInnerHeight() const { return (probe_->outputHeight() - 1) * probe_->settings().stride + 1; }
int ConvBackward::spreadInnerWidth() const { return (probe_->outputWidth() - 1) * probe_->settings().stride + 1; }

std::vector<float> ConvBackward::spreadMap(int filter) const {
    const int s = probe_->settings().stride;
    const int pad = fullPadding();
    std::vector<float> m(idx(spreadHeight() * spreadWidth()), 0.0F);
    for (int y = 0; y < probe_->outputHeight(); ++y)
        for (int x = 0; x < probe_->outputWidth(); ++x)
            m[idx((pad + y * s) * spreadWidth() + pad + x * s)] = deltaAt(filter, y, x);
    return m;
}

std::vector<float> ConvBackward::flippedKernel(int filter, int local) const {
    std::vector<float> w = probe_->kernel(filter, local);
    std::reverse(w.begin(), w.end());  // row-major k × k reversed = turned by 180°
    return w;
}

KernelGradient ConvBackward::kernelGradient(int filter, int local, int i, int j) const {
    const ConvProbe& p = *probe_;
    const int s = p.settings().stride;
    const int d = p.settings().dilation;
    const int k = p.settings().kernel;
    KernelGradient g;
    g.filter = filter;
    g.local = local;
    g.channel = p.groupOf(filter) * p.channelsPerGroup() + local;
    g.tapRow = i;
    g.tapCol = j;
    const std::vector<float>& xp = padded_[idx(g.channel)];
    double magnitude = 0.0;
    for (int y = 0; y < p.outputHeight(); ++y) {
        for (int x = 0; x < p.outputWidth(); ++x) {
            KernelGradientTerm t;
            t.outRow = y;
            t.outCol = x;
            t.paddedRow = y * s + i * d;
            t.paddedCol = x * s + j * d;
            t.input = xp[idx(t.paddedRow * p.paddedWidth() + t.paddedCol)];
            t.delta = deltaAt(filter, y, x);
            const double product = static_cast<double>(t.input) * static_cast<double>(t.delta);
            g.total += product;
            magnitude += std::abs(product);
            g.terms.push_back(t);
        }
    }
    if (!layerDw_.empty()) {
        g.layerValue = layerDw_[idx(((filter * p.channelsPerGroup() + local) * k + i) * k + j)];
        g.agrees = close(g.total, g.layerValue, magnitude);
    }
    return g;
}

BiasGradient ConvBackward::biasGradient(int filter) const {
    BiasGradient b;
    b.filter = filter;
    b.present = !layerDb_.empty();
    double magnitude = 0.0;
    for (float v : deltaMap(filter)) {
        b.total += v;
        magnitude += std::abs(static_cast<double>(v));
    }
    if (b.present) {
        b.layerValue = layerDb_[idx(filter)];
        b.agrees = close(b.total, b.layerValue, magnitude);
    }
    return b;
}

InputGradient ConvBackward::inputGradient(int channel, int row, int col) const {
    const ConvProbe& p = *probe_;
    const int s = p.settings().stride;
    const int d = p.settings().dilation;
    const int k = p.settings().kernel;
    const int pad = fullPadding();
    const int group = channel / p.channelsPerGroup();
    const int local = channel - group * p.channelsPerGroup();
    InputGradient g;
    g.channel = channel;
    g.row = row;
    g.col = col;
    // The flipped kernel's window over the spread map starts where the pixel sits in the
    // padded input: the d·(k − 1) zeros in front make up for the flip.
    const int top = row + p.padTop();
    const int left = col + p.padLeft();
    double magnitude = 0.0;
    for (int f = group * p.filtersPerGroup(); f < (group + 1) * p.filtersPerGroup(); ++f) {
        const std::vector<float> flipped = flippedKernel(f, local);
        for (int a = 0; a < k; ++a) {
            for (int b = 0; b < k; ++b) {
                ++g.taps;
                const int sr = top + a * d;
                const int sc = left + b * d;
                const int mr = sr - pad;
                const int mc = sc - pad;
                // A stride hole, or the padding around the δ values: the tap adds 0.
                if (mr < 0 || mc < 0 || mr % s != 0 || mc % s != 0) continue;
                if (mr / s >= p.outputHeight() || mc / s >= p.outputWidth()) continue;
                InputGradientTerm t;
                t.filter = f;
                t.flipRow = a;
                t.flipCol = b;
                t.tapRow = k - 1 - a;
                t.tapCol = k - 1 - b;
                t.spreadRow = sr;
                t.spreadCol = sc;
                t.outRow = mr / s;
                t.outCol = mc / s;
                t.delta = deltaAt(f, t.outRow, t.outCol);
                t.weight = flipped[idx(a * k + b)];
                const double product = static_cast<double>(t.delta) * static_cast<double>(t.weight);
                g.total += product;
                magnitude += std::abs(product);
                g.terms.push_back(t);
            }
        }
    }
    if (!layerDx_.empty()) {
        g.layerValue = layerDx_[idx((channel * p.inputHeight() + row) * p.inputWidth() + col)];
        g.agrees = close(g.total, g.layerValue, magnitude);
    }
    return g;
}

std::vector<float> ConvBackward::kernelGradientMap(int filter, int local) const {
    const int k = probe_->settings().kernel;
    std::vector<float> m(idx(k * k));
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j)
            m[idx(i * k + j)] = static_cast<float>(kernelGradient(filter, local, i, j).total);
    return m;
}

std::vector<float> ConvBackward::inputGradientMap(int channel) const {
    const int h = probe_->inputHeight();
    const int w = probe_->inputWidth();
    std::vector<float> m(idx(h * w));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) m[idx(y * w + x)] = static_cast<float>(inputGradient(channel, y, x).total);
    return m;
}

std::vector<float> ConvBackward::layerInputGradientMap(int channel) const {
    const auto size = idx(probe_->inputHeight() * probe_->inputWidth());
    if (layerDx_.size() < size * idx(channel + 1)) return {};
    const auto first = layerDx_.begin() + static_cast<std::ptrdiff_t>(idx(channel) * size);
    return {first, first + static_cast<std::ptrdiff_t>(size)};
}

}  // namespace deepstep::studio::conv
