#include "stepview/step_values.hpp"

#include "deepstep/activation.hpp"

#include <cmath>

namespace deepstep::studio {

namespace {
constexpr int kMaxDrawnUnits = 10;
}

QString formatNumber(double value) {
    if (value == 0.0) return QStringLiteral("0");  // also turns −0 into 0
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
    const StepRecord* record = session.record();
    const Shape& in = net.inputShape();
    const bool flatInput = in.rank() == 1;
    inputWidth_ = flatInput ? static_cast<int>(in[0]) : -1;
    int previous = inputWidth_;
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        LayerInfo info;
        const Layer& layer = net.layer(i);
        info.name = net.layerName(i);
        info.type = layer.type();
        if (const Activation* a = layer.activation()) info.activation = a->name();
        const bool recorded = record && i < record->layers.size() && !record->layers[i].output.empty();
        int width = -1;
        bool flat = true;
        if (recorded) {
            const Tensor& out = record->layers[i].output;
            flat = out.rank() == 2;
            width = static_cast<int>(out.sampleSize());
        }
        for (Parameter* p : net.layer(i).parameters()) {
            const std::string full = info.name + "." + p->name;
            if (info.type == "dense" && p->name == "weight" && p->value.rank() == 2) {
                info.weight = full;
                if (width < 0) width = static_cast<int>(p->value.dim(1));
            } else if (info.type == "dense" && p->name == "bias") {
                info.bias = full;
            }
        }
        if (width < 0 && net.layerSpec(i).contains("units") && net.layerSpec(i)["units"].is_number_integer()) {
            width = net.layerSpec(i)["units"].get<int>();
        }
        // Layers that keep their input's shape; anything else is unknown until recorded.
        static const char* const kSameWidth[] = {"activation", "softmax", "dropout", "batch_norm", "prelu"};
        if (width < 0) {
            for (const char* t : kSameWidth) {
                if (info.type == t) width = previous;
            }
        }
        info.width = flat ? width : -1;
        previous = info.width;
        layers_.push_back(std::move(info));
    }
    hiddenLayers_ = static_cast<int>(layers_.size()) - 1;
    drawable_ = flatInput && inputWidth_ > 0 && inputWidth_ <= kMaxDrawnUnits;
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

int NetworkLayout::width(int layer) const {
    if (layer < 0) return inputWidth_;
    if (layer >= layerCount()) return -1;
    return layers_[static_cast<std::size_t>(layer)].width;
}

int NetworkLayout::layerOfParameter(const std::string& name) const {
    const std::string layer = splitParameterName(name).first;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (layers_[i].name == layer) return static_cast<int>(i);
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
        const LayerInfo& l = layers_[static_cast<std::size_t>(layer)];
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
