#include "stepview/optimizer_state_view.hpp"

#include "stepview/matrix_heatmap.hpp"
#include "stepview/step_values.hpp"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <cmath>

namespace deepstep::studio {

namespace {
Tensor tensorOf(const Json& j) {
    try {
        return Tensor(Shape(j.at("shape").get<std::vector<std::size_t>>()), j.at("data").get<std::vector<float>>());
    } catch (const std::exception&) {
        return {};
    }
}
}  // namespace

OptimizerStateView::OptimizerStateView(StepSession& session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    caption_ = new QLabel(this);
    caption_->setWordWrap(true);
    tree_ = new QTreeWidget(this);
    tree_->setColumnCount(2);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    tree_->header()->setStretchLastSection(true);
    tree_->setWordWrap(true);
    layout->addWidget(caption_);
    layout->addWidget(tree_, 1);
    connect(&session_, &StepSession::changed, this, &OptimizerStateView::refresh);
    connect(&session_, &StepSession::reloaded, this, [this] { cachedIteration_ = -1; });
    retranslateUi();
}

void OptimizerStateView::refresh() {
    shown_ = Json();
    if (session_.isLoaded()) {
        const StepSession::Phase phase = session_.phase();
        const long long it = session_.iteration();
        if (phase == StepSession::Phase::Ready || phase == StepSession::Phase::Updated) {
            const StepRecord* r = session_.record();
            shown_ = phase == StepSession::Phase::Updated && r && !r->optimizerState.is_null()
                         ? r->optimizerState
                         : session_.shownOptimizerState(session_.optimizer().inspect());
            cached_ = shown_;
            cachedIteration_ = it;
        } else if (cachedIteration_ == it - 1) {
            shown_ = cached_;
        }
    }
    fillTree();
}

QString OptimizerStateView::caption() const { return caption_->text(); }

long long OptimizerStateView::stepCount() const {
    return shown_.is_object() && shown_.contains("step") ? shown_["step"].get<long long>() : -1;
}

double OptimizerStateView::learningRate() const {
    return shown_.is_object() && shown_.contains("learning_rate") ? shown_["learning_rate"].get<double>() : std::nan("");
}

QStringList OptimizerStateView::parameterNames() const {
    QStringList names;
    if (shown_.is_object() && shown_.contains("parameters")) {
        for (const auto& [k, v] : shown_["parameters"].items()) names << QString::fromStdString(k);
    }
    return names;
}

QStringList OptimizerStateView::slotNames(const QString& parameter) const {
    QStringList names;
    const std::string p = parameter.toStdString();
    if (shown_.is_object() && shown_.contains("parameters") && shown_["parameters"].contains(p)) {
        for (const auto& [k, v] : shown_["parameters"][p].items()) names << QString::fromStdString(k);
    }
    return names;
}

QVector<double> OptimizerStateView::slotValues(const QString& parameter, const QString& slot) const {
    QVector<double> values;
    const std::string p = parameter.toStdString();
    const std::string s = slot.toStdString();
    if (shown_.is_object() && shown_.contains("parameters") && shown_["parameters"].contains(p) &&
        shown_["parameters"][p].contains(s)) {
        const Tensor t = tensorOf(shown_["parameters"][p][s]);  // kept alive: values() is a view
        for (float v : t.values()) values.push_back(static_cast<double>(v));
    }
    return values;
}

void OptimizerStateView::fillTree() {
    tree_->clear();
    tree_->setHeaderLabels({tr("Name"), tr("Value")});
    if (!session_.isLoaded()) {
        caption_->setText(tr("No experiment loaded."));
        return;
    }
    const StepSession::Phase phase = session_.phase();
    if (shown_.is_null()) {
        caption_->setText(tr("The optimizer has already taken this iteration's step; its new state is shown when the "
                             "update is applied."));
        return;
    }
    // A step count an open checkpoint asks for is shown as "?".
    const QString steps = session_.iterationHidden() ? QStringLiteral("?") : QString::number(stepCount());
    if (phase == StepSession::Phase::Updated) {
        caption_->setText(tr("State after the update of iteration %1.")
                              .arg(session_.iterationHidden() ? QStringLiteral("?")
                                                              : QString::number(session_.iteration())));
    } else if (stepCount() == 0) {
        caption_->setText(tr("State before the first step."));
    } else {
        caption_->setText(tr("State before this iteration's update (after %1 steps).").arg(steps));
    }
    // Items belong to the tree, which deletes them on clear().
    new QTreeWidgetItem(tree_, {tr("optimizer"), QString::fromStdString(session_.optimizer().type())});
    new QTreeWidgetItem(tree_, {tr("step count"), steps});
    new QTreeWidgetItem(tree_, {tr("learning rate"), formatNumber(learningRate())});
    const QStringList params = parameterNames();
    if (params.isEmpty()) {
        new QTreeWidgetItem(tree_, {tr("state"), tr("none kept between steps")});
        return;
    }
    for (const QString& p : params) {
        auto* pi = new QTreeWidgetItem(tree_, {p, QString()});
        for (const QString& s : slotNames(p)) {
            const Tensor t = tensorOf(shown_["parameters"][p.toStdString()][s.toStdString()]);
            auto* si = new QTreeWidgetItem(pi, {s, QString::fromStdString(t.shape().str())});
            if (static_cast<int>(t.size()) <= kMaxListedValues) {
                QStringList numbers;
                for (float v : t.values()) numbers << formatNumber(static_cast<double>(v));
                si->setText(1, numbers.join(QStringLiteral(", ")));
                si->setToolTip(1, si->text(1));
            } else {
                auto* hi = new QTreeWidgetItem(si, {QString(), QString()});
                auto* map = new MatrixHeatmap;
                map->setTitle(s);
                map->setTensor(t);
                map->setFixedHeight(150);
                tree_->setItemWidget(hi, 1, map);
            }
        }
        pi->setExpanded(true);
    }
    tree_->expandAll();
}

void OptimizerStateView::retranslateUi() { refresh(); }

void OptimizerStateView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
