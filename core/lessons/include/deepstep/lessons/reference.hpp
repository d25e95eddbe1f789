#pragma once
// References: how a lesson names a value of the engine (docs/lesson-format.md).
//
// A checkpoint's answer ("layer:hidden.output[0][1]"), a `highlight` item
// ("hidden.weight[0][1]") and a `show` item ("param:out.weight") name a layer's values,
// a parameter, an optimizer's state, the loss or an evaluation. The parse functions
// check the grammar alone (a pack is checked before any experiment is built); the
// resolve and check functions read what an item names from a Stepper: its network,
// its optimizer and the record of the iteration on display.

#include <cstddef>
#include <string>
#include <vector>

namespace deepstep {

class Stepper;

/// A parsed reference, `highlight` item or `show` item (docs/lesson-format.md).
struct LessonRef {
    enum class Kind { Loss, Eval, Layer, Parameter, OptimizerSlot, OptimizerStep };
    Kind kind = Kind::Loss;
    std::string text;       ///< as written: the place every error about it names
    std::string layer;      ///< Layer: the layer's name
    std::string parameter;  ///< Parameter, OptimizerSlot: "LAYER.PARAM"
    /// Layer: input, z, output, grad_output, delta, grad_input; Parameter: value, grad,
    /// update, value_after; OptimizerSlot: the slot; Eval: accuracy or loss. Empty when
    /// the item names a whole layer or parameter.
    std::string quantity;
    std::vector<std::size_t> index;  ///< empty when the item names a whole tensor
};

/// "loss", "layer:NAME.Q[i][j]", "param:LAYER.PARAM.Q[i][j]", "eval:accuracy",
/// "eval:loss", "optimizer:LAYER.PARAM.SLOT[i]", "optimizer:step".
/// throws InputError (place: the text) "expected a reference such as …".
LessonRef parseLessonReference(const std::string& text);
/// "layer:NAME", "LAYER.PARAM" or "LAYER.PARAM[i][j]". throws as above.
LessonRef parseLessonHighlight(const std::string& text);
/// "layer:NAME", "param:LAYER.PARAM", "loss" or "eval". throws as above.
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
/// experiment, and for "loss" that an iteration is on display. throws as above.
void checkLessonShow(Stepper& stepper, const LessonRef& item);

}  // namespace deepstep
