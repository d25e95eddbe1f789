#pragma once
// SequenceProbe: one sequence through a recurrent network, forward and backward, with
// everything the RNN tab draws: every per-step internal of the first recurrent layer
// (its value and dE/d(value) at every step), ‖∂E/∂h_t‖ per step, the inputs, and the
// loss. A recurrent layer is one whose internals include "hidden_states", an N×T×H
// tensor (simple_rnn, lstm, gru all say so); its other N×T×H internals (gates, cell
// states, pre-activations) come along in the layer's own order. Nothing here names a
// layer type: the probe reads internals and parameters by their names.
// QtCore free: the engine only.

#include "deepstep/layer.hpp"
#include "deepstep/loss.hpp"
#include "deepstep/network.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace deepstep::studio::rnn {

/// One internal over time: T × H values, row-major (step t, unit j at t·H + j).
struct StepSeries {
    std::string name;  ///< the internal's local name, "forget_gate"
    Text help;         ///< the layer's one-line description
    std::vector<float> value;
    std::vector<float> grad;  ///< empty when the layer computes none
    float at(std::size_t t, std::size_t j, std::size_t units) const { return value[t * units + j]; }
};

/// One term of ∂E/∂U[i][j] = Σ_t h_{t−1}[i] · ∂E/∂z_t[j].
struct RecurrentTerm {
    std::size_t step = 0;  ///< t, 0-based
    double previousHidden = 0.0;  ///< h_{t−1}[i] (h_0: the initial state)
    double preActivationGrad = 0.0;  ///< ∂E/∂z_t[j]
};

struct SequenceProbe {
    std::string layer;  ///< the recurrent layer's name in the network ("rnn")
    std::size_t layerIndex = 0;
    std::size_t steps = 0;  ///< T
    std::size_t units = 0;  ///< H
    std::vector<StepSeries> series;
    std::size_t hidden = 0;  ///< index of "hidden_states" in series
    std::optional<std::size_t> cell;  ///< index of "cell_states", when the layer has one
    /// ‖∂E/∂h_t‖ (L2 over the units) for t = 0 … T−1; empty without gradients.
    std::vector<double> gradientNorm;
    /// ‖∂E/∂c_t‖ per step for a layer with cell states (an LSTM); empty otherwise.
    std::vector<double> cellGradientNorm;
    std::vector<float> inputs;  ///< T × inputWidth, the sequence as the network read it
    std::size_t inputWidth = 0;  ///< features per step (1 for ids)
    std::vector<float> output;   ///< the network's output for this sequence
    double loss = 0.0;
    /// The terms of ∂E/∂U[i][j] over the steps, when the layer shows its pre-activations'
    /// gradients ("pre_activations") and has a "recurrent_weight" [H, H]; with the
    /// engine's own ∂E/∂U[i][j] to compare the sum with. Empty otherwise.
    std::vector<RecurrentTerm> recurrentTerms(std::size_t i, std::size_t j) const;
    std::optional<double> recurrentGradient(std::size_t i, std::size_t j) const;

    const StepSeries& hiddenStates() const { return series[hidden]; }
    /// h_0: zeros, or the layer's learned "initial_state".
    std::vector<float> initialState;

private:
    friend std::optional<SequenceProbe> probeSequence(Network&, const Loss&, const Tensor&, const Tensor&);
    std::vector<float> recurrentGrad_;      ///< ∂E/∂U, H × H, when it is square
    std::optional<std::size_t> preActivations_;
};

/// h at the last step of every sequence of `x` (N sequences): N × H values, row-major,
/// from the first recurrent layer; empty when there is none. `units` receives H.
std::vector<float> lastHiddenStates(Network& net, const Tensor& x, std::size_t& units);

/// Runs `x` (1 × the network's input) forward and, with `target` (1 × its output),
/// backward through `loss`. nullopt when the network has no recurrent layer.
/// requires: net built; the shapes as said. Leaves the network's gradients filled.
std::optional<SequenceProbe> probeSequence(Network& net, const Loss& loss, const Tensor& x, const Tensor& target);

}  // namespace deepstep::studio::rnn
