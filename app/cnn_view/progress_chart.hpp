#pragma once
// CnnProgressChart: the training loss (mean over the batches between two reports) and
// the accuracy on the test set, both over the batches trained so far, so that a long
// epoch of a CNN shows its curve while it trains rather than one point at its end.

#include <QWidget>

#include <vector>

namespace deepstep::studio::cnn {

class CnnProgressChart : public QWidget {
    Q_OBJECT

public:
    struct Point {
        double batch = 0;  ///< batches trained so far
        double value = 0;
    };

    explicit CnnProgressChart(QWidget* parent = nullptr);

    void clear();
    /// A non-finite loss is left out.
    void addLoss(double batch, double loss);
    /// requires: accuracy in [0, 1].
    void addAccuracy(double batch, double accuracy);
    const std::vector<Point>& losses() const { return losses_; }
    const std::vector<Point>& accuracies() const { return accuracies_; }

    QSize sizeHint() const override { return {420, 220}; }
    QSize minimumSizeHint() const override { return {220, 150}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<Point> losses_;
    std::vector<Point> accuracies_;
};

}  // namespace deepstep::studio::cnn
