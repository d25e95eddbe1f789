#pragma once
// ConvBackward: the backward pass of the sandbox's conv2d layer, computed here from its
// own direct formulas and checked against what the layer's backward() produced.
//
// With δ = ∂E/∂Y (one value per output, F × oh × ow) and the padded input xp:
//   ∂E/∂K[f][c][i][j] = Σ_(y, x) xp[c][y·s + i·d][x·s + j·d] · δ[f][y][x]
//                       (the correlation of the input with δ)
//   ∂E/∂b[f]          = Σ_(y, x) δ[f][y][x]
//   ∂E/∂x[c]          = Σ_(f in c's group) full convolution of δ[f] with the flipped kernel,
//                       δ[f] first spread by the stride (s − 1 zeros between values) and
//                       padded by d·(k − 1) zeros, the kernel's taps d apart.
// The last is computed as the lecture draws it: the flipped kernel slides over the spread,
// padded δ map, and the padding rows and columns of the result are cut off.

#include "conv_probe.hpp"

#include <vector>

namespace deepstep::studio::conv {

/// How the upstream gradient δ = ∂E/∂Y is chosen.
enum class DeltaKind {
    Ones,    ///< E = Σ Y: δ = 1 everywhere
    OneHot,  ///< E = Y[f][r][c]: δ = 1 at the chosen output, 0 elsewhere
    Loss,    ///< E = ½‖Y − T‖² with T the same value everywhere: δ = Y − T
};

/// δ for `probe`'s last output: filters() × outputHeight() × outputWidth(), map by map,
/// row by row. requires: probe.ok(); (filter, row, col) inside the output for OneHot.
std::vector<float> makeDelta(const ConvProbe& probe, DeltaKind kind, double target, int filter, int row, int col);

/// One product x · δ of ∂E/∂K.
struct KernelGradientTerm {
    int outRow = 0, outCol = 0;        ///< the output (y, x) whose δ it uses
    int paddedRow = 0, paddedCol = 0;  ///< the input pixel under the tap, padded coordinates
    float input = 0.0F;                ///< 0 in the padding
    float delta = 0.0F;
};

/// ∂E/∂K[filter][local][i][j] computed here, with the layer's value.
struct KernelGradient {
    int filter = 0, channel = 0, local = 0, tapRow = 0, tapCol = 0;
    std::vector<KernelGradientTerm> terms;  ///< one per output position, rows then columns
    double total = 0.0;
    double layerValue = 0.0;
    bool agrees = true;
};

/// ∂E/∂b[filter] = Σ δ[filter] computed here, with the layer's value.
struct BiasGradient {
    bool present = false;  ///< false when the layer has no bias
    int filter = 0;
    double total = 0.0;
    double layerValue = 0.0;
    bool agrees = true;
};

/// One product δ · k of ∂E/∂x: a tap of the flipped kernel that lands on a δ value (taps
/// on stride holes or on the full-convolution padding add 0 and are not listed).
struct InputGradientTerm {
    int filter = 0;
    int tapRow = 0, tapCol = 0;    ///< the kernel element K[f][c][i][j] (unflipped)
    int flipRow = 0, flipCol = 0;  ///< where it sits in the flipped kernel: k − 1 − i
    int spreadRow = 0, spreadCol = 0;  ///< the tap's cell in the padded, spread δ map
    int outRow = 0, outCol = 0;    ///< the output (y, x) whose δ sits there
    float delta = 0.0F;
    float weight = 0.0F;
};

/// ∂E/∂x[channel][row][col] (unpadded coordinates) computed here, with the layer's value.
struct InputGradient {
    int channel = 0, row = 0, col = 0;
    std::vector<InputGradientTerm> terms;  ///< filter by filter, flipped rows then columns
    int taps = 0;                          ///< all taps of the flipped kernels over it
    double total = 0.0;
    double layerValue = 0.0;
    bool agrees = true;
};

class ConvBackward {
public:
    /// Runs the layer's backward() with `delta` (see makeDelta) through
    /// ConvProbe::backward() and checks every gradient it produced against the formulas
    /// here.
    /// requires: probe.ok(), `delta` has filters() × outputHeight() × outputWidth()
    ///           values, and `probe` outlives this object's use (it keeps a pointer).
    void run(const ConvProbe& probe, std::vector<float> delta);

    /// Takes `dx` (C × H × W values), `dw` (the weight's shape) and `db` (F values, empty
    /// without a bias) as the layer's gradients and compares them with the formulas here;
    /// run() calls it with the layer's own. requires: run() was called.
    void check(std::vector<float> dx, std::vector<float> dw, std::vector<float> db);

    bool ran() const { return probe_ != nullptr; }
    const std::vector<float>& delta() const { return delta_; }
    /// δ of one filter, outputHeight() × outputWidth().
    std::vector<float> deltaMap(int filter) const;

    /// The spread δ map's size: the stride's holes filled with zeros, d·(k − 1) zeros
    /// above and left and at least as many below and right, so that the flipped kernel
    /// fits over every padded input pixel: paddedHeight() + d·(k − 1) rows.
    int spreadHeight() const;
    int spreadWidth() const;
    /// The zeros of the full convolution before the first δ value: d·(k − 1).
    int fullPadding() const;
    /// The rows and columns the δ values span in the spread map: (oh − 1)·s + 1.
    int spreadInnerHeight() const;
    int spreadInnerWidth() const;
    /// δ[filter] spread and padded, spreadHeight() × spreadWidth().
    std::vector<float> spreadMap(int filter) const;
    /// K[filter][local] turned by 180°, k × k.
    std::vector<float> flippedKernel(int filter, int local) const;

    KernelGradient kernelGradient(int filter, int local, int i, int j) const;
    BiasGradient biasGradient(int filter) const;
    InputGradient inputGradient(int channel, int row, int col) const;

    /// ∂E/∂K[filter][local] computed here, k × k.
    std::vector<float> kernelGradientMap(int filter, int local) const;
    /// ∂E/∂x[channel] computed here, H × W.
    std::vector<float> inputGradientMap(int channel) const;
    /// The layer's ∂E/∂x[channel], H × W.
    std::vector<float> layerInputGradientMap(int channel) const;

    /// How many numbers computed here differ from the layer's, of each kind (0 when all
    /// agree up to float rounding).
    int kernelDisagreements() const { return kernelDisagreements_; }
    int biasDisagreements() const { return biasDisagreements_; }
    int inputDisagreements() const { return inputDisagreements_; }
    bool agrees() const { return kernelDisagreements_ + biasDisagreements_ + inputDisagreements_ == 0; }

private:
    const ConvProbe* probe_ = nullptr;
    std::vector<float> delta_;
    std::vector<std::vector<float>> padded_;  ///< the padded input, channel by channel
    std::vector<float> layerDx_, layerDw_, layerDb_;
    int kernelDisagreements_ = 0, biasDisagreements_ = 0, inputDisagreements_ = 0;

    float deltaAt(int filter, int y, int x) const;
};

}  // namespace deepstep::studio::conv
