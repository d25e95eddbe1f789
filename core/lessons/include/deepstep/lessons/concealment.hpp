#pragma once
// Hiding what a checkpoint asks for. A number checkpoint whose answer the engine
// computes ("layer:hidden.z[0][0]", "param:out.weight.grad[0][0]", "loss") asks the
// student to work the number out; a viewer that shows the engine's values (the Studio's
// step views) must not show it before the student has answered, nor a value that gives
// it away at a glance:
//
//   - a layer's output is the next layer's input (and the reverse), its ∂E/∂output the
//     next layer's ∂E/∂input; a layer without activation has output = z;
//   - the last layer's ∂E/∂o and δ are o − t up to a factor, so they hide with o;
//   - a unit's δ is its bias gradient (one example), so the bias's gradient, update and
//     new value hide with δ;
//   - a parameter's gradient gives its update (Δ = −η·g) and new value; the update and
//     the new value give each other;
//   - an optimizer's step count is the iteration number;
//   - a recurrent layer's states (its internal "hidden_states", N×T×H) are its output:
//     the last step's when its output is N×H, every step's when it is N×T×H; so are
//     their gradients and ∂E/∂output.
//
// The concealed places are positions (layer, quantity, element), not values: when the
// student steps further, the same element of the new record stays hidden, as the answer
// is read from the state of the moment.
//
// A concealed number is replaced by concealedValue(), a NaN of DeepStep's own, which a
// view prints as "?" (isConcealed()). The terminal player needs none of this: it prints
// only what a step's `show` list names.

#include "deepstep/lessons/reference.hpp"
#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"
#include "deepstep/trace.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

class Stepper;

/// A quiet NaN carrying DeepStep's own payload: "hidden until answered".
float concealedValue();
/// True for concealedValue(), also after conversion to double and after arithmetic that
/// passes its NaN on (x86 and ARM keep the payload of the first NaN operand). Plain NaNs
/// (a diverged run) are not concealed.
bool isConcealed(double value);

class AnswerConcealment {
public:
    /// Hides what `reference` (a checkpoint's answer, parseLessonReference) names in
    /// `stepper`'s experiment, and what gives it away (see above). A name the experiment
    /// does not know hides nothing (`lesson check` reports it); "eval:…" hides nothing,
    /// as no step view shows a whole data set's evaluation.
    /// requires: the stepper holds the experiment the checkpoint was written for.
    void add(Stepper& stepper, const LessonRef& reference);
    void clear();
    bool empty() const { return places_.empty() && !loss_ && !stepCount_; }

    /// Replaces the hidden numbers of `record` (a copy of the stepper's) by
    /// concealedValue(): layer tensors, internals, parameter values, gradients, updates
    /// and new values, the loss, and the optimizer state after the step.
    void apply(StepRecord& record) const;
    /// The same for a parameter's value as a view shows it (Stepper::shownValue()):
    /// `afterUpdate` when the value shown is the one after this iteration's update.
    void applyToParameterValue(const std::string& parameter, bool afterUpdate, Tensor& value) const;
    /// True when applyToParameterValue() may change `parameter`'s value.
    bool hidesParameterValue(const std::string& parameter) const;
    /// The same for an optimizer's state as Optimizer::inspect() gives it: hidden slot
    /// elements become concealedValue(), a hidden step count is removed.
    void applyToOptimizerState(Json& state) const;
    bool hidesLoss() const { return loss_; }
    /// The optimizer's step count and the iteration number.
    bool hidesStepCount() const { return stepCount_; }

private:
    enum class Where {
        LayerInput,
        LayerZ,
        LayerOutput,
        LayerGradOutput,
        LayerDelta,
        LayerGradInput,
        InternalValue,
        InternalGrad,
        ParameterValue,       ///< before the update
        ParameterGrad,
        ParameterUpdate,
        ParameterValueAfter,  ///< also the value shown after the update
        OptimizerSlot,
    };
    struct Place {
        Where where = Where::LayerZ;
        std::size_t layer = 0;  ///< Layer*, Internal*: index of the network's layer
        std::string name;       ///< Internal*: the internal; Parameter*, OptimizerSlot: the parameter
        std::string slot;       ///< OptimizerSlot
        /// The element, as the reference indexes it; empty: the whole tensor. When it
        /// has one index per dimension it is that element; a single index into a tensor
        /// of higher rank counts over all elements (as optimizer references do).
        std::vector<std::size_t> index;
    };
    void addLayer(Stepper& stepper, std::size_t layer, const std::string& quantity,
                  const std::vector<std::size_t>& index);
    void addParameter(const std::string& parameter, const std::string& quantity, const std::vector<std::size_t>& index);
    static void conceal(Tensor& t, const std::vector<std::size_t>& index);
    /// The recurrent layers' states: the internal of this name (see above).
    static constexpr const char* kHiddenStates = "hidden_states";
    /// Where element `index` ([n][t][j]) of `states` stands in the layer's `output`;
    /// nullopt when it is not there (an earlier step of a layer that gives the last).
    static std::optional<std::vector<std::size_t>> stateInOutput(const Tensor& states, const Tensor& output,
                                                                 const std::vector<std::size_t>& index);
    /// Hides the states behind element `index` of the layer's output (`value`) or of
    /// its ∂E/∂output.
    static void concealStateOf(LayerRecord& layer, const std::vector<std::size_t>& index, bool value);

    std::vector<Place> places_;
    bool loss_ = false;
    bool stepCount_ = false;
};

}  // namespace deepstep
