#pragma once
// StepControls: the buttons that drive a StepSession one stage at a time.
//
//   F  forward one layer     B  backward one layer     U  apply the update
//   Space  one full iteration     R  run / pause (one iteration per timer tick)
//   Ctrl+R reset to the same initial weights     Ctrl+Z undo the last step
//
// A label says the phase, the iteration and the batch loss of the current step. A run
// stops by itself when the loss stops being a finite number.

#include "model/step_session.hpp"

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QSpinBox;
class QTimer;
class QToolBar;

namespace deepstep::studio {

class StepControls : public QWidget {
    Q_OBJECT

public:
    /// requires: `session` outlives the controls.
    explicit StepControls(StepSession& session, QWidget* parent = nullptr);

    QAction* forwardAction() const { return forward_; }
    QAction* backwardAction() const { return backward_; }
    QAction* updateAction() const { return update_; }
    QAction* iterationAction() const { return iteration_; }
    QAction* runAction() const { return run_; }
    QAction* resetAction() const { return reset_; }
    QAction* undoAction() const { return undo_; }
    /// All of the above, in toolbar order (for menus and the main window).
    QList<QAction*> stepActions() const;

    bool isRunning() const;
    /// Starts or stops the run; emits runningChanged().
    void setRunning(bool running);
    /// Milliseconds between iterations while running.
    int interval() const;
    void setInterval(int milliseconds);

    /// The status line: phase, iteration and loss.
    QString statusText() const;

signals:
    void runningChanged(bool running);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void retranslateUi();
    void tick();

    StepSession& session_;
    QToolBar* bar_ = nullptr;
    QAction* forward_ = nullptr;
    QAction* backward_ = nullptr;
    QAction* update_ = nullptr;
    QAction* iteration_ = nullptr;
    QAction* run_ = nullptr;
    QAction* reset_ = nullptr;
    QAction* undo_ = nullptr;
    QLabel* intervalLabel_ = nullptr;
    QSpinBox* intervalBox_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer* timer_ = nullptr;
    QString stopReason_;
};

}  // namespace deepstep::studio
