#pragma once
// ConfusionMatrixView: counts of true class (rows) against predicted class (columns),
// as computed by the engine (deepstep::ConfusionMatrix), with the accuracy under it.
// Correct predictions (the diagonal) are shaded green, mistakes red, darker for a
// larger share of the row. The columns are headed by the class names where every
// name fits its column; otherwise by the class numbers, and each row's name is then
// followed by its number ("Dress 3"), so that the rows are the legend of the columns.

#include <QFontMetrics>
#include <QRectF>
#include <QStringList>
#include <QWidget>

#include <cstddef>
#include <vector>

namespace deepstep::studio {

class ConfusionMatrixView : public QWidget {
    Q_OBJECT

public:
    explicit ConfusionMatrixView(QWidget* parent = nullptr);

    /// requires: counts.size() == classes²; row = true class. Other sizes clear the view.
    void setCounts(int classes, const std::vector<std::size_t>& counts);
    void clear();
    /// Names of the classes (shown on both axes); numbers when missing.
    void setClassNames(const QStringList& names);
    /// A caption such as "Test data".
    void setCaption(const QString& caption);

    int classes() const { return classes_; }
    std::size_t count(int truth, int predicted) const;
    std::size_t total() const;
    /// Share of the diagonal; NaN when empty.
    double accuracy() const;

    /// How the "predicted" header names the columns.
    enum class ColumnHeader {
        Names,    ///< each column under its class name
        Numbers,  ///< each column under its class number; the rows' labels carry the numbers
    };
    /// Names when every one of `names` fits a column `columnWidth` pixels wide in `fm`
    /// (with a little room either side), else Numbers.
    static ColumnHeader columnHeaderFor(const QStringList& names, const QFontMetrics& fm, double columnWidth);
    /// The header the view draws at its present size, font and classes.
    ColumnHeader columnHeader() const;
    /// The side of one cell, in pixels, at the present size.
    double cellSize() const;
    /// requires: 0 <= cls < classes(). The text above column `cls`: its name, or its number.
    QString columnLabel(int cls) const;
    /// requires: 0 <= cls < classes(). The text before row `cls`: its name, or with
    /// numbered columns its name and number ("Dress 3").
    QString rowLabel(int cls) const;

    QSize sizeHint() const override { return {260, 190}; }
    QSize minimumSizeHint() const override { return {180, 130}; }

protected:
    bool event(QEvent* event) override;  ///< a cell's tooltip: its true and predicted class
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QString className(int cls) const;

    /// Where the parts of the matrix go at the present size.
    struct Layout {
        ColumnHeader header = ColumnHeader::Names;
        double rowLabelWidth = 0;  ///< room for the rows' labels
        double cell = 0;           ///< side of one cell
        QRectF grid;               ///< the cells
    };
    Layout layout(ColumnHeader header) const;
    Layout layout() const;
    QString rowLabel(int cls, ColumnHeader header) const;

    int classes_ = 0;
    std::vector<std::size_t> counts_;
    QStringList names_;
    QString caption_;
};

}  // namespace deepstep::studio
