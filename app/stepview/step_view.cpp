#include "stepview/step_view.hpp"

#include "stepview/chain_rule_panel.hpp"
#include "stepview/internals_view.hpp"
#include "stepview/network_view.hpp"
#include "stepview/optimizer_state_view.hpp"
#include "stepview/step_controls.hpp"

#include <QEvent>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace deepstep::studio {

StepView::StepView(StepSession& session, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    controls_ = new StepControls(session, this);
    layout->addWidget(controls_);
    split_ = new QSplitter(Qt::Horizontal, this);
    network_ = new NetworkView(session, split_);
    auto* side = new QSplitter(Qt::Vertical, split_);
    chain_ = new ChainRulePanel(session, side);
    // The optimizer's state and the selected layer's internals share the lower half:
    // one at a time keeps both readable on a laptop screen.
    below_ = new QTabWidget(side);
    optimizer_ = new OptimizerStateView(session, below_);
    internals_ = new InternalsView(session, below_);
    below_->addTab(optimizer_, QString());
    below_->addTab(internals_, QString());
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 2);
    split_->addWidget(network_);
    split_->addWidget(side);
    split_->setStretchFactor(0, 3);
    split_->setStretchFactor(1, 2);
    split_->setSizes({760, 500});
    layout->addWidget(split_, 1);

    connect(network_, &NetworkView::weightSelected, chain_, &ChainRulePanel::selectWeight);
    connect(network_, &NetworkView::exampleChanged, chain_, &ChainRulePanel::setExample);
    connect(network_, &NetworkView::layerSelected, internals_, &InternalsView::setLayer);
    retranslateUi();
}

void StepView::retranslateUi() {
    below_->setTabText(0, tr("Optimizer state"));
    below_->setTabText(1, tr("Layer internals"));
}

void StepView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

QList<QAction*> StepView::stepActions() const { return controls_->stepActions(); }

void StepView::selectWeight(const QString& parameter, int row, int col) {
    network_->selectWeight(parameter, row, col);
    chain_->selectWeight(parameter, row, col);
}

}  // namespace deepstep::studio
