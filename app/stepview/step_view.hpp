#pragma once
// StepView: the step-by-step page of the Studio. The step controls on top, the
// network in the centre, the chain rule of the selected weight beside it and, below
// that, the optimizer's state and the selected layer's internals. Clicking a weight in
// the network shows its chain, clicking a layer its internals; choosing another
// example of the batch changes both the network's values and the chain.

#include "model/step_session.hpp"

#include <QList>
#include <QWidget>

class QAction;
class QSplitter;
class QTabWidget;

namespace deepstep::studio {

class StepControls;
class NetworkView;
class ChainRulePanel;
class OptimizerStateView;
class InternalsView;

class StepView : public QWidget {
    Q_OBJECT

public:
    /// requires: `session` outlives the view.
    explicit StepView(StepSession& session, QWidget* parent = nullptr);

    StepControls* controls() const { return controls_; }
    NetworkView* networkView() const { return network_; }
    ChainRulePanel* chainRulePanel() const { return chain_; }
    OptimizerStateView* optimizerView() const { return optimizer_; }
    InternalsView* internalsView() const { return internals_; }
    /// The step actions with their shortcuts, for the main window's menu.
    QList<QAction*> stepActions() const;

    /// Selects parameter[row][col] in the network and shows its chain.
    void selectWeight(const QString& parameter, int row, int col);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    StepControls* controls_ = nullptr;
    NetworkView* network_ = nullptr;
    ChainRulePanel* chain_ = nullptr;
    OptimizerStateView* optimizer_ = nullptr;
    InternalsView* internals_ = nullptr;
    QTabWidget* below_ = nullptr;
    QSplitter* split_ = nullptr;
};

}  // namespace deepstep::studio
