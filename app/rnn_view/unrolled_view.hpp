#pragma once
// UnrolledView: a recurrent layer drawn unrolled over time for one sequence: the cell
// repeated once per step, x_t under it, h_t (and c_t) in it for a chosen unit, with a
// strip of all units' colours, the state passed to the right, and the loss E above the
// last step. It is stepped forward one step at a time, then backward one step at a
// time: on the way back each cell shows δ_t = ∂E/∂h_t of the chosen unit and a bar for
// ‖∂E/∂h_t‖, and a red arrow carries the gradient one step further into the past.
// Clicking a cell chooses that step (stepClicked) for the chain-rule panel.

#include "sequence_probe.hpp"

#include <QStringList>
#include <QWidget>

namespace deepstep::studio::rnn {

class UnrolledView : public QWidget {
    Q_OBJECT

public:
    explicit UnrolledView(QWidget* parent = nullptr);

    /// `probe` (nullptr: nothing to draw) must outlive its use here, until the next call.
    /// `inputLabels`: what x_t shows, one per step ("a", "0.42, 1").
    void setProbe(const SequenceProbe* probe, QStringList inputLabels);
    void setUnit(int unit);
    int unit() const { return unit_; }

    /// 0: nothing computed; 1 … T: forward through step k; T+1 … 2T: forward done and
    /// backward through k − T steps, from the last one.
    void setPhase(int phase);
    int phase() const { return phase_; }
    int maxPhase() const;
    /// Whether step t's forward values / its δ are shown in the current phase.
    bool forwardShown(int t) const;
    bool backwardShown(int t) const;

    void selectStep(int t);
    int selectedStep() const { return selected_; }
    /// The step whose cell covers `pos`, or −1.
    int stepAt(const QPoint& pos) const;
    /// The cell's rectangle of step t.
    QRect cellRect(int t) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {200, 200}; }

signals:
    void stepClicked(int t);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    const SequenceProbe* probe_ = nullptr;
    QStringList inputLabels_;
    int unit_ = 0;
    int phase_ = 0;
    int selected_ = -1;
};

}  // namespace deepstep::studio::rnn
