#include "step_loss_chart.hpp"

#include "model/step_session.hpp"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

StepLossChart::StepLossChart(StepSession& session, QWidget* parent) : QWidget(parent), session_(session) {
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    connect(&session_, &StepSession::changed, this, &StepLossChart::onChanged);
    connect(&session_, &StepSession::reloaded, this, [this] {
        points_.clear();
        update();
    });
}

void StepLossChart::onChanged() {
    const auto it = static_cast<double>(session_.iteration());
    // Undo may have gone back over iterations: forget what it took back.
    while (!points_.isEmpty() && points_.back().x() > it) points_.removeLast();
    const StepRecord* r = session_.record();
    if (r != nullptr && it > 0 && (points_.isEmpty() || points_.back().x() < it) && std::isfinite(r->loss)) {
        points_.append(QPointF(it, static_cast<double>(r->loss)));
    }
    update();
}

void StepLossChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) update();
    QWidget::changeEvent(event);
}

namespace {

// 1, 2 or 5 times a power of ten, so that about `target` ticks span `range`.
double niceStep(double range, int target) {
    const double raw = range / std::max(1, target);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (raw <= m * mag) return m * mag;
    }
    return 10.0 * mag;
}

}  // namespace

void StepLossChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const int pad = fm.height();
    QFont titleFont = font();
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(palette().color(QPalette::Text));
    const QRect titleRect(0, pad / 2, width(), QFontMetrics(titleFont).height());
    p.drawText(titleRect, Qt::AlignHCenter, tr("Batch loss per iteration (step by step)"));
    p.setFont(font());

    if (points_.isEmpty()) {
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Step through an experiment (Step by step tab) to see its loss here."));
        return;
    }

    double xMax = std::max(points_.back().x(), 1.0);
    double xMin = std::min(points_.front().x(), xMax - 1.0);
    double yMax = 0.0;
    for (const QPointF& pt : points_) yMax = std::max(yMax, pt.y());
    if (yMax <= 0.0) yMax = 1.0;
    const double yStep = niceStep(yMax, 5);
    yMax = std::ceil(yMax / yStep) * yStep;
    const double xStep = std::max(1.0, niceStep(xMax - xMin, 8));

    const int labelWidth = fm.horizontalAdvance(QString::number(yMax, 'g', 4)) + pad;
    const QRect plot(labelWidth + pad, titleRect.bottom() + pad, width() - labelWidth - 3 * pad,
                     height() - titleRect.bottom() - 4 * pad);
    if (plot.width() < 20 || plot.height() < 20) return;
    auto map = [&](double x, double y) {
        return QPointF(plot.left() + (x - xMin) / (xMax - xMin) * plot.width(), plot.bottom() - y / yMax * plot.height());
    };

    const QColor grid = palette().color(QPalette::Mid);
    for (double y = 0.0; y <= yMax + 1e-12; y += yStep) {
        const QPointF a = map(xMin, y);
        p.setPen(QPen(grid, 0, Qt::DotLine));
        p.drawLine(a, map(xMax, y));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(0, a.y() - fm.height() / 2.0, labelWidth + pad / 2.0, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(y, 'g', 4));
    }
    for (double x = std::ceil(xMin / xStep) * xStep; x <= xMax + 1e-9; x += xStep) {
        const QPointF a = map(x, 0.0);
        p.setPen(QPen(grid, 0, Qt::DotLine));
        p.drawLine(a, map(x, yMax));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(a.x() - 40, plot.bottom() + 2, 80, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(x, 'g', 6));
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawRect(plot);
    p.drawText(QRect(plot.left(), plot.bottom() + fm.height() + 2, plot.width(), fm.height()), Qt::AlignHCenter,
               tr("iteration"));
    p.save();
    p.translate(pad / 2.0 + fm.ascent() / 2.0, plot.center().y());
    p.rotate(-90);
    p.drawText(QRect(-plot.height() / 2, -fm.height() / 2, plot.height(), fm.height()), Qt::AlignCenter, tr("loss"));
    p.restore();

    QPainterPath line;
    line.moveTo(map(points_.front().x(), points_.front().y()));
    for (const QPointF& pt : points_) line.lineTo(map(pt.x(), pt.y()));
    p.setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
    p.drawPath(line);
    p.setBrush(QColor(0x1f, 0x77, 0xb4));
    if (points_.size() <= 60) {
        for (const QPointF& pt : points_) p.drawEllipse(map(pt.x(), pt.y()), 3, 3);
    }
    const QPointF& last = points_.back();
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(plot.left(), plot.top() + 4, plot.width() - 8, fm.height()), Qt::AlignRight,
               tr("iteration %1: loss %2").arg(last.x()).arg(last.y(), 0, 'g', 5));
}

}  // namespace deepstep::studio
