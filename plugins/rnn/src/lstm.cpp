// lstm: the gates i, f, g, o, the cell c_t and h_t = o ⊙ tanh(c_t), with
// backpropagation through time. Column form as simple_rnn: Z_t = Wᵀ X_t + Uᵀ H_{t−1} + b
// is 4H × N, the gates in rows [0, H), [H, 2H), [2H, 3H), [3H, 4H).
#include "deepstep/rnn/rnn.hpp"
#include "gate_math.hpp"


namespace deepstep::rnn {

namespace {

constexpr std::size_t kGates = 4;
const char* const kShownNames[] = {"input_gate", "forget_gate", "candidate", "output_gate", "cell_states",
                                   "hidden_states"};

}  // namespace

LstmLayer::LstmLayer(const LstmOptions& options)
    : RecurrentLayer("lstm", kGates, options), forgetBias_(options.forgetBias) {}

Shape LstmLayer::build(const Shape& inputSample, Rng& rng) {
    const Shape out = buildParameters(inputSample, rng);
    for (std::size_t j = options_.units; j < 2 * options_.units; ++j)
        b_.value[j] = forgetBias_;
    return out;
}

Tensor LstmLayer::forward(const Tensor& x, Mode /*mode*/) {
    startForward(x);
    const std::size_t n = x.batch();
    const std::size_t h = options_.units;
    const arma::fmat ut(u_.value.data(), kGates * h, h, false, true);
    const arma::fvec b(b_.value.data(), kGates * h, false, true);
    // x_t W + b for every step at once; only h_{t−1} U waits for the previous step.
    const arma::fmat zx = projectInputs(&b);
    gates_.assign(steps_, arma::fmat());
    cells_.assign(steps_, arma::fmat());
    cellTanh_.assign(steps_, arma::fmat());
    hidden_.set_size(h, steps_ * n);
    shown_.assign(6, Tensor(Shape{n, steps_, h}));
    shownGrad_.clear();
    for (std::size_t t = 0; t < steps_; ++t) {
        arma::fmat z = zx.cols(t * n, (t + 1) * n - 1);
        if (t > 0) {
            z += ut * hidden_.cols((t - 1) * n, t * n - 1);
        } else if (options_.learnedInitialState) {
            z += ut * initialColumns(h0_, n);
        }
        arma::fmat& g = gates_[t];
        g = std::move(z);
        sigmoidRows(g, 0, 2 * h);
        tanhRows(g, 2 * h, 3 * h);
        sigmoidRows(g, 3 * h, 4 * h);
        cells_[t] = g.rows(0, h - 1) % g.rows(2 * h, 3 * h - 1);
        if (t > 0) {
            cells_[t] += g.rows(h, 2 * h - 1) % cells_[t - 1];
        } else if (options_.learnedInitialState) {
            cells_[t] += g.rows(h, 2 * h - 1) % initialColumns(c0_, n);
        }
        cellTanh_[t] = tanhOf(cells_[t]);
        hidden_.cols(t * n, (t + 1) * n - 1) = g.rows(3 * h, 4 * h - 1) % cellTanh_[t];
        for (std::size_t k = 0; k < kGates; ++k) {
            arma::fmat view = shown_[k].columns();
            view.rows(t * h, (t + 1) * h - 1) = g.rows(k * h, (k + 1) * h - 1);
        }
        arma::fmat cView = shown_[4].columns();
        cView.rows(t * h, (t + 1) * h - 1) = cells_[t];
        arma::fmat hView = shown_[5].columns();
        hView.rows(t * h, (t + 1) * h - 1) = hidden_.cols(t * n, (t + 1) * n - 1);
    }
    return options_.returnSequences ? shown_[5]
                                    : Tensor::fromColumns(arma::fmat(hidden_.cols((steps_ - 1) * n, steps_ * n - 1)));
}

std::vector<Parameter*> LstmLayer::parameters() {
    std::vector<Parameter*> out = RecurrentLayer::parameters();
    if (options_.learnedInitialState) out.push_back(&c0_);
    return out;
}

Tensor LstmLayer::backward(const Tensor& dy) {
    return backwardThroughTime(dy, true);
}

void LstmLayer::backwardParameters(const Tensor& dy) {
    (void)backwardThroughTime(dy, false);
}

Tensor LstmLayer::backwardThroughTime(const Tensor& dy, bool inputGradientWanted) {
    startBackward(dy);
    zeroGradients();
    const std::size_t n = input_.batch();
    const std::size_t h = options_.units;
    const arma::fmat ut(u_.value.data(), kGates * h, h, false, true);
    arma::fmat dut(u_.grad.data(), kGates * h, h, false, true);
    arma::fvec db(b_.grad.data(), kGates * h, false, true);
    const arma::fmat dyc = dy.columns();  // aliases dy: only read
    // ∂E/∂z_t of every step, laid out as the forward's input projection: the products
    // with the inputs and with h_{t−1} are then one GEMM each, after the loop.
    arma::fmat dzAll(kGates * h, steps_ * n);
    shownGrad_.assign(6, Tensor(Shape{n, steps_, h}));
    arma::fmat dhLater(h, n, arma::fill::zeros);  // U·dz_{t+1}: what h_t gets from step t+1
    arma::fmat dcLater(h, n, arma::fill::zeros);  // f_{t+1} ⊙ dc_{t+1}
    arma::fmat dz(kGates * h, n);
    for (std::size_t t = steps_; t-- > 0;) {
        const arma::fmat& g = gates_[t];
        const auto i = g.rows(0, h - 1);
        const auto f = g.rows(h, 2 * h - 1);
        const auto c = g.rows(2 * h, 3 * h - 1);  // the candidate g
        const auto o = g.rows(3 * h, 4 * h - 1);
        arma::fmat dh = dhLater;
        if (options_.returnSequences) {
            dh += dyc.rows(t * h, (t + 1) * h - 1);
        } else if (t + 1 == steps_) {
            dh += dyc;
        }
        const arma::fmat& tc = cellTanh_[t];
        const arma::fmat dc = dcLater + dh % o % (1.0F - tc % tc);
        const arma::fmat di = dc % c;
        const arma::fmat dg = dc % i;
        const arma::fmat df = dc % (t > 0 ? cells_[t - 1] : initialColumns(c0_, n));
        const arma::fmat dout = dh % tc;
        dz.rows(0, h - 1) = di % i % (1.0F - i);
        dz.rows(h, 2 * h - 1) = df % f % (1.0F - f);
        dz.rows(2 * h, 3 * h - 1) = dg % (1.0F - c % c);
        dz.rows(3 * h, 4 * h - 1) = dout % o % (1.0F - o);
        dzAll.cols(t * n, (t + 1) * n - 1) = dz;
        if (t == 0 && reachesInitialState()) {
            arma::fvec dh0(h0_.grad.data(), h, false, true);
            arma::fvec dc0(c0_.grad.data(), h, false, true);
            dh0 = arma::sum(ut.t() * dz, 1);
            dc0 = arma::sum(dc % f, 1);
        }
        if (carriesBack(t)) {
            dhLater = ut.t() * dz;
            dcLater = dc % f;
        } else {
            dhLater.zeros();
            dcLater.zeros();
        }
        const arma::fmat* shownGrads[6] = {&di, &df, &dg, &dout, &dc, &dh};
        for (std::size_t k = 0; k < 6; ++k) {
            arma::fmat view = shownGrad_[k].columns();
            view.rows(t * h, (t + 1) * h - 1) = *shownGrads[k];
        }
    }
    accumulateInputWeightGradient(dzAll);
    if (steps_ > 1) {
        dut += dzAll.cols(n, steps_ * n - 1) * hidden_.cols(0, (steps_ - 1) * n - 1).t();
    }
    if (options_.learnedInitialState) {
        dut += dzAll.cols(0, n - 1) * initialColumns(h0_, n).t();
    }
    db += arma::sum(dzAll, 1);
    backwardDone_ = true;
    return inputGradientWanted ? inputGradient(dzAll) : Tensor();
}

std::vector<Internal> LstmLayer::internals() const {
    if (shown_.empty()) {
        return {};
    }
    const Text help[6] = {
        {"input gate i_t = σ(z_i), N·T·H: how much of the candidate enters the cell",
         "입력 게이트 i_t = σ(z_i), N·T·H: 후보 중 얼마를 셀에 넣을지"},
        {"forget gate f_t = σ(z_f), N·T·H: how much of c_{t−1} the cell keeps",
         "망각 게이트 f_t = σ(z_f), N·T·H: 셀이 c_{t−1}을 얼마나 간직할지"},
        {"candidate g_t = tanh(z_g), N·T·H: the new content offered to the cell",
         "후보 g_t = tanh(z_g), N·T·H: 셀에 새로 들어갈 내용"},
        {"output gate o_t = σ(z_o), N·T·H: how much of tanh(c_t) becomes h_t",
         "출력 게이트 o_t = σ(z_o), N·T·H: tanh(c_t) 중 얼마를 h_t로 내보낼지"},
        {"cell state c_t = f ⊙ c_{t−1} + i ⊙ g, N·T·H", "셀 상태 c_t = f ⊙ c_{t−1} + i ⊙ g, N·T·H"},
        {"hidden state h_t = o ⊙ tanh(c_t), N·T·H", "은닉 상태 h_t = o ⊙ tanh(c_t), N·T·H"}};
    std::vector<Internal> out;
    for (std::size_t k = 0; k < 6; ++k) {
        out.push_back({kShownNames[k], &shown_[k], backwardDone_ ? &shownGrad_[k] : nullptr, help[k]});
    }
    return out;
}

}  // namespace deepstep::rnn
