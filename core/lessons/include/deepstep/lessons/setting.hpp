#pragma once
// Settings a lesson changes in its experiment: a `set` action's path and an outcome
// checkpoint's `set` (docs/lesson-format.md).

#include "deepstep/options.hpp"

#include <string>

namespace deepstep {

/// `experiment` with one setting changed. `path` is "optimizer.learning_rate",
/// "training.epochs", "loss.OPTION", "optimizer.OPTION", "dataset.OPTION",
/// "model.layers[i].OPTION" or "seed"; a component given by name alone becomes
/// {"type": name}. throws InputError (place: the path) for a malformed path or a
/// layer index out of range. The value itself is checked when the result is built.
Json applySetting(const Json& experiment, const std::string& path, const Json& value);
/// True when `path` has one of the forms applySetting takes (the layer index unchecked).
bool isLessonSetting(const std::string& path);
/// What was expected of a `path` that is not a setting: "expected a setting such as …,
/// got "PATH"" (the message applySetting throws for it).
std::string lessonSettingExpected(const std::string& path);

}  // namespace deepstep
