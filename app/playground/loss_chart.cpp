#include "loss_chart.hpp"

#include <QEvent>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QSvgGenerator>
#include <QtDebug>

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

namespace {
const QColor kTrainColor(70, 70, 70);
const QColor kTestColor(214, 39, 40);

/// A round step near range / divisions: 1, 2 or 5 times a power of ten.
double niceStep(double range, int divisions) {
    if (!(range > 0)) return 1.0;
    const double raw = range / divisions;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / decade;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * decade;
}

struct Panel {
    QRectF rect;
    double yMin = 0;
    double yMax = 1;
    double xMax = 1;
    QPointF map(double x, double y) const {
        return {rect.left() + x / xMax * rect.width(), rect.bottom() - (y - yMin) / (yMax - yMin) * rect.height()};
    }
};

void drawSeries(QPainter& p, const Panel& panel, const std::vector<EpochInfo>& epochs, const QColor& color,
                double (*value)(const EpochInfo&)) {
    // A long run has more epochs than the panel has pixels; about two points per
    // pixel column look the same and keep a repaint cheap however long the run.
    const std::size_t n = epochs.size();
    const std::size_t columns = static_cast<std::size_t>(std::max(1.0, panel.rect.width()));
    const std::size_t stride = std::max<std::size_t>(1, n / (2 * columns));
    QPainterPath path;
    bool started = false;
    // Every stride-th epoch, and always the last one.
    for (std::size_t i = 0; i < n; i = (i + 1 == n) ? n : std::min(i + stride, n - 1)) {
        const EpochInfo& e = epochs[i];
        const double v = value(e);
        if (!std::isfinite(v)) {
            started = false;
        } else {
            const QPointF pt = panel.map(e.epoch, std::clamp(v, panel.yMin, panel.yMax));
            if (started) {
                path.lineTo(pt);
            } else {
                path.moveTo(pt);
                started = true;
            }
        }
    }
    p.setPen(QPen(color, 1.8));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
}
}  // namespace

LossChart::LossChart(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);  // paintChart() fills the whole area
}

void LossChart::clear() {
    epochs_.clear();
    update();
}

void LossChart::addEpochs(const std::vector<EpochInfo>& epochs) {
    for (const EpochInfo& e : epochs) {
        if (!epochs_.empty() && e.epoch <= epochs_.back().epoch) continue;
        epochs_.push_back(e);
    }
    if (!epochs.empty()) update();
}

void LossChart::paintEvent(QPaintEvent* /*event*/) {
    QPainter p(this);
    paintChart(p, QRectF(rect()));
}

void LossChart::paintChart(QPainter& p, const QRectF& area) const {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(area, Qt::white);
    const QFontMetrics fm(p.font());
    const double lh = fm.height();
    const QColor ink(40, 40, 40);

    const bool hasTest =
        std::any_of(epochs_.begin(), epochs_.end(), [](const EpochInfo& e) { return e.hasValidation; });
    const int lastEpoch = epochs_.empty() ? 0 : epochs_.back().epoch;
    const double xMax = std::max(10.0, static_cast<double>(lastEpoch));

    // Legend across the top.
    double lx = area.left() + 8;
    const double ly = area.top() + 4;
    auto legend = [&](const QColor& c, const QString& text) {
        p.setPen(QPen(c, 2.5));
        p.drawLine(QPointF(lx, ly + lh / 2), QPointF(lx + 18, ly + lh / 2));
        p.setPen(ink);
        p.drawText(QPointF(lx + 22, ly + fm.ascent()), text);
        lx += 22 + fm.horizontalAdvance(text) + 14;
    };
    legend(kTrainColor, tr("Training"));
    if (hasTest) legend(kTestColor, tr("Test"));

    double lossMax = 0.0;
    for (const EpochInfo& e : epochs_) {
        if (std::isfinite(e.trainLoss)) lossMax = std::max(lossMax, e.trainLoss);
        if (e.hasValidation && std::isfinite(e.validationLoss)) lossMax = std::max(lossMax, e.validationLoss);
    }
    if (lossMax <= 0) lossMax = 1.0;
    const double lossStep = niceStep(lossMax, 4);
    lossMax = std::ceil(lossMax / lossStep - 1e-9) * lossStep;

    const double left = area.left() + fm.horizontalAdvance(QStringLiteral("0.000")) + 12;
    const double right = area.right() - 10;
    const double top = area.top() + lh + 10;
    const double bottom = area.bottom() - 2 * lh - 8;  // tick labels, then the axis title
    const double gap = lh + 6;
    const double lossHeight = (bottom - top - gap) * 0.6;
    Panel loss{QRectF(left, top + lh, right - left, lossHeight - lh), 0.0, lossMax, xMax};
    Panel acc{QRectF(left, top + lossHeight + gap + lh, right - left, bottom - (top + lossHeight + gap + lh)), 0.0, 1.0,
              xMax};

    auto frame = [&](const Panel& panel, const QString& title, double step, bool percent) {
        p.setPen(ink);
        p.drawText(QPointF(panel.rect.left(), panel.rect.top() - 4), title);
        for (double y = panel.yMin; y <= panel.yMax + 1e-9; y += step) {
            const QPointF a = panel.map(0, y);
            p.setPen(QPen(QColor(225, 225, 225), 1.0));
            p.drawLine(a, QPointF(panel.rect.right(), a.y()));
            p.setPen(ink);
            const QString text = percent ? QStringLiteral("%1%").arg(y * 100, 0, 'f', 0) : QString::number(y, 'g', 3);
            p.drawText(QRectF(area.left(), a.y() - lh / 2, left - area.left() - 5, lh),
                       Qt::AlignRight | Qt::AlignVCenter, text);
        }
        p.setPen(QPen(QColor(120, 120, 120), 1.0));
        p.drawLine(panel.rect.bottomLeft(), panel.rect.bottomRight());
        p.drawLine(panel.rect.bottomLeft(), panel.rect.topLeft());
    };
    frame(loss, tr("Loss"), lossStep, false);
    frame(acc, tr("Accuracy"), 0.25, true);

    // Epoch ticks under the accuracy panel (shared x axis).
    const double xStep = niceStep(xMax, 5);
    p.setPen(ink);
    for (double x = 0; x <= xMax + 1e-9; x += xStep) {
        const QPointF a = acc.map(x, 0);
        p.drawLine(a, a + QPointF(0, 3));
        p.drawText(QRectF(a.x() - 30, a.y() + 3, 60, lh), Qt::AlignHCenter | Qt::AlignTop, QString::number(x, 'g', 6));
    }
    p.drawText(QRectF(left, area.bottom() - lh - 3, right - left, lh), Qt::AlignHCenter | Qt::AlignVCenter,
               tr("epoch"));

    p.save();
    p.setClipRect(loss.rect.adjusted(-2, -2, 2, 2));
    drawSeries(p, loss, epochs_, kTrainColor, [](const EpochInfo& e) { return e.trainLoss; });
    if (hasTest)
        drawSeries(p, loss, epochs_, kTestColor,
                   [](const EpochInfo& e) { return e.hasValidation ? e.validationLoss : std::nan(""); });
    p.restore();
    p.save();
    p.setClipRect(acc.rect.adjusted(-2, -2, 2, 2));
    drawSeries(p, acc, epochs_, kTrainColor, [](const EpochInfo& e) { return e.trainAccuracy; });
    if (hasTest)
        drawSeries(p, acc, epochs_, kTestColor,
                   [](const EpochInfo& e) { return e.hasValidation ? e.validationAccuracy : std::nan(""); });
    p.restore();

    if (epochs_.empty()) {
        p.setPen(QColor(130, 130, 130));
        p.drawText(loss.rect, Qt::AlignCenter, tr("No epochs yet"));
    }
    p.restore();
}

void LossChart::exportImage(const QString& path) {
    QSize size = this->size();
    if (!isVisible() || size.width() < 320 || size.height() < 200) size = QSize(640, 400);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(tr("Loss and accuracy"));
        QPainter p;
        if (!p.begin(&svg)) {
            qWarning("LossChart: cannot write %s", qPrintable(path));
            return;
        }
        p.setFont(font());
        paintChart(p, QRectF(QPointF(0, 0), size));
        p.end();
        return;
    }
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setFont(font());
        paintChart(p, QRectF(QPointF(0, 0), size));
    }
    if (!image.save(path)) qWarning("LossChart: cannot write %s", qPrintable(path));
}

void LossChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) update();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
