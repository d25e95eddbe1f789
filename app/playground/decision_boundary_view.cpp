#include "decision_boundary_view.hpp"

#include "playground_style.hpp"

#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

DecisionBoundaryView::DecisionBoundaryView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void DecisionBoundaryView::setDomain(double lo, double hi) {
    if (!(lo < hi)) return;
    lo_ = lo;
    hi_ = hi;
    pointsDirty_ = true;
    update();
}

void DecisionBoundaryView::setPoints(std::vector<PlotPoint> train, std::vector<PlotPoint> test) {
    train_ = std::move(train);
    test_ = std::move(test);
    pointsDirty_ = true;
    update();
}

void DecisionBoundaryView::setShowTestPoints(bool show) {
    if (show == showTest_) return;
    showTest_ = show;
    pointsDirty_ = true;
    update();
}

void DecisionBoundaryView::setGrid(int size, const std::vector<float>& outputs) {
    if (size <= 0 || outputs.size() != static_cast<std::size_t>(size) * static_cast<std::size_t>(size)) return;
    if (heat_.width() != size) heat_ = QImage(size, size, QImage::Format_RGB32);
    for (int r = 0; r < size; ++r) {
        auto* line = reinterpret_cast<QRgb*>(heat_.scanLine(r));
        for (int c = 0; c < size; ++c) {
            const double v =
                outputs[static_cast<std::size_t>(r) * static_cast<std::size_t>(size) + static_cast<std::size_t>(c)];
            line[c] = playground::divergingColor(2.0 * (std::isfinite(v) ? v : 0.5) - 1.0);
        }
    }
    outputs_ = outputs;
    heatDirty_ = true;
    update();
}

void DecisionBoundaryView::clearGrid() {
    heat_ = QImage();
    outputs_.clear();
    heatDirty_ = true;
    update();
}

QRgb DecisionBoundaryView::gridColor(int row, int col) const {
    if (heat_.isNull() || row < 0 || col < 0 || row >= heat_.height() || col >= heat_.width()) return 0;
    return heat_.pixel(col, row);
}

QRectF DecisionBoundaryView::plotRect() const {
    const QFontMetrics fm(font());
    const double left = fm.horizontalAdvance(QStringLiteral("-6")) + 8.0;
    const double bottom = fm.height() + 6.0;
    const double side = std::max(10.0, std::min(width() - left - 6.0, height() - bottom - 6.0));
    return {left, 6.0, side, side};
}

void DecisionBoundaryView::renderLayers() {
    const QRectF area = plotRect();
    if (area != layerRect_) {
        layerRect_ = area;
        pointsDirty_ = heatDirty_ = true;
    }
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (area.size() * dpr).toSize();
    if (heatDirty_) {
        scaledHeat_ = heat_.isNull() ? QImage() : heat_.scaled(pixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        if (!scaledHeat_.isNull()) drawBoundaryLine(scaledHeat_);
        scaledHeat_.setDevicePixelRatio(dpr);
        heatDirty_ = false;
    }
    if (!pointsDirty_) return;
    pointsDirty_ = false;
    pointsLayer_ = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
    pointsLayer_.setDevicePixelRatio(dpr);
    pointsLayer_.fill(Qt::transparent);
    QPainter p(&pointsLayer_);
    p.setRenderHint(QPainter::Antialiasing);
    const double span = hi_ - lo_;
    auto toLayer = [&](double x, double y) {
        return QPointF((x - lo_) / span * area.width(), (hi_ - y) / span * area.height());
    };
    const double radius = std::clamp(area.width() / 90.0, 2.5, 5.0);
    for (const PlotPoint& pt : train_) {
        p.setPen(QPen(Qt::white, 1.0));
        p.setBrush(playground::classColor(pt.cls));
        p.drawEllipse(toLayer(pt.x, pt.y), radius, radius);
    }
    if (showTest_) {
        p.setBrush(Qt::NoBrush);
        for (const PlotPoint& pt : test_) {
            // A dark ring under the class colour keeps test points visible on any
            // background, including their own class's colour.
            const QPointF c = toLayer(pt.x, pt.y);
            p.setPen(QPen(QColor(30, 30, 30, 170), 3.0));
            p.drawEllipse(c, radius, radius);
            p.setPen(QPen(playground::classColor(pt.cls), 1.6));
            p.drawEllipse(c, radius, radius);
        }
    }
}

// The boundary itself, P(blue) = 0.5, as a smooth line over the smoothly scaled map.
void DecisionBoundaryView::drawBoundaryLine(QImage& image) const {
    const int n = heat_.width();
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(40, 40, 40, 170), std::max(1.0, image.width() / 220.0)));
    playground::drawContour(p, QRectF(image.rect()), n, n, std::vector<double>(outputs_.begin(), outputs_.end()), 0.5);
}

void DecisionBoundaryView::paintEvent(QPaintEvent* /*event*/) {
    renderLayers();
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRectF area = plotRect();
    if (scaledHeat_.isNull()) {
        p.fillRect(area, QColor(245, 245, 245));
    } else {
        p.drawImage(area.topLeft(), scaledHeat_);
    }
    p.drawImage(area.topLeft(), pointsLayer_);

    const double span = hi_ - lo_;
    auto toScreen = [&](double x, double y) {
        return QPointF(area.left() + (x - lo_) / span * area.width(), area.top() + (hi_ - y) / span * area.height());
    };
    // Ticks every 2 units when the domain is the playground's, else 5 divisions.
    const double step = std::abs(span - 12.0) < 1e-9 ? 2.0 : span / 5.0;
    p.setPen(palette().color(QPalette::WindowText));
    const QFontMetrics fm(font());
    for (double t = lo_; t <= hi_ + 1e-9; t += step) {
        const QString label = QString::number(t, 'g', 3);
        const QPointF bx = toScreen(t, lo_);
        p.drawLine(bx, bx + QPointF(0, 3));
        p.drawText(QRectF(bx.x() - 20, bx.y() + 3, 40, fm.height()), Qt::AlignHCenter | Qt::AlignTop, label);
        const QPointF ly = toScreen(lo_, t);
        p.drawLine(ly, ly - QPointF(3, 0));
        p.drawText(QRectF(0, ly.y() - fm.height() / 2.0, area.left() - 5, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(120, 120, 120), 1.0));
    p.drawRect(area);
}

void DecisionBoundaryView::resizeEvent(QResizeEvent* event) {
    pointsDirty_ = heatDirty_ = true;
    QWidget::resizeEvent(event);
}

void DecisionBoundaryView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        pointsDirty_ = heatDirty_ = true;
        update();
    }
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
