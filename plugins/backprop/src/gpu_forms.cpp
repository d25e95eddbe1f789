// The backprop lecture's components on a GPU (deepstep/gpu_forms.hpp): dense and
// activation layers, the losses, SGD and momentum. Each computes what its CPU form
// computes, in the device layout of gpu_forms.hpp: a batch is a column-major
// (sample size × N) matrix, so the dense layer's row-major W (inputs × units) is a
// column-major (units × inputs) matrix and Z = XW + b becomes Zᵀ = Wᵀ·Xᵀ with no
// transposition at all.
#include "deepstep/backprop/layers.hpp"
#include "deepstep/backprop/losses.hpp"
#include "deepstep/backprop/optimizers.hpp"
#include "deepstep/gpu_forms.hpp"

#include <map>
#include <optional>

namespace deepstep::backprop {

namespace {

/// How an activation runs on the device: elementwise (a gpu::Activation) or softmax.
struct DeviceActivation {
    gpu::Activation elementwise = gpu::Activation::Identity;
    bool softmax = false;
    bool identity() const { return !softmax && elementwise == gpu::Activation::Identity; }
};

std::optional<DeviceActivation> deviceActivation(const Activation* a) {
    if (a == nullptr) return std::nullopt;
    const std::string name = a->name();
    if (name == "softmax") return DeviceActivation{gpu::Activation::Identity, true};
    DeviceActivation f;
    if (gpu::elementwiseActivation(name, &f.elementwise)) return f;
    return std::nullopt;
}

int asInt(std::size_t n) {
    return static_cast<int>(n);
}

// a = f(z) over a batch (features × batch); dz = f′ · da.
void activate(const gpu::Backend& b, DeviceActivation f, const float* z, float* a, std::size_t features,
              std::size_t batch) {
    if (f.softmax) {
        b.softmaxForward(z, a, asInt(features), asInt(batch));
    } else {
        b.activationForward(f.elementwise, z, a, features * batch);
    }
}

void activationSlope(const gpu::Backend& b, DeviceActivation f, const float* z, const float* a, const float* da,
                     float* dz, std::size_t features, std::size_t batch) {
    if (f.softmax) {
        b.softmaxBackward(a, da, dz, asInt(features), asInt(batch));
    } else {
        b.activationBackward(f.elementwise, z, a, da, dz, features * batch);
    }
}

class DenseForm final : public gpu::LayerForm {
public:
    DenseForm(const gpu::Backend& b, DenseLayer& layer, DeviceActivation f)
        : b_(b), f_(f), units_(layer.units()), inputs_(layer.weight().value.shape()[0]),
          weight_(gpu::deviceCopy(b, layer.weight())) {
        for (Parameter* p : layer.parameters()) {
            if (p == &layer.bias()) bias_ = gpu::deviceCopy(b, layer.bias());
        }
    }

    std::vector<gpu::ParameterCopy*> parameters() override {
        if (bias_) return {&weight_, &*bias_};
        return {&weight_};
    }

    const float* forward(const float* x, std::size_t batch, Mode /*mode*/) override {
        x_ = x;
        batch_ = batch;
        const std::size_t n = units_ * batch;
        z_.reserve(b_, n);
        b_.gemm(false, false, asInt(units_), asInt(batch), asInt(inputs_), 1.0F, weight_.value.data(), asInt(units_), x,
                asInt(inputs_), 0.0F, z_.data(), asInt(units_));
        if (bias_) b_.addBias(z_.data(), bias_->value.data(), asInt(units_), asInt(batch));
        if (f_.identity()) return z_.data();
        a_.reserve(b_, n);
        activate(b_, f_, z_.data(), a_.data(), units_, batch);
        return a_.data();
    }

    void backward(const float* dy, float* dx) override {
        if (f_.identity()) {
            backwardFromPreActivation(dy, dx);
            return;
        }
        delta_.reserve(b_, units_ * batch_);
        activationSlope(b_, f_, z_.data(), a_.data(), dy, delta_.data(), units_, batch_);
        backwardFromPreActivation(delta_.data(), dx);
    }

    void backwardFromPreActivation(const float* dz, float* dx) override {
        deltaSeen_ = dz;
        // dW (units × inputs, column-major) = dZ · Xᵀ; db = Σ over the batch of dZ.
        b_.gemm(false, true, asInt(units_), asInt(inputs_), asInt(batch_), 1.0F, dz, asInt(units_), x_,
                asInt(inputs_), 0.0F, weight_.grad.data(), asInt(units_));
        if (bias_) b_.rowSums(dz, bias_->grad.data(), asInt(units_), asInt(batch_));
        // dX (inputs × batch) = Wᵀ · dZ.
        if (dx != nullptr) {
            b_.gemm(true, false, asInt(inputs_), asInt(batch_), asInt(units_), 1.0F, weight_.value.data(),
                    asInt(units_), dz, asInt(units_), 0.0F, dx, asInt(inputs_));
        }
    }

    const float* preActivation() const override { return z_.data(); }
    const float* preActivationGradient() const override { return deltaSeen_; }

private:
    const gpu::Backend& b_;
    DeviceActivation f_;
    std::size_t units_;
    std::size_t inputs_;
    gpu::ParameterCopy weight_;
    std::optional<gpu::ParameterCopy> bias_;
    const float* x_ = nullptr;
    std::size_t batch_ = 0;
    gpu::Buffer z_;
    gpu::Buffer a_;
    gpu::Buffer delta_;
    const float* deltaSeen_ = nullptr;
};

class ActivationForm final : public gpu::LayerForm {
public:
    ActivationForm(const gpu::Backend& b, DeviceActivation f, std::size_t features)
        : b_(b), f_(f), features_(features) {}

    const float* forward(const float* x, std::size_t batch, Mode /*mode*/) override {
        x_ = x;
        batch_ = batch;
        a_.reserve(b_, features_ * batch);
        activate(b_, f_, x, a_.data(), features_, batch);
        return a_.data();
    }

    void backward(const float* dy, float* dx) override {
        delta_.reserve(b_, features_ * batch_);
        activationSlope(b_, f_, x_, a_.data(), dy, delta_.data(), features_, batch_);
        deltaSeen_ = delta_.data();
        if (dx != nullptr) b_.copy(dx, delta_.data(), features_ * batch_);
    }

    void backwardFromPreActivation(const float* dz, float* dx) override {
        deltaSeen_ = dz;
        if (dx != nullptr) b_.copy(dx, dz, features_ * batch_);
    }

    const float* preActivation() const override { return x_; }
    const float* preActivationGradient() const override { return deltaSeen_; }

private:
    const gpu::Backend& b_;
    DeviceActivation f_;
    std::size_t features_;
    const float* x_ = nullptr;
    std::size_t batch_ = 0;
    gpu::Buffer a_;
    gpu::Buffer delta_;
    const float* deltaSeen_ = nullptr;
};

/// y = s·x + (−mean·s) with s = 1/std: a fill, then a product of x (n × 1) by [1].
class StandardizeForm final : public gpu::LayerForm {
public:
    StandardizeForm(const gpu::Backend& b, float mean, float std, std::size_t sample)
        : b_(b), scale_(1.0F / std), shift_(-mean / std), sample_(sample), one_(b, 1) {
        b_.fill(one_.data(), 1.0F, 1);
    }

    const float* forward(const float* x, std::size_t batch, Mode /*mode*/) override {
        batch_ = batch;
        const std::size_t n = batch * sample_;
        y_.reserve(b_, n);
        b_.fill(y_.data(), shift_, n);
        b_.gemm(false, false, asInt(n), 1, 1, scale_, x, asInt(n), one_.data(), 1, 1.0F, y_.data(), asInt(n));
        return y_.data();
    }

    void backward(const float* dy, float* dx) override {
        if (dx == nullptr) return;
        const std::size_t n = batch_ * sample_;
        b_.gemm(false, false, asInt(n), 1, 1, scale_, dy, asInt(n), one_.data(), 1, 0.0F, dx, asInt(n));
    }

private:
    const gpu::Backend& b_;
    float scale_;
    float shift_;
    std::size_t sample_;
    std::size_t batch_ = 0;
    gpu::Buffer one_;
    gpu::Buffer y_;
};

class LossOnDevice final : public gpu::LossForm {
public:
    LossOnDevice(const gpu::Backend& b, const ReducedLoss& loss, gpu::LossKind kind, double param)
        : b_(b), loss_(loss), kind_(kind), param_(static_cast<float>(param)) {}

    void compute(const float* output, const float* target, std::size_t batch, std::size_t sampleSize, bool fused,
                 float* grad, float* loss) const override {
        const std::size_t n = batch * sampleSize;
        b_.loss(kind_, fused, output, target, grad, loss, n, loss_.scale(batch, n), param_);
    }

private:
    const gpu::Backend& b_;
    const ReducedLoss& loss_;
    gpu::LossKind kind_;
    float param_;
};

/// v = μ·v − η·g, w += v for every parameter, v on the device; SGD is μ = 0.
class MomentumForm final : public gpu::OptimizerForm {
public:
    MomentumForm(const gpu::Backend& b, MomentumOptimizer* owner, double momentum)
        : b_(b), owner_(owner), momentum_(static_cast<float>(momentum)) {}

    void update(const std::string& name, gpu::ParameterCopy& p, long long /*t*/, double learningRate,
                float* delta) override {
        auto [it, fresh] = velocity_.try_emplace(name);
        Slot& slot = it->second;
        if (fresh) {
            slot.shape = p.host->value.shape();
            slot.v = gpu::Buffer(b_, p.value.size());
            if (owner_ != nullptr) {
                slot.v.upload(owner_->velocity(name, slot.shape).data());
            } else {
                b_.fill(slot.v.data(), 0.0F, p.value.size());
            }
        }
        b_.sgdMomentum(p.value.data(), slot.v.data(), p.grad.data(), p.value.size(),
                       static_cast<float>(learningRate), momentum_);
        if (delta != nullptr) b_.copy(delta, slot.v.data(), p.value.size());
    }

    void toHost() override {
        if (owner_ == nullptr) return;
        for (auto& [name, slot] : velocity_) slot.v.download(owner_->velocity(name, slot.shape).data());
    }

    void toDevice() override {
        if (owner_ == nullptr) return;
        for (auto& [name, slot] : velocity_) slot.v.upload(owner_->velocity(name, slot.shape).data());
    }

private:
    struct Slot {
        Shape shape;
        gpu::Buffer v;
    };
    const gpu::Backend& b_;
    MomentumOptimizer* owner_;  ///< null for plain SGD, which keeps no state
    float momentum_;
    std::map<std::string, Slot> velocity_;
};

}  // namespace

std::unique_ptr<gpu::LayerForm> DenseLayer::gpuForm(const gpu::Backend& backend) {
    const auto f = deviceActivation(activation_.get());
    if (!f || inputs_ == 0) return nullptr;  // another activation, or not built
    return std::make_unique<DenseForm>(backend, *this, *f);
}

std::unique_ptr<gpu::LayerForm> ActivationLayer::gpuForm(const gpu::Backend& backend) {
    const auto f = deviceActivation(activation_.get());
    // Softmax on the device normalises each sample's values as a whole: only for N × F inputs
    // (a sample of rank 1).
    if (!f || features_ == 0 || (f->softmax && inputRank_ != 1)) return nullptr;
    return std::make_unique<ActivationForm>(backend, *f, features_);
}

std::unique_ptr<gpu::LayerForm> StandardizeLayer::gpuForm(const gpu::Backend& backend) {
    if (output_.rank() == 0) return nullptr;  // not built
    return std::make_unique<StandardizeForm>(backend, mean_, std_, output_.elements());
}

std::unique_ptr<gpu::LossForm> MseLoss::gpuForm(const gpu::Backend& backend) const {
    return std::make_unique<LossOnDevice>(backend, *this, gpu::LossKind::Mse, half_ ? 0.5 : 1.0);
}

std::unique_ptr<gpu::LossForm> MaeLoss::gpuForm(const gpu::Backend& backend) const {
    return std::make_unique<LossOnDevice>(backend, *this, gpu::LossKind::Mae, 0.0);
}

std::unique_ptr<gpu::LossForm> BinaryCrossEntropyLoss::gpuForm(const gpu::Backend& backend) const {
    return std::make_unique<LossOnDevice>(backend, *this, gpu::LossKind::BinaryCrossEntropy, epsilon_);
}

std::unique_ptr<gpu::LossForm> CategoricalCrossEntropyLoss::gpuForm(const gpu::Backend& backend) const {
    return std::make_unique<LossOnDevice>(backend, *this, gpu::LossKind::CategoricalCrossEntropy, epsilon_);
}

std::unique_ptr<gpu::OptimizerForm> SgdOptimizer::gpuForm(const gpu::Backend& backend) {
    return std::make_unique<MomentumForm>(backend, nullptr, 0.0);
}

std::unique_ptr<gpu::OptimizerForm> MomentumOptimizer::gpuForm(const gpu::Backend& backend) {
    return std::make_unique<MomentumForm>(backend, this, momentum_);
}

}  // namespace deepstep::backprop
