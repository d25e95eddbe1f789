#pragma once
// InternalsView: the named intermediate tensors of one network layer as the step
// recorded them (Layer::internals(): an LSTM's gates, attention weights, a composite's
// inner outputs), for any layer, whatever its type: each a labelled pair of heatmaps,
// its value (one row per example of the batch) and its gradient. The label is the
// internal's name and its help text in the UI's language.
//
// Like the network, it shows a value once the forward pass has reached the layer and
// a gradient once the backward pass has. The layer is chosen in the box on top or by
// clicking the layer in the network (StepView wires NetworkView::layerSelected here).

#include "model/step_session.hpp"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QVBoxLayout;

namespace deepstep::studio {

class MatrixHeatmap;

class InternalsView : public QWidget {
    Q_OBJECT

public:
    /// requires: `session` outlives the view.
    explicit InternalsView(StepSession& session, QWidget* parent = nullptr);
    ~InternalsView() override;

    /// The network layer shown (0-based), or −1 when none is loaded.
    int layer() const { return layer_; }
    void setLayer(int layer);

    // ---- what is shown, for tests ----
    /// The internals' names, in the layer's order ("inner.output").
    QStringList internalNames() const;
    /// The label of internal `name` ("gate: the input gate …"), or empty.
    QString labelText(const QString& name) const;
    /// Its value and gradient heatmaps, or nullptr.
    MatrixHeatmap* valueHeatmap(const QString& name) const;
    MatrixHeatmap* gradientHeatmap(const QString& name) const;
    /// The line shown when there is nothing to draw, or empty.
    QString message() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        QString name;
        QLabel* label = nullptr;
        MatrixHeatmap* value = nullptr;
        MatrixHeatmap* gradient = nullptr;
    };
    void fillLayers();
    void refresh();
    void clearRows();
    void retranslateUi();
    const Row* findRow(const QString& name) const;

    StepSession& session_;
    int layer_ = -1;
    QLabel* layerLabel_ = nullptr;
    QComboBox* layerBox_ = nullptr;
    QLabel* message_ = nullptr;
    QWidget* page_ = nullptr;
    QVBoxLayout* rowsLayout_ = nullptr;
    std::vector<Row> rows_;
};

}  // namespace deepstep::studio
