#include "stepview/step_values.hpp"

#include "deepstep/activation.hpp"
#include "deepstep/composite.hpp"

#include <cmath>

namespace deepstep::studio {

namespace {
constexpr int kMaxDrawnUnits = 10;
}

QString formatNumber(double value) {
    if (value == 0.0) return QStringLiteral("0");  // also turns −0 into 0
    if (isConcealed(value)) return QStringLiteral("?");  // hidden until a checkpoint is answered
    if (!std::isfinite(value)) return std::isnan(value) ? QStringLiteral("NaN") : (value > 0 ? QStringLiteral("∞") : QStringLiteral("-∞"));
    return QString::number(value, 'g', 4);
}

std::optional<double> sampleValue(const Tensor& batch, int example, int unit) {
    if (batch.empty() || example < 0 || unit < 0) return std::nullopt;
    const std::size_t n = static_cast<std::size_t>(example);
    const std::size_t u = static_cast<std::size_t>(unit);
    if (n >= batch.batch() || u >= batch.sampleSize()) return std::nullopt;
    return static_cast<double>(batch[n * batch.sampleSize() + u]);
}

std::pair<int, int> matrixShape(const Tensor& t) {
    if (t.empty()) return {0, 0};
    if (t.rank() == 1) return {1, static_cast<int>(t.size())};
    return {static_cast<int>(t.dim(0)), static_cast<int>(t.size() / t.dim(0))};
}

std::optional<double> matrixValue(const Tensor& parameter, int row, int col) {
    const auto [rows, cols] = matrixShape(parameter);
    if (row < 0 || col < 0 || row >= rows || col >= cols) return std::nullopt;
    return static_cast<double>(parameter[static_cast<std::size_t>(row) * static_cast<std::size_t>(cols) +
                                         static_cast<std::size_t>(col)]);
}

const ParameterRecord* findParameter(const StepRecord& record, const std::string& name) {
    for (const ParameterRecord& p : record.parameters) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

std::pair<std::string, std::string> splitParameterName(const std::string& name) {
    const auto dot = name.rfind('.');
    if (dot == std::string::npos) return {std::string(), name};
    return {name.substr(0, dot), name.substr(dot + 1)};
}

NetworkLayout::NetworkLayout(StepSession& session) {
    if (!session.isLoaded()) return;
    Network& net = session.network();
    const Shape& in = net.inputShape();
    const bool flatInput = in.rank() == 1;
    inputWidth_ = flatInput ? static_cast<int>(in[0]) : -1;
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        networkLayers_.push_back(net.layerName(i));
        Place place;
        place.path = net.layerName(i);
        place.top = static_cast<int>(i);
        if (net.built()) place.shape = net.layerOutputShape(i);
        add(net, net.layer(i), place);
    }
    hiddenLayers_ = static_cast<int>(layers_.size()) - 1;
    drawable_ = flatInput && inputWidth_ > 0 && inputWidth_ <= kMaxDrawnUnits && !layers_.empty();
    for (const LayerInfo& l : layers_) drawable_ = drawable_ && l.width > 0 && l.width <= kMaxDrawnUnits;
    if (drawable_) {
        int offset = 0;
        int rows = inputWidth_;
        for (LayerInfo& l : layers_) {
            if (!l.weight.empty()) {
                l.weightOffset = offset;
                offset += rows * l.width;
            }
            rows = l.width;
        }
    }
}

void NetworkLayout::add(Network& net, const Layer& layer, const Place& place) {
    const std::vector<ChildLayer> children = layer.children();
    if (children.empty()) {
        addLeaf(net, layer, place);
        return;
    }
    const bool addsInput = layer.describe().addsInput;
    const int before = layerCount() - 1;  // the column whose output the composite reads
    const auto* sequential = dynamic_cast<const SequentialLayer*>(&layer);
    Place inner;
    inner.top = place.top;
    inner.groups = place.groups;
    inner.groups.push_back(place.path);
    for (std::size_t k = 0; k < children.size(); ++k) {
        const ChildLayer& child = children[k];
        const bool last = k + 1 == children.size();
        inner.path = place.path + "." + child.name;
        inner.relative = place.relative.empty() ? child.name : place.relative + "." + child.name;
        // The last child's output is the composite's own, unless the composite adds its input.
        inner.source = last && !addsInput ? place.source : inner.relative + ".output";
        inner.shape.reset();
        if (sequential && k < sequential->size()) {
            inner.shape = sequential->childOutputShape(k);
        } else if (last && !addsInput) {
            inner.shape = place.shape;
        }
        add(net, *child.layer, inner);
    }
    if (!addsInput) return;
    LayerInfo sum;
    sum.path = place.path;
    sum.type = layer.type();
    sum.sum = true;
    sum.oneToOne = true;
    sum.skipFrom = before;
    sum.top = place.top;
    sum.source = place.source;
    sum.groups = inner.groups;
    sum.width = before < 0 ? inputWidth_ : layers_[static_cast<std::size_t>(before)].width;
    if (place.shape) sum.shape = place.shape->str();
    layers_.push_back(std::move(sum));
}

void NetworkLayout::addLeaf(Network& net, const Layer& layer, const Place& place) {
    const LayerView view = layer.describe();
    const int previous = layers_.empty() ? inputWidth_ : layers_.back().width;
    LayerInfo info;
    info.path = place.path;
    info.type = layer.type();
    info.top = place.top;
    info.source = place.source;
    info.groups = place.groups;
    if (const Activation* a = layer.activation()) {
        info.activation = a->name();
        info.activationPtr = a;
    }
    info.oneToOne = view.oneToOne;
    const Parameter* w = view.connections.empty() ? nullptr : net.parameter(place.path + "." + view.connections);
    const Parameter* b = view.bias.empty() ? nullptr : net.parameter(place.path + "." + view.bias);
    if (place.shape) {
        info.shape = place.shape->str();
        if (place.shape->rank() == 1) info.width = static_cast<int>((*place.shape)[0]);
    } else if (w && w->value.rank() == 2) {
        info.width = static_cast<int>(w->value.dim(view.connectionsTransposed ? 0 : 1));
    } else if (view.oneToOne) {
        info.width = previous;
    }
    if (w && w->value.rank() == 2) {
        // Drawn as edges only when the matrix joins the previous column to this one.
        const auto inputs = static_cast<int>(w->value.dim(view.connectionsTransposed ? 1 : 0));
        const auto units = static_cast<int>(w->value.dim(view.connectionsTransposed ? 0 : 1));
        if (inputs == previous && units == info.width) {
            info.weight = place.path + "." + view.connections;
            info.transposed = view.connectionsTransposed;
        }
    }
    if (b && static_cast<int>(b->value.size()) == info.width) info.bias = place.path + "." + view.bias;
    info.box = info.weight.empty() && !info.oneToOne;
    layers_.push_back(std::move(info));
}

std::optional<double> NetworkLayout::connection(const Tensor& weights, int layer, int row, int col) const {
    return at(layer).transposed ? matrixValue(weights, col, row) : matrixValue(weights, row, col);
}

LayerValues NetworkLayout::values(const StepRecord& record, int layer) const {
    LayerValues v;
    const LayerInfo& info = at(layer);
    if (info.top < 0 || static_cast<std::size_t>(info.top) >= record.layers.size()) return v;
    const LayerRecord& r = record.layers[static_cast<std::size_t>(info.top)];
    const auto nonEmpty = [](const Tensor& t) { return t.empty() ? nullptr : &t; };
    if (info.source.empty()) {
        v.output = nonEmpty(r.output);
        v.gradOutput = nonEmpty(r.gradOutput);
        v.preActivation = nonEmpty(r.preActivation);
        v.gradPreActivation = nonEmpty(r.gradPreActivation);
        return v;
    }
    for (const InternalRecord& in : r.internals) {
        if (in.name != info.source) continue;
        v.output = nonEmpty(in.value);
        v.gradOutput = nonEmpty(in.grad);
    }
    return v;
}

const Tensor* NetworkLayout::networkInput(const StepRecord& record) {
    return record.layers.empty() || record.layers.front().input.empty() ? nullptr : &record.layers.front().input;
}

int NetworkLayout::width(int layer) const {
    if (layer < 0) return inputWidth_;
    if (layer >= layerCount()) return -1;
    return layers_[static_cast<std::size_t>(layer)].width;
}

int NetworkLayout::layerOfParameter(const std::string& name) const {
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (layers_[i].weight == name || layers_[i].bias == name) return static_cast<int>(i);
    }
    const std::string layer = splitParameterName(name).first;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (layers_[i].path == layer && !layers_[i].sum) return static_cast<int>(i);
    }
    return -1;
}

int NetworkLayout::networkLayerOfParameter(const std::string& name) const {
    const std::string first = name.substr(0, name.find('.'));
    for (std::size_t i = 0; i < networkLayers_.size(); ++i) {
        if (networkLayers_[i] == first) return static_cast<int>(i);
    }
    return -1;
}

QString NetworkLayout::unitName(int layer, int unit) const {
    const QString n = QString::number(unit + 1);
    if (layer < 0) return QStringLiteral("x") + n;
    if (layer == layerCount() - 1) return QStringLiteral("o") + n;
    if (hiddenLayers_ == 1) return QStringLiteral("h") + n;
    return QStringLiteral("h%1_%2").arg(layer + 1).arg(unit + 1);
}

QString NetworkLayout::weightName(const std::string& parameter, int row, int col) const {
    const int layer = layerOfParameter(parameter);
    if (layer >= 0) {
        const LayerInfo& l = at(layer);
        if (l.weight == parameter && l.weightOffset >= 0) {
            return QStringLiteral("w%1").arg(l.weightOffset + row * l.width + col + 1);
        }
        if (l.bias == parameter) return biasName(layer, col);
    }
    return QStringLiteral("%1[%2][%3]").arg(QString::fromStdString(parameter)).arg(row).arg(col);
}

QString NetworkLayout::biasName(int layer, int unit) const {
    return QStringLiteral("b_") + unitName(layer, unit);
}

}  // namespace deepstep::studio
