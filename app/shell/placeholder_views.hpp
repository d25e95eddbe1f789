#pragma once
// Stand-ins for the step view and the playground while their own folders are empty.
// They keep the shell usable (and its tests meaningful): the step stand-in drives the
// StepSession with the same actions and shortcuts the real view offers.

#include "deepstep/registry.hpp"

#include <QAction>
#include <QLabel>
#include <QList>
#include <QWidget>

namespace deepstep::studio {

class StepSession;

class PlaceholderStepView : public QWidget {
    Q_OBJECT
public:
    PlaceholderStepView(StepSession& session, QWidget* parent = nullptr);
    QList<QAction*> stepActions() const { return actions_; }
    void selectWeight(const QString& parameter, int row, int col);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void refresh();

    StepSession& session_;
    QLabel* text_;
    QString selected_;
    QAction* forward_;
    QAction* backward_;
    QAction* update_;
    QAction* full_;
    QAction* undo_;
    QAction* reset_;
    QList<QAction*> actions_;
};

class PlaceholderPlayground : public QWidget {
    Q_OBJECT
public:
    explicit PlaceholderPlayground(QWidget* parent = nullptr);
    void startTraining() { training_ = true; }
    void stopTraining() { training_ = false; }
    bool isTraining() const { return training_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    QLabel* text_;
    bool training_ = false;
};

}  // namespace deepstep::studio
