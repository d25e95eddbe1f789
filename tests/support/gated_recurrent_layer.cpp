#include "support/gated_recurrent_layer.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"

#include <cmath>
#include <stdexcept>

namespace deepstep::test {

// Plain loops over (sample, step, unit): slow, and easy to read against the formulas.

GatedRecurrentLayer::GatedRecurrentLayer(std::size_t hidden) : hidden_(hidden) {
    if (hidden == 0) throw std::invalid_argument("GatedRecurrentLayer: hidden must be positive");
}

Shape GatedRecurrentLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 2) {
        throw InputError("gated_recurrent", "expected a sequence sample T × F, got " + inputSample.str());
    }
    steps_ = inputSample[0];
    features_ = inputSample[1];
    for (Parameter* w : {&wg_, &wc_}) {
        w->value = Tensor(Shape{features_, hidden_});
        init::xavier(w->value, rng, features_, hidden_);
    }
    for (Parameter* u : {&ug_, &uc_}) {
        u->value = Tensor(Shape{hidden_, hidden_});
        init::xavier(u->value, rng, hidden_, hidden_);
    }
    for (Parameter* b : {&bg_, &bc_}) {
        b->value = Tensor(Shape{hidden_});
        init::uniform(b->value, rng, -0.5F, 0.5F);
    }
    for (Parameter* p : parameters()) p->grad = Tensor(p->value.shape());
    return Shape{hidden_};
}

Tensor GatedRecurrentLayer::forward(const Tensor& x, Mode /*mode*/) {
    const std::size_t n = x.batch();
    if (x.shape() != Shape{steps_, features_}.withBatch(n)) {
        throw InputError("gated_recurrent", "expected input " + Shape{steps_, features_}.withBatch(n).str() +
                                                 ", got " + x.shape().str());
    }
    input_ = x;
    const Shape seq{n, steps_, hidden_};
    gate_ = Tensor(seq);
    candidate_ = Tensor(seq);
    states_ = Tensor(seq);
    gateGrad_ = candidateGrad_ = hiddenGrad_ = Tensor();
    Tensor y(Shape{n, hidden_});
    for (std::size_t s = 0; s < n; ++s) {
        for (std::size_t t = 0; t < steps_; ++t) {
            for (std::size_t j = 0; j < hidden_; ++j) {
                double ag = bg_.value[j];
                double ac = bc_.value[j];
                for (std::size_t f = 0; f < features_; ++f) {
                    const double xv = x.at({s, t, f});
                    ag += xv * wg_.value.at({f, j});
                    ac += xv * wc_.value.at({f, j});
                }
                double before = 0.0;
                if (t > 0) {
                    before = states_.at({s, t - 1, j});
                    for (std::size_t k = 0; k < hidden_; ++k) {
                        const double hv = states_.at({s, t - 1, k});
                        ag += hv * ug_.value.at({k, j});
                        ac += hv * uc_.value.at({k, j});
                    }
                }
                const double g = 1.0 / (1.0 + std::exp(-ag));
                const double c = std::tanh(ac);
                gate_.at({s, t, j}) = static_cast<float>(g);
                candidate_.at({s, t, j}) = static_cast<float>(c);
                states_.at({s, t, j}) = static_cast<float>((1.0 - g) * before + g * c);
            }
        }
        for (std::size_t j = 0; j < hidden_; ++j) y.at({s, j}) = states_.at({s, steps_ - 1, j});
    }
    return y;
}

Tensor GatedRecurrentLayer::backward(const Tensor& dy) {
    const std::size_t n = input_.batch();
    if (dy.shape() != Shape{n, hidden_}) {
        throw InputError("gated_recurrent", "expected dL/dy " + Shape{n, hidden_}.str() + ", got " + dy.shape().str());
    }
    for (Parameter* p : parameters()) p->grad.fill(0.0F);
    const Shape seq{n, steps_, hidden_};
    gateGrad_ = Tensor(seq);
    candidateGrad_ = Tensor(seq);
    hiddenGrad_ = Tensor(seq);
    Tensor dx(input_.shape());
    std::vector<double> dh(hidden_), dhBefore(hidden_), dag(hidden_), dac(hidden_);
    for (std::size_t s = 0; s < n; ++s) {
        for (std::size_t j = 0; j < hidden_; ++j) dh[j] = dy.at({s, j});
        for (std::size_t t = steps_; t-- > 0;) {
            for (std::size_t j = 0; j < hidden_; ++j) {
                const double g = gate_.at({s, t, j});
                const double c = candidate_.at({s, t, j});
                const double before = t > 0 ? states_.at({s, t - 1, j}) : 0.0;
                const double dg = dh[j] * (c - before);
                const double dc = dh[j] * g;
                hiddenGrad_.at({s, t, j}) = static_cast<float>(dh[j]);
                gateGrad_.at({s, t, j}) = static_cast<float>(dg);
                candidateGrad_.at({s, t, j}) = static_cast<float>(dc);
                dag[j] = dg * g * (1.0 - g);
                dac[j] = dc * (1.0 - c * c);
                dhBefore[j] = dh[j] * (1.0 - g);
                bg_.grad[j] += static_cast<float>(dag[j]);
                bc_.grad[j] += static_cast<float>(dac[j]);
            }
            for (std::size_t f = 0; f < features_; ++f) {
                const double xv = input_.at({s, t, f});
                double sum = 0.0;
                for (std::size_t j = 0; j < hidden_; ++j) {
                    wg_.grad.at({f, j}) += static_cast<float>(xv * dag[j]);
                    wc_.grad.at({f, j}) += static_cast<float>(xv * dac[j]);
                    sum += dag[j] * wg_.value.at({f, j}) + dac[j] * wc_.value.at({f, j});
                }
                dx.at({s, t, f}) = static_cast<float>(sum);
            }
            if (t > 0) {
                for (std::size_t k = 0; k < hidden_; ++k) {
                    const double hv = states_.at({s, t - 1, k});
                    for (std::size_t j = 0; j < hidden_; ++j) {
                        ug_.grad.at({k, j}) += static_cast<float>(hv * dag[j]);
                        uc_.grad.at({k, j}) += static_cast<float>(hv * dac[j]);
                        dhBefore[k] += dag[j] * ug_.value.at({k, j}) + dac[j] * uc_.value.at({k, j});
                    }
                }
            }
            dh = dhBefore;
        }
    }
    return dx;
}

std::vector<Internal> GatedRecurrentLayer::internals() const {
    auto grad = [](const Tensor& t) { return t.empty() ? nullptr : &t; };
    return {
        {"gate", &gate_, grad(gateGrad_), {"update gate g_t, N×T×H", "업데이트 게이트 g_t, N×T×H"}},
        {"candidate", &candidate_, grad(candidateGrad_), {"candidate c_t, N×T×H", "후보 상태 c_t, N×T×H"}},
        {"hidden", &states_, grad(hiddenGrad_), {"hidden state h_t, N×T×H", "은닉 상태 h_t, N×T×H"}},
    };
}

}  // namespace deepstep::test
