#pragma once
// NetworkView: the network of a StepSession drawn as it is being stepped through.
//
// Small networks (at most 10 units a layer, flat inputs) are drawn as nodes and
// edges, each layer as it describes itself (NetworkLayout): connection matrices as
// weighted edges, one-to-one layers as one-to-one links, any other layer as a box
// with its output shape; a composite's layers are grouped under its name and one that
// adds its input gets a skip connection (an arc with "+") to its sum column. each node shows its z and activation a once the forward pass has reached its
// layer and its δ once the backward pass has; each edge's colour is the sign of its
// weight (blue +, red −) and its thickness |w|, and it is labelled with w, ∂E/∂w or Δw
// according to the stage; the layer being computed is highlighted. Larger networks
// are shown as heatmaps of every parameter, its gradient and its update.
//
// Every number is read from the session's StepRecord for one example of the batch
// (the first by default; a selector picks another). Clicking an edge selects that
// weight, clicking a node its bias: weightSelected() says which.

#include "stepview/matrix_heatmap.hpp"
#include "stepview/step_values.hpp"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QPainter;
class QScrollArea;
class QStackedWidget;
class QGridLayout;

namespace deepstep::studio {

class NetworkView : public QWidget {
    Q_OBJECT

public:
    /// Layers wider than this (or non-flat inputs) switch the view to heatmaps.
    static constexpr int kMaxGraphUnits = 10;
    enum class HeatmapKind { Value, Gradient, Update };

    /// requires: `session` outlives the view.
    explicit NetworkView(StepSession& session, QWidget* parent = nullptr);
    ~NetworkView() override;

    /// True when drawn as nodes and edges, false when as heatmaps.
    bool isGraphMode() const { return graphMode_; }

    /// The example of the batch whose values are shown (0-based) and how many there are.
    int example() const { return example_; }
    int exampleCount() const;
    void setExample(int example);

    // ---- what is shown, for tests and for the info box ----
    /// The lines drawn beside a node, joined by '\n' ("z = 0.25\na = 0.5622\nδ = …").
    /// `layer` −1 is the input; empty for a node that does not exist.
    QString nodeText(int layer, int unit) const;
    /// The unit's name drawn inside the node ("x1", "h1", "o1").
    QString nodeName(int layer, int unit) const;
    /// Everything known about the weight W[row][col] of column `layer` (input row to unit col), one line
    /// each: "w7 = 0.7", then "∂E/∂w7 = …" and "Δw7 = …" once revealed.
    QString edgeText(int layer, int row, int col) const;
    /// The one-line label drawn on that edge (the latest stage's number), or empty.
    QString edgeLabel(int layer, int row, int col) const;
    /// Where that label was drawn last, in this widget's coordinates; empty when it was
    /// not drawn (too many edges, or no free spot: then it shows on hover only).
    QRect edgeLabelRect(int layer, int row, int col) const;
    /// The weight value the edge is drawn with (as shown now).
    double edgeWeight(int layer, int row, int col) const;
    /// The text of the info box (hovered or selected edge or node).
    QString infoText() const;
    /// The layout the graph is drawn from (nullptr before the first refresh).
    const NetworkLayout* layout() const { return layout_.get(); }
    /// Number of edges drawn with a weight, and of units drawn with a bias.
    int weightedEdgeCount() const;
    int biasCount() const;
    /// Skip connections drawn (one per composite that adds its input).
    int skipConnectionCount() const;
    /// The network layer highlighted as being computed, or −1.
    int highlightedLayer() const { return highlighted_; }

    /// Where a node and the middle of an edge are drawn, in this widget's coordinates
    /// (valid after the widget has been laid out; graph mode only).
    QPoint nodePosition(int layer, int unit) const;
    QPoint edgePosition(int layer, int row, int col) const;
    /// The drawing surface of the graph (mouse events go there).
    QWidget* canvas() const;

    /// Heatmap mode: the heatmap of one parameter, or nullptr.
    MatrixHeatmap* heatmap(const QString& parameter, HeatmapKind kind) const;
    QList<MatrixHeatmap*> heatmaps() const;

    /// Marks parameter[row][col] as selected (drawn highlighted) without emitting.
    void selectWeight(const QString& parameter, int row, int col);

signals:
    void weightSelected(const QString& parameter, int row, int col);
    /// A node or edge of the network's layer `layer` (its index in the network) was clicked.
    void layerSelected(int layer);
    void exampleChanged(int example);

protected:
    void changeEvent(QEvent* event) override;

private:
    friend class NetworkCanvas;
    struct Node;
    struct Edge;
    struct Item {
        int kind = 0;  // 0 none, 1 node, 2 edge
        int layer = 0;
        int a = 0;  // node: unit; edge: row
        int b = 0;  // edge: col
        bool operator==(const Item&) const = default;
    };

    void refresh();
    void rebuild();
    void retranslateUi();
    void fillExamples();
    void rebuildHeatmaps();
    void updateHeatmaps();
    void computeGeometry(const QSize& size);
    void paintGraph(QPainter& p, const QSize& size);
    void canvasMouseMove(const QPoint& pos);
    void canvasMousePress(const QPoint& pos);
    void canvasLeave();
    Item itemAt(const QPoint& pos) const;
    QString itemText(const Item& item) const;
    const Edge* findEdge(int layer, int row, int col) const;
    QString layerCaption(int layer) const;
    void addNodes(int layer);
    void addEdges(int layer);
    void paintStructure(QPainter& p, const QSize& size);

    StepSession& session_;
    std::unique_ptr<NetworkLayout> layout_;
    bool graphMode_ = true;
    int example_ = 0;
    int highlighted_ = -1;
    std::vector<std::vector<Node>> nodes_;  // [layer + 1][unit]
    std::vector<Edge> edges_;
    std::vector<std::vector<QPointF>> positions_;  // [layer + 1][unit]
    std::vector<QRectF> labelRects_;  // [edge]: where its label was drawn last (empty: not drawn)
    double radius_ = 20.0;
    int captionRows_ = 1;
    double groupTop_ = 40.0;  // where the composites' frames begin
    QSize geometrySize_;
    Item hovered_;
    Item selected_;

    QLabel* exampleLabel_ = nullptr;
    QComboBox* exampleBox_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QWidget* canvas_ = nullptr;
    QScrollArea* heatmapArea_ = nullptr;
    QWidget* heatmapPage_ = nullptr;
    QGridLayout* heatmapGrid_ = nullptr;
    struct HeatmapRow {
        std::string parameter;
        QLabel* label = nullptr;
        MatrixHeatmap* maps[3] = {nullptr, nullptr, nullptr};
    };
    std::vector<HeatmapRow> heatmapRows_;
};

}  // namespace deepstep::studio
