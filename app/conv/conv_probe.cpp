#include "conv_probe.hpp"

#include "deepstep/conv_arithmetic.hpp"
#include "deepstep/errors.hpp"

#include <algorithm>
#include <cmath>

namespace deepstep::studio::conv {

namespace {

constexpr std::uint64_t kWeightSeed = 3;

std::size_t at(int c, int y, int x, int height, int width) {
    return (static_cast<std::size_t>(c) * static_cast<std::size_t>(height) + static_cast<std::size_t>(y)) *
               static_cast<std::size_t>(width) +
           static_cast<std::size_t>(x);
}

}  // namespace

bool ConvProbe::build(const Registry& registry, const ConvSettings& settings, const Tensor& input) {
    layer_.reset();
    error_.clear();
    settings_ = settings;
    input_ = input;
    channels_ = static_cast<int>(input.dim(0));
    height_ = static_cast<int>(input.dim(1));
    width_ = static_cast<int>(input.dim(2));
    const auto k = static_cast<std::size_t>(settings.kernel);
    const auto s = static_cast<std::size_t>(settings.stride);
    const auto d = static_cast<std::size_t>(settings.dilation);
    const auto p = static_cast<std::size_t>(settings.padding);
    deepstep::conv::Axis rows = deepstep::conv::axis(static_cast<std::size_t>(height_), k, s, p, d);
    deepstep::conv::Axis cols = deepstep::conv::axis(static_cast<std::size_t>(width_), k, s, p, d);
    if (settings.samePadding) {
        rows = deepstep::conv::samePadding(rows);
        cols = deepstep::conv::samePadding(cols);
    }
    padTop_ = static_cast<int>(rows.padBefore);
    padBottom_ = static_cast<int>(rows.padAfter);
    padLeft_ = static_cast<int>(cols.padBefore);
    padRight_ = static_cast<int>(cols.padAfter);
    outHeight_ = static_cast<int>(deepstep::conv::outputSize(rows));
    outWidth_ = static_cast<int>(deepstep::conv::outputSize(cols));
    // The two mistakes a student makes most, said in the student's language before the
    // layer would refuse them in the engine's words.
    if (outHeight_ < 1 || outWidth_ < 1) {
        const auto span = static_cast<int>(deepstep::conv::dilatedKernel(k, d));
        error_ = tr("The kernel spans %1 × %1 pixels (d·(k − 1) + 1 with k = %2, d = %3), but the padded input is "
                    "only %4 × %5: no window fits, so there is no output. Choose a smaller kernel or dilation, or "
                    "more padding.")
                     .arg(span)
                     .arg(settings.kernel)
                     .arg(settings.dilation)
                     .arg(paddedHeight())
                     .arg(paddedWidth());
        return false;
    }
    if (channels_ % settings.groups != 0 || settings.filters % settings.groups != 0) {
        error_ = tr("Groups must divide both the input channels (%1) and the filters (%2); %3 does not.")
                     .arg(channels_)
                     .arg(settings.filters)
                     .arg(settings.groups);
        return false;
    }
    Json options = Json::object();
    options["filters"] = settings.filters;
    options["kernel"] = settings.kernel;
    options["stride"] = settings.stride;
    if (settings.samePadding) {
        options["padding"] = "same";
    } else {
        options["padding"] = settings.padding;
    }
    options["dilation"] = settings.dilation;
    options["groups"] = settings.groups;
    options["use_bias"] = settings.bias;
    options["activation"] = "identity";
    try {
        std::unique_ptr<Layer> layer = registry.makeLayer("conv2d", options, "conv2d");
        Rng rng(kWeightSeed);
        const Shape out = layer->build(input.shape(), rng);
        if (out.rank() != 3 || static_cast<int>(out[1]) != outHeight_ || static_cast<int>(out[2]) != outWidth_) {
            error_ = tr("The layer's output shape differs from the output-size formula.");
            return false;
        }
        layer_ = std::move(layer);
        rerun(input);
    } catch (const std::exception& e) {
        layer_.reset();
        error_ = tr("The layer refused these settings: %1").arg(QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

void ConvProbe::rerun(const Tensor& input) {
    input_ = input;
    output_ = layer_->forward(input_.reshaped(input_.shape().withBatch(1)), Mode::Eval);
}

const Parameter* ConvProbe::parameter(const std::string& name) const {
    if (!layer_) return nullptr;
    for (const Parameter* p : layer_->parameters()) {
        if (p->name == name) return p;
    }
    return nullptr;
}

std::vector<float> ConvProbe::paddedChannel(int c) const {
    std::vector<float> v(static_cast<std::size_t>(paddedHeight() * paddedWidth()), 0.0F);
    for (int y = 0; y < height_; ++y) {
        for (int x = 0; x < width_; ++x) {
            v[static_cast<std::size_t>((y + padTop_) * paddedWidth() + x + padLeft_)] =
                input_[at(c, y, x, height_, width_)];
        }
    }
    return v;
}

std::vector<float> ConvProbe::kernel(int filter, int local) const {
    const Parameter* w = parameter("weight");
    const int k = settings_.kernel;
    std::vector<float> v(static_cast<std::size_t>(k * k), 0.0F);
    if (w == nullptr) return v;
    const std::size_t base = (static_cast<std::size_t>(filter) * static_cast<std::size_t>(channelsPerGroup()) +
                              static_cast<std::size_t>(local)) *
                             static_cast<std::size_t>(k * k);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = w->value[base + i];
    return v;
}

std::vector<float> ConvProbe::outputMap(int filter) const {
    std::vector<float> v(static_cast<std::size_t>(outHeight_ * outWidth_));
    for (int y = 0; y < outHeight_; ++y) {
        for (int x = 0; x < outWidth_; ++x) {
            v[static_cast<std::size_t>(y * outWidth_ + x)] = output_[at(filter, y, x, outHeight_, outWidth_)];
        }
    }
    return v;
}

std::size_t ConvProbe::parameterCount() const {
    std::size_t n = 0;
    if (layer_) {
        for (const Parameter* p : layer_->parameters()) n += p->value.size();
    }
    return n;
}

OutputArithmetic ConvProbe::arithmetic(int filter, int row, int col) const {
    OutputArithmetic a;
    a.filter = filter;
    a.row = row;
    a.col = col;
    const int k = settings_.kernel;
    const int group = groupOf(filter);
    double magnitude = 0.0;
    for (int local = 0; local < channelsPerGroup(); ++local) {
        const int c = group * channelsPerGroup() + local;
        const std::vector<float> w = kernel(filter, local);
        const std::vector<float> padded = paddedChannel(c);
        double sum = 0.0;
        for (int i = 0; i < k; ++i) {
            for (int j = 0; j < k; ++j) {
                ConvTerm t;
                t.channel = c;
                t.tapRow = i;
                t.tapCol = j;
                t.paddedRow = row * settings_.stride + i * settings_.dilation;
                t.paddedCol = col * settings_.stride + j * settings_.dilation;
                t.input = padded[static_cast<std::size_t>(t.paddedRow * paddedWidth() + t.paddedCol)];
                t.weight = w[static_cast<std::size_t>(i * k + j)];
                const double product = static_cast<double>(t.input) * static_cast<double>(t.weight);
                sum += product;
                magnitude += std::abs(product);
                a.terms.push_back(t);
            }
        }
        a.channels.push_back(c);
        a.channelSums.push_back(sum);
    }
    if (const Parameter* b = parameter("bias")) a.bias = b->value[static_cast<std::size_t>(filter)];
    a.total = a.bias;
    for (double s : a.channelSums) a.total += s;
    a.layerValue = output_[at(filter, row, col, outHeight_, outWidth_)];
    // The layer sums in float, in the GEMM's order: allow for that rounding, no more.
    const double tolerance = 1e-5 * (magnitude + std::abs(a.bias)) + 1e-6;
    a.agrees = std::abs(a.total - a.layerValue) <= tolerance;
    return a;
}

Tensor ConvProbe::backward(const std::vector<float>& delta) const {
    (void)layer_->forward(input_.reshaped(input_.shape().withBatch(1)), Mode::Eval);
    const Shape dy{1, static_cast<std::size_t>(filters()), static_cast<std::size_t>(outHeight_),
                   static_cast<std::size_t>(outWidth_)};
    return layer_->backward(Tensor(dy, delta));
}

std::vector<float> ConvProbe::unfold(int group) const {
    const int k = settings_.kernel;
    const int positions = outHeight_ * outWidth_;
    std::vector<float> m(static_cast<std::size_t>(patch() * positions), 0.0F);
    for (int local = 0; local < channelsPerGroup(); ++local) {
        const std::vector<float> padded = paddedChannel(group * channelsPerGroup() + local);
        for (int i = 0; i < k; ++i) {
            for (int j = 0; j < k; ++j) {
                const int r = (local * k + i) * k + j;
                for (int y = 0; y < outHeight_; ++y) {
                    for (int x = 0; x < outWidth_; ++x) {
                        const int py = y * settings_.stride + i * settings_.dilation;
                        const int px = x * settings_.stride + j * settings_.dilation;
                        m[static_cast<std::size_t>(r * positions + y * outWidth_ + x)] =
                            padded[static_cast<std::size_t>(py * paddedWidth() + px)];
                    }
                }
            }
        }
    }
    return m;
}

std::vector<float> ConvProbe::engineColumns(int group) const {
    if (!layer_) return {};
    const std::size_t block = static_cast<std::size_t>(patch() * outHeight_ * outWidth_);
    for (const Internal& in : layer_->internals()) {
        if (in.name != "columns" || in.value == nullptr) continue;
        if (in.value->size() != block * static_cast<std::size_t>(settings_.groups)) return {};
        const float* first = in.value->data() + block * static_cast<std::size_t>(group);
        return {first, first + block};
    }
    return {};
}

std::vector<float> ConvProbe::filterRows(int group) const {
    std::vector<float> rows;
    rows.reserve(static_cast<std::size_t>(filtersPerGroup() * patch()));
    for (int f = group * filtersPerGroup(); f < (group + 1) * filtersPerGroup(); ++f) {
        for (int local = 0; local < channelsPerGroup(); ++local) {
            const std::vector<float> w = kernel(f, local);
            rows.insert(rows.end(), w.begin(), w.end());
        }
    }
    return rows;
}

}  // namespace deepstep::studio::conv
