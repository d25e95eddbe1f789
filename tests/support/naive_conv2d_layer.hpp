#pragma once
// A deliberately plain 2-D convolution, written only against the public Layer
// contract. It exists to show that the core interfaces carry the CNN lecture: a
// layer on N·C·H·W tensors with 4-D parameters, traced and trained by the same
// Network and Trainer as a dense layer.
//
// y[n, o, i, j] = bias[o] + Σ_c Σ_p Σ_q x[n, c, i + p, j + q] · weight[o, c, p, q]
// (cross-correlation, stride 1, no padding).

#include "deepstep/layer.hpp"

namespace deepstep::test {

class NaiveConv2dLayer final : public Layer {
public:
    /// requires: filters >= 1, kernel >= 1.
    NaiveConv2dLayer(std::size_t filters, std::size_t kernel);

    std::string type() const override { return "naive_conv2d"; }
    /// requires: inputSample is C × H × W with H, W >= kernel; throws InputError otherwise.
    /// ensures: returns filters × (H − kernel + 1) × (W − kernel + 1).
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&weight_, &bias_}; }

    Parameter& weight() { return weight_; }
    Parameter& bias() { return bias_; }

private:
    std::size_t filters_;
    std::size_t kernel_;
    std::size_t channels_ = 0;
    std::size_t height_ = 0;
    std::size_t width_ = 0;
    Parameter weight_{"weight", {}, {}, true, true};
    Parameter bias_{"bias", {}, {}, true, false};
    Tensor input_;
};

}  // namespace deepstep::test
