#pragma once
// Optimizer: turns gradients into weight updates, once per iteration.
//
// The split matters for teaching: the base class asks the optimizer to *compute*
// Δ for every parameter, records the Δs (the Studio shows them), and only then
// applies value += Δ. The step counter lives here, once per optimizer — never per
// tensor — and state lives in named slots keyed by parameter name ("dense1.weight"),
// so it can be inspected, saved and shown. A new optimizer implements
// computeUpdate() and nothing else; one whose rule is element by element may also
// implement updateInPlace(), the fast path a long training run takes when nobody is
// looking at the Δs.

#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace deepstep {

namespace gpu {
class Backend;
class OptimizerForm;
}  // namespace gpu

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
    ///          value_i += Δ_i, where Δ_i is what computeUpdate returns (or what
    ///          updateInPlace applies: the same numbers, bit for bit); the updates
    ///          of parameters that go through computeUpdate are all computed before
    ///          any is applied. With keepUpdates, updates() holds every Δ_i.
    ///          Without it, updates() may be left empty: the Trainer asks for them
    ///          only on steps that a trace records.
    void step(std::span<const ParamRef> params, bool keepUpdates = true);

    /// The Δ applied by the last step(), in the order of its params; empty when that
    /// step did not keep them (see step()).
    const std::vector<Tensor>& updates() const { return updatesKept_ ? updates_ : kNoUpdates; }
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

    /// This optimizer's form on a GPU (deepstep/gpu_forms.hpp), or nullptr (the
    /// default): the Trainer then updates on the CPU. The optimizer outlives the form.
    virtual std::unique_ptr<gpu::OptimizerForm> gpuForm(const gpu::Backend& backend);
    /// For a trainer that applied step t = stepCount() + 1 through the GPU form:
    /// ensures: stepCount() grows by one; updates() is empty.
    void countStepTakenElsewhere();

protected:
    /// Computes Δ for one parameter. `t` is the 1-based index of the current step.
    /// requires: delta has value's shape (zero-filled). ensures: delta holds Δ.
    virtual void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                               Tensor& delta) = 0;

    /// Optional fast path: computes Δ for one parameter and applies it (value += Δ)
    /// in the same pass over memory, instead of computeUpdate writing a zero-filled
    /// Δ that step() then adds. Only for rules where a parameter's Δ depends on that
    /// parameter alone (its value, gradient, slots and t), never on another one.
    /// requires: grad has value's shape; `delta` is null, or has value's shape with
    ///           unspecified contents.
    /// ensures: returns false having changed nothing (the default: step() then uses
    ///          computeUpdate); or returns true having left value and the slots
    ///          exactly as computeUpdate followed by value += Δ would, and, when
    ///          `delta` is not null, every element of *delta set to Δ.
    virtual bool updateInPlace(const std::string& name, Tensor& value, const Tensor& grad, long long t,
                               Tensor* delta);

    /// Named state of one parameter, created zero-filled with `shape` on first use.
    Tensor& slot(const std::string& param, const std::string& slotName, const Shape& shape);

private:
    double learningRate_;
    long long steps_ = 0;
    std::vector<Tensor> updates_;
    bool updatesKept_ = true;
    std::vector<std::size_t> pending_;  ///< parameters whose Δ step() applies itself
    static inline const std::vector<Tensor> kNoUpdates{};
    std::map<std::string, std::map<std::string, Tensor>> state_;
};

}  // namespace deepstep
