#include "unrolled_view.hpp"

#include "stepview/matrix_heatmap.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace deepstep::studio::rnn {

namespace {

constexpr int kMargin = 14;
constexpr int kStartWidth = 56;  // the h_0 box
constexpr int kCellWidth = 104;
constexpr int kGap = 40;
constexpr int kLossTop = 8;
constexpr int kLossHeight = 34;
constexpr int kCellTop = 76;
constexpr int kCellHeight = 112;
constexpr int kInputTop = 232;
constexpr int kInputHeight = 26;
constexpr int kHeight = 300;
const QColor kForward(40, 40, 40);
const QColor kBackward(200, 40, 40);
const QColor kPending(170, 170, 170);

// The same diverging colours as the heatmaps: red below zero, blue above, on ±1.
QColor unitColour(double v) {
    const double a = std::clamp(std::abs(v), 0.0, 1.0);
    const int fade = static_cast<int>(255 * (1.0 - a));
    return v < 0 ? QColor(255, fade, fade) : QColor(fade, fade, 255);
}

QString number(double v) { return QString::number(v, 'f', 4); }

// "h" and 12 as "h₁₂".
QString indexed(const QString& symbol, int index) {
    QString out = symbol;
    for (const QChar c : QString::number(index))
        out += QChar(0x2080 + c.digitValue());
    return out;
}

void arrow(QPainter& p, QPointF from, QPointF to) {
    p.drawLine(from, to);
    const QPointF d = to - from;
    const double len = std::hypot(d.x(), d.y());
    if (len < 1) return;
    const QPointF u = d / len;
    const QPointF n(-u.y(), u.x());
    QPainterPath head;
    head.moveTo(to);
    head.lineTo(to - u * 8 + n * 4);
    head.lineTo(to - u * 8 - n * 4);
    head.closeSubpath();
    p.fillPath(head, p.pen().color());
}

}  // namespace

UnrolledView::UnrolledView(QWidget* parent) : QWidget(parent) {
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void UnrolledView::setProbe(const SequenceProbe* probe, QStringList inputLabels) {
    probe_ = probe;
    inputLabels_ = std::move(inputLabels);
    if (probe_ != nullptr) {
        unit_ = std::clamp(unit_, 0, std::max(0, static_cast<int>(probe_->units) - 1));
        phase_ = std::min(phase_, maxPhase());
        if (selected_ >= static_cast<int>(probe_->steps)) selected_ = -1;
    }
    updateGeometry();
    update();
}

void UnrolledView::setUnit(int unit) {
    unit_ = std::max(0, unit);
    if (probe_ != nullptr) unit_ = std::min(unit_, std::max(0, static_cast<int>(probe_->units) - 1));
    update();
}

int UnrolledView::maxPhase() const { return probe_ == nullptr ? 0 : 2 * static_cast<int>(probe_->steps); }

void UnrolledView::setPhase(int phase) {
    phase_ = std::clamp(phase, 0, maxPhase());
    update();
}

bool UnrolledView::forwardShown(int t) const { return probe_ != nullptr && t >= 0 && phase_ >= t + 1; }

bool UnrolledView::backwardShown(int t) const {
    if (probe_ == nullptr || t < 0 || probe_->hiddenStates().grad.empty()) return false;
    const int steps = static_cast<int>(probe_->steps);
    const int back = phase_ - steps;
    return back > 0 && t >= steps - back;
}

void UnrolledView::selectStep(int t) {
    selected_ = t;
    update();
}

QRect UnrolledView::cellRect(int t) const {
    const int x = kMargin + kStartWidth + kGap + t * (kCellWidth + kGap);
    return {x, kCellTop, kCellWidth, kCellHeight};
}

int UnrolledView::stepAt(const QPoint& pos) const {
    if (probe_ == nullptr) return -1;
    for (int t = 0; t < static_cast<int>(probe_->steps); ++t) {
        const QRect r = cellRect(t);
        if (pos.x() >= r.left() && pos.x() <= r.right() && pos.y() >= kLossTop && pos.y() <= kHeight) return t;
    }
    return -1;
}

QSize UnrolledView::sizeHint() const {
    const int steps = probe_ == nullptr ? 4 : static_cast<int>(probe_->steps);
    return {cellRect(steps - 1).right() + kMargin, kHeight};
}

void UnrolledView::mousePressEvent(QMouseEvent* event) {
    const int t = stepAt(event->position().toPoint());
    if (t >= 0) {
        selectStep(t);
        emit stepClicked(t);
    }
}

void UnrolledView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (probe_ == nullptr) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Choose a recurrent lab to see its layer unrolled over time."));
        return;
    }
    const SequenceProbe& pr = *probe_;
    const StepSeries& h = pr.hiddenStates();
    const auto steps = static_cast<int>(pr.steps);
    const auto units = pr.units;
    const auto j = static_cast<std::size_t>(unit_);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetrics fm(font());
    double maxNorm = 0.0;
    for (double g : pr.gradientNorm)
        maxNorm = std::max(maxNorm, g);

    // h_0
    const QRect start(kMargin, kCellTop + kCellHeight / 2 - 22, kStartWidth, 44);
    p.setPen(kForward);
    p.drawRoundedRect(start, 6, 6);
    p.drawText(start.adjusted(0, 2, 0, -20), Qt::AlignCenter, QStringLiteral("h₀"));
    p.setFont(small);
    const double h0 = j < pr.initialState.size() ? pr.initialState[j] : 0.0;
    p.drawText(start.adjusted(0, 20, 0, 0), Qt::AlignCenter, number(h0));
    p.setFont(font());

    for (int t = 0; t < steps; ++t) {
        const QRect cell = cellRect(t);
        const bool fwd = forwardShown(t);
        const bool bwd = backwardShown(t);
        const QColor ink = fwd ? kForward : kPending;
        // The state arriving from the left.
        const int midY = cell.top() + 30;
        const QPointF from(t == 0 ? start.right() : cellRect(t - 1).right(), midY);
        p.setPen(QPen(ink, 1.6));
        arrow(p, from, QPointF(cell.left(), midY));
        p.setFont(small);
        p.drawText(QRectF(from.x(), midY - 20, cell.left() - from.x(), 16), Qt::AlignCenter,
                   indexed(QStringLiteral("h"), t));
        if (bwd && t > 0) {
            // δ flows on to step t − 1.
            p.setPen(QPen(kBackward, 1.6));
            arrow(p, QPointF(cell.left(), midY + 22), QPointF(cellRect(t - 1).right(), midY + 22));
            p.drawText(QRectF(cellRect(t - 1).right(), midY + 24, kGap, 16), Qt::AlignCenter, QStringLiteral("δ"));
        }
        p.setFont(font());

        // The cell.
        p.setPen(QPen(t == selected_ ? palette().color(QPalette::Highlight) : ink, t == selected_ ? 3 : 1.4));
        p.setBrush(fwd ? palette().color(QPalette::Base) : palette().color(QPalette::Window));
        p.drawRoundedRect(cell, 8, 8);
        p.setBrush(Qt::NoBrush);
        p.setPen(ink);
        p.drawText(QRect(cell.left(), cell.top() + 4, cell.width(), fm.height()), Qt::AlignCenter,
                   tr("t = %1").arg(t + 1));
        const QString hText = fwd ? number(h.at(static_cast<std::size_t>(t), j, units)) : QStringLiteral("?");
        p.drawText(QRect(cell.left() + 6, cell.top() + 8 + fm.height(), cell.width() - 12, fm.height()),
                   Qt::AlignLeft, QStringLiteral("h = %1").arg(hText));
        int line = 2;
        if (pr.cell) {
            const QString cText =
                fwd ? number(pr.series[*pr.cell].at(static_cast<std::size_t>(t), j, units)) : QStringLiteral("?");
            p.drawText(QRect(cell.left() + 6, cell.top() + 8 + line * fm.height(), cell.width() - 12, fm.height()),
                       Qt::AlignLeft, QStringLiteral("c = %1").arg(cText));
            ++line;
        }
        // Every unit of h_t as a strip of colours.
        if (fwd) {
            const std::size_t shown = std::min<std::size_t>(units, 32);
            const double w = static_cast<double>(cell.width() - 12) / static_cast<double>(shown);
            for (std::size_t u = 0; u < shown; ++u) {
                const QRectF r(cell.left() + 6 + w * static_cast<double>(u), cell.top() + 12 + line * fm.height(), w,
                               10);
                p.fillRect(r, unitColour(h.at(static_cast<std::size_t>(t), u, units)));
                if (u == j) {
                    p.setPen(QPen(kForward, 1));
                    p.drawRect(r);
                }
            }
        }
        // δ_t and the size of ∂E/∂h_t.
        if (bwd) {
            const double d = h.grad[static_cast<std::size_t>(t) * units + j];
            p.setPen(kBackward);
            p.drawText(QRect(cell.left() + 6, cell.bottom() - 2 * fm.height() - 10, cell.width() - 12, fm.height()),
                       Qt::AlignLeft, QStringLiteral("δ = %1").arg(number(d)));
            const double norm = pr.gradientNorm[static_cast<std::size_t>(t)];
            const double frac = maxNorm > 0 ? norm / maxNorm : 0.0;
            p.fillRect(QRectF(cell.left() + 6, cell.bottom() - fm.height() - 4, (cell.width() - 12) * frac, 8),
                       kBackward);
            p.setPen(QPen(kBackward, 0.8));
            p.drawRect(QRectF(cell.left() + 6, cell.bottom() - fm.height() - 4, cell.width() - 12, 8));
        }

        // x_t below, feeding the cell.
        const QRect input(cell.left() + 10, kInputTop, cell.width() - 20, kInputHeight);
        p.setPen(kForward);
        p.drawRect(input);
        p.setFont(small);
        const QString label = t < inputLabels_.size() ? inputLabels_.at(t) : QString();
        p.drawText(input, Qt::AlignCenter, fm.elidedText(label, Qt::ElideRight, input.width() - 4));
        p.drawText(QRect(cell.left(), kInputTop + kInputHeight + 2, cell.width(), fm.height()), Qt::AlignCenter,
                   indexed(QStringLiteral("x"), t + 1));
        p.setFont(font());
        p.setPen(QPen(ink, 1.4));
        arrow(p, QPointF(cell.center().x(), kInputTop), QPointF(cell.center().x(), cell.bottom()));
    }

    // The loss above the last step.
    if (steps > 0) {
        const QRect last = cellRect(steps - 1);
        const QRect loss(last.left(), kLossTop, last.width(), kLossHeight);
        const bool done = forwardShown(steps - 1);
        p.setPen(QPen(done ? kForward : kPending, 1.4));
        p.drawRoundedRect(loss, 6, 6);
        p.drawText(loss, Qt::AlignCenter,
                   done ? QStringLiteral("E = %1").arg(number(pr.loss)) : QStringLiteral("E = ?"));
        arrow(p, QPointF(last.center().x(), last.top()), QPointF(last.center().x(), loss.bottom()));
        if (backwardShown(steps - 1)) {
            p.setPen(QPen(kBackward, 1.6));
            arrow(p, QPointF(last.center().x() + 14, loss.bottom()), QPointF(last.center().x() + 14, last.top()));
        }
    }
}

}  // namespace deepstep::studio::rnn
