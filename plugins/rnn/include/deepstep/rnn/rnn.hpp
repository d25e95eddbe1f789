#pragma once
// The RNN lecture's components: recurrent layers on sequences N·T·F (N sequences of T
// steps, F features a step).
//
//   layers  simple_rnn, lstm, gru, embedding, time_distributed, bidirectional
//
// The loadable plugin "rnn" registers exactly these; tests and static tools link the
// components library and call registerComponents() themselves.

#include "deepstep/activation.hpp"
#include "deepstep/composite.hpp"
#include "deepstep/layer.hpp"
#include "deepstep/registry.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace deepstep::rnn {

/// What every recurrent layer of the plugin shares: sequences N·T·F in, the options
/// below, and three parameters in the lecture's row form for G blocks of H units
/// (G = 1 for simple_rnn, 4 gates for lstm): input_weight W [F, G·H],
/// recurrent_weight U [H, G·H], bias b [G·H].
struct RecurrentOptions {
    std::size_t units = 1;         ///< H: hidden units
    bool returnSequences = false;  ///< output every h_t (N·T·H), else the last (N·H)
    std::string init = "xavier";   ///< how the two weight matrices start (the bias starts at 0)
    float initScale = 0.1F;        ///< for init = uniform / normal
    /// Truncated backpropagation through time: 0 backpropagates through the whole
    /// sequence; k > 0 lets ∂E/∂h (and an LSTM's ∂E/∂c) pass from step t to t−1 only
    /// within windows of k steps counted from the end, [T−k, T), [T−2k, T−k), …, as if
    /// the state were detached at each window's start. The forward pass is unchanged;
    /// each step still adds its local part (z_t's dependence on W, U, b and x_t, with
    /// h_{t−1} held fixed) to the gradients.
    std::size_t bpttSteps = 0;
    /// false: h_0 = 0 (and c_0 = 0), as PyTorch's default; true: h_0 (and an LSTM's c_0)
    /// are parameters "initial_state" [H] (and "initial_cell" [H]), the same for every
    /// sequence, starting at 0 and trained like the weights (no weight decay).
    bool learnedInitialState = false;
};

class RecurrentLayer : public Layer {
public:
    std::vector<Parameter*> parameters() override;
    Parameter& inputWeight() { return w_; }
    Parameter& recurrentWeight() { return u_; }
    Parameter& bias() { return b_; }
    const RecurrentOptions& recurrentOptions() const { return options_; }

protected:
    /// requires: options.units >= 1 and a known init (throws InputError at "<type>.units"
    /// or "<type>.init" otherwise).
    RecurrentLayer(std::string type, std::size_t blocks, RecurrentOptions options);

    /// build()'s common part: checks that the sample is T × F with T, F >= 1
    /// (InputError("<type>", ...) otherwise), sizes and initialises W, U, b and their
    /// gradients; returns {T, H} with return_sequences, else {H}.
    Shape buildParameters(const Shape& inputSample, Rng& rng);
    /// forward()'s common part: checks x against the built shape and keeps it.
    void startForward(const Tensor& x);
    /// backward()'s common part: checks dy's shape and zeroes the gradients.
    void startBackward(const Tensor& dy) const;
    void zeroGradients();
    /// The input's part of every step's pre-activations at once: Z_x = Wᵀ x_t (+ b when
    /// given) for every step t and sequence n, (G·H) × (T·N), step t in columns
    /// [t·N, (t+1)·N). When every step of every sequence is one-hot (a character, a
    /// token) it gathers rows of W instead of multiplying; otherwise it is one product.
    /// Keeps what accumulateInputWeightGradient() needs. requires: startForward(x).
    arma::fmat projectInputs(const arma::fvec* bias);
    /// ∂E/∂W += Σ_t x_t ∂E/∂z_tᵀ, from dz (G·H) × (T·N) laid out as projectInputs()'s
    /// result (a scatter of columns for one-hot input, else one product).
    void accumulateInputWeightGradient(const arma::fmat& dz);
    /// ∂E/∂x, shaped like the input, from dz laid out as projectInputs()'s result.
    Tensor inputGradient(const arma::fmat& dz) const;
    /// The state before step 0 for a batch of n: h_0 (or c_0) in every column, or zeros.
    arma::fmat initialColumns(const Parameter& state, std::size_t n) const;
    /// Whether ∂E/∂h reaches the learned initial state: with bptt_steps k, only when step 0
    /// does not start a window (T mod k ≠ 0).
    bool reachesInitialState() const {
        return options_.learnedInitialState && (options_.bpttSteps == 0 || steps_ % options_.bpttSteps != 0);
    }
    /// Whether backward() passes ∂E/∂h_t on to step t−1 (bptt_steps; false for t = 0).
    bool carriesBack(std::size_t t) const {
        return t > 0 && (options_.bpttSteps == 0 || (steps_ - t) % options_.bpttSteps != 0);
    }

    std::string type_;
    std::size_t blocks_;  ///< G
    RecurrentOptions options_;
    std::size_t steps_ = 0;
    std::size_t features_ = 0;
    bool built_ = false;
    Parameter w_{"input_weight", {}, {}, true, true};
    Parameter u_{"recurrent_weight", {}, {}, true, true};
    Parameter b_{"bias", {}, {}, true, false};
    Parameter h0_{"initial_state", {}, {}, true, false};  ///< learned h_0 [H], with initial_state learned
    Parameter c0_{"initial_cell", {}, {}, true, false};   ///< learned c_0 [H], an LSTM's
    Tensor input_;
    bool backwardDone_ = false;
    /// One-hot input: the hot feature of step t of sequence n at [t·N + n]; empty when
    /// some step is not one-hot.
    std::vector<std::uint32_t> hot_;
    arma::fmat stepMajorInput_;  ///< F × (T·N), step t in columns [t·N, (t+1)·N); empty for one-hot input
};

struct SimpleRnnOptions : RecurrentOptions {};

/// simple_rnn: the Elman recurrent layer of the lecture,
///   h_0 = 0,  z_t = x_t W + h_{t−1} U + b,  h_t = f(z_t)   (f: tanh unless chosen)
/// with backpropagation through the whole sequence in backward() (or bptt_steps of it).
///
/// Parameters (the lecture's row form, as dense's Y = XW + b):
///   input_weight      W  [F, H]
///   recurrent_weight  U  [H, H]
///   bias              b  [H]
/// To copy them into torch.nn.RNN(F, H, batch_first=True, nonlinearity="tanh"):
///   weight_ih_l0 = Wᵀ, weight_hh_l0 = Uᵀ, bias_ih_l0 = b, bias_hh_l0 = 0.
///
/// Internals after forward(): "pre_activations" z and "hidden_states" h, each N·T·H
/// (h_t of sequence n at [n][t]); after backward() each carries its gradient
/// ∂E/∂z_t and ∂E/∂h_t, the latter with the part that flows back through time.
class SimpleRnnLayer final : public RecurrentLayer {
public:
    /// requires: options.units >= 1 and a non-null activation (throws otherwise).
    SimpleRnnLayer(const SimpleRnnOptions& options, std::unique_ptr<Activation> activation);

    std::string type() const override { return "simple_rnn"; }
    /// requires: inputSample is T × F with T, F >= 1; throws InputError("simple_rnn", ...)
    /// otherwise. ensures: returns {T, H} with return_sequences, else {H}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    /// dy: N·T·H with return_sequences, else N·H.
    Tensor backward(const Tensor& dy) override;
    /// backward() without ∂E/∂x (the first layer of a network needs none).
    void backwardParameters(const Tensor& dy) override;
    std::vector<Internal> internals() const override;

private:
    Tensor backwardThroughTime(const Tensor& dy, bool inputGradientWanted);

    std::unique_ptr<Activation> activation_;
    std::vector<Tensor> z_;  ///< z_t as N × H (memory: H × N column-major), t = 0 … T−1
    std::vector<Tensor> h_;  ///< h_t likewise
    Tensor zAll_, hAll_, dzAll_, dhAll_;  ///< N·T·H, for internals()
};

struct LstmOptions : RecurrentOptions {
    float forgetBias = 0.0F;  ///< the forget gate's bias at the start (1 keeps memory early on)
};

/// lstm: the long short-term memory layer of the lecture, from h_0 = c_0 = 0:
///   z_t = x_t W + h_{t−1} U + b                       (4H values: i, f, g, o)
///   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)
///   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
/// with backpropagation through the whole sequence in backward() (or bptt_steps of it).
///
/// Parameters (row form, gates in PyTorch's order i, f, g, o, each a block of H columns):
///   input_weight      W  [F, 4H]
///   recurrent_weight  U  [H, 4H]
///   bias              b  [4H]
/// To copy them into torch.nn.LSTM(F, H, batch_first=True):
///   weight_ih_l0 = Wᵀ, weight_hh_l0 = Uᵀ, bias_ih_l0 = b, bias_hh_l0 = 0.
///
/// Internals after forward(), each N·T·H: "input_gate" i, "forget_gate" f,
/// "candidate" g, "output_gate" o, "cell_states" c and "hidden_states" h; after
/// backward() the cell and hidden states carry ∂E/∂c_t and ∂E/∂h_t (with what flows
/// back from later steps) and the gates ∂E/∂(gate value).
class LstmLayer final : public RecurrentLayer {
public:
    /// requires: options.units >= 1 (throws InputError otherwise).
    explicit LstmLayer(const LstmOptions& options);

    std::string type() const override { return "lstm"; }
    /// requires: inputSample is T × F with T, F >= 1; throws InputError("lstm", ...)
    /// otherwise. ensures: returns {T, H} with return_sequences, else {H}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    /// dy: N·T·H with return_sequences, else N·H.
    Tensor backward(const Tensor& dy) override;
    /// backward() without ∂E/∂x (the first layer of a network needs none).
    void backwardParameters(const Tensor& dy) override;
    /// W, U, b, and with a learned initial state h_0 and c_0.
    std::vector<Parameter*> parameters() override;
    std::vector<Internal> internals() const override;

private:
    Tensor backwardThroughTime(const Tensor& dy, bool inputGradientWanted);

    float forgetBias_;
    std::vector<arma::fmat> gates_;  ///< per step, 4H × N: i, f, g, o after their activations
    std::vector<arma::fmat> cells_;  ///< per step, H × N: c_t
    std::vector<arma::fmat> cellTanh_;  ///< per step, H × N: tanh(c_t)
    arma::fmat hidden_;              ///< H × (T·N): h_t of every sequence in columns [t·N, (t+1)·N)
    /// N·T·H views for internals(): i, f, g, o, c, h and their gradients.
    std::vector<Tensor> shown_, shownGrad_;
};

struct GruOptions : RecurrentOptions {};

/// gru: the gated recurrent unit of the lecture, from h_0 = 0, as PyTorch and Keras
/// (reset_after) compute it:
///   a_t = x_t W + b,  b_t = h_{t−1} U + c                 (3H values: blocks r, z, n)
///   r = σ(a_r + b_r),  z = σ(a_z + b_z),  n = tanh(a_n + r ⊙ b_n)
///   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
/// with backpropagation through the whole sequence in backward() (or bptt_steps of it).
///
/// Parameters (row form, gates in PyTorch's order r, z, n):
///   input_weight      W  [F, 3H]
///   recurrent_weight  U  [H, 3H]
///   bias              b  [3H]
///   recurrent_bias    c  [3H]   (inside the reset gate's product for n: it cannot be
///                                folded into b)
/// To copy them into torch.nn.GRU(F, H, batch_first=True): weight_ih_l0 = Wᵀ,
/// weight_hh_l0 = Uᵀ, bias_ih_l0 = b, bias_hh_l0 = c.
///
/// Internals after forward(), each N·T·H: "reset_gate" r, "update_gate" z, "candidate"
/// n and "hidden_states" h, with their gradients after backward().
class GruLayer final : public RecurrentLayer {
public:
    /// requires: options.units >= 1 (throws InputError otherwise).
    explicit GruLayer(const GruOptions& options);

    std::string type() const override { return "gru"; }
    /// requires: inputSample is T × F with T, F >= 1; throws InputError("gru", ...)
    /// otherwise. ensures: returns {T, H} with return_sequences, else {H}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    /// dy: N·T·H with return_sequences, else N·H.
    Tensor backward(const Tensor& dy) override;
    /// backward() without ∂E/∂x (the first layer of a network needs none).
    void backwardParameters(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override;
    std::vector<Internal> internals() const override;

    Parameter& recurrentBias() { return c_; }

private:
    Tensor backwardThroughTime(const Tensor& dy, bool inputGradientWanted);

    Parameter c_{"recurrent_bias", {}, {}, true, false};
    std::vector<arma::fmat> gates_;     ///< per step, 3H × N: r, z, n after their activations
    std::vector<arma::fmat> resetPart_; ///< per step, H × N: b_n = (h_{t−1} U + c)_n, before r multiplies it
    arma::fmat hidden_;                 ///< H × (T·N): h_t of every sequence in columns [t·N, (t+1)·N)
    std::vector<Tensor> shown_, shownGrad_;  ///< r, z, n, h as N·T·H, and their gradients
};

struct EmbeddingOptions {
    std::size_t vocabulary = 1;   ///< V: ids 0 … V−1
    std::size_t dimensions = 1;   ///< D: the size of each vector
    std::string init = "normal";  ///< normal (σ = initScale, PyTorch's N(0, 1) by default), uniform, xavier
    float initScale = 1.0F;
};

/// embedding: token ids N·T (whole numbers 0 … V−1, one per step) → vectors N·T·D,
/// y[n][t] = E[x[n][t]], a row of the weight per id; what one-hot input times a dense
/// layer's weight computes, without the product.
///
/// Parameter (PyTorch's layout): weight E [V, D]. To copy into torch.nn.Embedding(V, D):
///   embedding.weight = E.
///
/// ∂E/∂(row k) is the sum of ∂E/∂y over every place id k occurs; ids are labels, so
/// backward() returns zeros for them. An id that is not a whole number in 0 … V−1 is
/// refused (InputError naming the sequence and the step).
class EmbeddingLayer final : public Layer {
public:
    /// requires: vocabulary, dimensions >= 1 and a known init (throws InputError otherwise).
    explicit EmbeddingLayer(const EmbeddingOptions& options);

    std::string type() const override { return "embedding"; }
    /// requires: inputSample is {T}, T >= 1; throws InputError("embedding", ...) otherwise.
    /// ensures: returns {T, D}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    /// Returns zeros shaped like the ids.
    Tensor backward(const Tensor& dy) override;
    void backwardParameters(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&weight_}; }
    Parameter& weight() { return weight_; }

private:
    EmbeddingOptions options_;
    std::size_t steps_ = 0;
    bool built_ = false;
    Parameter weight_{"weight", {}, {}, true, true};
    std::vector<std::size_t> ids_;  ///< of the last forward
    Shape shape_;                   ///< the last forward's input shape
};

/// time_distributed: its layers (a composite, as sequential) applied at every step of a
/// sequence, the same parameters at each: N·T·F… in, N·T·G… out, where the layers turn
/// one step F… into G…. The batch of N sequences is the batch of N·T steps to them.
/// {"type": "time_distributed", "layers": [{"type": "dense", "units": 1}]} after an
/// lstm with return_sequences forecasts a value at every step. Parameters are the
/// children's ("<layer>.<child>.weight"), in their own layouts.
///
/// It has no activation of its own (a loss never fuses with it); its internals are
/// every child's output, N·T rows of G… each as the children computed them.
class TimeDistributedLayer final : public SequentialLayer {
public:
    explicit TimeDistributedLayer(std::vector<NamedLayer> children);
    std::string type() const override { return "time_distributed"; }
    /// requires: inputSample is T × F… with T >= 1 (throws InputError otherwise).
    /// ensures: returns T × (the children's output for one step).
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor forwardRetained(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    void backwardParameters(const Tensor& dy) override;
    /// throws std::logic_error: there is no activation to start from.
    Tensor backwardFromPreActivation(const Tensor& dz) override;
    const Activation* activation() const override { return nullptr; }
    const Tensor* preActivation() const override { return nullptr; }
    const Tensor* preActivationGradient() const override { return nullptr; }
    std::vector<Internal> internals() const override;

private:
    Tensor run(const Tensor& x, Mode mode);
    Shape perStep(const Shape& shape) const;
    Shape perSequence(const Shape& shape, std::size_t batch) const;

    std::size_t steps_ = 0;
    std::size_t batch_ = 0;
    Tensor stepInput_;  ///< the last input as (N·T)·F…, which the children may keep a reference to
};

/// bidirectional: two copies of one recurrent layer, "forward" reading x_0 … x_{T−1} and
/// "backward" reading x_{T−1} … x_0, their outputs side by side:
///   return_sequences:  y_t = [h→_t, h←_t]  (N·T·2H), h←_t the backward copy's state
///                      after reading x_{T−1} … x_t;
///   otherwise:         y = [h→_{T−1}, h←_0] (N·2H), each direction's final state,
/// as torch.nn.LSTM(..., bidirectional=True) gives in its output and in h_n. Parameters
/// "<layer>.forward.*" and "<layer>.backward.*", each in the wrapped layer's layout; for
/// PyTorch, forward.* are the *_l0 weights and backward.* the *_l0_reverse ones.
/// ∂E/∂x is the sum of both directions' (the backward one's turned back in time).
class BidirectionalLayer final : public Layer {
public:
    /// requires: two layers built from the same spec (throws std::invalid_argument for null).
    BidirectionalLayer(std::unique_ptr<Layer> forwards, std::unique_ptr<Layer> backwards);
    std::string type() const override { return "bidirectional"; }
    /// requires: inputSample is T × F; the wrapped layer gives {H} or {T, H} (throws
    /// InputError otherwise). ensures: returns {2H} or {T, 2H}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    void backwardParameters(const Tensor& dy) override;
    std::vector<ChildLayer> children() const override;

private:
    /// dy split into the forward direction's and the backward one's (in its own time order).
    std::pair<Tensor, Tensor> split(const Tensor& dy) const;

    std::unique_ptr<Layer> forwards_;
    std::unique_ptr<Layer> backwards_;
    std::size_t steps_ = 0;
    std::size_t units_ = 0;
    bool sequences_ = false;
    Tensor reversed_;  ///< the last input, steps reversed: the backward copy's input
};

/// Adds every layer listed above to `registry`, each with its option schema and
/// English and Korean help.
/// requires: none of these names is registered yet; `registry` outlives every factory
///           call (simple_rnn looks its activation up in it: the activations come from
///           the backprop plugin, or any other).
void registerComponents(Registry& registry);

}  // namespace deepstep::rnn
