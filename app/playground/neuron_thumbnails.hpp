#pragma once
// NeuronThumbnails: what every unit computes over the input plane.
//
// Columns from left to right: the input features, then each hidden layer. Each unit
// is a small heat map of its output over the same grid as the decision boundary
// (orange negative, grey zero, blue positive), scaled per unit so that a feature such
// as x1² (0 to 36) shows its shape as clearly as a tanh unit (−1 to 1).

#include <QImage>
#include <QString>
#include <QWidget>

class QPainter;

#include <vector>

namespace deepstep::studio {

/// One column: a title and the values of its units on a size × size grid,
/// values[point * units + unit] (point = row * size + col, row 0 at the top).
struct NeuronColumn {
    QString title;
    int units = 0;
    std::vector<float> values;
};

class NeuronThumbnails : public QWidget {
    Q_OBJECT

public:
    explicit NeuronThumbnails(QWidget* parent = nullptr);

    /// requires: each column's values.size() == size² · units (others are skipped).
    void setColumns(int gridSize, const std::vector<NeuronColumn>& columns);
    void clear();
    int columnCount() const { return static_cast<int>(columns_.size()); }
    int unitCount(int column) const;
    /// The thumbnail of one unit, for tests; null when absent.
    QImage thumbnail(int column, int unit) const;
    /// Names shown under each unit of a column (the feature names), optional.
    void setUnitLabels(int column, const QStringList& labels);
    /// The weights on the edges from column `gap` to column gap + 1: values[from · outputs
    /// + to]. Edges are then coloured by sign (blue positive, orange negative) and drawn
    /// as wide as |weight| (relative to the largest), with a legend; edges whose columns
    /// do not have inputs and outputs units stay thin and grey.
    void setEdgeWeights(int gap, int inputs, int outputs, std::vector<float> values);
    void clearEdgeWeights();
    /// The weight drawn on the edge from unit `from` of column `gap` to unit `to` of the
    /// next column; NaN when that edge is drawn without one.
    float edgeWeight(int gap, int from, int to) const;

    QSize sizeHint() const override { return {420, 360}; }
    QSize minimumSizeHint() const override { return {160, 120}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Column {
        QString title;
        std::vector<QImage> images;
        QStringList labels;
    };
    struct Edges {
        int inputs = 0;
        int outputs = 0;
        std::vector<float> values;
    };
    bool hasWeights(std::size_t gap) const;
    void drawLegend(QPainter& p, const QRectF& box) const;

    std::vector<Column> columns_;
    std::vector<Edges> edges_;
};

}  // namespace deepstep::studio
