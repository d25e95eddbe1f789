#pragma once
// GridView: a matrix of numbers drawn as coloured cells (blue negative, orange
// positive, as in the playground), with the numbers written in when the cells are big
// enough, a title above, marked cells and an outlined block. A click on a cell reports
// its row and column.

#include <QPoint>
#include <QRect>
#include <QString>
#include <QWidget>

#include <vector>

namespace deepstep::studio::conv {

class GridView : public QWidget {
    Q_OBJECT
public:
    explicit GridView(QWidget* parent = nullptr);

    /// rows × cols values, row by row. `scale`: the value drawn at full colour; 0 takes
    /// the largest magnitude among them.
    void setMatrix(int rows, int cols, std::vector<float> values, double scale = 0.0);
    void setTitle(const QString& title);
    /// Cells drawn with a thick frame (the taps of the window).
    void setMarked(std::vector<QPoint> cells);
    /// A block outlined (x = column, y = row); an empty rect for none.
    void setOutline(const QRect& block);
    /// Cells outside `inner` are drawn hatched: the padding zeros.
    void setInner(const QRect& inner);
    /// Cells stretch to fill the widget instead of staying square (wide matrices).
    void setSquareCells(bool square);

    int rows() const { return rows_; }
    int cols() const { return cols_; }
    const std::vector<float>& values() const { return values_; }
    /// The rectangle of cell (row, col) in widget coordinates.
    QRectF cellRect(int row, int col) const;

    QSize sizeHint() const override { return {220, 200}; }
    QSize minimumSizeHint() const override { return {60, 60}; }

signals:
    void cellClicked(int row, int col);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QRectF gridArea() const;

    int rows_ = 0, cols_ = 0;
    std::vector<float> values_;
    double scale_ = 1.0;
    QString title_;
    std::vector<QPoint> marked_;
    QRect outline_;
    QRect inner_;
    bool square_ = true;
};

}  // namespace deepstep::studio::conv
