#include "deepstep/perceptron/perceptron.hpp"

#include "deepstep/errors.hpp"

#include <stdexcept>
#include <utility>

namespace deepstep::perceptron {

namespace {

// A column-major view of row-major memory (no copy): an N×F tensor read this way
// is F×N, one column per sample; the in×out weight is out×in, i.e. Wᵀ.
arma::fmat view(Tensor& t, std::size_t rows, std::size_t cols) {
    return arma::fmat(t.data(), rows, cols, false, true);
}

}  // namespace

PerceptronLayer::PerceptronLayer(Settings settings) : settings_(std::move(settings)) {
    if (settings_.units == 0) {
        throw std::invalid_argument("PerceptronLayer: units must be at least 1");
    }
}

Shape PerceptronLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 1) {
        throw InputError("perceptron", "expected each input sample to be a flat list of features such as [2], got " +
                                           inputSample.str() + " (flatten it first)");
    }
    inputs_ = inputSample[0];
    const std::size_t out = settings_.units;
    checkParameterMemory(static_cast<long double>(inputs_) * static_cast<long double>(out) + out,
                         out >= inputs_ ? "units" : "",
                         "the weights of " + std::to_string(inputs_) + " inputs × " + std::to_string(out) + " units");

    weight_.name = "weight";
    weight_.value = Tensor(Shape{inputs_, out});
    weight_.grad = Tensor(Shape{inputs_, out});
    weight_.trainable = true;
    weight_.decays = true;
    init::byName(settings_.init, weight_.value, rng, inputs_, out, settings_.initScale);

    // The bias is the (negated) threshold; Rosenblatt's rule learns it like a weight
    // on a constant input of 1, starting from 0.
    bias_.name = "bias";
    bias_.value = Tensor(Shape{out});
    bias_.grad = Tensor(Shape{out});
    bias_.trainable = true;
    bias_.decays = false;
    return Shape{out};
}

Tensor PerceptronLayer::forward(const Tensor& x, Mode /*mode*/) {
    if (inputs_ == 0) {
        throw std::logic_error("PerceptronLayer::forward called before build()");
    }
    if (x.rank() != 2 || x.dim(1) != inputs_ || x.batch() == 0) {
        throw InputError("perceptron",
                         "expected inputs of shape [N, " + std::to_string(inputs_) + "], got " + x.shape().str());
    }
    const std::size_t n = x.batch();
    const std::size_t out = settings_.units;
    checkParameterMemory(static_cast<long double>(inputs_) * static_cast<long double>(out) + out,
                         out >= inputs_ ? "units" : "",
                         "the weights of " + std::to_string(inputs_) + " inputs × " + std::to_string(out) + " units");
    input_ = x;
    z_ = Tensor(Shape{n, out});

    const arma::fmat xc = view(input_, inputs_, n);
    const arma::fmat wt = view(weight_.value, out, inputs_);
    const arma::fvec b(bias_.value.data(), out, false, true);
    arma::fmat zc = view(z_, out, n);
    zc = wt * xc;
    zc.each_col() += b;
    delta_ = Tensor();
    return step_.forward(z_);
}

Tensor PerceptronLayer::backward(const Tensor& dy) {
    // The perceptron rule: the step is treated as if it passed dL/dy through unchanged.
    return backwardFromPreActivation(dy);
}

Tensor PerceptronLayer::backwardFromPreActivation(const Tensor& dz) {
    if (z_.empty()) {
        throw std::logic_error("PerceptronLayer::backward called before forward()");
    }
    if (dz.shape() != z_.shape()) {
        throw InputError("perceptron",
                         "expected a gradient of shape " + z_.shape().str() + ", got " + dz.shape().str());
    }
    const std::size_t n = z_.batch();
    const std::size_t out = settings_.units;
    checkParameterMemory(static_cast<long double>(inputs_) * static_cast<long double>(out) + out,
                         out >= inputs_ ? "units" : "",
                         "the weights of " + std::to_string(inputs_) + " inputs × " + std::to_string(out) + " units");
    delta_ = dz;

    const arma::fmat d = view(delta_, out, n);
    const arma::fmat xc = view(input_, inputs_, n);
    const arma::fmat wt = view(weight_.value, out, inputs_);
    arma::fmat dwt = view(weight_.grad, out, inputs_);
    dwt = d * xc.t();
    arma::fvec db(bias_.grad.data(), out, false, true);
    db = arma::sum(d, 1);

    Tensor dx(Shape{n, inputs_});
    arma::fmat dxc = view(dx, inputs_, n);
    dxc = wt.t() * d;
    return dx;
}

Text PerceptronLayer::notLinearlySeparable() {
    return {
        "The data may not be linearly separable. A single perceptron is guaranteed to classify linearly "
        "separable data perfectly after a finite number of updates (the perceptron convergence theorem). It "
        "still misclassifies after the last epoch, so most likely no straight line (in more dimensions, no "
        "hyperplane) separates the two classes. XOR is the classic case. To solve it, combine perceptrons in "
        "layers (for XOR: OR and NAND side by side, then AND on their outputs), or train a multi-layer network "
        "with a differentiable activation such as sigmoid by backpropagation.",
        "데이터가 선형 분리 불가능할 수 있습니다. 선형 분리가 가능한 데이터라면 퍼셉트론 하나는 유한한 횟수의 "
        "갱신 끝에 반드시 모든 예제를 올바르게 분류합니다(퍼셉트론 수렴 정리). 그런데 마지막 에포크가 끝나도 "
        "틀리는 예제가 남았으니, 두 클래스를 가르는 직선(차원이 높으면 초평면)이 없을 가능성이 큽니다. 대표적인 "
        "예가 XOR입니다. 해결하려면 퍼셉트론을 층으로 쌓거나(XOR이라면 OR과 NAND를 나란히 두고 그 출력에 AND를 "
        "연결), 시그모이드처럼 미분 가능한 활성함수를 쓴 다층 신경망을 역전파로 학습시키세요."};
}

}  // namespace deepstep::perceptron
