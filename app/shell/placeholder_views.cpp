#include "placeholder_views.hpp"

#include "model/step_session.hpp"

#include <QEvent>
#include <QVBoxLayout>

namespace deepstep::studio {

PlaceholderStepView::PlaceholderStepView(StepSession& session, QWidget* parent)
    : QWidget(parent), session_(session), text_(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    text_->setAlignment(Qt::AlignCenter);
    text_->setWordWrap(true);
    layout->addWidget(text_);

    auto make = [this](const QKeySequence& key, auto slot) {
        auto* a = new QAction(this);
        a->setShortcut(key);
        connect(a, &QAction::triggered, &session_, slot);
        actions_.append(a);
        return a;
    };
    forward_ = make(QKeySequence(Qt::Key_F), &StepSession::forwardLayer);
    backward_ = make(QKeySequence(Qt::Key_B), &StepSession::backwardLayer);
    update_ = make(QKeySequence(Qt::Key_U), &StepSession::applyUpdate);
    full_ = make(QKeySequence(Qt::Key_Space), &StepSession::fullIteration);
    undo_ = new QAction(this);
    undo_->setShortcut(QKeySequence::Undo);
    connect(undo_, &QAction::triggered, this, [this] { session_.undo(); });
    actions_.append(undo_);
    reset_ = make(QKeySequence(Qt::CTRL | Qt::Key_R), &StepSession::reset);
    connect(&session_, &StepSession::changed, this, &PlaceholderStepView::refresh);
    retranslateUi();
}

void PlaceholderStepView::selectWeight(const QString& parameter, int row, int col) {
    selected_ = QStringLiteral("%1[%2, %3]").arg(parameter).arg(row).arg(col);
    refresh();
}

void PlaceholderStepView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void PlaceholderStepView::retranslateUi() {
    forward_->setText(tr("&Forward one layer"));
    backward_->setText(tr("&Backward one layer"));
    update_->setText(tr("Apply &update"));
    full_->setText(tr("&Whole iteration"));
    undo_->setText(tr("U&ndo step"));
    reset_->setText(tr("&Reset"));
    refresh();
}

void PlaceholderStepView::refresh() {
    QString text = tr("The step-by-step view is not built into this version.");
    if (session_.isLoaded()) {
        text += QLatin1Char('\n') + tr("Iteration %1, layers revealed: %2").arg(session_.iteration()).arg(session_.revealed());
        if (const StepRecord* r = session_.record()) text += QLatin1Char('\n') + tr("Batch loss: %1").arg(r->loss, 0, 'g', 6);
    }
    if (!selected_.isEmpty()) text += QLatin1Char('\n') + tr("Selected weight: %1").arg(selected_);
    text_->setText(text);
}

PlaceholderPlayground::PlaceholderPlayground(QWidget* parent) : QWidget(parent), text_(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    text_->setAlignment(Qt::AlignCenter);
    layout->addWidget(text_);
    retranslateUi();
}

void PlaceholderPlayground::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void PlaceholderPlayground::retranslateUi() { text_->setText(tr("The playground is not built into this version.")); }

}  // namespace deepstep::studio
