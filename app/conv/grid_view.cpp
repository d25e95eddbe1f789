#include "grid_view.hpp"

#include "playground/playground_style.hpp"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace deepstep::studio::conv {

namespace {
constexpr int kMinCellForNumbers = 30;
}

GridView::GridView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void GridView::setMatrix(int rows, int cols, std::vector<float> values, double scale) {
    rows_ = rows;
    cols_ = cols;
    values_ = std::move(values);
    if (scale <= 0.0) {
        scale = 0.0;
        for (float v : values_) scale = std::max(scale, std::abs(static_cast<double>(v)));
    }
    scale_ = scale > 0.0 ? scale : 1.0;
    update();
}

void GridView::setTitle(const QString& title) {
    title_ = title;
    update();
}

void GridView::setMarked(std::vector<QPoint> cells) {
    marked_ = std::move(cells);
    update();
}

void GridView::setOutline(const QRect& block) {
    outline_ = block;
    update();
}

void GridView::setInner(const QRect& inner) {
    inner_ = inner;
    update();
}

void GridView::setSquareCells(bool square) {
    square_ = square;
    update();
}

QRectF GridView::gridArea() const {
    const int titleHeight = title_.isEmpty() ? 0 : fontMetrics().height() + 4;
    const QRectF room(2, titleHeight + 1, width() - 4, height() - titleHeight - 3);
    if (rows_ <= 0 || cols_ <= 0 || room.width() <= 0 || room.height() <= 0) return {};
    double cw = room.width() / cols_;
    double ch = room.height() / rows_;
    if (square_) cw = ch = std::min(cw, ch);
    return {room.left() + (room.width() - cw * cols_) / 2, room.top(), cw * cols_, ch * rows_};
}

QRectF GridView::cellRect(int row, int col) const {
    const QRectF a = gridArea();
    if (a.isEmpty()) return {};
    const double cw = a.width() / cols_;
    const double ch = a.height() / rows_;
    return {a.left() + col * cw, a.top() + row * ch, cw, ch};
}

void GridView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!title_.isEmpty()) {
        p.drawText(QRect(0, 0, width(), fontMetrics().height() + 2), Qt::AlignHCenter | Qt::AlignTop,
                   fontMetrics().elidedText(title_, Qt::ElideRight, width()));
    }
    const QRectF area = gridArea();
    if (area.isEmpty()) return;
    const double cw = area.width() / cols_;
    const double ch = area.height() / rows_;
    const bool numbers = std::min(cw, ch) >= kMinCellForNumbers;
    QFont small = font();
    small.setPointSizeF(std::max(6.0, std::min(cw, ch) / 4.2));
    p.setFont(small);
    const bool hasInner = !inner_.isEmpty();
    for (int r = 0; r < rows_; ++r) {
        for (int c = 0; c < cols_; ++c) {
            const QRectF cell(area.left() + c * cw, area.top() + r * ch, cw, ch);
            const double v = values_[static_cast<std::size_t>(r * cols_ + c)];
            p.fillRect(cell, QColor::fromRgb(playground::divergingColor(v / scale_)));
            if (hasInner && !inner_.contains(c, r)) p.fillRect(cell, QBrush(QColor(90, 90, 90, 110), Qt::BDiagPattern));
            if (numbers) {
                p.setPen(std::abs(v / scale_) > 0.6 ? Qt::white : Qt::black);
                const QString text = QString::number(v, 'f', 2);
                // Wide numbers (−39.99) get a smaller font rather than spill over the cell.
                const double wide = p.fontMetrics().horizontalAdvance(text);
                if (wide > cw - 4) {
                    QFont narrow = small;
                    narrow.setPointSizeF(std::max(5.0, small.pointSizeF() * (cw - 4) / wide));
                    p.setFont(narrow);
                }
                p.drawText(cell, Qt::AlignCenter, text);
                p.setFont(small);
            }
        }
    }
    if (std::min(cw, ch) >= 4) {
        p.setPen(QPen(QColor(255, 255, 255, 160), 1));
        for (int r = 0; r <= rows_; ++r) p.drawLine(QPointF(area.left(), area.top() + r * ch), QPointF(area.right(), area.top() + r * ch));
        for (int c = 0; c <= cols_; ++c) p.drawLine(QPointF(area.left() + c * cw, area.top()), QPointF(area.left() + c * cw, area.bottom()));
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(20, 150, 60), std::max(1.5, std::min(cw, ch) / 8)));
    for (const QPoint& m : marked_) p.drawRect(cellRect(m.y(), m.x()).adjusted(1, 1, -1, -1));
    if (!outline_.isEmpty()) {
        p.setPen(QPen(QColor(200, 30, 30), 2.5));
        p.drawRect(QRectF(area.left() + outline_.left() * cw, area.top() + outline_.top() * ch, outline_.width() * cw,
                          outline_.height() * ch));
    }
}

void GridView::mousePressEvent(QMouseEvent* event) {
    const QRectF area = gridArea();
    const QPointF pos = event->position();
    if (area.isEmpty() || !area.contains(pos)) return;
    const int col = std::clamp(static_cast<int>((pos.x() - area.left()) / (area.width() / cols_)), 0, cols_ - 1);
    const int row = std::clamp(static_cast<int>((pos.y() - area.top()) / (area.height() / rows_)), 0, rows_ - 1);
    emit cellClicked(row, col);
}

}  // namespace deepstep::studio::conv
