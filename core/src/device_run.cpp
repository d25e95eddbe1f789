#include "device_run.hpp"

#include "layer_parameters.hpp"

#include "deepstep/activation.hpp"
#include "deepstep/errors.hpp"

#include <cmath>
#include <stdexcept>

namespace deepstep {

/// One layer of the network and where it runs.
struct DeviceRun::Stage {
    Layer* layer = nullptr;
    std::unique_ptr<gpu::LayerForm> form;  ///< null: the layer runs on the CPU
    Shape inputSample;
    Shape outputSample;
    Where output = Where::Device;  ///< where the last forward left the output
    const float* deviceOutput = nullptr;
    Tensor hostOutput;      ///< a CPU layer's output, or a GPU layer's copied for a CPU one
    bool hostCopyValid = false;
    gpu::Buffer staged;     ///< a CPU layer's output copied to the device for a GPU layer
    bool stagedValid = false;
    gpu::Buffer inputGrad;  ///< dL/d(input) of this layer, on the device
    gpu::Buffer gradStaged; ///< dL/d(output) from a CPU layer above, copied to the device
};

DeviceRun::DeviceRun(Network& network, const Loss& loss, Optimizer& optimizer, const gpu::Backend& backend,
                     std::string deviceName, bool clipping)
    : net_(network), loss_(loss), opt_(optimizer), backend_(backend), deviceName_(std::move(deviceName)),
      clipping_(clipping) {
    lowestWithParameters_ = net_.layerCount();
    for (std::size_t i = 0; i < net_.layerCount(); ++i) {
        auto stage = std::make_unique<Stage>();
        stage->layer = &net_.layer(i);
        stage->form = stage->layer->gpuForm(backend_);
        stage->inputSample = i == 0 ? net_.inputShape() : net_.layerOutputShape(i - 1);
        stage->outputSample = net_.layerOutputShape(i);
        if (stage->form) {
            for (gpu::ParameterCopy* c : stage->form->parameters()) copies_[&c->host->value] = c;
        }
        if (lowestWithParameters_ == net_.layerCount() && holdsParameters(*stage->layer)) lowestWithParameters_ = i;
        stages_.push_back(std::move(stage));
    }
    for (const ParamRef& p : net_.parameters(true)) hostParameters_[p.value] = net_.parameter(p.name);
    lossForm_ = loss_.gpuForm(backend_);
    if (!clipping_) optForm_ = opt_.gpuForm(backend_);
    scalars_ = gpu::Buffer(backend_, 2);
}

DeviceRun::~DeviceRun() = default;

Text DeviceRun::placement() const {
    // "dense ×2, activation on cuda:0; dropout on the CPU", with the loss and the
    // optimizer named where they run.
    std::vector<std::pair<std::string, int>> onDevice;
    std::vector<std::pair<std::string, int>> onHost;
    const auto count = [](std::vector<std::pair<std::string, int>>& list, const std::string& type) {
        for (auto& [name, n] : list) {
            if (name == type) {
                ++n;
                return;
            }
        }
        list.emplace_back(type, 1);
    };
    for (const auto& s : stages_) count(s->form ? onDevice : onHost, s->layer->type());
    count(lossForm_ ? onDevice : onHost, loss_.type());
    if (!clipping_) count(optForm_ ? onDevice : onHost, opt_.type());
    const auto join = [](const std::vector<std::pair<std::string, int>>& list) {
        std::string out;
        for (const auto& [name, n] : list) {
            if (!out.empty()) out += ", ";
            out += name;
            if (n > 1) out += " ×" + std::to_string(n);
        }
        return out;
    };
    Text t;
    if (onDevice.empty()) {
        t.en = "nothing here has a GPU form: everything runs on the CPU";
        t.ko = "GPU에서 계산할 수 있는 구성 요소가 없어 모두 CPU에서 계산합니다";
        return t;
    }
    t.en = join(onDevice) + " on " + deviceName_;
    t.ko = join(onDevice) + ": " + deviceName_ + "에서 계산";
    if (!onHost.empty()) {
        t.en += "; " + join(onHost) + " on the CPU (no GPU form)";
        t.ko += ", " + join(onHost) + ": CPU에서 계산(GPU 형태 없음)";
    }
    if (clipping_) {
        t.en += "; " + opt_.type() + " on the CPU (gradient clipping needs every gradient there)";
        t.ko += ", " + opt_.type() + ": CPU에서 계산(기울기 클리핑에는 모든 기울기가 필요)";
    }
    return t;
}

void DeviceRun::toDeviceIfNeeded() {
    if (!hostNewer_) return;
    for (auto& [value, copy] : copies_) {
        copy->value.reserve(backend_, value->size());
        copy->value.upload(value->data());
        copy->grad.reserve(backend_, value->size());
    }
    if (optForm_) optForm_->toDevice();
    hostNewer_ = false;
}

void DeviceRun::syncToHost() {
    if (!deviceNewer_) return;
    for (auto& [value, copy] : copies_) {
        copy->value.download(copy->host->value.data());
        if (copy->host->grad.size() == copy->host->value.size()) copy->grad.download(copy->host->grad.data());
    }
    if (optForm_) optForm_->toHost();
    deviceNewer_ = false;
}

Tensor DeviceRun::download(const float* device, const Shape& shape) const {
    Tensor t(shape);
    backend_.toHost(t.data(), device, t.size());
    return t;
}

const float* DeviceRun::outputOnDevice(std::size_t i) {
    Stage& s = *stages_[i];
    if (s.output == Where::Device) return s.deviceOutput;
    if (!s.stagedValid) {
        s.staged.reserve(backend_, s.hostOutput.size());
        backend_.toDevice(s.staged.data(), s.hostOutput.data(), s.hostOutput.size());
        s.stagedValid = true;
    }
    return s.staged.data();
}

const Tensor& DeviceRun::outputOnHost(std::size_t i) {
    Stage& s = *stages_[i];
    if (s.output == Where::Device && !s.hostCopyValid) {
        s.hostOutput = download(s.deviceOutput, s.outputSample.withBatch(batch_));
        s.hostCopyValid = true;
    }
    return s.hostOutput;
}

void DeviceRun::runForward(const Tensor& inputs, Mode mode, StepRecord* record) {
    toDeviceIfNeeded();
    batch_ = inputs.batch();
    bool inputUploaded = false;
    if (record) record->layers.clear();
    for (std::size_t i = 0; i < stages_.size(); ++i) {
        Stage& s = *stages_[i];
        s.hostCopyValid = false;
        s.stagedValid = false;
        if (s.form) {
            const float* x = nullptr;
            if (i == 0) {
                if (!inputUploaded) {
                    input_.reserve(backend_, inputs.size());
                    backend_.toDevice(input_.data(), inputs.data(), inputs.size());
                    inputUploaded = true;
                }
                x = input_.data();
            } else {
                x = outputOnDevice(i - 1);
            }
            s.deviceOutput = s.form->forward(x, batch_, mode);
            s.output = Where::Device;
        } else {
            const Tensor& x = i == 0 ? inputs : outputOnHost(i - 1);
            s.hostOutput = s.layer->forward(x, mode);
            s.output = Where::Host;
        }
        if (record) {
            LayerRecord r;
            r.name = net_.layerName(i);
            r.type = s.layer->type();
            if (const Activation* a = s.layer->activation()) r.activation = a->name();
            r.input = i == 0 ? inputs : outputOnHost(i - 1);
            r.output = outputOnHost(i);
            if (s.form) {
                if (const float* z = s.form->preActivation()) r.preActivation = download(z, r.output.shape());
            } else {
                if (const Tensor* z = s.layer->preActivation()) r.preActivation = *z;
                for (const Internal& in : net_.internals(i)) {
                    if (in.value) r.internals.push_back(InternalRecord{in.name, *in.value, {}});
                }
            }
            record->layers.push_back(std::move(r));
        }
    }
}

Tensor DeviceRun::forward(const Tensor& x) {
    runForward(x, Mode::Eval, nullptr);
    return outputOnHost(stages_.size() - 1);
}

const Tensor& DeviceRun::output() {
    return outputOnHost(stages_.size() - 1);
}

DeviceRun::StepResult DeviceRun::step(const Batch& batch, StepRecord* record, double l1, double l2,
                                      double clipNorm) {
    runForward(batch.inputs, Mode::Train, record);
    StepResult result;
    backward(batch.targets, record, result);
    result.penalty = weightDecay(l1, l2);
    if (record) {
        record->loss = result.loss;
        record->penalty = result.penalty;
    }
    optimizerStep(record, clipping_ ? clipNorm : 0.0);
    deviceNewer_ = true;
    return result;
}

void DeviceRun::backward(const Tensor& targets, StepRecord* record, StepResult& result) {
    const std::size_t last = stages_.size() - 1;
    Stage& top = *stages_[last];
    if (targets.shape() != top.outputSample.withBatch(batch_)) {
        throw InputError("target", "expected shape " + top.outputSample.withBatch(batch_).str() +
                                       " (the network's output), got " + targets.shape().str());
    }
    const Activation* act = top.layer->activation();
    const bool fused = act != nullptr && loss_.fusesWith(act->name()) &&
                       (top.form == nullptr || top.form->preActivation() != nullptr);
    if (record) record->fusedLoss = fused;

    // The gradient that enters layer i from above: on the device or on the host.
    const float* gradDevice = nullptr;
    Tensor gradHost;
    Where gradWhere = Where::Host;

    // The loss: on the device when it has a form and the output is there.
    if (lossForm_ && top.output == Where::Device) {
        const std::size_t n = top.outputSample.withBatch(batch_).elements();
        target_.reserve(backend_, n);
        backend_.toDevice(target_.data(), targets.data(), n);
        lossGrad_.reserve(backend_, n);
        lossForm_->compute(top.deviceOutput, target_.data(), batch_, top.outputSample.elements(), fused,
                           lossGrad_.data(), scalars_.data());
        backend_.toHost(&result.loss, scalars_.data(), 1);
        gradDevice = lossGrad_.data();
        gradWhere = Where::Device;
    } else {
        const Tensor& out = outputOnHost(last);
        result.loss = loss_.value(out, targets);
        gradHost = fused ? loss_.fusedGradient(out, targets) : loss_.gradient(out, targets);
    }

    for (std::size_t i = stages_.size(); i-- > 0;) {
        Stage& s = *stages_[i];
        const bool startsFused = fused && i == last;
        const bool wantsInput = record != nullptr || i > lowestWithParameters_;
        if (!wantsInput && i < lowestWithParameters_) break;  // nothing below needs a gradient
        Tensor gradOutputRecord;
        if (record) {
            if (startsFused) {
                gradOutputRecord = loss_.gradient(outputOnHost(last), targets);
            } else {
                gradOutputRecord = gradWhere == Where::Device ? download(gradDevice, s.outputSample.withBatch(batch_))
                                                              : gradHost;
            }
        }
        if (s.form) {
            const float* g = gradDevice;
            if (gradWhere == Where::Host) {
                s.gradStaged.reserve(backend_, gradHost.size());
                backend_.toDevice(s.gradStaged.data(), gradHost.data(), gradHost.size());
                g = s.gradStaged.data();
            }
            float* dx = nullptr;
            if (wantsInput) {
                s.inputGrad.reserve(backend_, s.inputSample.withBatch(batch_).elements());
                dx = s.inputGrad.data();
            }
            if (startsFused) {
                s.form->backwardFromPreActivation(g, dx);
            } else {
                s.form->backward(g, dx);
            }
            if (record) {
                LayerRecord& r = record->layers[i];
                r.gradOutput = std::move(gradOutputRecord);
                if (const float* d = s.form->preActivationGradient()) r.gradPreActivation = download(d, r.output.shape());
                if (dx) r.gradInput = download(dx, s.inputSample.withBatch(batch_));
            }
            gradDevice = dx;
            gradWhere = Where::Device;
        } else {
            Tensor g = gradWhere == Where::Device ? download(gradDevice, s.outputSample.withBatch(batch_))
                                                  : std::move(gradHost);
            Tensor next;
            if (startsFused) {
                next = s.layer->backwardFromPreActivation(g);
            } else if (wantsInput) {
                next = s.layer->backward(g);
            } else {
                s.layer->backwardParameters(g);
            }
            if (record) {
                LayerRecord& r = record->layers[i];
                r.gradOutput = std::move(gradOutputRecord);
                if (const Tensor* d = s.layer->preActivationGradient()) r.gradPreActivation = *d;
                r.gradInput = next;
                for (const Internal& in : net_.internals(i)) {
                    if (!in.grad) continue;
                    for (InternalRecord& ir : r.internals) {
                        if (ir.name == in.name) ir.grad = *in.grad;
                    }
                }
            }
            gradHost = std::move(next);
            gradWhere = Where::Host;
        }
        if (!wantsInput) break;
    }
}

float DeviceRun::weightDecay(double l1, double l2) {
    if (l1 == 0.0 && l2 == 0.0) return 0.0F;
    backend_.fill(scalars_.data() + 1, 0.0F, 1);
    double hostPenalty = 0.0;
    for (const ParamRef& p : net_.parameters()) {
        Parameter* param = hostParameters_.at(p.value);
        if (!param->trainable || !param->decays) continue;
        if (auto it = copies_.find(p.value); it != copies_.end()) {
            backend_.weightDecay(it->second->value.data(), it->second->grad.data(), p.value->size(), l1, l2,
                                 scalars_.data() + 1);
            continue;
        }
        hostPenalty += addWeightDecay(*param, l1, l2);
    }
    float devicePenalty = 0.0F;
    backend_.toHost(&devicePenalty, scalars_.data() + 1, 1);
    return static_cast<float>(hostPenalty + static_cast<double>(devicePenalty));
}

void DeviceRun::optimizerStep(StepRecord* record, double clipNorm) {
    std::vector<ParamRef> params = net_.parameters();
    if (record) {
        record->parameters.clear();
        for (const ParamRef& p : params) {
            auto it = copies_.find(p.value);
            if (it == copies_.end()) {
                record->parameters.push_back(ParameterRecord{p.name, *p.value, *p.grad, {}, {}});
            } else {
                record->parameters.push_back(ParameterRecord{p.name, download(it->second->value.data(), p.value->shape()),
                                                             download(it->second->grad.data(), p.value->shape()),
                                                             {}, {}});
            }
        }
    }
    if (!optForm_) {
        // The optimizer runs on the CPU: the device's gradients and values come across,
        // the new values go back.
        for (const ParamRef& p : params) {
            if (auto it = copies_.find(p.value); it != copies_.end()) {
                it->second->value.download(it->second->host->value.data());
                it->second->grad.download(it->second->host->grad.data());
            }
        }
        if (clipNorm > 0.0) {
            const Network::GradientClip clip = net_.clipGradients(clipNorm);
            if (record) {
                record->gradientNorm = clip.norm;
                record->clipScale = clip.scale;
                // The record shows the gradients the optimizer used.
                for (std::size_t i = 0; i < params.size(); ++i)
                    record->parameters[i].grad = *params[i].grad;
            }
        }
        opt_.step(params, record != nullptr);
        for (const ParamRef& p : params) {
            if (auto it = copies_.find(p.value); it != copies_.end()) it->second->value.upload(p.value->data());
        }
        if (record) {
            for (std::size_t i = 0; i < params.size(); ++i) {
                record->parameters[i].update = opt_.updates()[i];
                record->parameters[i].valueAfter = *params[i].value;
            }
        }
    } else {
        const long long t = opt_.stepCount() + 1;
        const double rate = opt_.learningRate();
        std::vector<ParamRef> onHost;
        std::vector<std::size_t> hostIndex;
        for (std::size_t i = 0; i < params.size(); ++i) {
            auto it = copies_.find(params[i].value);
            if (it == copies_.end()) {
                onHost.push_back(params[i]);
                hostIndex.push_back(i);
                continue;
            }
            float* delta = nullptr;
            if (record) {
                delta_.reserve(backend_, params[i].value->size());
                delta = delta_.data();
            }
            optForm_->update(params[i].name, *it->second, t, rate, delta);
            if (record) {
                record->parameters[i].update = download(delta, params[i].value->shape());
                record->parameters[i].valueAfter = download(it->second->value.data(), params[i].value->shape());
            }
        }
        if (onHost.empty()) {
            opt_.countStepTakenElsewhere();
        } else {
            opt_.step(onHost, record != nullptr);
            if (record) {
                for (std::size_t k = 0; k < onHost.size(); ++k) {
                    record->parameters[hostIndex[k]].update = opt_.updates()[k];
                    record->parameters[hostIndex[k]].valueAfter = *onHost[k].value;
                }
            }
        }
    }
    if (record) {
        for (const ParamRef& p : net_.frozenParameters()) {
            auto it = copies_.find(p.value);
            Tensor value = it == copies_.end() ? *p.value : download(it->second->value.data(), p.value->shape());
            Tensor grad = it == copies_.end() ? *p.grad : download(it->second->grad.data(), p.value->shape());
            record->parameters.push_back(ParameterRecord{p.name, value, grad, {}, value, true});
        }
        if (optForm_) optForm_->toHost();
        record->optimizerState = opt_.inspect();
    }
}

}  // namespace deepstep
