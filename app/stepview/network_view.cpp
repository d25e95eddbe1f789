#include "stepview/network_view.hpp"

#include "stepview/edge_labels.hpp"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

namespace {
const QColor kPositive(33, 102, 172);
const QColor kNegative(178, 24, 43);
const QColor kHighlight(255, 236, 150);
const QColor kSelection(255, 160, 0);
constexpr int kMaxLabelledEdges = 12;  // per layer; more would cover each other
constexpr double kMinLabelledSpacing = 160;  // px between columns; closer, labels cover the values

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b) {
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    const QPointF d = p - (a + t * ab);
    return std::hypot(d.x(), d.y());
}
}  // namespace

struct NetworkView::Node {
    QString name;
    QStringList lines;  // drawn beside the node
    QStringList extra;  // shown in the info box only (bias gradient and update)
    bool bias = false;
};

struct NetworkView::Edge {
    int layer = 0;
    int row = 0;
    int col = 0;
    std::string parameter;
    double weight = 0.0;
    QStringList lines;
    QString label;
};

/// The graph's drawing surface: paints and forwards the mouse to its NetworkView.
class NetworkCanvas : public QWidget {
public:
    explicit NetworkCanvas(NetworkView* view) : QWidget(view), view_(view) {
        setMouseTracking(true);
        setMinimumSize(320, 240);
        setAutoFillBackground(true);
        QPalette pal = palette();
        pal.setColor(QPalette::Window, Qt::white);
        setPalette(pal);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        view_->paintGraph(p, size());
    }
    void mouseMoveEvent(QMouseEvent* e) override { view_->canvasMouseMove(e->position().toPoint()); }
    void mousePressEvent(QMouseEvent* e) override {
        if (e->button() == Qt::LeftButton) view_->canvasMousePress(e->position().toPoint());
    }
    void leaveEvent(QEvent*) override { view_->canvasLeave(); }
    void resizeEvent(QResizeEvent*) override { view_->computeGeometry(size()); }

private:
    NetworkView* view_;
};

NetworkView::NetworkView(StepSession& session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 0);
    exampleLabel_ = new QLabel(this);
    exampleBox_ = new QComboBox(this);
    exampleBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    exampleLabel_->setBuddy(exampleBox_);
    top->addWidget(exampleLabel_);
    top->addWidget(exampleBox_);
    top->addStretch(1);
    layout->addLayout(top);
    stack_ = new QStackedWidget(this);
    canvas_ = new NetworkCanvas(this);
    heatmapArea_ = new QScrollArea(this);
    heatmapArea_->setWidgetResizable(true);
    heatmapPage_ = new QWidget;
    heatmapGrid_ = new QGridLayout(heatmapPage_);
    heatmapArea_->setWidget(heatmapPage_);
    stack_->addWidget(canvas_);
    stack_->addWidget(heatmapArea_);
    layout->addWidget(stack_, 1);

    connect(exampleBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i != example_) setExample(i);
    });
    connect(&session_, &StepSession::changed, this, &NetworkView::refresh);
    connect(&session_, &StepSession::reloaded, this, [this] {
        selected_ = {};
        hovered_ = {};
        example_ = 0;
        rebuildHeatmaps();
    });
    retranslateUi();
    rebuildHeatmaps();
}

NetworkView::~NetworkView() = default;

QWidget* NetworkView::canvas() const { return canvas_; }

int NetworkView::exampleCount() const {
    const StepRecord* r = session_.record();
    return r ? static_cast<int>(r->target.batch()) : 0;
}

void NetworkView::setExample(int example) {
    const int count = exampleCount();
    example = count > 0 ? std::clamp(example, 0, count - 1) : 0;
    if (example == example_) return;
    example_ = example;
    refresh();
    emit exampleChanged(example_);
}

void NetworkView::fillExamples() {
    const QSignalBlocker block(exampleBox_);
    exampleBox_->clear();
    const StepRecord* r = session_.record();
    if (!r || r->target.batch() == 0) {
        exampleBox_->addItem(tr("(no step yet)"));
        exampleBox_->setEnabled(false);
        return;
    }
    const int count = static_cast<int>(r->target.batch());
    for (int i = 0; i < count; ++i) {
        const QString sample = i < static_cast<int>(r->sampleIndices.size())
                                   ? QString::number(r->sampleIndices[static_cast<std::size_t>(i)])
                                   : QStringLiteral("?");
        exampleBox_->addItem(tr("%1 of %2 (data set index %3)").arg(i + 1).arg(count).arg(sample));
    }
    exampleBox_->setEnabled(count > 1);
    exampleBox_->setCurrentIndex(std::min(example_, count - 1));
}

void NetworkView::refresh() {
    const int count = exampleCount();
    if (count > 0 && example_ >= count) {
        example_ = count - 1;
        emit exampleChanged(example_);
    }
    rebuild();
    if (graphMode_) {
        computeGeometry(canvas_->size());
        canvas_->update();
    } else {
        updateHeatmaps();
    }
}

QString NetworkView::layerCaption(int layer) const {
    if (layer < 0) return tr("input");
    const QString name = QString::fromStdString(layout_->layerName(layer));
    if (layout_->isSum(layer)) return tr("%1: x + f(x)").arg(name);
    const QString type = QString::fromStdString(layout_->layerType(layer));
    const QString act = QString::fromStdString(layout_->activation(layer));
    return act.isEmpty() || act == QStringLiteral("identity") ? QStringLiteral("%1 (%2)").arg(name, type)
                                                              : QStringLiteral("%1 (%2, %3)").arg(name, type, act);
}

void NetworkView::rebuild() {
    fillExamples();
    nodes_.clear();
    edges_.clear();
    layout_ = std::make_unique<NetworkLayout>(session_);
    graphMode_ = !session_.isLoaded() || layout_->drawable();
    stack_->setCurrentIndex(graphMode_ ? 0 : 1);
    highlighted_ = session_.activeLayer();
    if (!session_.isLoaded() || !graphMode_) return;

    const StepRecord* rec = session_.record();
    const int n = example_;
    const int layers = layout_->layerCount();
    nodes_.resize(static_cast<std::size_t>(layers + 1));
    const Tensor* input = rec ? NetworkLayout::networkInput(*rec) : nullptr;
    for (int i = 0; i < layout_->width(-1); ++i) {
        Node node;
        node.name = layout_->unitName(-1, i);
        if (input && session_.forwardShown(0)) {
            if (auto x = sampleValue(*input, n, i)) node.lines << QStringLiteral("x = ") + formatNumber(*x);
        }
        nodes_[0].push_back(node);
    }
    for (int l = 0; l < layers; ++l) {
        addNodes(l);
        addEdges(l);
    }
}

void NetworkView::addNodes(int l) {
    const StepRecord* rec = session_.record();
    const int n = example_;
    const int top = layout_->networkLayer(l);
    const LayerValues v = rec ? layout_->values(*rec, l) : LayerValues{};
    const Tensor* bias = layout_->biasParameter(l).empty() ? nullptr : session_.shownValue(layout_->biasParameter(l));
    const ParameterRecord* biasRec = rec && bias ? findParameter(*rec, layout_->biasParameter(l)) : nullptr;
    const auto value = [n](const Tensor* t, int u) { return t ? sampleValue(*t, n, u) : std::nullopt; };
    for (int u = 0; u < layout_->width(l); ++u) {
        Node node;
        node.name = layout_->unitName(l, u);
        if (session_.forwardShown(top)) {
            if (auto z = value(v.preActivation, u)) node.lines << QStringLiteral("z = ") + formatNumber(*z);
            if (auto a = value(v.output, u)) node.lines << QStringLiteral("a = ") + formatNumber(*a);
        }
        if (session_.backwardShown(top)) {
            if (auto d = value(v.gradPreActivation, u)) {
                node.lines << QStringLiteral("δ = ") + formatNumber(*d);
            } else if (auto g = value(v.gradOutput, u)) {
                node.lines << QStringLiteral("∂E/∂a = ") + formatNumber(*g);
            }
        }
        if (bias) {
            const QString b = layout_->biasName(l, u);
            node.bias = true;
            if (auto x = matrixValue(*bias, 0, u)) node.lines << QStringLiteral("b = ") + formatNumber(*x);
            if (biasRec && session_.backwardShown(top)) {
                if (auto g = matrixValue(biasRec->grad, 0, u))
                    node.extra << QStringLiteral("∂E/∂%1 = %2").arg(b, formatNumber(*g));
            }
            if (biasRec && session_.updateShown()) {
                if (auto d = matrixValue(biasRec->update, 0, u))
                    node.extra << QStringLiteral("Δ%1 = %2").arg(b, formatNumber(*d));
            }
        }
        nodes_[static_cast<std::size_t>(l + 1)].push_back(node);
    }
}

void NetworkView::addEdges(int l) {
    const std::string& wname = layout_->weightParameter(l);
    const Tensor* w = wname.empty() ? nullptr : session_.shownValue(wname);
    if (!w) return;
    const StepRecord* rec = session_.record();
    const ParameterRecord* wrec = rec ? findParameter(*rec, wname) : nullptr;
    const int top = layout_->networkLayer(l);
    for (int i = 0; i < layout_->width(l - 1); ++i) {
        for (int j = 0; j < layout_->width(l); ++j) {
            Edge e;
            e.layer = l;
            e.row = i;
            e.col = j;
            e.parameter = wname;
            e.weight = layout_->connection(*w, l, i, j).value_or(0.0);
            const QString name = layout_->weightName(wname, i, j);
            e.lines << QStringLiteral("%1 = %2").arg(name, formatNumber(e.weight));
            e.label = e.lines.back();
            if (wrec && session_.backwardShown(top)) {
                if (auto g = layout_->connection(wrec->grad, l, i, j)) {
                    e.lines << QStringLiteral("∂E/∂%1 = %2").arg(name, formatNumber(*g));
                    e.label = e.lines.back();
                }
            }
            if (wrec && session_.updateShown()) {
                if (auto d = layout_->connection(wrec->update, l, i, j)) {
                    e.lines << QStringLiteral("Δ%1 = %2").arg(name, formatNumber(*d));
                    e.label = e.lines.back();
                }
            }
            edges_.push_back(std::move(e));
        }
    }
}

const NetworkView::Edge* NetworkView::findEdge(int layer, int row, int col) const {
    for (const Edge& e : edges_) {
        if (e.layer == layer && e.row == row && e.col == col) return &e;
    }
    return nullptr;
}

QString NetworkView::nodeText(int layer, int unit) const {
    const auto c = static_cast<std::size_t>(layer + 1);
    if (layer < -1 || c >= nodes_.size() || unit < 0 || static_cast<std::size_t>(unit) >= nodes_[c].size()) return {};
    return nodes_[c][static_cast<std::size_t>(unit)].lines.join(QLatin1Char('\n'));
}

QString NetworkView::nodeName(int layer, int unit) const {
    const auto c = static_cast<std::size_t>(layer + 1);
    if (layer < -1 || c >= nodes_.size() || unit < 0 || static_cast<std::size_t>(unit) >= nodes_[c].size()) return {};
    return nodes_[c][static_cast<std::size_t>(unit)].name;
}

QString NetworkView::edgeText(int layer, int row, int col) const {
    const Edge* e = findEdge(layer, row, col);
    return e ? e->lines.join(QLatin1Char('\n')) : QString();
}

QRect NetworkView::edgeLabelRect(int layer, int row, int col) const {
    for (std::size_t i = 0; i < edges_.size() && i < labelRects_.size(); ++i) {
        const Edge& e = edges_[i];
        if (e.layer != layer || e.row != row || e.col != col || labelRects_[i].isEmpty()) continue;
        return QRect(canvas_->mapTo(this, labelRects_[i].topLeft().toPoint()), labelRects_[i].size().toSize());
    }
    return {};
}

QString NetworkView::edgeLabel(int layer, int row, int col) const {
    const Edge* e = findEdge(layer, row, col);
    return e ? e->label : QString();
}

double NetworkView::edgeWeight(int layer, int row, int col) const {
    const Edge* e = findEdge(layer, row, col);
    return e ? e->weight : 0.0;
}

QString NetworkView::itemText(const Item& item) const {
    if (item.kind == 2) {
        const Edge* e = findEdge(item.layer, item.a, item.b);
        if (!e) return {};
        return QStringLiteral("%1 → %2\n").arg(nodeName(item.layer - 1, item.a), nodeName(item.layer, item.b)) +
               e->lines.join(QLatin1Char('\n'));
    }
    if (item.kind == 1) {
        const auto c = static_cast<std::size_t>(item.layer + 1);
        if (c >= nodes_.size() || static_cast<std::size_t>(item.a) >= nodes_[c].size()) return {};
        const Node& node = nodes_[c][static_cast<std::size_t>(item.a)];
        QStringList lines{node.name + QStringLiteral("  ·  ") + layerCaption(item.layer)};
        lines << node.lines << node.extra;
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

QString NetworkView::infoText() const { return itemText(hovered_.kind != 0 ? hovered_ : selected_); }

void NetworkView::selectWeight(const QString& parameter, int row, int col) {
    selected_ = {};
    if (layout_) {
        const std::string p = parameter.toStdString();
        const int l = layout_->layerOfParameter(p);
        if (l >= 0 && layout_->weightParameter(l) == p) selected_ = Item{2, l, row, col};
        if (l >= 0 && layout_->biasParameter(l) == p) selected_ = Item{1, l, col, 0};
    }
    canvas_->update();
}

// ---- geometry and painting ----

void NetworkView::computeGeometry(const QSize& size) {
    geometrySize_ = size;
    positions_.assign(nodes_.size(), {});
    if (nodes_.empty()) return;
    const int columns = static_cast<int>(nodes_.size());
    const double left = 60;
    const double right = size.width() - 140;
    // Captions take two rows when columns stand closer than a caption is wide; a
    // composite's name and its skip connection's arc need rows of their own.
    const double spacing = columns > 1 ? (right - left) / (columns - 1) : right - left;
    QFont bold = font();
    bold.setBold(true);
    double widestCaption = 0;
    for (int c = 0; c < columns; ++c) {
        widestCaption = std::max(widestCaption, QFontMetricsF(bold).horizontalAdvance(layerCaption(c - 1)));
    }
    captionRows_ = spacing < std::max(190.0, widestCaption + 14) ? 2 : 1;
    bool grouped = false;
    bool skips = false;
    for (int l = 0; l < layout_->layerCount(); ++l) {
        grouped = grouped || !layout_->groups(l).empty();
        skips = skips || layout_->isSum(l);
    }
    groupTop_ = 12 + 18.0 * captionRows_;
    const double top = groupTop_ + (grouped ? 24 : 8) + (skips ? 34 : 0);
    const double bottom = size.height() - 70;
    std::size_t widest = 1;
    for (const auto& c : nodes_) widest = std::max(widest, c.size());
    const double slot = (bottom - top) / static_cast<double>(widest);
    radius_ = std::clamp(slot * 0.22, 9.0, 22.0);
    for (int c = 0; c < columns; ++c) {
        const double x = columns == 1 ? (left + right) / 2 : left + (right - left) * c / (columns - 1);
        const auto count = static_cast<double>(nodes_[static_cast<std::size_t>(c)].size());
        const double colSlot = (bottom - top) / std::max(1.0, count);
        for (std::size_t u = 0; u < nodes_[static_cast<std::size_t>(c)].size(); ++u) {
            positions_[static_cast<std::size_t>(c)].push_back(QPointF(x, top + colSlot * (static_cast<double>(u) + 0.5)));
        }
    }
}

QPoint NetworkView::nodePosition(int layer, int unit) const {
    const auto c = static_cast<std::size_t>(layer + 1);
    if (layer < -1 || c >= positions_.size() || unit < 0 || static_cast<std::size_t>(unit) >= positions_[c].size())
        return {-1, -1};
    return canvas_->mapTo(this, positions_[c][static_cast<std::size_t>(unit)].toPoint());
}

QPoint NetworkView::edgePosition(int layer, int row, int col) const {
    const QPoint a = nodePosition(layer - 1, row);
    const QPoint b = nodePosition(layer, col);
    if (a.x() < 0 || b.x() < 0) return {-1, -1};
    // A third of the way from the source: crossing edges meet in the middle.
    return a + (b - a) / 3;
}

NetworkView::Item NetworkView::itemAt(const QPoint& pos) const {
    const QPointF p(pos);
    for (std::size_t c = 0; c < positions_.size(); ++c) {
        for (std::size_t u = 0; u < positions_[c].size(); ++u) {
            const QPointF d = p - positions_[c][u];
            if (std::hypot(d.x(), d.y()) <= radius_ + 2) return Item{1, static_cast<int>(c) - 1, static_cast<int>(u), 0};
        }
    }
    double best = 6.0;
    Item found;
    for (const Edge& e : edges_) {
        const auto src = static_cast<std::size_t>(e.layer);
        const auto dst = static_cast<std::size_t>(e.layer + 1);
        if (dst >= positions_.size()) continue;
        const double d = distanceToSegment(p, positions_[src][static_cast<std::size_t>(e.row)],
                                           positions_[dst][static_cast<std::size_t>(e.col)]);
        if (d < best) {
            best = d;
            found = Item{2, e.layer, e.row, e.col};
        }
    }
    return found;
}

void NetworkView::canvasMouseMove(const QPoint& pos) {
    const Item item = itemAt(pos);
    if (!(item == hovered_)) {
        hovered_ = item;
        canvas_->update();
    }
}

void NetworkView::canvasLeave() {
    hovered_ = {};
    canvas_->update();
}

void NetworkView::canvasMousePress(const QPoint& pos) {
    const Item item = itemAt(pos);
    if (item.kind == 0 || item.layer < 0) return;
    emit layerSelected(layout_->networkLayer(item.layer));
    if (item.kind == 2) {
        selected_ = item;
        canvas_->update();
        emit weightSelected(QString::fromStdString(layout_->weightParameter(item.layer)), item.a, item.b);
    } else if (!layout_->biasParameter(item.layer).empty()) {
        selected_ = item;
        canvas_->update();
        emit weightSelected(QString::fromStdString(layout_->biasParameter(item.layer)), 0, item.a);
    }
}

int NetworkView::weightedEdgeCount() const { return static_cast<int>(edges_.size()); }

int NetworkView::biasCount() const {
    int count = 0;
    for (const auto& column : nodes_) {
        for (const Node& node : column) count += node.bias ? 1 : 0;
    }
    return count;
}

int NetworkView::skipConnectionCount() const {
    if (!layout_ || !graphMode_) return 0;
    int count = 0;
    for (int l = 0; l < layout_->layerCount(); ++l) count += layout_->isSum(l) ? 1 : 0;
    return count;
}

// Behind the units: a frame with its name around each composite's columns, a box
// around each layer that describes no connections, and the skip connections.
void NetworkView::paintStructure(QPainter& p, const QSize& size) {
    const QColor frame(120, 120, 120);
    QFont small = font();
    small.setPointSizeF(std::max(7.5, font().pointSizeF() - 1.0));
    p.setFont(small);
    const auto columnX = [this](int l) { return positions_[static_cast<std::size_t>(l + 1)].front().x(); };
    // Composites, outermost first, each over the columns that lie in it.
    std::vector<std::string> drawn;
    for (int l = 0; l < layout_->layerCount(); ++l) {
        const std::vector<std::string>& groups = layout_->groups(l);
        for (std::size_t depth = 0; depth < groups.size(); ++depth) {
            const std::string& g = groups[depth];
            if (std::find(drawn.begin(), drawn.end(), g) != drawn.end()) continue;
            drawn.push_back(g);
            int last = l;
            for (int k = l; k < layout_->layerCount(); ++k) {
                const auto& gk = layout_->groups(k);
                if (std::find(gk.begin(), gk.end(), g) != gk.end()) last = k;
            }
            const double inset = 8.0 * static_cast<double>(depth);
            const QRectF r(columnX(l) - radius_ - 18 + inset, groupTop_ + inset,
                           columnX(last) - columnX(l) + 2 * radius_ + 36 - 2 * inset,
                           size.height() - 52 - groupTop_ - 2 * inset);
            p.setPen(QPen(frame, 1.2, Qt::DashLine));
            p.setBrush(QColor(245, 245, 250, 140));
            p.drawRoundedRect(r, 8, 8);
            const Layer* layer = session_.network().findLayer(g);
            const QString caption = layer ? QStringLiteral("%1 (%2)").arg(QString::fromStdString(g),
                                                                          QString::fromStdString(layer->type()))
                                          : QString::fromStdString(g);
            p.setPen(frame.darker(130));
            p.drawText(r.adjusted(6, 2, -6, 0), Qt::AlignLeft | Qt::AlignTop,
                       p.fontMetrics().elidedText(caption, Qt::ElideRight, static_cast<int>(r.width()) - 12));
        }
    }
    // Layers that say nothing of their wiring: a box with the output shape.
    for (int l = 0; l < layout_->layerCount(); ++l) {
        const auto& column = positions_[static_cast<std::size_t>(l + 1)];
        if (!layout_->isBox(l) || column.empty()) continue;
        const QRectF r(column.front().x() - radius_ - 10, column.front().y() - radius_ - 22, 2 * radius_ + 20,
                       column.back().y() - column.front().y() + 2 * radius_ + 30);
        p.setPen(QPen(QColor(110, 110, 110), 1.5));
        p.setBrush(QColor(236, 236, 236));
        p.drawRoundedRect(r, 6, 6);
        p.setPen(QColor(60, 60, 60));
        p.drawText(QRectF(r.left(), r.top() + 2, r.width(), 18), Qt::AlignCenter, layout_->shapeText(l));
    }
    // Skip connections: an arc over the composite from its input to its sum, with "+".
    const QColor skip(30, 130, 60);
    for (int l = 0; l < layout_->layerCount(); ++l) {
        if (!layout_->isSum(l)) continue;
        const auto& from = positions_[static_cast<std::size_t>(layout_->skipSource(l) + 1)];
        const auto& to = positions_[static_cast<std::size_t>(l + 1)];
        if (from.empty() || to.empty()) continue;
        const QPointF a(from.front().x(), from.front().y() - radius_);
        const QPointF b(to.front().x(), to.front().y() - radius_ - 12);
        const double peak = groupTop_ + 18;
        QPainterPath arc(a);
        arc.cubicTo(QPointF(a.x(), peak), QPointF(b.x(), peak), b);
        p.setPen(QPen(skip, 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawPath(arc);
        // The sum's sign where the arc lands, and the skipped input's name at its start.
        p.setBrush(Qt::white);
        p.drawEllipse(b, 9, 9);
        QFont bold = small;
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRectF(b.x() - 9, b.y() - 9, 18, 18), Qt::AlignCenter, QStringLiteral("+"));
        p.setFont(small);
        // Its name on the arc's crest, clear of the composite's name in the frame's corner.
        const QString label = tr("skip: + x");
        const double w = p.fontMetrics().horizontalAdvance(label) + 8;
        const QPointF crest = arc.pointAtPercent(0.5);
        const QRectF box(crest.x() - w / 2, crest.y() - 8, w, 16);
        p.setPen(Qt::NoPen);
        p.drawRect(box);
        p.setPen(skip);
        p.drawText(box, Qt::AlignCenter, label);
    }
}

void NetworkView::paintGraph(QPainter& p, const QSize& size) {
    if (geometrySize_ != size) computeGeometry(size);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    const QColor text(30, 30, 30);
    if (!session_.isLoaded() || nodes_.empty()) {
        p.setPen(text);
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, tr("No experiment loaded."));
        return;
    }
    const QFont base = font();
    QFont small = base;
    small.setPointSizeF(std::max(7.5, base.pointSizeF() - 1.0));
    QFont bold = base;
    bold.setBold(true);

    // The layer being computed: a band behind its columns and the edges into them.
    double bandFrom = -1;
    double bandTo = -1;
    for (std::size_t c = 1; c < positions_.size(); ++c) {
        if (highlighted_ < 0 || layout_->networkLayer(static_cast<int>(c) - 1) != highlighted_ || positions_[c].empty())
            continue;
        const double from = positions_[c - 1].empty() ? 0 : positions_[c - 1].front().x() + radius_ + 4;
        bandFrom = bandFrom < 0 ? from : std::min(bandFrom, from);
        bandTo = std::max(bandTo, positions_[c].front().x() + radius_ + 70);
    }
    if (bandTo > 0) {
        p.setPen(Qt::NoPen);
        p.setBrush(kHighlight);
        p.drawRoundedRect(QRectF(bandFrom, 8, bandTo - bandFrom, size.height() - 40), 10, 10);
    }
    paintStructure(p, size);

    // Column captions, on two alternating rows when the columns stand close.
    p.setFont(bold);
    p.setPen(text);
    const double spacing =
        positions_.size() > 1 ? positions_[1].front().x() - positions_[0].front().x() : static_cast<double>(size.width());
    // Each caption whole: as wide as its text (at most the columns' room), kept inside the view.
    const double captionRoom = std::max(60.0, spacing * captionRows_ - 8);
    std::vector<QRectF> captionRects;
    for (std::size_t c = 0; c < positions_.size(); ++c) {
        if (positions_[c].empty()) continue;
        const double x = positions_[c].front().x();
        const QString caption = layerCaption(static_cast<int>(c) - 1);
        const double w = std::min(captionRoom, p.fontMetrics().horizontalAdvance(caption) + 6.0);
        const double left = std::clamp(x - w / 2, 2.0, std::max(2.0, size.width() - w - 2));
        const QRectF r(left, 8 + 18.0 * static_cast<double>(c % static_cast<std::size_t>(captionRows_)), w, 18);
        captionRects.push_back(r);
        p.drawText(r, Qt::AlignCenter, p.fontMetrics().elidedText(caption, Qt::ElideRight, static_cast<int>(w)));
    }

    // Edges: colour is the sign, thickness |w| relative to the largest weight shown.
    double maxAbs = 0.0;
    for (const Edge& e : edges_) {
        if (std::isfinite(e.weight)) maxAbs = std::max(maxAbs, std::fabs(e.weight));
    }
    if (maxAbs == 0.0) maxAbs = 1.0;
    std::vector<int> perLayer(positions_.size(), 0);
    for (const Edge& e : edges_) ++perLayer[static_cast<std::size_t>(e.layer)];
    for (const Edge& e : edges_) {
        const QPointF a = positions_[static_cast<std::size_t>(e.layer)][static_cast<std::size_t>(e.row)];
        const QPointF b = positions_[static_cast<std::size_t>(e.layer + 1)][static_cast<std::size_t>(e.col)];
        const Item me{2, e.layer, e.row, e.col};
        // A weight that is not a number (hidden until answered, or a diverged run): thin and grey.
        const bool known = std::isfinite(e.weight);
        const double w = known ? 1.0 + 6.0 * std::fabs(e.weight) / maxAbs : 1.0;
        if (me == selected_ || me == hovered_) {
            p.setPen(QPen(me == selected_ ? kSelection : QColor(120, 120, 120), w + 6, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(a, b);
        }
        QColor col = !known ? QColor(150, 150, 150) : e.weight < 0 ? kNegative : kPositive;
        col.setAlpha(200);
        p.setPen(QPen(col, w, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(a, b);
    }
    // One-to-one links (and f(x) into a sum); a box's unknown wiring as thin links.
    for (std::size_t c = 1; c < positions_.size(); ++c) {
        const int l = static_cast<int>(c) - 1;
        if (layout_->isBox(l)) {
            p.setPen(QPen(QColor(190, 190, 190), 1, Qt::DotLine));
            for (const QPointF& a : positions_[c - 1]) {
                for (const QPointF& b : positions_[c]) p.drawLine(a, b);
            }
            continue;
        }
        if (!layout_->isOneToOne(l) || positions_[c].size() != positions_[c - 1].size()) continue;
        p.setPen(QPen(QColor(150, 150, 150), 1.5, Qt::DashLine));
        for (std::size_t u = 0; u < positions_[c].size(); ++u) p.drawLine(positions_[c - 1][u], positions_[c][u]);
    }
    // Each node's value box (beside or under it), computed before the edge labels so that
    // the labels keep clear of them.
    const double lineH = QFontMetricsF(small).height();
    std::vector<std::vector<QRectF>> valueBoxes(positions_.size());
    std::vector<QRectF> obstacles;
    for (std::size_t c = 0; c < positions_.size(); ++c) {
        const double colSlot = positions_[c].size() > 1 ? positions_[c][1].y() - positions_[c][0].y() : size.height();
        for (std::size_t u = 0; u < positions_[c].size(); ++u) {
            const QPointF centre = positions_[c][u];
            const Node& node = nodes_[c][u];
            obstacles.push_back(QRectF(centre.x() - radius_, centre.y() - radius_, 2 * radius_, 2 * radius_));
            QRectF box;
            if (!node.lines.isEmpty()) {
                double w = 0;
                for (const QString& l : node.lines) w = std::max(w, QFontMetricsF(small).horizontalAdvance(l));
                const double h = lineH * static_cast<double>(node.lines.size()) + 4;
                box = colSlot >= 2 * radius_ + h + 6 ? QRectF(centre.x() - w / 2 - 4, centre.y() + radius_ + 3, w + 8, h)
                                                    : QRectF(centre.x() + radius_ + 4, centre.y() - h / 2, w + 8, h);
                obstacles.push_back(box);
            }
            valueBoxes[c].push_back(box);
        }
    }
    obstacles.insert(obstacles.end(), captionRects.begin(), captionRects.end());

    // Edge labels where there are few enough edges to read them, each placed along its
    // edge where it covers no other label, node or value box.
    p.setFont(small);
    std::vector<EdgeLabelRequest> requests;
    std::vector<std::size_t> labelled;
    for (std::size_t i = 0; i < edges_.size(); ++i) {
        const Edge& e = edges_[i];
        const Item me{2, e.layer, e.row, e.col};
        const bool crowded = perLayer[static_cast<std::size_t>(e.layer)] > kMaxLabelledEdges || spacing < kMinLabelledSpacing;
        if (crowded && !(me == selected_) && !(me == hovered_)) continue;
        EdgeLabelRequest r;
        r.from = positions_[static_cast<std::size_t>(e.layer)][static_cast<std::size_t>(e.row)];
        r.to = positions_[static_cast<std::size_t>(e.layer + 1)][static_cast<std::size_t>(e.col)];
        r.size = p.fontMetrics().boundingRect(e.label).adjusted(-3, -1, 3, 1).size();
        // Staggered by target: the labels of one source fan out apart.
        const int targets = layout_->width(e.layer);
        r.preferred = 0.3 + (targets > 1 ? 0.3 * e.col / (targets - 1) : 0.0);
        requests.push_back(r);
        labelled.push_back(i);
    }
    const std::vector<QRectF> placed =
        placeEdgeLabels(requests, obstacles, QRectF(QPointF(0, 0), QSizeF(size)).adjusted(2, 2, -2, -2));
    labelRects_.assign(edges_.size(), QRectF());
    for (std::size_t k = 0; k < placed.size(); ++k) {
        const Edge& e = edges_[labelled[k]];
        const QRectF& r = placed[k];
        labelRects_[labelled[k]] = r;
        if (r.isEmpty()) continue;
        p.setPen(QPen(QColor(190, 190, 190), 1));
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawRoundedRect(r, 3, 3);
        p.setPen(e.weight < 0 ? kNegative.darker(120) : kPositive.darker(120));
        p.drawText(r, Qt::AlignCenter, e.label);
    }

    // Nodes, their names inside and their values beside them.
    for (std::size_t c = 0; c < positions_.size(); ++c) {
        const int layer = static_cast<int>(c) - 1;
        const bool active = highlighted_ >= 0 && layer >= 0 && layout_->networkLayer(layer) == highlighted_;
        const bool backward = layer >= 0 && session_.backwardShown(layer);
        for (std::size_t u = 0; u < positions_[c].size(); ++u) {
            const QPointF centre = positions_[c][u];
            const Node& node = nodes_[c][u];
            const Item me{1, layer, static_cast<int>(u), 0};
            QColor fill = layer < 0 ? QColor(235, 235, 235) : (backward ? QColor(255, 224, 204) : QColor(214, 232, 250));
            if (active) fill = fill.darker(108);
            p.setPen(QPen(me == selected_ ? kSelection : (active ? QColor(200, 140, 0) : QColor(90, 90, 90)),
                          me == selected_ || active ? 3 : 1.5));
            p.setBrush(fill);
            p.drawEllipse(centre, radius_, radius_);
            p.setFont(radius_ >= 14 ? bold : small);
            p.setPen(text);
            p.drawText(QRectF(centre.x() - radius_, centre.y() - radius_, 2 * radius_, 2 * radius_), Qt::AlignCenter,
                       node.name);
            if (node.lines.isEmpty()) continue;
            p.setFont(small);
            const QRectF box = valueBoxes[c][u];
            p.setPen(QPen(QColor(200, 200, 200), 1));
            p.setBrush(QColor(255, 255, 255, 235));
            p.drawRoundedRect(box, 3, 3);
            p.setPen(text);
            for (int i = 0; i < node.lines.size(); ++i) {
                const QString& l = node.lines[i];
                p.setPen(l.startsWith(QStringLiteral("δ")) || l.startsWith(QStringLiteral("∂")) ? QColor(170, 60, 0)
                                                                                                  : text);
                p.drawText(QRectF(box.left() + 4, box.top() + 2 + lineH * i, box.width() - 4, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                           l);
            }
        }
    }

    // Info box for the hovered or selected item, and the legend.
    p.setFont(small);
    const QString info = infoText();
    if (!info.isEmpty()) {
        const QStringList lines = info.split(QLatin1Char('\n'));
        double w = 0;
        for (const QString& l : lines) w = std::max(w, QFontMetricsF(small).horizontalAdvance(l));
        const QRectF box(8, size.height() - 8 - lineH * lines.size() - 8, w + 16, lineH * lines.size() + 8);
        p.setPen(QPen(QColor(160, 160, 160), 1));
        p.setBrush(QColor(255, 252, 235, 245));
        p.drawRoundedRect(box, 4, 4);
        p.setPen(text);
        for (int i = 0; i < lines.size(); ++i)
            p.drawText(QRectF(box.left() + 8, box.top() + 4 + lineH * i, w + 4, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                       lines[i]);
    }
    const QStringList legend{tr("blue: w > 0, red: w < 0"), tr("thickness: |w|"), tr("click an edge or a node")};
    double lw = 0;
    for (const QString& l : legend) lw = std::max(lw, QFontMetricsF(small).horizontalAdvance(l));
    p.setPen(QColor(110, 110, 110));
    for (int i = 0; i < legend.size(); ++i) {
        p.drawText(QRectF(size.width() - lw - 12, size.height() - 8 - lineH * (legend.size() - i), lw + 4, lineH),
                   Qt::AlignLeft | Qt::AlignVCenter, legend[i]);
    }
}

// ---- heatmap mode ----

void NetworkView::rebuildHeatmaps() {
    for (HeatmapRow& r : heatmapRows_) {
        delete r.label;
        for (MatrixHeatmap* m : r.maps) delete m;
    }
    heatmapRows_.clear();
    if (!session_.isLoaded()) return;
    int row = 0;
    for (const ParamRef& p : session_.network().parameters()) {
        HeatmapRow r;
        r.parameter = p.name;
        r.label = new QLabel(QString::fromStdString(p.name), heatmapPage_);
        QFont f = r.label->font();
        f.setBold(true);
        r.label->setFont(f);
        heatmapGrid_->addWidget(r.label, row * 2, 0, 1, 3);
        for (int k = 0; k < 3; ++k) {
            r.maps[k] = new MatrixHeatmap(heatmapPage_);
            r.maps[k]->setMinimumHeight(160);
            connect(r.maps[k], &MatrixHeatmap::cellClicked, this, [this, name = p.name](int row, int col) {
                emit weightSelected(QString::fromStdString(name), row, col);
            });
            heatmapGrid_->addWidget(r.maps[k], row * 2 + 1, k);
        }
        heatmapRows_.push_back(r);
        ++row;
    }
    updateHeatmaps();
}

void NetworkView::updateHeatmaps() {
    const StepRecord* rec = session_.record();
    for (HeatmapRow& r : heatmapRows_) {
        const QString local = QString::fromStdString(splitParameterName(r.parameter).second);
        const int l = layout_ ? layout_->networkLayerOfParameter(r.parameter) : -1;
        r.maps[0]->setTitle(local);
        r.maps[1]->setTitle(QStringLiteral("∂E/∂") + local);
        r.maps[2]->setTitle(QStringLiteral("Δ") + local);
        if (const Tensor* v = session_.shownValue(r.parameter)) r.maps[0]->setTensor(*v);
        const ParameterRecord* pr = rec ? findParameter(*rec, r.parameter) : nullptr;
        if (pr && l >= 0 && session_.backwardShown(l)) {
            r.maps[1]->setTensor(pr->grad);
        } else {
            r.maps[1]->clear(tr("shown when the backward pass reaches this layer"));
        }
        if (pr && session_.updateShown()) {
            r.maps[2]->setTensor(pr->update);
        } else {
            r.maps[2]->clear(tr("shown after the update"));
        }
        const bool active = l >= 0 && l == session_.activeLayer();
        r.label->setText(QString::fromStdString(r.parameter) + (active ? tr("  ← this step's layer") : QString()));
        r.label->setStyleSheet(active ? QStringLiteral("background: #ffec96") : QString());
    }
}

MatrixHeatmap* NetworkView::heatmap(const QString& parameter, HeatmapKind kind) const {
    for (const HeatmapRow& r : heatmapRows_) {
        if (r.parameter == parameter.toStdString()) return r.maps[static_cast<int>(kind)];
    }
    return nullptr;
}

QList<MatrixHeatmap*> NetworkView::heatmaps() const {
    QList<MatrixHeatmap*> all;
    for (const HeatmapRow& r : heatmapRows_) {
        for (MatrixHeatmap* m : r.maps) all << m;
    }
    return all;
}

void NetworkView::retranslateUi() {
    exampleLabel_->setText(tr("Example of the batch:"));
    refresh();
}

void NetworkView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
