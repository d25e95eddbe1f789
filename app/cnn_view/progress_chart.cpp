#include "progress_chart.hpp"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace deepstep::studio::cnn {

namespace {

const QColor kLossColor(70, 70, 70);
const QColor kAccuracyColor(214, 39, 40);

void drawPanel(QPainter& p, const QRectF& area, const std::vector<CnnProgressChart::Point>& points, double xMax,
               double yMin, double yMax, const QColor& color, const QString& title, const QPalette& palette) {
    p.setPen(palette.color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(area);
    const QFontMetrics fm = p.fontMetrics();
    p.setPen(palette.color(QPalette::Text));
    p.drawText(QPointF(area.left() + 4, area.top() + fm.ascent() + 2), title);
    p.drawText(QRectF(0, area.top() - fm.height() / 2.0, area.left() - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QString::number(yMax, 'g', 3));
    p.drawText(QRectF(0, area.bottom() - fm.height() / 2.0, area.left() - 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, QString::number(yMin, 'g', 3));
    if (points.empty()) return;
    const auto map = [&](const CnnProgressChart::Point& pt) {
        const double y = std::clamp(pt.value, yMin, yMax);
        return QPointF(area.left() + pt.batch / xMax * area.width(),
                       area.bottom() - (y - yMin) / (yMax - yMin) * area.height());
    };
    QPainterPath path(map(points.front()));
    for (std::size_t i = 1; i < points.size(); ++i)
        path.lineTo(map(points[i]));
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(color, 1.6));
    p.drawPath(path);
    p.setBrush(color);
    p.drawEllipse(map(points.back()), 2.5, 2.5);
    p.setRenderHint(QPainter::Antialiasing, false);
}

}  // namespace

CnnProgressChart::CnnProgressChart(QWidget* parent) : QWidget(parent) {}

void CnnProgressChart::clear() {
    losses_.clear();
    accuracies_.clear();
    update();
}

void CnnProgressChart::addLoss(double batch, double loss) {
    if (!std::isfinite(loss)) return;
    losses_.push_back({batch, loss});
    update();
}

void CnnProgressChart::addAccuracy(double batch, double accuracy) {
    accuracies_.push_back({batch, accuracy});
    update();
}

void CnnProgressChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QFontMetrics fm(font());
    const double left = fm.horizontalAdvance(QStringLiteral("0.000")) + 8;
    const double bottomLabel = fm.height() + 4;
    // Room above each panel for half a line: the top value is written at its edge.
    const double pad = fm.height() / 2.0 + 2;
    const double h = (height() - bottomLabel - 2 * pad) / 2.0;
    const QRectF lossArea(left, pad, width() - left - 8, h - pad);
    const QRectF accuracyArea(left, pad + h + pad, width() - left - 8, h - pad);

    double xMax = 1;
    for (const Point& pt : losses_)
        xMax = std::max(xMax, pt.batch);
    for (const Point& pt : accuracies_)
        xMax = std::max(xMax, pt.batch);
    double lossMax = 0;
    for (const Point& pt : losses_)
        lossMax = std::max(lossMax, pt.value);
    lossMax = lossMax > 0 ? lossMax * 1.05 : 1.0;

    const QString lossTitle =
        losses_.empty() ? tr("Training loss") : tr("Training loss: %1").arg(losses_.back().value, 0, 'f', 3);
    const QString accuracyTitle = accuracies_.empty()
                                      ? tr("Test accuracy")
                                      : tr("Test accuracy: %1 %").arg(100.0 * accuracies_.back().value, 0, 'f', 1);
    drawPanel(p, lossArea, losses_, xMax, 0.0, lossMax, kLossColor, lossTitle, palette());
    drawPanel(p, accuracyArea, accuracies_, xMax, 0.0, 1.0, kAccuracyColor, accuracyTitle, palette());
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRectF(left, height() - bottomLabel, width() - left - 8, bottomLabel), Qt::AlignCenter,
               tr("batches trained (0 … %1)").arg(static_cast<long long>(xMax)));
}

}  // namespace deepstep::studio::cnn
