#pragma once
// ConvProbe: one conv2d layer, built through the registry by its name and options as an
// experiment builds it, run forward on one image, and the numbers the convolution
// sandbox shows about it. Nothing here names the plugin's types: the weights, the bias,
// the output and the engine's im2col buffer come through the Layer interface, and the
// arithmetic of one output value is recomputed here from them, to be checked against
// the layer's own output.

#include "deepstep/layer.hpp"
#include "deepstep/registry.hpp"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace deepstep::studio::conv {

/// The sandbox's settings: a square kernel, the same stride, padding and dilation
/// along both axes.
struct ConvSettings {
    int kernel = 3;
    int stride = 1;
    int padding = 0;
    bool samePadding = false;  ///< padding "same"; `padding` is then unused
    int dilation = 1;
    int groups = 1;
    int filters = 1;
    bool bias = true;
    friend bool operator==(const ConvSettings&, const ConvSettings&) = default;
};

/// One product of the sum behind one output value.
struct ConvTerm {
    int channel = 0;   ///< input channel (whole-layer index)
    int tapRow = 0;    ///< kernel row i
    int tapCol = 0;    ///< kernel column j
    int paddedRow = 0; ///< where the tap falls in the padded input
    int paddedCol = 0;
    float input = 0.0F;   ///< the pixel there (0 in padding)
    float weight = 0.0F;  ///< weight[filter][channel in group][i][j]
};

/// The products and sums of one output value, computed here, and the layer's value.
struct OutputArithmetic {
    int filter = 0, row = 0, col = 0;
    std::vector<ConvTerm> terms;         ///< channel by channel, kernel rows then columns
    std::vector<double> channelSums;     ///< one per channel of the filter's group
    std::vector<int> channels;           ///< those channels' indices
    double bias = 0.0;
    double total = 0.0;                  ///< Σ products + bias
    double layerValue = 0.0;             ///< the layer's output at (filter, row, col)
    /// Whether total and layerValue agree up to float rounding of the sum.
    bool agrees = true;
};

class ConvProbe {
    Q_DECLARE_TR_FUNCTIONS(ConvProbe)

public:
    /// Builds a conv2d layer with `settings` for `input` (C × H × W) through `registry`
    /// and runs it forward. On bad settings returns false and leaves a message for the
    /// student (translated) in error(); the previous layer is dropped.
    bool build(const Registry& registry, const ConvSettings& settings, const Tensor& input);
    /// Runs the current layer again on a new input of the same shape, keeping its weights.
    /// requires: ok() and input.shape() == the built input's shape.
    void rerun(const Tensor& input);
    /// Runs the current layer again after its parameters were changed from outside.
    void rerun() { rerun(input_); }

    bool ok() const { return layer_ != nullptr; }
    const QString& error() const { return error_; }
    Layer* layer() const { return layer_.get(); }
    const ConvSettings& settings() const { return settings_; }

    int channels() const { return channels_; }
    int inputHeight() const { return height_; }
    int inputWidth() const { return width_; }
    int padTop() const { return padTop_; }
    int padLeft() const { return padLeft_; }
    int paddedHeight() const { return height_ + padTop_ + padBottom_; }
    int paddedWidth() const { return width_ + padLeft_ + padRight_; }
    int outputHeight() const { return outHeight_; }
    int outputWidth() const { return outWidth_; }
    int filters() const { return settings_.filters; }
    int channelsPerGroup() const { return channels_ / settings_.groups; }
    int filtersPerGroup() const { return settings_.filters / settings_.groups; }
    int groupOf(int filter) const { return filter / filtersPerGroup(); }
    /// (C/groups)·k·k: the rows of one group's unfolded matrix.
    int patch() const { return channelsPerGroup() * settings_.kernel * settings_.kernel; }

    /// Channel c of the input with the padding zeros, row by row.
    std::vector<float> paddedChannel(int c) const;
    /// The kernel of `filter` over its group's channel `local`, k × k row by row.
    std::vector<float> kernel(int filter, int local) const;
    /// The output map of `filter`, row by row.
    std::vector<float> outputMap(int filter) const;
    /// The parameters the layer holds, counted from its parameter tensors.
    std::size_t parameterCount() const;

    OutputArithmetic arithmetic(int filter, int row, int col) const;

    /// Runs the layer backward with dE/dY = `delta` (filters() × outputHeight() ×
    /// outputWidth() values), first forward again on the current input so that the
    /// backward follows the forward of its batch as the Layer contract asks. The layer's
    /// parameter gradients are then filled; returns dE/dx, shaped 1 × C × H × W.
    /// requires: ok() and delta.size() == filters()·outputHeight()·outputWidth().
    Tensor backward(const std::vector<float>& delta) const;

    /// The input of group `group` unfolded as the GEMM multiplies it: patch() rows
    /// (channel in group, i, j), one column per output position (y·outW + x), computed
    /// here from the input.
    std::vector<float> unfold(int group) const;
    /// The same block read from the engine's own im2col buffer (the layer's internal
    /// "columns"), when the layer exposes it; empty otherwise.
    std::vector<float> engineColumns(int group) const;
    /// The group's filters as rows: filtersPerGroup() × patch().
    std::vector<float> filterRows(int group) const;

private:
    std::unique_ptr<Layer> layer_;
    ConvSettings settings_;
    Tensor input_;
    Tensor output_;
    QString error_;
    int channels_ = 0, height_ = 0, width_ = 0;
    int padTop_ = 0, padBottom_ = 0, padLeft_ = 0, padRight_ = 0;
    int outHeight_ = 0, outWidth_ = 0;

    const Parameter* parameter(const std::string& name) const;
};

}  // namespace deepstep::studio::conv
