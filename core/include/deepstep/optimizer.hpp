#pragma once
// Optimizer: turns gradients into weight updates, once per iteration.
//
// The split matters for teaching: the base class asks the optimizer to *compute*
// Δ for every parameter, records the Δs (the Studio shows them), and only then
// applies value += Δ. The step counter lives here, once per optimizer — never per
// tensor — and state lives in named slots keyed by parameter name ("dense1.weight"),
// so it can be inspected, saved and shown. A new optimizer implements
// computeUpdate() and nothing else.

#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"

#include <map>
#include <span>
#include <string>
#include <vector>

namespace deepstep {

/// A parameter as the optimizer sees it.
struct ParamRef {
    std::string name;  ///< "layer.param"
    Tensor* value = nullptr;
    const Tensor* grad = nullptr;
};

class Optimizer {
public:
    explicit Optimizer(double learningRate) : learningRate_(learningRate) {}
    virtual ~Optimizer() = default;

    /// Registry name, e.g. "adam".
    virtual std::string type() const = 0;

    /// One iteration over all parameters.
    /// requires: every grad has its value's shape; names are unique.
    /// ensures: stepCount() grows by exactly one; for each parameter i,
    ///          value_i += updates()[i], where updates()[i] is what computeUpdate
    ///          returned; all updates are computed before any is applied.
    void step(std::span<const ParamRef> params);

    /// The Δ applied by the last step(), in the order of its params.
    const std::vector<Tensor>& updates() const { return updates_; }
    /// Number of completed steps (t in Adam's bias correction is stepCount()).
    long long stepCount() const { return steps_; }

    double learningRate() const { return learningRate_; }
    /// Changing the rate keeps all state (the Studio changes it mid-run).
    void setLearningRate(double lr) { learningRate_ = lr; }

    /// State for display: {"dense1.weight": {"velocity": [...]}, ...} plus "step".
    Json inspect() const;
    /// Exact save/restore of the state and step count.
    Json saveState() const;
    void loadState(const Json& state);
    /// Forget all state (new training run).
    void reset();

protected:
    /// Computes Δ for one parameter. `t` is the 1-based index of the current step.
    /// requires: delta has value's shape (zero-filled). ensures: delta holds Δ.
    virtual void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                               Tensor& delta) = 0;

    /// Named state of one parameter, created zero-filled with `shape` on first use.
    Tensor& slot(const std::string& param, const std::string& slotName, const Shape& shape);

private:
    double learningRate_;
    long long steps_ = 0;
    std::vector<Tensor> updates_;
    std::map<std::string, std::map<std::string, Tensor>> state_;
};

}  // namespace deepstep
