// Layers built on an affine map z = XW + b: dense and maxout; plus the layers that
// only apply a function: activation, softmax and prelu.
#include "deepstep/backprop/activations.hpp"
#include "deepstep/backprop/layers.hpp"

#include "deepstep/errors.hpp"
#include "layer_checks.hpp"

#include <stdexcept>

namespace deepstep::backprop {

namespace {

void checkInput(const Tensor& x, std::size_t features, const std::string& layer) {
    if (x.rank() < 2 || x.batch() == 0 || x.sampleSize() != features) {
        throw InputError(layer, "expected a batch of samples with " + std::to_string(features) +
                                    " features each, got shape " + x.shape().str());
    }
}

void checkGradient(const Tensor& g, const Tensor& like, const std::string& layer) {
    if (g.shape() != like.shape()) {
        throw std::invalid_argument(layer + ": gradient of shape " + g.shape().str() + " for a result of shape " +
                                    like.shape().str());
    }
}

// A read-only column vector over a parameter's memory (Armadillo has no const view).
const arma::fvec vectorView(const Tensor& t) {
    return arma::fvec(const_cast<float*>(t.data()), t.size(), false, true);
}

// z = XW + b in column form: Zc (out × N) = Wᵀ Xc + b. A row-major in × out W read
// column-major is exactly the out × in matrix Wᵀ, which is what columns() gives.
// Writes into `z`, whose memory is kept from the last batch of the same size.
void affineForward(const Tensor& x, const Parameter& w, const Parameter* b, Tensor& z) {
    const arma::fmat wt = w.value.columns();
    const arma::fmat xc = x.columns();
    const Shape shape{x.batch(), w.value.dim(1)};
    if (z.shape() != shape) {
        z = Tensor(shape);
    }
    arma::fmat zc = z.columns();
    zc = wt * xc;
    if (b != nullptr) {
        zc.each_col() += vectorView(b->value);
    }
}

// Given δ = dL/dz: dWᵀ = δc Xcᵀ and db = Σ_n δ_n.
void affineParameterGradients(const Tensor& x, const Tensor& dz, Parameter& w, Parameter* b) {
    const arma::fmat dzc = dz.columns();
    const arma::fmat xc = x.columns();
    arma::fmat gradWt = w.grad.columns();
    gradWt = dzc * xc.t();
    if (b != nullptr) {
        arma::fvec gradB(b->grad.data(), b->grad.size(), false, true);
        gradB = arma::sum(dzc, 1);
    }
}

// The parameter gradients, and returns dX with Xc = W δc.
Tensor affineBackward(const Tensor& x, const Tensor& dz, Parameter& w, Parameter* b) {
    affineParameterGradients(x, dz, w, b);
    const arma::fmat dzc = dz.columns();
    const arma::fmat wt = w.value.columns();
    Tensor dx(x.shape());
    arma::fmat dxc = dx.columns();
    dxc = wt.t() * dzc;
    return dx;
}

}  // namespace

// ---- dense ----

DenseLayer::DenseLayer(std::size_t units, std::unique_ptr<Activation> activation, std::string init, bool useBias,
                       float initScale)
    : units_(units),
      activation_(std::move(activation)),
      init_(std::move(init)),
      useBias_(useBias),
      initScale_(initScale) {
    if (units_ == 0) {
        throw InputError("dense.units", "expected a positive integer, got 0");
    }
    if (!activation_) {
        throw std::invalid_argument("DenseLayer: activation must not be null");
    }
}

Shape DenseLayer::build(const Shape& inputSample, Rng& rng) {
    inputs_ = featuresOf(inputSample, "dense");
    checkParameterMemory(static_cast<long double>(inputs_) * static_cast<long double>(units_) + units_,
                         units_ >= inputs_ ? "units" : "",
                         "the weights of " + std::to_string(inputs_) + " inputs × " + std::to_string(units_) + " units");
    weight_.value = Tensor(Shape{inputs_, units_});
    weight_.grad = Tensor(Shape{inputs_, units_});
    try {
        init::byName(init_, weight_.value, rng, inputs_, units_, initScale_);
    } catch (const std::invalid_argument&) {
        throw InputError("dense.init", "expected one of xavier, he, uniform, normal, zeros, got \"" + init_ + "\"");
    }
    bias_.value = Tensor(Shape{units_});
    bias_.grad = Tensor(Shape{units_});
    return Shape{units_};
}

Tensor DenseLayer::forward(const Tensor& x, Mode mode) {
    checkInput(x, inputs_, "dense");
    x_ = x;
    return forwardRetained(x_, mode);
}

Tensor DenseLayer::forwardRetained(const Tensor& x, Mode /*mode*/) {
    checkInput(x, inputs_, "dense");
    input_ = &x;
    affineForward(x, weight_, useBias_ ? &bias_ : nullptr, z_);
    activation_->forwardInto(z_, a_);
    return a_;
}

const Tensor& DenseLayer::input() const {
    if (input_ == nullptr) {
        throw std::logic_error("dense: backward() before forward()");
    }
    return *input_;
}

Tensor DenseLayer::backward(const Tensor& dy) {
    checkGradient(dy, a_, "dense");
    activation_->backwardInto(z_, a_, dy, delta_);
    return affineBackward(input(), delta_, weight_, useBias_ ? &bias_ : nullptr);
}

Tensor DenseLayer::backwardFromPreActivation(const Tensor& dz) {
    checkGradient(dz, z_, "dense");
    delta_ = dz;
    return affineBackward(input(), delta_, weight_, useBias_ ? &bias_ : nullptr);
}

void DenseLayer::backwardParameters(const Tensor& dy) {
    checkGradient(dy, a_, "dense");
    activation_->backwardInto(z_, a_, dy, delta_);
    affineParameterGradients(input(), delta_, weight_, useBias_ ? &bias_ : nullptr);
}

std::vector<Parameter*> DenseLayer::parameters() {
    if (useBias_) {
        return {&weight_, &bias_};
    }
    return {&weight_};
}

// ---- activation / softmax ----

ActivationLayer::ActivationLayer(std::unique_ptr<Activation> activation) : activation_(std::move(activation)) {
    if (!activation_) {
        throw std::invalid_argument("ActivationLayer: activation must not be null");
    }
}

Shape ActivationLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    features_ = featuresOf(inputSample, type());
    inputRank_ = inputSample.rank();
    return inputSample;
}

Tensor ActivationLayer::forward(const Tensor& x, Mode /*mode*/) {
    x_ = x;
    a_ = activation_->forward(x_);
    return a_;
}

Tensor ActivationLayer::backward(const Tensor& dy) {
    checkGradient(dy, a_, type());
    delta_ = activation_->backward(x_, a_, dy);
    return delta_;
}

Tensor ActivationLayer::backwardFromPreActivation(const Tensor& dz) {
    // The input is the pre-activation, so dL/dz is already dL/d(input).
    checkGradient(dz, x_, type());
    delta_ = dz;
    return delta_;
}

SoftmaxLayer::SoftmaxLayer() : ActivationLayer(std::make_unique<SoftmaxActivation>()) {}

// ---- prelu ----

PReluLayer::PReluLayer(float initialAlpha) : initialAlpha_(initialAlpha) {}

Shape PReluLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    const std::size_t features = featuresOf(inputSample, "prelu");
    alpha_.value = Tensor(Shape{features}, initialAlpha_);
    alpha_.grad = Tensor(Shape{features});
    return inputSample;
}

Tensor PReluLayer::forward(const Tensor& x, Mode /*mode*/) {
    const std::size_t f = alpha_.value.size();
    checkInput(x, f, "prelu");
    x_ = x;
    Tensor y(x.shape());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float v = x[i];
        y[i] = v > 0.0F ? v : alpha_.value[i % f] * v;
    }
    return y;
}

Tensor PReluLayer::backward(const Tensor& dy) {
    checkGradient(dy, x_, "prelu");
    const std::size_t f = alpha_.value.size();
    alpha_.grad.fill(0.0F);
    Tensor dx(dy.shape());
    for (std::size_t i = 0; i < dy.size(); ++i) {
        const float v = x_[i];
        if (v > 0.0F) {
            dx[i] = dy[i];
        } else {
            dx[i] = alpha_.value[i % f] * dy[i];
            alpha_.grad[i % f] += dy[i] * v;
        }
    }
    return dx;
}

// ---- maxout ----

MaxoutLayer::MaxoutLayer(std::size_t units, std::size_t pieces) : units_(units), pieces_(pieces) {
    if (units_ == 0) {
        throw InputError("maxout.units", "expected a positive integer, got 0");
    }
    if (pieces_ == 0) {
        throw InputError("maxout.pieces", "expected a positive integer, got 0");
    }
}

Shape MaxoutLayer::build(const Shape& inputSample, Rng& rng) {
    inputs_ = featuresOf(inputSample, "maxout");
    const long double pieces = static_cast<long double>(units_) * static_cast<long double>(pieces_);
    checkParameterMemory(static_cast<long double>(inputs_) * pieces + pieces,
                         static_cast<long double>(inputs_) > pieces ? "" : units_ >= pieces_ ? "units" : "pieces",
                         "the weights of " + std::to_string(inputs_) + " inputs × " + std::to_string(units_) +
                             " units × " + std::to_string(pieces_) + " pieces");
    const std::size_t columns = units_ * pieces_;
    weight_.value = Tensor(Shape{inputs_, columns});
    weight_.grad = Tensor(Shape{inputs_, columns});
    init::xavier(weight_.value, rng, inputs_, units_);
    bias_.value = Tensor(Shape{columns});
    bias_.grad = Tensor(Shape{columns});
    return Shape{units_};
}

Tensor MaxoutLayer::forward(const Tensor& x, Mode /*mode*/) {
    checkInput(x, inputs_, "maxout");
    x_ = x;
    Tensor z;
    affineForward(x_, weight_, &bias_, z);
    const std::size_t n = x.batch();
    Tensor y(Shape{n, units_});
    winner_.assign(n * units_, 0);
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t u = 0; u < units_; ++u) {
            std::size_t best = u * pieces_;
            const float* row = z.data() + r * units_ * pieces_;
            for (std::size_t k = 1; k < pieces_; ++k) {
                if (row[u * pieces_ + k] > row[best]) {
                    best = u * pieces_ + k;
                }
            }
            winner_[r * units_ + u] = best;
            y[r * units_ + u] = row[best];
        }
    }
    return y;
}

Tensor MaxoutLayer::backward(const Tensor& dy) {
    const std::size_t n = x_.batch();
    if (dy.shape() != Shape{n, units_}) {
        throw std::invalid_argument("maxout: gradient of shape " + dy.shape().str() + " for a result of shape " +
                                    Shape{n, units_}.str());
    }
    // Only the winning piece of each output saw the input; the others get no gradient.
    Tensor dz(Shape{n, units_ * pieces_});
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t u = 0; u < units_; ++u) {
            dz[r * units_ * pieces_ + winner_[r * units_ + u]] = dy[r * units_ + u];
        }
    }
    return affineBackward(x_, dz, weight_, &bias_);
}

}  // namespace deepstep::backprop
