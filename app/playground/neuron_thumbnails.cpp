#include "neuron_thumbnails.hpp"

#include "playground_style.hpp"

#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace deepstep::studio {

NeuronThumbnails::NeuronThumbnails(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // Painting our own background spares the parent a repaint on every report.
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void NeuronThumbnails::setColumns(int gridSize, const std::vector<NeuronColumn>& columns) {
    std::vector<QStringList> oldLabels;
    for (const Column& c : columns_)
        oldLabels.push_back(c.labels);
    columns_.clear();
    if (gridSize <= 0) {
        update();
        return;
    }
    const std::size_t points = static_cast<std::size_t>(gridSize) * static_cast<std::size_t>(gridSize);
    for (const NeuronColumn& in : columns) {
        if (in.units <= 0 || in.values.size() != points * static_cast<std::size_t>(in.units)) continue;
        Column col;
        col.title = in.title;
        const auto units = static_cast<std::size_t>(in.units);
        for (std::size_t u = 0; u < units; ++u) {
            float scale = 1.0F;
            for (std::size_t k = 0; k < points; ++k) {
                const float v = in.values[k * units + u];
                if (std::isfinite(v)) scale = std::max(scale, std::abs(v));
            }
            QImage img(gridSize, gridSize, QImage::Format_RGB32);
            for (int r = 0; r < gridSize; ++r) {
                auto* line = reinterpret_cast<QRgb*>(img.scanLine(r));
                for (int c = 0; c < gridSize; ++c) {
                    const float v = in.values[(static_cast<std::size_t>(r) * static_cast<std::size_t>(gridSize) +
                                               static_cast<std::size_t>(c)) *
                                                  units +
                                              u];
                    line[c] = playground::divergingColor(std::isfinite(v) ? v / scale : 0.0);
                }
            }
            col.images.push_back(std::move(img));
        }
        const std::size_t index = columns_.size();
        if (index < oldLabels.size() && oldLabels[index].size() == in.units) col.labels = oldLabels[index];
        columns_.push_back(std::move(col));
    }
    update();
}

void NeuronThumbnails::clear() {
    columns_.clear();
    update();
}

int NeuronThumbnails::unitCount(int column) const {
    if (column < 0 || column >= columnCount()) return 0;
    return static_cast<int>(columns_[static_cast<std::size_t>(column)].images.size());
}

QImage NeuronThumbnails::thumbnail(int column, int unit) const {
    if (unit < 0 || unit >= unitCount(column)) return {};
    return columns_[static_cast<std::size_t>(column)].images[static_cast<std::size_t>(unit)];
}

void NeuronThumbnails::setUnitLabels(int column, const QStringList& labels) {
    if (column < 0 || column >= columnCount()) return;
    columns_[static_cast<std::size_t>(column)].labels = labels;
    update();
}

void NeuronThumbnails::setEdgeWeights(int gap, int inputs, int outputs, std::vector<float> values) {
    if (gap < 0 || inputs <= 0 || outputs <= 0 ||
        values.size() != static_cast<std::size_t>(inputs) * static_cast<std::size_t>(outputs))
        return;
    if (edges_.size() <= static_cast<std::size_t>(gap)) edges_.resize(static_cast<std::size_t>(gap) + 1);
    edges_[static_cast<std::size_t>(gap)] = {inputs, outputs, std::move(values)};
    update();
}

void NeuronThumbnails::clearEdgeWeights() {
    edges_.clear();
    update();
}

bool NeuronThumbnails::hasWeights(std::size_t gap) const {
    if (gap >= edges_.size() || gap + 1 >= columns_.size()) return false;
    const Edges& e = edges_[gap];
    return !e.values.empty() && static_cast<std::size_t>(e.inputs) == columns_[gap].images.size() &&
           static_cast<std::size_t>(e.outputs) == columns_[gap + 1].images.size();
}

float NeuronThumbnails::edgeWeight(int gap, int from, int to) const {
    if (gap < 0 || !hasWeights(static_cast<std::size_t>(gap))) return std::numeric_limits<float>::quiet_NaN();
    const Edges& e = edges_[static_cast<std::size_t>(gap)];
    if (from < 0 || from >= e.inputs || to < 0 || to >= e.outputs) return std::numeric_limits<float>::quiet_NaN();
    return e.values[static_cast<std::size_t>(from) * static_cast<std::size_t>(e.outputs) + static_cast<std::size_t>(to)];
}

void NeuronThumbnails::drawLegend(QPainter& p, const QRectF& box) const {
    const QFontMetrics fm(font());
    const QString items[] = {tr("positive weight"), tr("negative weight"), tr("line width: |weight|")};
    const QColor colours[] = {playground::blue(), playground::orange(), QColor(120, 120, 120)};
    const double widths[] = {2.5, 2.5, 4.0};
    double x = box.left() + 4;
    const double y = box.center().y();
    for (int i = 0; i < 3; ++i) {
        p.setPen(QPen(colours[i], widths[i], Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(x, y), QPointF(x + 18, y));
        x += 22;
        p.setPen(palette().color(QPalette::WindowText));
        const int w = fm.horizontalAdvance(items[i]);
        p.drawText(QRectF(x, box.top(), w + 2, box.height()), Qt::AlignLeft | Qt::AlignVCenter, items[i]);
        x += w + 14;
    }
}

void NeuronThumbnails::paintEvent(QPaintEvent* /*event*/) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    p.setRenderHint(QPainter::Antialiasing);
    if (columns_.empty()) return;
    const QFontMetrics fm(font());
    const int header = fm.height() + 6;
    const int label = fm.height();
    std::size_t most = 1;
    for (const Column& c : columns_)
        most = std::max(most, c.images.size());
    const int n = static_cast<int>(columns_.size());
    bool weighted = false;
    float largest = 0.0F;
    for (std::size_t g = 0; g + 1 < columns_.size(); ++g) {
        if (!hasWeights(g)) continue;
        weighted = true;
        for (float v : edges_[g].values)
            if (std::isfinite(v)) largest = std::max(largest, std::abs(v));
    }
    // A legend row under the network while the edges carry weights.
    const int legend = weighted ? fm.height() + 8 : 0;
    const int bottom = height() - legend;
    const double colWidth = static_cast<double>(width()) / n;
    const double rowHeight = static_cast<double>(bottom - header) / static_cast<double>(most);
    const double side = std::clamp(std::min(colWidth * 0.62, rowHeight - label - 4.0), 8.0, 72.0);

    // Thin links between consecutive columns hint at the wiring (every unit feeds
    // every unit of the next layer), coloured and sized by weight once a run reports them.
    std::vector<std::vector<QPointF>> centres(columns_.size());
    for (int ci = 0; ci < n; ++ci) {
        const Column& col = columns_[static_cast<std::size_t>(ci)];
        const double cx = colWidth * (ci + 0.5);
        const double total = static_cast<double>(col.images.size()) * rowHeight;
        const double top = header + (bottom - header - total) / 2.0;
        for (std::size_t u = 0; u < col.images.size(); ++u) {
            centres[static_cast<std::size_t>(ci)].push_back(
                QPointF(cx, top + rowHeight * static_cast<double>(u) + (rowHeight - label) / 2.0));
        }
    }
    for (std::size_t ci = 0; ci + 1 < centres.size(); ++ci) {
        const bool known = hasWeights(ci);
        for (std::size_t a = 0; a < centres[ci].size(); ++a) {
            for (std::size_t b = 0; b < centres[ci + 1].size(); ++b) {
                if (known) {
                    // As TensorFlow Playground: blue positive, orange negative, as wide as |w|.
                    const float w = edges_[ci].values[a * static_cast<std::size_t>(edges_[ci].outputs) + b];
                    const double share = largest > 0.0F && std::isfinite(w) ? std::abs(w) / largest : 0.0;
                    QColor c = w >= 0.0F ? playground::blue() : playground::orange();
                    c.setAlphaF(0.35 + 0.6 * share);
                    p.setPen(QPen(c, 0.5 + 4.5 * share));
                } else {
                    p.setPen(QPen(QColor(200, 200, 200), 1.0));
                }
                p.drawLine(centres[ci][a] + QPointF(side / 2, 0), centres[ci + 1][b] - QPointF(side / 2, 0));
            }
        }
    }

    for (int ci = 0; ci < n; ++ci) {
        const Column& col = columns_[static_cast<std::size_t>(ci)];
        p.setPen(palette().color(QPalette::WindowText));
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.drawText(QRectF(colWidth * ci, 0, colWidth, header), Qt::AlignCenter,
                   QFontMetrics(bold).elidedText(col.title, Qt::ElideRight, static_cast<int>(colWidth) - 4));
        p.setFont(font());
        for (std::size_t u = 0; u < col.images.size(); ++u) {
            const QPointF c = centres[static_cast<std::size_t>(ci)][u];
            const QRectF box(c.x() - side / 2, c.y() - side / 2, side, side);
            p.drawImage(box, col.images[u]);
            p.setPen(QPen(QColor(150, 150, 150), 1.0));
            p.setBrush(Qt::NoBrush);
            p.drawRect(box);
            if (u < static_cast<std::size_t>(col.labels.size())) {
                p.setPen(palette().color(QPalette::WindowText));
                p.drawText(QRectF(colWidth * ci, box.bottom() + 1, colWidth, label), Qt::AlignHCenter | Qt::AlignTop,
                           col.labels[static_cast<int>(u)]);
            }
        }
    }
    if (weighted) drawLegend(p, QRectF(0, bottom, width(), legend));
}

void NeuronThumbnails::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) update();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
