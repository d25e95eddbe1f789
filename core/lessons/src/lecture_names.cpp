#include "deepstep/lessons/lecture_names.hpp"

namespace deepstep {

LectureNames::LectureNames(Network& network) {
    if (!network.built() || network.inputShape().rank() != 1) return;
    inputWidth_ = network.inputShape()[0];
    bool named = inputWidth_ > 0 && inputWidth_ <= kMaxNamedUnits;
    std::size_t previous = inputWidth_;
    std::size_t offset = 0;
    for (std::size_t i = 0; i < network.layerCount() && named; ++i) {
        Layer& layer = network.layer(i);
        const Shape& shape = network.layerOutputShape(i);
        if (!layer.children().empty() || shape.rank() != 1 || shape[0] == 0 || shape[0] > kMaxNamedUnits) {
            named = false;
            break;
        }
        Column c;
        c.inputs = previous;
        c.width = shape[0];
        const LayerView view = layer.describe();
        const std::string prefix = network.layerName(i) + ".";
        const Parameter* w = view.connections.empty() ? nullptr : network.parameter(prefix + view.connections);
        if (w != nullptr && w->value.rank() == 2) {
            const std::size_t inputs = w->value.dim(view.connectionsTransposed ? 1 : 0);
            const std::size_t units = w->value.dim(view.connectionsTransposed ? 0 : 1);
            // Numbered only when the matrix joins the previous layer's units to this one's.
            if (inputs == previous && units == c.width) {
                c.weight = prefix + view.connections;
                c.transposed = view.connectionsTransposed;
                c.weightOffset = offset;
                offset += inputs * units;
            }
        }
        const Parameter* b = view.bias.empty() ? nullptr : network.parameter(prefix + view.bias);
        if (b != nullptr && b->value.size() == c.width) c.bias = prefix + view.bias;
        columns_.push_back(std::move(c));
        previous = shape[0];
    }
    available_ = named && !columns_.empty();
    if (!available_) columns_.clear();
}

std::string LectureNames::unitName(int layer, std::size_t unit) const {
    const std::string n = std::to_string(unit + 1);
    if (layer < 0) return "x" + n;
    if (static_cast<std::size_t>(layer) + 1 == columns_.size()) return "o" + n;
    if (columns_.size() == 2) return "h" + n;
    return "h" + std::to_string(layer + 1) + "_" + n;
}

std::optional<LectureNames::Link> LectureNames::link(const std::string& parameter,
                                                      const std::vector<std::size_t>& index) const {
    for (std::size_t l = 0; l < columns_.size(); ++l) {
        const Column& c = columns_[l];
        if (parameter == c.weight && index.size() == 2) {
            // Stored [inputs, units], or [units, inputs] when transposed.
            const std::size_t input = c.transposed ? index[1] : index[0];
            const std::size_t unit = c.transposed ? index[0] : index[1];
            if (input >= c.inputs || unit >= c.width) return std::nullopt;
            return Link{l, input, unit, true};
        }
        if (parameter == c.bias && index.size() == 1 && index[0] < c.width) return Link{l, 0, index[0], false};
    }
    return std::nullopt;
}

std::optional<std::string> LectureNames::elementName(const std::string& parameter,
                                                     const std::vector<std::size_t>& index) const {
    const std::optional<Link> k = link(parameter, index);
    if (!k) return std::nullopt;
    const Column& c = columns_[k->layer];
    if (!k->weight) return "b_" + unitName(static_cast<int>(k->layer), k->unit);
    return "w" + std::to_string(c.weightOffset + k->input * c.width + k->unit + 1);
}

std::optional<std::string> LectureNames::connection(const std::string& parameter,
                                                    const std::vector<std::size_t>& index) const {
    const std::optional<Link> k = link(parameter, index);
    if (!k || !k->weight) return std::nullopt;
    const int layer = static_cast<int>(k->layer);
    return unitName(layer - 1, k->input) + "→" + unitName(layer, k->unit);
}

std::string LectureNames::elementLabel(const std::string& parameter, const std::vector<std::size_t>& index) const {
    if (const auto name = elementName(parameter, index)) {
        const auto link = connection(parameter, index);
        return link ? *name + " (" + *link + ")" : *name;
    }
    std::string s = parameter;
    for (std::size_t i : index)
        s += "[" + std::to_string(i) + "]";
    return s;
}

std::string LectureNames::elementLabel(const std::string& parameter, const Shape& shape, std::size_t flat) const {
    std::vector<std::size_t> index(shape.rank());
    for (std::size_t k = shape.rank(); k-- > 0;) {
        index[k] = flat % shape[k];
        flat /= shape[k];
    }
    return elementLabel(parameter, index);
}

}  // namespace deepstep
