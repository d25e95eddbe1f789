// gru: reset and update gates and the candidate, h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, with
// backpropagation through time. Column form as simple_rnn: A_t = Wᵀ X_t + b and
// B_t = Uᵀ H_{t−1} + c are 3H × N, the blocks r, z, n in rows [0, H), [H, 2H), [2H, 3H).
#include "deepstep/rnn/rnn.hpp"
#include "gate_math.hpp"

namespace deepstep::rnn {

namespace {

constexpr std::size_t kBlocks = 3;
const char* const kShownNames[] = {"reset_gate", "update_gate", "candidate", "hidden_states"};

}  // namespace

GruLayer::GruLayer(const GruOptions& options) : RecurrentLayer("gru", kBlocks, options) {}

Shape GruLayer::build(const Shape& inputSample, Rng& rng) {
    const Shape out = buildParameters(inputSample, rng);
    c_.value = Tensor(Shape{kBlocks * options_.units});
    c_.grad = Tensor(c_.value.shape());
    return out;
}

Tensor GruLayer::forward(const Tensor& x, Mode /*mode*/) {
    startForward(x);
    const std::size_t n = x.batch();
    const std::size_t h = options_.units;
    const arma::fmat ut(u_.value.data(), kBlocks * h, h, false, true);
    const arma::fvec b(b_.value.data(), kBlocks * h, false, true);
    const arma::fvec c(c_.value.data(), kBlocks * h, false, true);
    // a_t = x_t W + b for every step at once; only b_t = h_{t−1} U + c waits.
    const arma::fmat zx = projectInputs(&b);
    gates_.assign(steps_, arma::fmat());
    resetPart_.assign(steps_, arma::fmat());
    hidden_.set_size(h, steps_ * n);
    shown_.assign(4, Tensor(Shape{n, steps_, h}));
    shownGrad_.clear();
    const arma::fmat initial = initialColumns(h0_, n);  // h_0: zeros unless learned
    for (std::size_t t = 0; t < steps_; ++t) {
        arma::fmat a = zx.cols(t * n, (t + 1) * n - 1);
        const arma::fmat before = t > 0 ? arma::fmat(hidden_.cols((t - 1) * n, t * n - 1)) : initial;
        arma::fmat bt = ut * before;
        bt.each_col() += c;
        arma::fmat& g = gates_[t];
        g = std::move(a);
        g.rows(0, 2 * h - 1) += bt.rows(0, 2 * h - 1);
        sigmoidRows(g, 0, 2 * h);
        resetPart_[t] = bt.rows(2 * h, 3 * h - 1);
        g.rows(2 * h, 3 * h - 1) += g.rows(0, h - 1) % resetPart_[t];
        tanhRows(g, 2 * h, 3 * h);
        const auto z = g.rows(h, 2 * h - 1);
        hidden_.cols(t * n, (t + 1) * n - 1) = (1.0F - z) % g.rows(2 * h, 3 * h - 1) + z % before;
        for (std::size_t k = 0; k < kBlocks; ++k) {
            arma::fmat view = shown_[k].columns();
            view.rows(t * h, (t + 1) * h - 1) = g.rows(k * h, (k + 1) * h - 1);
        }
        arma::fmat hView = shown_[3].columns();
        hView.rows(t * h, (t + 1) * h - 1) = hidden_.cols(t * n, (t + 1) * n - 1);
    }
    return options_.returnSequences ? shown_[3]
                                    : Tensor::fromColumns(arma::fmat(hidden_.cols((steps_ - 1) * n, steps_ * n - 1)));
}

std::vector<Parameter*> GruLayer::parameters() {
    std::vector<Parameter*> out{&w_, &u_, &b_, &c_};
    if (options_.learnedInitialState) out.push_back(&h0_);
    return out;
}

Tensor GruLayer::backward(const Tensor& dy) {
    return backwardThroughTime(dy, true);
}

void GruLayer::backwardParameters(const Tensor& dy) {
    (void)backwardThroughTime(dy, false);
}

Tensor GruLayer::backwardThroughTime(const Tensor& dy, bool inputGradientWanted) {
    startBackward(dy);
    zeroGradients();
    std::fill(c_.grad.values().begin(), c_.grad.values().end(), 0.0F);
    const std::size_t n = input_.batch();
    const std::size_t h = options_.units;
    const arma::fmat ut(u_.value.data(), kBlocks * h, h, false, true);
    arma::fmat dut(u_.grad.data(), kBlocks * h, h, false, true);
    arma::fvec db(b_.grad.data(), kBlocks * h, false, true);
    arma::fvec dc(c_.grad.data(), kBlocks * h, false, true);
    const arma::fmat dyc = dy.columns();  // aliases dy: only read
    // ∂E/∂a_t and ∂E/∂b_t of every step, laid out as the forward's input projection:
    // the products with the inputs and with h_{t−1} are one GEMM each, after the loop.
    arma::fmat daAll(kBlocks * h, steps_ * n);
    arma::fmat dbAll(kBlocks * h, steps_ * n);
    shownGrad_.assign(4, Tensor(Shape{n, steps_, h}));
    const arma::fmat initial = initialColumns(h0_, n);  // h_0: zeros unless learned
    arma::fmat dhLater(h, n, arma::fill::zeros);  // what h_t gets from step t+1
    arma::fmat da(kBlocks * h, n);                // ∂E/∂A_t (input side)
    arma::fmat dbt(kBlocks * h, n);               // ∂E/∂B_t (recurrent side)
    for (std::size_t t = steps_; t-- > 0;) {
        const arma::fmat& g = gates_[t];
        const auto r = g.rows(0, h - 1);
        const auto z = g.rows(h, 2 * h - 1);
        const auto cand = g.rows(2 * h, 3 * h - 1);
        const arma::fmat before = t > 0 ? arma::fmat(hidden_.cols((t - 1) * n, t * n - 1)) : initial;
        arma::fmat dh = dhLater;
        if (options_.returnSequences) {
            dh += dyc.rows(t * h, (t + 1) * h - 1);
        } else if (t + 1 == steps_) {
            dh += dyc;
        }
        const arma::fmat dn = dh % (1.0F - z);
        const arma::fmat dzGate = dh % (before - cand);
        const arma::fmat dnPre = dn % (1.0F - cand % cand);
        const arma::fmat dr = dnPre % resetPart_[t];
        const arma::fmat drPre = dr % r % (1.0F - r);
        const arma::fmat dzPre = dzGate % z % (1.0F - z);
        da.rows(0, h - 1) = drPre;
        da.rows(h, 2 * h - 1) = dzPre;
        da.rows(2 * h, 3 * h - 1) = dnPre;
        dbt.rows(0, h - 1) = drPre;
        dbt.rows(h, 2 * h - 1) = dzPre;
        dbt.rows(2 * h, 3 * h - 1) = dnPre % r;
        daAll.cols(t * n, (t + 1) * n - 1) = da;
        dbAll.cols(t * n, (t + 1) * n - 1) = dbt;
        if (t == 0 && reachesInitialState()) {
            arma::fvec dh0(h0_.grad.data(), h, false, true);
            dh0 = arma::sum(ut.t() * dbt + dh % z, 1);
        }
        if (carriesBack(t)) {
            dhLater = ut.t() * dbt + dh % z;
        } else {
            dhLater.zeros();
        }
        const arma::fmat* shownGrads[4] = {&dr, &dzGate, &dn, &dh};
        for (std::size_t k = 0; k < 4; ++k) {
            arma::fmat view = shownGrad_[k].columns();
            view.rows(t * h, (t + 1) * h - 1) = *shownGrads[k];
        }
    }
    accumulateInputWeightGradient(daAll);
    db += arma::sum(daAll, 1);
    dc += arma::sum(dbAll, 1);
    if (steps_ > 1) {
        dut += dbAll.cols(n, steps_ * n - 1) * hidden_.cols(0, (steps_ - 1) * n - 1).t();
    }
    if (options_.learnedInitialState) {
        dut += dbAll.cols(0, n - 1) * initial.t();  // step 0 with h_0
    }
    backwardDone_ = true;
    return inputGradientWanted ? inputGradient(daAll) : Tensor();
}

std::vector<Internal> GruLayer::internals() const {
    if (shown_.empty()) {
        return {};
    }
    const Text help[4] = {
        {"reset gate r_t = σ(·), N·T·H: how much of the past enters the candidate",
         "리셋 게이트 r_t = σ(·), N·T·H: 후보에 과거를 얼마나 반영할지"},
        {"update gate z_t = σ(·), N·T·H: how much of h_{t−1} is kept", "업데이트 게이트 z_t = σ(·), N·T·H: h_{t−1}을 얼마나 간직할지"},
        {"candidate n_t = tanh(x_t W_n + b_n + r ⊙ (h_{t−1} U_n + c_n)), N·T·H",
         "후보 n_t = tanh(x_t W_n + b_n + r ⊙ (h_{t−1} U_n + c_n)), N·T·H"},
        {"hidden state h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, N·T·H", "은닉 상태 h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}, N·T·H"}};
    std::vector<Internal> out;
    for (std::size_t k = 0; k < 4; ++k) {
        out.push_back({kShownNames[k], &shown_[k], backwardDone_ ? &shownGrad_[k] : nullptr, help[k]});
    }
    return out;
}

}  // namespace deepstep::rnn
