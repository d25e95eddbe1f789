#pragma once
// GateTimeline: every per-step internal of a recurrent layer (an LSTM's i, f, g, o, c_t
// and h_t; a GRU's r, z, n and h_t) as a heatmap over time for one sequence: a row per
// unit, a column per step, its values or dE/d(value). StepGradientChart: ‖∂E/∂h_t‖ per
// step on a log scale, one curve per network (e.g. a simple RNN and an LSTM on the same
// sequence), so the fading of the gradient on its way back in time can be compared.

#include "sequence_probe.hpp"

#include <QColor>
#include <QString>
#include <QWidget>

#include <vector>

class QGridLayout;
class QLabel;

namespace deepstep::studio {
class MatrixHeatmap;
}

namespace deepstep::studio::rnn {

class GateTimeline : public QWidget {
    Q_OBJECT

public:
    /// Most units drawn per heatmap; a wider layer shows its first ones and says so.
    static constexpr std::size_t kMostUnits = 32;

    explicit GateTimeline(QWidget* parent = nullptr);
    /// nullptr clears. `gradients`: dE/d(value) instead of the values (series without a
    /// gradient then show a placeholder). `language`: of the layer's help texts.
    void setProbe(const SequenceProbe* probe, bool gradients, const std::string& language);
    int heatmapCount() const { return static_cast<int>(maps_.size()); }
    MatrixHeatmap* heatmap(int i) const { return maps_.at(static_cast<std::size_t>(i)); }

private:
    QGridLayout* grid_;
    QLabel* note_;
    std::vector<MatrixHeatmap*> maps_;
    std::vector<QLabel*> helps_;
};

class StepGradientChart : public QWidget {
    Q_OBJECT

public:
    struct Curve {
        QString label;
        QColor colour;
        std::vector<double> norms;  ///< ‖∂E/∂h_t‖, t = 0 … T−1
        bool dashed = false;        ///< drawn dashed (a cell state's curve)
    };

    explicit StepGradientChart(QWidget* parent = nullptr);
    void setCurves(std::vector<Curve> curves);
    const std::vector<Curve>& curves() const { return curves_; }

    QSize sizeHint() const override { return {640, 360}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<Curve> curves_;
};

}  // namespace deepstep::studio::rnn
