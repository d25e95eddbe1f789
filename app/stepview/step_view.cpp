#include "stepview/step_view.hpp"

#include "stepview/chain_rule_panel.hpp"
#include "stepview/network_view.hpp"
#include "stepview/optimizer_state_view.hpp"
#include "stepview/step_controls.hpp"

#include <QSplitter>
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
    optimizer_ = new OptimizerStateView(session, side);
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
}

QList<QAction*> StepView::stepActions() const { return controls_->stepActions(); }

void StepView::selectWeight(const QString& parameter, int row, int col) {
    network_->selectWeight(parameter, row, col);
    chain_->selectWeight(parameter, row, col);
}

}  // namespace deepstep::studio
