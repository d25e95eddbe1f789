#pragma once
// OptimizerStateView: what the optimizer keeps between steps, from Optimizer::inspect():
// the step count, the learning rate and, per parameter, each state slot (momentum's
// velocity, Adam's m and v, AdaGrad's h ...), as numbers when they are few and as a
// heatmap when they are many.
//
// During the forward and backward pass of an iteration the engine has already stepped
// the optimizer; the view keeps showing the state before the step until the update is
// revealed (the record's state after it is then shown).

#include "model/step_session.hpp"

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace deepstep::studio {

class OptimizerStateView : public QWidget {
    Q_OBJECT

public:
    /// Slots with at most this many values are listed as numbers, larger ones drawn.
    static constexpr int kMaxListedValues = 12;

    /// requires: `session` outlives the view.
    explicit OptimizerStateView(StepSession& session, QWidget* parent = nullptr);

    /// The state shown (inspect() JSON), null when none is known for this stage.
    const Json& shownState() const { return shown_; }
    /// Read from the shown state; −1 / NaN / empty when it is not shown.
    long long stepCount() const;
    double learningRate() const;
    QStringList parameterNames() const;
    QStringList slotNames(const QString& parameter) const;
    QVector<double> slotValues(const QString& parameter, const QString& slot) const;
    /// The caption above the table (which step the state belongs to).
    QString caption() const;
    QTreeWidget* tree() const { return tree_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void retranslateUi();
    void fillTree();

    StepSession& session_;
    QLabel* caption_ = nullptr;
    QTreeWidget* tree_ = nullptr;
    Json shown_;
    Json cached_;  // the state after `cachedIteration_` completed steps
    long long cachedIteration_ = -1;
};

}  // namespace deepstep::studio
