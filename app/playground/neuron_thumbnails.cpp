#include "neuron_thumbnails.hpp"

#include "playground_style.hpp"

#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

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
    const double colWidth = static_cast<double>(width()) / n;
    const double rowHeight = static_cast<double>(height() - header) / static_cast<double>(most);
    const double side = std::clamp(std::min(colWidth * 0.62, rowHeight - label - 4.0), 8.0, 72.0);

    // Thin links between consecutive columns hint at the wiring (every unit feeds
    // every unit of the next layer); their weights are not drawn here.
    std::vector<std::vector<QPointF>> centres(columns_.size());
    for (int ci = 0; ci < n; ++ci) {
        const Column& col = columns_[static_cast<std::size_t>(ci)];
        const double cx = colWidth * (ci + 0.5);
        const double total = static_cast<double>(col.images.size()) * rowHeight;
        const double top = header + (height() - header - total) / 2.0;
        for (std::size_t u = 0; u < col.images.size(); ++u) {
            centres[static_cast<std::size_t>(ci)].push_back(
                QPointF(cx, top + rowHeight * static_cast<double>(u) + (rowHeight - label) / 2.0));
        }
    }
    p.setPen(QPen(QColor(200, 200, 200), 1.0));
    for (std::size_t ci = 0; ci + 1 < centres.size(); ++ci) {
        for (const QPointF& a : centres[ci]) {
            for (const QPointF& b : centres[ci + 1])
                p.drawLine(a + QPointF(side / 2, 0), b - QPointF(side / 2, 0));
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
}

void NeuronThumbnails::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) update();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
