#include "stepview/step_controls.hpp"

#include "stepview/step_values.hpp"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace deepstep::studio {

StepControls::StepControls(StepSession& session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* row = new QHBoxLayout;
    bar_ = new QToolBar(this);
    bar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const auto make = [this](QStyle::StandardPixmap icon, const QKeySequence& key) {
        auto* a = new QAction(style()->standardIcon(icon), QString(), this);
        a->setShortcut(key);
        // Active whenever the window holding the controls is: the keys work while the
        // student looks at the network, not only with the toolbar focused.
        a->setShortcutContext(Qt::WindowShortcut);
        bar_->addAction(a);
        return a;
    };
    forward_ = make(QStyle::SP_ArrowRight, QKeySequence(Qt::Key_F));
    backward_ = make(QStyle::SP_ArrowLeft, QKeySequence(Qt::Key_B));
    update_ = make(QStyle::SP_DialogApplyButton, QKeySequence(Qt::Key_U));
    iteration_ = make(QStyle::SP_MediaSkipForward, QKeySequence(Qt::Key_Space));
    bar_->addSeparator();
    run_ = make(QStyle::SP_MediaPlay, QKeySequence(Qt::Key_R));
    run_->setCheckable(true);
    bar_->addSeparator();
    undo_ = make(QStyle::SP_ArrowBack, QKeySequence::Undo);
    reset_ = make(QStyle::SP_BrowserReload, QKeySequence(Qt::CTRL | Qt::Key_R));
    row->addWidget(bar_);
    intervalLabel_ = new QLabel(this);
    intervalBox_ = new QSpinBox(this);
    intervalBox_->setRange(10, 5000);
    intervalBox_->setSingleStep(50);
    intervalBox_->setValue(300);
    intervalBox_->setSuffix(QStringLiteral(" ms"));
    intervalLabel_->setBuddy(intervalBox_);
    // Only by click: a spin box with keyboard focus would swallow the F, B, U, R keys.
    intervalBox_->setFocusPolicy(Qt::ClickFocus);
    row->addWidget(intervalLabel_);
    row->addWidget(intervalBox_);
    row->addStretch(1);
    layout->addLayout(row);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("stepStatus"));
    status_->setContentsMargins(6, 0, 6, 2);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    timer_ = new QTimer(this);
    timer_->setInterval(intervalBox_->value());
    connect(timer_, &QTimer::timeout, this, &StepControls::tick);
    connect(intervalBox_, &QSpinBox::valueChanged, timer_, qOverload<int>(&QTimer::setInterval));

    connect(forward_, &QAction::triggered, &session_, &StepSession::forwardLayer);
    connect(backward_, &QAction::triggered, &session_, &StepSession::backwardLayer);
    connect(update_, &QAction::triggered, &session_, &StepSession::applyUpdate);
    connect(iteration_, &QAction::triggered, &session_, &StepSession::fullIteration);
    connect(run_, &QAction::toggled, this, &StepControls::setRunning);
    connect(undo_, &QAction::triggered, this, [this] {
        setRunning(false);
        session_.undo();
    });
    connect(reset_, &QAction::triggered, this, [this] {
        setRunning(false);
        session_.reset();
    });
    connect(&session_, &StepSession::changed, this, &StepControls::refresh);
    retranslateUi();
}

QList<QAction*> StepControls::stepActions() const {
    return {forward_, backward_, update_, iteration_, run_, undo_, reset_};
}

bool StepControls::isRunning() const { return timer_->isActive(); }

void StepControls::setRunning(bool running) {
    if (running && !session_.isLoaded()) running = false;
    if (running == isRunning()) {
        run_->setChecked(running);
        return;
    }
    if (running) {
        stopReason_.clear();
        timer_->start();
    } else {
        timer_->stop();
    }
    {
        const QSignalBlocker block(run_);
        run_->setChecked(running);
    }
    retranslateUi();
    emit runningChanged(running);
}

int StepControls::interval() const { return intervalBox_->value(); }
void StepControls::setInterval(int milliseconds) { intervalBox_->setValue(milliseconds); }

void StepControls::tick() {
    session_.fullIteration();
    // The engine's own record: a loss hidden until a checkpoint is answered is not a divergence.
    const StepRecord* r = session_.stepper().record();
    if (r && !std::isfinite(r->loss + r->penalty)) {
        stopReason_ = tr("The loss is no longer a finite number: training diverged. Lower the learning rate and "
                         "reset.");
        setRunning(false);
    }
}

QString StepControls::statusText() const { return status_->text(); }

void StepControls::refresh() {
    const bool loaded = session_.isLoaded();
    const StepSession::Phase phase = session_.phase();
    const int layers = session_.layerCount();
    const int revealed = session_.revealed();
    const bool running = isRunning();
    forward_->setEnabled(loaded && !running &&
                         (phase == StepSession::Phase::Ready || phase == StepSession::Phase::Updated ||
                          (phase == StepSession::Phase::Forward && revealed < layers)));
    backward_->setEnabled(loaded && !running &&
                          ((phase == StepSession::Phase::Forward && revealed == layers) ||
                           (phase == StepSession::Phase::Backward && revealed < layers)));
    update_->setEnabled(loaded && !running && phase == StepSession::Phase::Backward && revealed == layers);
    iteration_->setEnabled(loaded && !running);
    run_->setEnabled(loaded);
    undo_->setEnabled(loaded && session_.canUndo());
    reset_->setEnabled(loaded);

    if (!loaded) {
        status_->setText(tr("No experiment loaded."));
        return;
    }
    const int active = session_.activeLayer();
    const QString layerName =
        active >= 0 ? QString::fromStdString(session_.network().layerName(static_cast<std::size_t>(active))) : QString();
    QString stage;
    switch (phase) {
    case StepSession::Phase::Ready:
        stage = tr("Ready: step forward to compute the first layer");
        break;
    case StepSession::Phase::Forward:
        stage = tr("Forward pass: layer %1 of %2 (%3)").arg(revealed).arg(layers).arg(layerName);
        break;
    case StepSession::Phase::Backward:
        stage = tr("Backward pass: layer %1 of %2 from the output (%3)").arg(revealed).arg(layers).arg(layerName);
        break;
    case StepSession::Phase::Updated:
        stage = tr("Update applied");
        break;
    }
    QStringList parts{stage, tr("iteration %1").arg(session_.iterationHidden() ? QStringLiteral("?")
                                                                                : QString::number(session_.iteration()))};
    // The loss exists once the forward pass has reached the output.
    const bool lossReached = phase != StepSession::Phase::Forward || revealed == layers;
    if (const StepRecord* r = session_.record(); r && lossReached) {
        parts << tr("batch loss %1").arg(formatNumber(static_cast<double>(r->loss)));
        if (r->penalty != 0.0F) parts << tr("penalty %1").arg(formatNumber(static_cast<double>(r->penalty)));
    }
    QString text = parts.join(QStringLiteral("  ·  "));
    if (!stopReason_.isEmpty()) text += QStringLiteral("\n") + stopReason_;
    status_->setText(text);
}

void StepControls::retranslateUi() {
    forward_->setText(tr("Forward layer"));
    forward_->setToolTip(tr("Compute the next layer's forward values (F)"));
    backward_->setText(tr("Backward layer"));
    backward_->setToolTip(tr("Compute the next layer's gradients, from the output back (B)"));
    update_->setText(tr("Apply update"));
    update_->setToolTip(tr("Let the optimizer change the weights (U)"));
    iteration_->setText(tr("Full iteration"));
    iteration_->setToolTip(tr("Finish this iteration, or do a whole new one (Space)"));
    run_->setText(isRunning() ? tr("Pause") : tr("Run"));
    run_->setIcon(style()->standardIcon(isRunning() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    run_->setToolTip(tr("Run one iteration per tick until paused (R)"));
    undo_->setText(tr("Undo"));
    undo_->setToolTip(tr("Go back to before the last step (Ctrl+Z)"));
    reset_->setText(tr("Reset"));
    reset_->setToolTip(tr("Start again from the same initial weights (Ctrl+R)"));
    intervalLabel_->setText(tr("Interval:"));
    intervalBox_->setToolTip(tr("Time between iterations while running"));
    refresh();
}

void StepControls::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
