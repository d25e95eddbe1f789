#pragma once
// StepLossChart: the loss of every iteration the step session computed, as a line.
//
// Each point is the batch loss the engine recorded for that iteration (the
// StepRecord's loss); nothing is recomputed here. Undo drops the points of the
// iterations it took back; loading or resetting the session starts a new line.
// "Run N iterations" reveals only its last record, so such a run adds one point.

#include <QPointF>
#include <QVector>
#include <QWidget>

namespace deepstep::studio {

class StepSession;

class StepLossChart : public QWidget {
    Q_OBJECT
public:
    explicit StepLossChart(StepSession& session, QWidget* parent = nullptr);
    /// (iteration, loss) in iteration order.
    const QVector<QPointF>& points() const { return points_; }
    QSize sizeHint() const override { return {640, 360}; }
    QSize minimumSizeHint() const override { return {320, 200}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onChanged();
    StepSession& session_;
    QVector<QPointF> points_;
};

}  // namespace deepstep::studio
