#pragma once
// DecisionBoundaryView: the network's output over the input square, as a heat map,
// with the data on top (training points filled, test points outlined).
//
// Orange is class 0 and blue class 1; the map fades from orange (output 0) through
// light grey (0.5, the decision boundary) to blue (1). The view only paints what it
// is given: the outputs come from the engine (TrainingProgress::probeOutput).

#include <QImage>
#include <QString>
#include <QWidget>

#include <vector>

namespace deepstep::studio {

/// A data point in input coordinates with its class.
struct PlotPoint {
    float x = 0.0F;
    float y = 0.0F;
    int cls = 0;
};

class DecisionBoundaryView : public QWidget {
    Q_OBJECT

public:
    explicit DecisionBoundaryView(QWidget* parent = nullptr);

    /// The input square [lo, hi]² shown. requires: lo < hi. Default [−6, 6].
    void setDomain(double lo, double hi);
    double domainLow() const { return lo_; }
    double domainHigh() const { return hi_; }

    void setPoints(std::vector<PlotPoint> train, std::vector<PlotPoint> test);
    void setShowTestPoints(bool show);
    bool showTestPoints() const { return showTest_; }

    /// Network outputs on a size × size grid of cell centres over the square, row by
    /// row from the top (y = hi) and, within a row, from the left (x = lo); values
    /// in [0, 1] (clamped). requires: outputs.size() == size².
    void setGrid(int size, const std::vector<float>& outputs);
    void clearGrid();
    bool hasGrid() const { return !heat_.isNull(); }
    /// The colour the map shows at grid cell (row, col), for tests.
    QRgb gridColor(int row, int col) const;

    QSize sizeHint() const override { return {320, 320}; }
    QSize minimumSizeHint() const override { return {160, 160}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int w) const override { return w; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QRectF plotRect() const;
    void renderLayers();
    void drawBoundaryLine(QImage& image) const;

    double lo_ = -6.0;
    double hi_ = 6.0;
    std::vector<PlotPoint> train_;
    std::vector<PlotPoint> test_;
    bool showTest_ = true;
    QImage heat_;
    /// The outputs behind heat_, for the boundary line (P(blue) = 0.5).
    std::vector<float> outputs_;
    // Painting hundreds of antialiased points on every report would take most of a
    // frame; the points (and the scaled map) are drawn into images once per change.
    QImage pointsLayer_;
    QImage scaledHeat_;
    QRectF layerRect_;
    bool pointsDirty_ = true;
    bool heatDirty_ = true;
};

}  // namespace deepstep::studio
