#pragma once
// HiddenLayerEditor: add and remove hidden layers and set the units of each, as on
// the 2-D playground (up to 6 layers of up to 8 units).

#include <QVector>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QSpinBox;
class QToolButton;

namespace deepstep::studio {

class HiddenLayerEditor : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMaxLayers = 6;
    static constexpr int kMaxUnits = 8;

    explicit HiddenLayerEditor(QWidget* parent = nullptr);

    /// Units per hidden layer, from the input side. Values are clamped to
    /// [1, kMaxUnits]; layers beyond kMaxLayers are dropped.
    void setLayers(const QVector<int>& units);
    QVector<int> layers() const { return units_; }

    void addLayer();
    void removeLayer();

signals:
    void layersChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void retranslateUi();

    QVector<int> units_;
    QToolButton* add_;
    QToolButton* remove_;
    QLabel* count_;
    QHBoxLayout* row_;
    QVector<QSpinBox*> boxes_;
};

}  // namespace deepstep::studio
