#pragma once
// References: how a lesson names a value of the engine (docs/lesson-format.md).
//
// A checkpoint's answer ("layer:hidden.output[0][1]"), a `highlight` item
// ("hidden.weight[0][1]") and a `show` item ("param:out.weight") name a layer's values,
// a parameter, an optimizer's state, the loss or an evaluation. The parse functions
// check the grammar alone (a pack is checked before any experiment is built); the
// resolve and check functions read what an item names from a Stepper: its network,
// its optimizer and the record of the iteration on display.
//
// Names have any number of dot-separated parts: a layer inside a composite layer
// names its parameters "block1.inner.weight". Where a field follows a name (the
// quantity of "layer:NAME.Q" and "param:LAYER.PARAM.Q", the slot of an optimizer
// reference), the name is the longest one that leaves a known field: the parser takes
// the longest name the grammar allows, resolution the longest one the experiment knows.

#include <cstddef>
#include <string>
#include <vector>

namespace deepstep {

class Stepper;

/// A parsed reference, `highlight` item or `show` item (docs/lesson-format.md).
struct LessonRef {
    enum class Kind { Loss, Eval, Layer, Parameter, OptimizerSlot, OptimizerStep, Internal };
    Kind kind = Kind::Loss;
    std::string text;  ///< as written: the place every error about it names
    /// Layer: the layer's name; Parameter, OptimizerSlot: the name's first part, the
    /// network's layer that holds the parameter.
    std::string layer;
    std::string parameter;  ///< Parameter, OptimizerSlot: the full name, "LAYER.PARAM" or "BLOCK.INNER.PARAM"; Internal: the internal's name in its layer ("gate", "inner.output")
    /// Layer: input, z, output, grad_output, delta, grad_input; Parameter: value, grad,
    /// update, value_after; OptimizerSlot: the slot; Eval: accuracy or loss. Empty when
    /// the item names a whole layer or parameter.
    std::string quantity;
    std::vector<std::size_t> index;  ///< empty when the item names a whole tensor
    /// Layer, Parameter, OptimizerSlot: the name and the field after it as written, split
    /// at the dots ("block", "inner", "weight", "grad").
    std::vector<std::string> path;
};

/// "loss", "layer:NAME.Q[i][j]", "param:LAYER.PARAM.Q[i][j]", "eval:accuracy",
/// "eval:loss", "optimizer:LAYER.PARAM.SLOT[i]", "optimizer:step",
/// "internal:LAYER.INTERNAL.value|grad[i]…" (a layer's internal tensor, Layer::internals(),
/// e.g. "internal:rnn.gate.value[0][2][1]", "internal:block.inner.output.grad[0][3]");
/// NAME has one part or more, LAYER.PARAM two or more ("param:block.inner.weight.grad[0][1]").
/// throws InputError (place: the text) "expected a reference such as …".
LessonRef parseLessonReference(const std::string& text);
/// "layer:NAME", "LAYER.PARAM" or "LAYER.PARAM[i][j]", names as above. throws as above.
LessonRef parseLessonHighlight(const std::string& text);
/// "layer:NAME" (every quantity of the layer), "layer:NAME.Q" (one of them: Q is
/// input, z, output, grad_output, delta or grad_input, in `quantity`),
/// "param:LAYER.PARAM", "internal:LAYER" (every internal of a top-level layer), "loss"
/// or "eval", names as above.
/// ensures: for "layer:", `quantity` is empty or one of those six words.
/// throws as above.
LessonRef parseLessonShow(const std::string& text);

/// The value `reference` (from parseLessonReference) names in `stepper`'s state of the
/// moment. requires: the stepper holds an experiment.
/// throws InputError (place: the reference) when it names nothing of the experiment,
/// is out of range or has no value yet.
double resolveLessonReference(Stepper& stepper, const LessonRef& reference);
/// Checks that a `highlight` item (from parseLessonHighlight) names something of the
/// stepper's experiment. requires: as above. throws InputError (place: the item).
void checkLessonHighlight(Stepper& stepper, const LessonRef& item);
/// Checks that a `show` item (from parseLessonShow) names something of the stepper's
/// experiment (for "layer:NAME.z" and ".delta", a layer with an activation), and for
/// "loss" that an iteration is on display. throws as above.
void checkLessonShow(Stepper& stepper, const LessonRef& item);

}  // namespace deepstep
