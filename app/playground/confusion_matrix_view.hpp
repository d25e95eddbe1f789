#pragma once
// ConfusionMatrixView: counts of true class (rows) against predicted class (columns),
// as computed by the engine (deepstep::ConfusionMatrix), with the accuracy under it.
// Correct predictions (the diagonal) are shaded green, mistakes red, darker for a
// larger share of the row.

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

    QSize sizeHint() const override { return {260, 190}; }
    QSize minimumSizeHint() const override { return {180, 130}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QString className(int cls) const;

    int classes_ = 0;
    std::vector<std::size_t> counts_;
    QStringList names_;
    QString caption_;
};

}  // namespace deepstep::studio
