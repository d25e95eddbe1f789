#pragma once
// MatrixHeatmap: one matrix drawn as coloured cells on a diverging scale.
//
// Negative values are red, zero white, positive blue (the same colours as the
// network view's edges); the scale is symmetric, ±max|value|, and a legend under
// the cells says what the colours mean. Hovering a cell shows its row, column and
// value. Tensors of rank > 2 are read as (first extent) × (everything else).

#include "deepstep/tensor.hpp"

#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

namespace deepstep::studio {

class MatrixHeatmap : public QWidget {
    Q_OBJECT

public:
    explicit MatrixHeatmap(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const { return title_; }

    /// requires: values.size() == rows * cols (row-major); otherwise shows nothing.
    void setMatrix(int rows, int cols, QVector<double> values);
    /// The tensor as a matrix (1-D: one row).
    void setTensor(const Tensor& t);
    /// Nothing to show yet; `placeholder` says why (e.g. "after the backward pass").
    void clear(const QString& placeholder = {});

    int rows() const { return rows_; }
    int columns() const { return cols_; }
    bool hasData() const { return rows_ > 0 && cols_ > 0; }
    /// requires: 0 <= row < rows(), 0 <= col < columns().
    double value(int row, int col) const { return values_.at(row * cols_ + col); }
    /// Half-width of the colour scale: max |value| (1 when all are zero).
    double scaleMax() const { return scale_; }
    /// The colour of `v` on this heatmap's scale.
    QColor colorFor(double v) const;
    /// The cell under a point of this widget, or {−1, −1}.
    QPoint cellAt(const QPoint& pos) const;
    /// The tooltip text for a cell ("row 2, column 3: 0.125").
    QString cellText(int row, int col) const;

    QSize sizeHint() const override;

signals:
    /// A cell was clicked with the left button.
    void cellClicked(int row, int col);

public:
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRect cellArea() const;

    QString title_;
    QString placeholder_;
    int rows_ = 0;
    int cols_ = 0;
    QVector<double> values_;
    double scale_ = 1.0;
};

}  // namespace deepstep::studio
