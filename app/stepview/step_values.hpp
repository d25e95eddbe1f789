#pragma once
// What the step views read from a StepSession: unit and weight names in the lecture's
// notation (x1, h1, o1, w7) and the record's values of one example of the batch.
//
// Nothing here computes a number the engine computed already: every value comes from
// the session's StepRecord or, before the first step, from the network's parameters.

#include "model/step_session.hpp"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace deepstep::studio {

/// Numbers as the step views print them: 4 significant digits, "0" for zero.
/// Every view uses this one function, so a value reads the same everywhere.
QString formatNumber(double value);

/// The value of `unit` of example `example` in a batch tensor (N × features...),
/// or nullopt when the tensor is empty or the indices fall outside it.
std::optional<double> sampleValue(const Tensor& batch, int example, int unit);

/// The element [row][col] of a parameter read as a matrix (rows = first extent,
/// cols = all the others); a 1-D parameter has one row. nullopt outside it.
std::optional<double> matrixValue(const Tensor& parameter, int row, int col);

/// Rows and columns of a tensor read as a matrix (see matrixValue); {0, 0} when empty.
std::pair<int, int> matrixShape(const Tensor& t);

/// The record of a parameter by full name, or nullptr.
const ParameterRecord* findParameter(const StepRecord& record, const std::string& name);

/// Splits "layer.param" at the last dot: {"layer", "param"}.
std::pair<std::string, std::string> splitParameterName(const std::string& name);

/// The shape of a network as the step views draw it, and the lecture's names for its
/// units and weights: inputs x1.., the last layer's outputs o1.., hidden units h1..
/// (h2_1.. when there is more than one hidden layer); dense weights numbered
/// w1, w2, ... layer by layer, row-major in the stored in × out matrix, as in the
/// lecture's 3-2-2 example (w7 joins h1 to o1).
class NetworkLayout {
public:
    /// Reads the session's network and, when there is one, its record.
    explicit NetworkLayout(StepSession& session);

    int layerCount() const { return static_cast<int>(layers_.size()); }
    /// Units of the input (layer −1) or of layer `layer`'s output; −1 when unknown.
    int width(int layer) const;
    /// True when every layer is small and flat enough to draw as nodes and edges.
    bool drawable() const { return drawable_; }
    const std::string& layerName(int layer) const { return layers_.at(static_cast<std::size_t>(layer)).name; }
    const std::string& layerType(int layer) const { return layers_.at(static_cast<std::size_t>(layer)).type; }
    const std::string& activation(int layer) const { return layers_.at(static_cast<std::size_t>(layer)).activation; }
    /// Full name of the layer's 2-D weight ("out.weight") when it is a dense layer.
    const std::string& weightParameter(int layer) const {
        return layers_.at(static_cast<std::size_t>(layer)).weight;
    }
    const std::string& biasParameter(int layer) const { return layers_.at(static_cast<std::size_t>(layer)).bias; }
    /// Index of the layer owning parameter `name`, or −1.
    int layerOfParameter(const std::string& name) const;

    /// x1, h1, o1 ... (1-based in the names, 0-based in the arguments).
    QString unitName(int layer, int unit) const;
    /// "w7" for numbered dense weights, otherwise "hidden.weight[0][1]".
    QString weightName(const std::string& parameter, int row, int col) const;
    /// "b_h1" for a dense bias.
    QString biasName(int layer, int unit) const;

private:
    struct LayerInfo {
        std::string name;
        std::string type;
        std::string activation;
        std::string weight;
        std::string bias;
        int width = -1;
        int weightOffset = -1;  // number of the first weight minus one, −1 when not numbered
    };
    std::vector<LayerInfo> layers_;
    int inputWidth_ = -1;
    int hiddenLayers_ = 0;
    bool drawable_ = false;
};

}  // namespace deepstep::studio
