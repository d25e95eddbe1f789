#pragma once
// A training run's steps on a GPU, for the Trainer (deepstep/trainer.hpp): every layer
// with a GPU form runs there, the others on the CPU with their batch copied across;
// the loss and the optimizer likewise. Parameters are copied to the host lazily
// (syncToHost) and back after the host changed them (hostChanged).

#include "deepstep/dataset.hpp"
#include "deepstep/gpu_forms.hpp"
#include "deepstep/network.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace deepstep {

class DeviceRun {
public:
    /// requires: network built; backend usable; everything outlives the run.
    /// `clipping`: the run clips gradients (step's clipNorm > 0), which needs every
    /// gradient on the host, so the optimizer runs there.
    DeviceRun(Network& network, const Loss& loss, Optimizer& optimizer, const gpu::Backend& backend,
              std::string deviceName, bool clipping = false);
    ~DeviceRun();
    DeviceRun(const DeviceRun&) = delete;
    DeviceRun& operator=(const DeviceRun&) = delete;

    /// What runs where, one line each language.
    Text placement() const;

    struct StepResult {
        float loss = 0.0F;
        float penalty = 0.0F;
    };
    /// One iteration, as Trainer::step on the CPU: forward, loss, backward, weight
    /// decay, gradient clipping (clipNorm > 0; requires a run made with `clipping`),
    /// the optimizer's step. Records into `record` when given (every value copied to
    /// the host).
    StepResult step(const Batch& batch, StepRecord* record, double l1, double l2, double clipNorm = 0.0);

    /// The network's output for x in Eval mode, on the host.
    Tensor forward(const Tensor& x);
    /// The output of the last step() or forward(), copied to the host once.
    const Tensor& output();

    /// Parameters, their gradients and the optimizer's state, from the device to the
    /// host when the device has newer ones.
    void syncToHost();
    /// The host's parameters or optimizer state changed: they go to the device before
    /// the next step.
    void hostChanged() { hostNewer_ = true; }

private:
    struct Stage;
    enum class Where { Device, Host };

    void toDeviceIfNeeded();
    /// Runs every layer forward; ends with the output where the last layer put it.
    void runForward(const Tensor& inputs, Mode mode, StepRecord* record);
    Tensor download(const float* device, const Shape& shape) const;
    const float* outputOnDevice(std::size_t i);
    const Tensor& outputOnHost(std::size_t i);
    void backward(const Tensor& targets, StepRecord* record, StepResult& result);
    float weightDecay(double l1, double l2);
    void optimizerStep(StepRecord* record, double clipNorm);

    Network& net_;
    const Loss& loss_;
    Optimizer& opt_;
    const gpu::Backend& backend_;
    std::string deviceName_;
    std::vector<std::unique_ptr<Stage>> stages_;
    std::unique_ptr<gpu::LossForm> lossForm_;
    std::unique_ptr<gpu::OptimizerForm> optForm_;
    bool clipping_ = false;  ///< the optimizer runs on the host because gradients are clipped there
    std::map<const Tensor*, gpu::ParameterCopy*> copies_;  ///< by the host parameter's value
    std::map<const Tensor*, Parameter*> hostParameters_;   ///< every parameter, by its value
    std::size_t lowestWithParameters_ = 0;
    gpu::Buffer input_;
    gpu::Buffer target_;
    gpu::Buffer scalars_;  ///< [0] the loss, [1] the weight decay's penalty
    gpu::Buffer lossGrad_;
    gpu::Buffer delta_;
    std::size_t batch_ = 0;
    bool deviceNewer_ = false;
    bool hostNewer_ = true;
};

}  // namespace deepstep
