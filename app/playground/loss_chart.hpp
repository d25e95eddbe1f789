#pragma once
// LossChart: training and test loss over the epochs, and below it the accuracy,
// growing live while a run trains. Figures are the Trainer's per-epoch numbers
// (EpochInfo), plotted as they are. exportImage() writes the same drawing as PNG or
// SVG for lecture notes.

#include "deepstep/trainer.hpp"

#include <QWidget>

#include <vector>

class QPainter;

namespace deepstep::studio {

class LossChart : public QWidget {
    Q_OBJECT

public:
    explicit LossChart(QWidget* parent = nullptr);

    void clear();
    /// Appends epochs (in order; an epoch not after the last one is ignored).
    void addEpochs(const std::vector<EpochInfo>& epochs);
    int pointCount() const { return static_cast<int>(epochs_.size()); }
    const std::vector<EpochInfo>& epochs() const { return epochs_; }

    /// Writes the chart to `path`: SVG when it ends in .svg (QSvgGenerator), else a
    /// PNG/JPEG raster by extension, at the widget's size (640 × 400 when hidden or
    /// smaller). Failure is reported with qWarning and leaves no file.
    void exportImage(const QString& path);

    /// Draws the chart into `area` of any painter (widget, image, SVG).
    void paintChart(QPainter& painter, const QRectF& area) const;

    QSize sizeHint() const override { return {380, 240}; }
    QSize minimumSizeHint() const override { return {200, 140}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    std::vector<EpochInfo> epochs_;
};

}  // namespace deepstep::studio
