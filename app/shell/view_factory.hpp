#pragma once
// The shell's seam to the step-by-step view (app/stepview) and the playground
// (app/playground). The main window talks to them only through these functions and
// holds them as plain widgets, so it needs none of their headers.

#include "deepstep/registry.hpp"

#include <QAction>
#include <QList>
#include <QString>
#include <QWidget>

namespace deepstep::studio {

class StepSession;

/// The step-by-step view over `session`. ensures: a widget owned by `parent`.
QWidget* createStepView(StepSession& session, QWidget* parent);
/// The step controls (forward, backward, update, ...), each with its shortcut.
QList<QAction*> stepActionsOf(QWidget* stepView);
/// Shows the chain rule for one weight ("hidden.weight", row, column).
void selectWeightIn(QWidget* stepView, const QString& parameter, int row, int col);
/// Shows example `index` of the batch in the step view (where it can choose one).
void showBatchExampleIn(QWidget* stepView, int index);
/// The parts of the step view a screenshot may want in sight; nullptr when absent.
QWidget* networkViewOf(QWidget* stepView);
QWidget* chainRulePanelOf(QWidget* stepView);
QWidget* optimizerViewOf(QWidget* stepView);

/// The 2-D playground. requires: `registry` outlives the widget.
QWidget* createPlayground(const Registry& registry, QWidget* parent);
void startTrainingIn(QWidget* playground);
void stopTrainingIn(QWidget* playground);
bool isTrainingIn(QWidget* playground);
/// The playground's charts (loss/accuracy over epochs), or nullptr.
QWidget* playgroundChartsOf(QWidget* playground);

/// The number of epochs the playground's next run trains.
void setPlaygroundEpochs(QWidget* playground, int epochs);
/// Epochs completed in the playground's current or last run; -1 when unknown.
int playgroundEpochsOf(QWidget* playground);
/// The playground's settings (data, features, hidden layers, activation, optimizer, learning
/// rate) for the autosaved session; null when it has none to give.
Json playgroundSettingsOf(QWidget* playground);
/// Applies what playgroundSettingsOf gave (unknown or refused values are skipped).
void applyPlaygroundSettings(QWidget* playground, const Json& settings);

/// The loss-surface race of every registered optimizer. requires: `registry` outlives it.
QWidget* createRaceView(const Registry& registry, QWidget* parent);

}  // namespace deepstep::studio
