// The CNN lecture's layers on a GPU (deepstep/gpu_forms.hpp): conv2d, max and average
// pooling, flatten. Each computes what its CPU form computes.
//
// conv2d on the device unfolds the whole batch at once (gpu::Backend::im2col, the
// layout of deepstep/cnn/im2col.hpp: per group a column-major (N·positions) × patch
// matrix), multiplies each group's block by the group's filters (PyTorch's weight
// layout read column-major: patch × filters/group) into Z' laid out [filters][N][positions],
// and swaps the two outer blocks into N·C·H·W. Backward runs the same steps in reverse:
// dZ' from dZ, dW = colsᵀ·dZ', db = dZ'ᵀ·1, d(cols) = dZ'·Wᵀ, then col2im.
#include "deepstep/cnn/layers.hpp"
#include "deepstep/gpu_forms.hpp"

#include <optional>

namespace deepstep::cnn {

namespace {

int asInt(std::size_t n) {
    return static_cast<int>(n);
}

gpu::Window windowOf(const Geometry& g) {
    gpu::Window w;
    w.channels = asInt(g.channels);
    w.height = asInt(g.height);
    w.width = asInt(g.width);
    w.groups = asInt(g.groups);
    w.kernelH = asInt(g.rows.kernel);
    w.kernelW = asInt(g.cols.kernel);
    w.strideH = asInt(g.rows.stride);
    w.strideW = asInt(g.cols.stride);
    w.padTop = asInt(g.rows.padBefore);
    w.padLeft = asInt(g.cols.padBefore);
    w.dilationH = asInt(g.rows.dilation);
    w.dilationW = asInt(g.cols.dilation);
    w.outH = asInt(g.outHeight);
    w.outW = asInt(g.outWidth);
    return w;
}

class ConvForm final : public gpu::LayerForm {
public:
    ConvForm(const gpu::Backend& b, Conv2dLayer& layer, gpu::Activation f, bool identity)
        : b_(b), f_(f), identity_(identity), g_(layer.geometry()), w_(windowOf(g_)),
          weight_(gpu::deviceCopy(b, layer.weight())) {
        for (Parameter* p : layer.parameters()) {
            if (p == &layer.bias()) bias_ = gpu::deviceCopy(b, *p);
        }
    }

    std::vector<gpu::ParameterCopy*> parameters() override {
        if (bias_) return {&weight_, &*bias_};
        return {&weight_};
    }

    const float* forward(const float* x, std::size_t batch, Mode /*mode*/) override {
        batch_ = batch;
        const int np = asInt(batch * g_.positions());
        const int patch = asInt(g_.patch());
        const int fpg = asInt(g_.filtersPerGroup());
        const std::size_t outputs = batch * g_.filters * g_.positions();
        cols_.reserve(b_, g_.groups * g_.patch() * batch * g_.positions());
        b_.im2col(x, asInt(batch), w_, cols_.data());
        zSwapped_.reserve(b_, outputs);
        for (std::size_t group = 0; group < g_.groups; ++group) {
            b_.gemm(false, false, np, fpg, patch, 1.0F, cols_.data() + group * g_.patch() * np, np,
                    weight_.value.data() + group * g_.filtersPerGroup() * g_.patch(), patch, 0.0F,
                    zSwapped_.data() + group * g_.filtersPerGroup() * np, np);
        }
        if (bias_) {
            // Z' (N·positions × filters) += 1 · bᵀ.
            ensureOnes(static_cast<std::size_t>(np));
            b_.gemm(false, true, np, asInt(g_.filters), 1, 1.0F, ones_.data(), np, bias_->value.data(),
                    asInt(g_.filters), 1.0F, zSwapped_.data(), np);
        }
        z_.reserve(b_, outputs);
        b_.swapBlocks(zSwapped_.data(), z_.data(), asInt(g_.filters), asInt(batch), asInt(g_.positions()));
        if (identity_) return z_.data();
        a_.reserve(b_, outputs);
        b_.activationForward(f_, z_.data(), a_.data(), outputs);
        return a_.data();
    }

    void backward(const float* dy, float* dx) override {
        if (identity_) {
            backwardFromPreActivation(dy, dx);
            return;
        }
        const std::size_t outputs = batch_ * g_.filters * g_.positions();
        delta_.reserve(b_, outputs);
        b_.activationBackward(f_, z_.data(), a_.data(), dy, delta_.data(), outputs);
        backwardFromPreActivation(delta_.data(), dx);
    }

    void backwardFromPreActivation(const float* dz, float* dx) override {
        deltaSeen_ = dz;
        const int np = asInt(batch_ * g_.positions());
        const int patch = asInt(g_.patch());
        const int fpg = asInt(g_.filtersPerGroup());
        dzSwapped_.reserve(b_, batch_ * g_.filters * g_.positions());
        b_.swapBlocks(dz, dzSwapped_.data(), asInt(batch_), asInt(g_.filters), asInt(g_.positions()));
        for (std::size_t group = 0; group < g_.groups; ++group) {
            b_.gemm(true, false, patch, fpg, np, 1.0F, cols_.data() + group * g_.patch() * np, np,
                    dzSwapped_.data() + group * g_.filtersPerGroup() * np, np, 0.0F,
                    weight_.grad.data() + group * g_.filtersPerGroup() * g_.patch(), patch);
        }
        if (bias_) {
            ensureOnes(static_cast<std::size_t>(np));
            b_.gemm(true, false, asInt(g_.filters), 1, np, 1.0F, dzSwapped_.data(), np, ones_.data(), np, 0.0F,
                    bias_->grad.data(), asInt(g_.filters));
        }
        if (dx == nullptr) return;
        colsGrad_.reserve(b_, g_.groups * g_.patch() * batch_ * g_.positions());
        for (std::size_t group = 0; group < g_.groups; ++group) {
            b_.gemm(false, true, np, patch, fpg, 1.0F, dzSwapped_.data() + group * g_.filtersPerGroup() * np, np,
                    weight_.value.data() + group * g_.filtersPerGroup() * g_.patch(), patch, 0.0F,
                    colsGrad_.data() + group * g_.patch() * np, np);
        }
        b_.col2im(colsGrad_.data(), asInt(batch_), w_, dx);
    }

    const float* preActivation() const override { return z_.data(); }
    const float* preActivationGradient() const override { return deltaSeen_; }

private:
    void ensureOnes(std::size_t n) {
        if (ones_.size() >= n && ones_.data() != nullptr) return;
        ones_.reserve(b_, n);
        b_.fill(ones_.data(), 1.0F, n);
    }

    const gpu::Backend& b_;
    gpu::Activation f_;
    bool identity_;
    Geometry g_;
    gpu::Window w_;
    gpu::ParameterCopy weight_;
    std::optional<gpu::ParameterCopy> bias_;
    std::size_t batch_ = 0;
    gpu::Buffer cols_;
    gpu::Buffer zSwapped_;
    gpu::Buffer z_;
    gpu::Buffer a_;
    gpu::Buffer delta_;
    gpu::Buffer dzSwapped_;
    gpu::Buffer colsGrad_;
    gpu::Buffer ones_;
    const float* deltaSeen_ = nullptr;
};

class PoolForm final : public gpu::LayerForm {
public:
    PoolForm(const gpu::Backend& b, const Geometry& g, bool max) : b_(b), g_(g), w_(windowOf(g)), max_(max) {}

    const float* forward(const float* x, std::size_t batch, Mode /*mode*/) override {
        batch_ = batch;
        const std::size_t outputs = batch * g_.channels * g_.positions();
        y_.reserve(b_, outputs);
        if (max_) {
            winner_.reserve(b_, outputs);
            b_.maxPoolForward(x, asInt(batch), w_, y_.data(), winner_.data());
        } else {
            b_.avgPoolForward(x, asInt(batch), w_, y_.data());
        }
        return y_.data();
    }

    void backward(const float* dy, float* dx) override {
        if (dx == nullptr) return;
        if (max_) {
            b_.maxPoolBackward(dy, winner_.data(), asInt(batch_), w_, dx);
        } else {
            b_.avgPoolBackward(dy, asInt(batch_), w_, dx);
        }
    }

private:
    const gpu::Backend& b_;
    Geometry g_;
    gpu::Window w_;
    bool max_;
    std::size_t batch_ = 0;
    gpu::Buffer y_;
    gpu::Buffer winner_;
};

/// Flatten changes only the shape: the same floats on the device.
class FlattenForm final : public gpu::LayerForm {
public:
    FlattenForm(const gpu::Backend& b, std::size_t sample) : b_(b), sample_(sample) {}

    const float* forward(const float* x, std::size_t batch, Mode /*mode*/) override {
        batch_ = batch;
        return x;
    }

    void backward(const float* dy, float* dx) override {
        if (dx != nullptr) b_.copy(dx, dy, batch_ * sample_);
    }

private:
    const gpu::Backend& b_;
    std::size_t sample_;
    std::size_t batch_ = 0;
};

}  // namespace

std::unique_ptr<gpu::LayerForm> Conv2dLayer::gpuForm(const gpu::Backend& backend) {
    gpu::Activation f = gpu::Activation::Identity;
    if (!built_ || !gpu::elementwiseActivation(activation_->name(), &f)) return nullptr;
    return std::make_unique<ConvForm>(backend, *this, f, f == gpu::Activation::Identity);
}

std::unique_ptr<gpu::LayerForm> MaxPool2dLayer::gpuForm(const gpu::Backend& backend) {
    return std::make_unique<PoolForm>(backend, geometry_, true);
}

std::unique_ptr<gpu::LayerForm> AvgPool2dLayer::gpuForm(const gpu::Backend& backend) {
    return std::make_unique<PoolForm>(backend, geometry_, false);
}

std::unique_ptr<gpu::LayerForm> FlattenLayer::gpuForm(const gpu::Backend& backend) {
    if (input_.rank() == 0) return nullptr;  // not built
    return std::make_unique<FlattenForm>(backend, input_.elements());
}

}  // namespace deepstep::cnn
