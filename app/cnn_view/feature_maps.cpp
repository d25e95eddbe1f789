#include "feature_maps.hpp"

#include <algorithm>
#include <limits>

namespace deepstep::studio::cnn {

namespace {

std::vector<FeatureMap> mapsOf(const Tensor& out) {
    const Shape& s = out.shape();
    std::vector<FeatureMap> maps;
    const float* v = out.data();
    if (s.rank() == 4) {
        const auto c = static_cast<int>(s[1]), h = static_cast<int>(s[2]), w = static_cast<int>(s[3]);
        for (int k = 0; k < c; ++k) {
            const float* first = v + static_cast<std::size_t>(k) * h * w;
            maps.push_back({h, w, std::vector<float>(first, first + static_cast<std::size_t>(h) * w)});
        }
    } else if (s.rank() == 3) {
        const auto t = static_cast<int>(s[1]), f = static_cast<int>(s[2]);
        maps.push_back({t, f, std::vector<float>(v, v + static_cast<std::size_t>(t) * f)});
    } else {
        const auto f = static_cast<int>(out.sampleSize());
        maps.push_back({1, f, std::vector<float>(v, v + f)});
    }
    return maps;
}

ValueRange rangeOf(const std::vector<float>& values,
                   ValueRange r = {std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()}) {
    for (float x : values) {
        r.lo = std::min(r.lo, x);
        r.hi = std::max(r.hi, x);
    }
    return r;
}

bool isEmpty(ValueRange r) {
    return r.lo > r.hi;
}

// An integer or [height, width] as a pair; nothing for another form.
std::optional<std::pair<int, int>> sizePair(const Json& spec, const char* key, int fallback) {
    if (!spec.contains(key)) return std::make_pair(fallback, fallback);
    const Json& v = spec[key];
    if (v.is_number_integer()) return std::make_pair(v.get<int>(), v.get<int>());
    if (v.is_array() && v.size() == 2 && v[0].is_number_integer() && v[1].is_number_integer())
        return std::make_pair(v[0].get<int>(), v[1].get<int>());
    return std::nullopt;
}

}  // namespace

std::vector<Tensor> layerOutputs(Network& net, const Tensor& image) {
    std::vector<Tensor> outputs;
    outputs.reserve(net.layerCount());
    Tensor h = image;
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        h = net.layer(i).forward(h, Mode::Eval);
        outputs.push_back(h);
    }
    return outputs;
}

std::vector<LayerMaps> featureMaps(Network& net, const Tensor& image) {
    const std::vector<Tensor> outputs = layerOutputs(net, image);
    std::vector<LayerMaps> layers;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        LayerMaps l;
        l.name = net.layerName(i);
        l.type = net.layer(i).type();
        l.shape =
            Shape(std::vector<std::size_t>(outputs[i].shape().dims().begin() + 1, outputs[i].shape().dims().end()));
        l.maps = mapsOf(outputs[i]);
        layers.push_back(std::move(l));
    }
    return layers;
}

std::vector<std::vector<ValueRange>> colourRanges(const std::vector<LayerMaps>& layers, ColourScale scale) {
    const ValueRange none{std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()};
    ValueRange global = none;
    std::vector<ValueRange> perLayer;
    for (const LayerMaps& l : layers) {
        ValueRange r = none;
        for (const FeatureMap& m : l.maps)
            r = rangeOf(m.values, r);
        perLayer.push_back(r);
        if (!isEmpty(r)) global = {std::min(global.lo, r.lo), std::max(global.hi, r.hi)};
    }
    std::vector<std::vector<ValueRange>> result;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        std::vector<ValueRange> ranges;
        for (const FeatureMap& m : layers[i].maps) {
            ValueRange r = scale == ColourScale::Local   ? rangeOf(m.values)
                           : scale == ColourScale::Layer ? perLayer[i]
                                                         : global;
            if (isEmpty(r) || m.values.empty()) r = {0.0F, 0.0F};
            ranges.push_back(r);
        }
        result.push_back(std::move(ranges));
    }
    return result;
}

float shadeOf(float v, ValueRange r) {
    if (!(r.hi > r.lo)) return 0.5F;
    return std::clamp((v - r.lo) / (r.hi - r.lo), 0.0F, 1.0F);
}

FeatureMap FilterBank::kernel(int filter, int channel) const {
    const std::size_t size = static_cast<std::size_t>(height) * width;
    const float* first = values.data() + (static_cast<std::size_t>(filter) * inputs + channel) * size;
    return {height, width, std::vector<float>(first, first + size)};
}

std::vector<FilterBank> convolutionFilters(Network& net) {
    std::vector<FilterBank> banks;
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        for (const Parameter* p : net.layer(i).parameters()) {
            if (p->name != "weight" || p->value.rank() != 4) continue;
            const Shape& s = p->value.shape();
            FilterBank b;
            b.layer = net.layerName(i);
            b.outputs = static_cast<int>(s[0]);
            b.inputs = static_cast<int>(s[1]);
            b.height = static_cast<int>(s[2]);
            b.width = static_cast<int>(s[3]);
            b.values.assign(p->value.values().begin(), p->value.values().end());
            banks.push_back(std::move(b));
        }
    }
    return banks;
}

std::optional<PoolGeometry> poolGeometry(const Json& spec) {
    if (!spec.is_object()) return std::nullopt;
    const auto kernel = sizePair(spec, "kernel", 2);
    const auto stride = sizePair(spec, "stride", 0);
    const auto padding = sizePair(spec, "padding", 0);
    if (!kernel || !stride || !padding || kernel->first < 1 || kernel->second < 1) return std::nullopt;
    PoolGeometry g;
    g.kernelRows = kernel->first;
    g.kernelCols = kernel->second;
    g.strideRows = stride->first > 0 ? stride->first : g.kernelRows;
    g.strideCols = stride->second > 0 ? stride->second : g.kernelCols;
    g.padRows = padding->first;
    g.padCols = padding->second;
    return g;
}

PoolRoute poolRoute(const std::vector<float>& input, int rows, int cols, float output, int outRow, int outCol,
                    const PoolGeometry& g) {
    PoolRoute r;
    const int top = outRow * g.strideRows - g.padRows;
    const int left = outCol * g.strideCols - g.padCols;
    r.top = std::max(top, 0);
    r.left = std::max(left, 0);
    r.bottom = std::min(top + g.kernelRows, rows);
    r.right = std::min(left + g.kernelCols, cols);
    float best = std::numeric_limits<float>::lowest();
    for (int y = r.top; y < r.bottom; ++y) {
        for (int x = r.left; x < r.right; ++x) {
            const float v = input[static_cast<std::size_t>(y) * cols + x];
            if (v == output) {
                r.row = y;
                r.col = x;
                r.value = v;
                r.matches = true;
                return r;
            }
            if (r.row < 0 || v > best) {
                best = v;
                r.row = y;
                r.col = x;
                r.value = v;
            }
        }
    }
    return r;
}

}  // namespace deepstep::studio::cnn
