#pragma once
// The CNN tab's pictures of numbers: every layer's feature maps for one image, the
// kernels of the convolutions, one max-pool window and its winner, and a strip of
// misclassified test images. Each view draws what it is given (feature_maps.hpp
// computes it) and knows nothing of training.

#include "feature_maps.hpp"

#include <QImage>
#include <QString>
#include <QWidget>

#include <vector>

namespace deepstep::studio::cnn {

/// Grey shades, dark for r.lo and light for r.hi, one pixel per value.
QImage mapImage(const FeatureMap& map, ValueRange r);
/// Blue for negative, white for 0, red for positive weights, full at ±absMax.
QImage kernelImage(const FeatureMap& map, float absMax);

/// A view whose height follows its width. A subclass lays out and paints in one
/// function, paintOrMeasure(painter, width), which with a null painter only measures,
/// and says what to write when it has nothing to draw.
class FlowingCanvas : public QWidget {
public:
    explicit FlowingCanvas(QWidget* parent);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return paintOrMeasure(nullptr, width); }
    QSize sizeHint() const override { return {640, 480}; }

protected:
    /// ensures: returns the height the content takes at `width`; draws it when painter
    /// is not null.
    virtual int paintOrMeasure(QPainter* painter, int width) const = 0;
    /// The placeholder when there is nothing to draw, else "".
    virtual QString emptyText() const = 0;
    /// After the content changed: the new height, then a repaint.
    void contentChanged();

    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
};

class FeatureMapsView : public FlowingCanvas {
    Q_OBJECT

public:
    explicit FeatureMapsView(QWidget* parent = nullptr) : FlowingCanvas(parent) {}

    /// requires: ranges[i].size() == layers[i].maps.size().
    void setLayers(std::vector<LayerMaps> layers, std::vector<std::vector<ValueRange>> ranges);
    void clear();
    const std::vector<LayerMaps>& layers() const { return layers_; }
    const std::vector<std::vector<ValueRange>>& ranges() const { return ranges_; }

protected:
    int paintOrMeasure(QPainter* painter, int width) const override;
    QString emptyText() const override;

private:
    std::vector<LayerMaps> layers_;
    std::vector<std::vector<ValueRange>> ranges_;
};

class FiltersView : public FlowingCanvas {
    Q_OBJECT

public:
    explicit FiltersView(QWidget* parent = nullptr) : FlowingCanvas(parent) {}

    void setFilters(std::vector<FilterBank> banks);
    const std::vector<FilterBank>& filters() const { return banks_; }

protected:
    int paintOrMeasure(QPainter* painter, int width) const override;
    QString emptyText() const override;

private:
    std::vector<FilterBank> banks_;
};

/// One channel of a max pool's input and output; a click on an output chooses it, and
/// its window and winner are drawn on the input.
class PoolRoutingView : public QWidget {
    Q_OBJECT

public:
    explicit PoolRoutingView(QWidget* parent = nullptr);

    void setMaps(FeatureMap input, FeatureMap output, PoolGeometry geometry);
    void clear();
    /// Clamped to the output's size.
    void chooseOutput(int row, int col);
    int chosenRow() const { return row_; }
    int chosenCol() const { return col_; }
    /// The route of the chosen output (row -1 when there is none).
    PoolRoute route() const;
    bool hasMaps() const { return output_.rows > 0 && input_.rows > 0; }

    QSize sizeHint() const override { return {640, 360}; }
    QSize minimumSizeHint() const override { return {320, 200}; }

signals:
    void outputChosen(int row, int col);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    struct Geometry {
        QRectF input, output;
        double inputCell = 0, outputCell = 0;
    };
    Geometry layout() const;

    FeatureMap input_, output_;
    PoolGeometry geometry_;
    int row_ = 0, col_ = 0;
};

/// Test images in a row, each with its true and predicted class; a click chooses one.
class ImageStrip : public QWidget {
    Q_OBJECT

public:
    struct Item {
        int index = 0;  ///< test image index
        QImage image;
        QString caption;  ///< up to two lines: the true class, then the prediction
    };
    explicit ImageStrip(QWidget* parent = nullptr);
    void setItems(std::vector<Item> items);
    const std::vector<Item>& items() const { return items_; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {120, 96}; }

signals:
    void imageChosen(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    std::vector<Item> items_;
};

}  // namespace deepstep::studio::cnn
