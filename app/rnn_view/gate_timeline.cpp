#include "gate_timeline.hpp"

#include "stepview/matrix_heatmap.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace deepstep::studio::rnn {

GateTimeline::GateTimeline(QWidget* parent) : QWidget(parent), grid_(new QGridLayout), note_(new QLabel) {
    auto* layout = new QVBoxLayout(this);
    note_->setWordWrap(true);
    layout->addWidget(note_);
    layout->addLayout(grid_);
    layout->addStretch(1);
}

void GateTimeline::setProbe(const SequenceProbe* probe, bool gradients, const std::string& language) {
    const std::size_t count = probe == nullptr ? 0 : probe->series.size();
    while (maps_.size() > count) {
        delete maps_.back();
        delete helps_.back();
        maps_.pop_back();
        helps_.pop_back();
    }
    while (maps_.size() < count) {
        const auto i = static_cast<int>(maps_.size());
        auto* map = new MatrixHeatmap;
        auto* help = new QLabel;
        help->setWordWrap(true);
        // Two heatmaps side by side: the tab fits a laptop's 1366-pixel screen.
        grid_->addWidget(map, (i / 2) * 2, i % 2);
        grid_->addWidget(help, (i / 2) * 2 + 1, i % 2);
        maps_.push_back(map);
        helps_.push_back(help);
    }
    if (probe == nullptr) {
        note_->setText(tr("Choose a recurrent lab to see its gates over time."));
        return;
    }
    const std::size_t shown = std::min(probe->units, kMostUnits);
    note_->setText(
        (gradients ? tr("Gradients dE/d(value) of every internal of layer \"%1\", one row per unit, one column "
                        "per time step t = 1 … %2.")
                   : tr("Values of every internal of layer \"%1\", one row per unit, one column per time step "
                        "t = 1 … %2."))
            .arg(QString::fromStdString(probe->layer))
            .arg(probe->steps) +
        (shown < probe->units ? QLatin1Char(' ') + tr("Units 1 … %1 of %2 are shown.").arg(shown).arg(probe->units)
                              : QString()));
    for (std::size_t k = 0; k < count; ++k) {
        const StepSeries& s = probe->series[k];
        MatrixHeatmap* map = maps_[k];
        map->setTitle(QString::fromStdString(s.name));
        helps_[k]->setText(QString::fromStdString(s.help.in(language)));
        const std::vector<float>& src = gradients ? s.grad : s.value;
        if (src.empty()) {
            map->clear(tr("no gradient: run the backward pass"));
            continue;
        }
        QVector<double> cells(static_cast<qsizetype>(shown * probe->steps));
        for (std::size_t u = 0; u < shown; ++u)
            for (std::size_t t = 0; t < probe->steps; ++t)
                cells[static_cast<qsizetype>(u * probe->steps + t)] = src[t * probe->units + u];
        map->setMatrix(static_cast<int>(shown), static_cast<int>(probe->steps), std::move(cells));
    }
}

StepGradientChart::StepGradientChart(QWidget* parent) : QWidget(parent) {
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setMinimumSize(320, 220);
}

void StepGradientChart::setCurves(std::vector<Curve> curves) {
    curves_ = std::move(curves);
    update();
}

void StepGradientChart::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    std::size_t steps = 0;
    double lo = INFINITY;
    double hi = -INFINITY;
    for (const Curve& c : curves_) {
        steps = std::max(steps, c.norms.size());
        for (double v : c.norms) {
            if (v > 0 && std::isfinite(v)) {
                lo = std::min(lo, std::log10(v));
                hi = std::max(hi, std::log10(v));
            }
        }
    }
    if (steps == 0 || !std::isfinite(lo)) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No gradients yet."));
        return;
    }
    lo = std::floor(lo);
    hi = std::max(std::ceil(hi), lo + 1);
    const QRectF plot(fm.horizontalAdvance(QStringLiteral("10⁻¹⁰")) + 16, 12,
                      width() - fm.horizontalAdvance(QStringLiteral("10⁻¹⁰")) - 32,
                      height() - 12 - 2.5 * fm.height() - 8 - static_cast<double>(curves_.size()) * fm.height());
    const auto xAt = [&](std::size_t t) {
        return plot.left() + (steps == 1 ? 0.5 : static_cast<double>(t) / static_cast<double>(steps - 1)) * plot.width();
    };
    const auto yAt = [&](double logv) { return plot.bottom() - (logv - lo) / (hi - lo) * plot.height(); };
    // Axes: powers of ten up the side, steps along the bottom.
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(plot);
    const auto superscript = [](int e) {
        static const QChar digits[] = {QChar(0x2070), QChar(0x00B9), QChar(0x00B2), QChar(0x00B3), QChar(0x2074),
                                       QChar(0x2075), QChar(0x2076), QChar(0x2077), QChar(0x2078), QChar(0x2079)};
        QString out = e < 0 ? QString(QChar(0x207B)) : QString();
        for (const QChar c : QString::number(std::abs(e)))
            out += digits[c.digitValue()];
        return QStringLiteral("10") + out;
    };
    const int decades = static_cast<int>(hi - lo);
    const int every = std::max(1, decades / 8);
    for (int e = static_cast<int>(lo); e <= static_cast<int>(hi); e += every) {
        const double y = yAt(e);
        p.setPen(QPen(palette().color(QPalette::Midlight), 0.8, Qt::DotLine));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(0, y - fm.height() / 2.0, plot.left() - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   superscript(e));
    }
    const std::size_t tickEvery = std::max<std::size_t>(1, steps / 10);
    for (std::size_t t = 0; t < steps; t += tickEvery) {
        p.drawText(QRectF(xAt(t) - 20, plot.bottom() + 2, 40, fm.height()), Qt::AlignCenter, QString::number(t + 1));
    }
    p.drawText(QRectF(plot.left(), plot.bottom() + fm.height() + 2, plot.width(), fm.height()), Qt::AlignCenter,
               tr("time step t  (gradient norm, log scale)"));
    // The curves and their legend.
    double legendY = plot.bottom() + 2.2 * fm.height() + 6;
    for (const Curve& c : curves_) {
        QPainterPath path;
        bool open = false;
        for (std::size_t t = 0; t < c.norms.size(); ++t) {
            const double v = c.norms[t];
            if (!(v > 0) || !std::isfinite(v)) {
                open = false;
                continue;
            }
            const QPointF pt(xAt(t), yAt(std::log10(v)));
            if (open) {
                path.lineTo(pt);
            } else {
                path.moveTo(pt);
                open = true;
            }
            p.setPen(Qt::NoPen);
            p.setBrush(c.colour);
            p.drawEllipse(pt, 2.5, 2.5);
        }
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(c.colour, 2, c.dashed ? Qt::DashLine : Qt::SolidLine));
        p.drawPath(path);
        p.drawLine(QPointF(plot.left(), legendY + fm.height() / 2.0), QPointF(plot.left() + 24, legendY + fm.height() / 2.0));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(plot.left() + 30, legendY, plot.width() - 30, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   c.label);
        legendY += fm.height();
    }
}

}  // namespace deepstep::studio::rnn
