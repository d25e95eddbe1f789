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

/// Numbers as the step views print them: 4 significant digits, "0" for zero, "?" for a
/// value hidden until a lesson's checkpoint is answered (isConcealed()).
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

/// The tensors of one drawn layer in a StepRecord, for one batch: nullptr where the
/// record has none (a composite's inner layers have no z and no δ of their own).
struct LayerValues {
    const Tensor* output = nullptr;          ///< a
    const Tensor* gradOutput = nullptr;      ///< ∂E/∂a
    const Tensor* preActivation = nullptr;   ///< z
    const Tensor* gradPreActivation = nullptr;  ///< δ
};

/// The shape of a network as the step views draw it, read from what each layer says of
/// itself (Layer::describe()), never from its type's name: one column of units per
/// layer that computes something. Composite layers are opened up, to any depth: their
/// children are drawn in order, grouped under the composite's name, and a composite
/// that adds its input (y = x + f(x)) gets a column of its own for the sum, with a skip
/// connection from the column before it.
///
/// The lecture's names for units and weights: inputs x1.., the last column's outputs
/// o1.., hidden units h1.. (h2_1.. when there is more than one hidden column);
/// connection weights numbered w1, w2, ... column by column, row-major in the
/// inputs × units matrix, as in the lecture's 3-2-2 example (w7 joins h1 to o1).
///
/// "layer" in this class means a drawn column, 0-based; −1 is the input. For a network
/// without composites the columns are the network's layers.
class NetworkLayout {
public:
    /// Reads the session's network.
    explicit NetworkLayout(StepSession& session);

    int layerCount() const { return static_cast<int>(layers_.size()); }
    /// Units of the input (layer −1) or of column `layer`'s output; −1 when unknown or
    /// not flat.
    int width(int layer) const;
    /// True when every column is small and flat enough to draw as nodes and edges.
    bool drawable() const { return drawable_; }
    /// Path of the column's layer ("hidden", "block.inner"); a sum column has its
    /// composite's path.
    const std::string& layerName(int layer) const { return at(layer).path; }
    const std::string& layerType(int layer) const { return at(layer).type; }
    const std::string& activation(int layer) const { return at(layer).activation; }
    /// The layer's activation, or nullptr.
    const Activation* activationOf(int layer) const { return at(layer).activationPtr; }
    /// Full name of the connection matrix ("block.inner.weight"), or empty.
    const std::string& weightParameter(int layer) const { return at(layer).weight; }
    /// Full name of the per-unit bias, or empty.
    const std::string& biasParameter(int layer) const { return at(layer).bias; }
    /// The weight from unit `row` of the previous column to unit `col` of this one, read
    /// from `weights` (the connection matrix, stored [inputs, units] or transposed).
    std::optional<double> connection(const Tensor& weights, int layer, int row, int col) const;
    /// Index of the network's layer the column belongs to (the one the stepper reveals).
    int networkLayer(int layer) const { return at(layer).top; }
    /// The column is a network layer itself (not inside a composite): its LayerRecord is its own.
    bool isNetworkLayer(int layer) const { return at(layer).source.empty() && !at(layer).sum; }
    /// Unit j depends on input unit j only: drawn as one-to-one links.
    bool isOneToOne(int layer) const { return at(layer).oneToOne; }
    /// A layer that describes neither connections nor one-to-one links: drawn as a box
    /// with its output shape.
    bool isBox(int layer) const { return at(layer).box; }
    /// The output shape, "[4]".
    QString shapeText(int layer) const { return QString::fromStdString(at(layer).shape); }
    /// A composite's sum y = x + f(x): x comes from column skipSource() (−1 the input),
    /// f(x) from the column before.
    bool isSum(int layer) const { return at(layer).sum; }
    int skipSource(int layer) const { return at(layer).skipFrom; }
    /// Paths of the composites the column lies in, outermost first.
    const std::vector<std::string>& groups(int layer) const { return at(layer).groups; }
    /// Index of the column for parameter `name` (its weight or bias, or any other of its
    /// layer's parameters), or −1.
    int layerOfParameter(const std::string& name) const;
    /// Index of the network layer that owns parameter `name`, or −1.
    int networkLayerOfParameter(const std::string& name) const;
    /// The column's tensors in `record`.
    LayerValues values(const StepRecord& record, int layer) const;
    /// The input batch of the network in `record`, or nullptr.
    static const Tensor* networkInput(const StepRecord& record);

    /// x1, h1, o1 ... (1-based in the names, 0-based in the arguments).
    QString unitName(int layer, int unit) const;
    /// "w7" for numbered connection weights, otherwise "hidden.weight[0][1]".
    QString weightName(const std::string& parameter, int row, int col) const;
    /// "b_h1" for a bias.
    QString biasName(int layer, int unit) const;

private:
    struct LayerInfo {
        std::string path;
        std::string type;
        std::string activation;
        const Activation* activationPtr = nullptr;
        std::string weight;
        std::string bias;
        bool transposed = false;
        bool oneToOne = false;
        bool box = false;
        bool sum = false;
        int skipFrom = -1;
        int top = -1;
        /// Where its output is recorded: empty for the network layer's own output,
        /// else the name of an internal of the network layer ("inner.output").
        std::string source;
        std::vector<std::string> groups;
        std::string shape;
        int width = -1;
        int weightOffset = -1;  // number of the first weight minus one, −1 when not numbered
    };
    struct Place {
        std::string path;
        std::string relative;  // path inside the network layer ("inner" in "block.inner")
        int top = -1;
        std::optional<Shape> shape;
        std::string source;
        std::vector<std::string> groups;
    };
    const LayerInfo& at(int layer) const { return layers_.at(static_cast<std::size_t>(layer)); }
    void add(Network& net, const Layer& layer, const Place& place);
    void addLeaf(Network& net, const Layer& layer, const Place& place);

    std::vector<LayerInfo> layers_;
    std::vector<std::string> networkLayers_;
    int inputWidth_ = -1;
    int hiddenLayers_ = 0;
    bool drawable_ = false;
};

}  // namespace deepstep::studio
