#pragma once
// Export of what the Studio shows: any widget as PNG or SVG, a step's trace as JSON
// (format "deepstep.trace") or CSV. Every file is written atomically, so an export
// that fails (full disk, no permission) never leaves a half-written file behind.

#include "deepstep/trace.hpp"

#include <QString>

class QWidget;

namespace deepstep::studio {

/// Renders `widget` as it is on screen (QWidget::grab) into a PNG file.
/// Returns false and sets `error` (a sentence naming the file) on failure.
bool exportWidgetPng(QWidget* widget, const QString& path, QString* error = nullptr);
/// Paints `widget` into an SVG file (vector where the widget paints vectors).
bool exportWidgetSvg(QWidget* widget, const QString& path, const QString& title, QString* error = nullptr);

/// One step as a "deepstep.trace" document with a single step.
Json traceDocument(const StepRecord& step);
/// One row per tensor element, header
///   step,name,quantity,index,value
/// where name is a layer ("hidden") or parameter ("hidden.weight"), quantity one of
/// input, pre_activation, output, grad_output, grad_pre_activation, grad_input (layers),
/// value, grad, update, value_after (parameters) or loss, penalty (name "loss"), and
/// index the element's row-major position, e.g. "[0,1]" (quoted, as it holds a comma).
/// Values are written with 9 significant digits, enough to read back a float exactly.
std::string traceCsv(const StepRecord& step);

/// Writes `text` to `path` atomically; false and `error` on failure.
bool writeTextFile(const QString& path, const std::string& text, QString* error = nullptr);

}  // namespace deepstep::studio
