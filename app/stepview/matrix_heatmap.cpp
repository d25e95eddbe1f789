#include "stepview/matrix_heatmap.hpp"

#include "stepview/step_values.hpp"

#include <QEvent>
#include <QHelpEvent>
#include <QImage>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

namespace {
constexpr int kTitleHeight = 20;
constexpr int kLegendHeight = 30;
constexpr int kMargin = 4;
const QColor kNegative(178, 24, 43);
const QColor kPositive(33, 102, 172);

QColor blend(const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}
}  // namespace

MatrixHeatmap::MatrixHeatmap(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void MatrixHeatmap::setTitle(const QString& title) {
    title_ = title;
    update();
}

void MatrixHeatmap::setMatrix(int rows, int cols, QVector<double> values) {
    if (rows <= 0 || cols <= 0 || values.size() != static_cast<qsizetype>(rows) * cols) {
        clear();
        return;
    }
    rows_ = rows;
    cols_ = cols;
    values_ = std::move(values);
    scale_ = 0.0;
    for (double v : values_) {
        if (std::isfinite(v)) scale_ = std::max(scale_, std::fabs(v));
    }
    if (scale_ == 0.0) scale_ = 1.0;
    placeholder_.clear();
    updateGeometry();
    update();
}

void MatrixHeatmap::setTensor(const Tensor& t) {
    const auto [rows, cols] = matrixShape(t);
    QVector<double> v;
    v.reserve(static_cast<qsizetype>(t.size()));
    for (float x : t.values()) v.push_back(static_cast<double>(x));
    setMatrix(rows, cols, std::move(v));
}

void MatrixHeatmap::clear(const QString& placeholder) {
    rows_ = 0;
    cols_ = 0;
    values_.clear();
    scale_ = 1.0;
    placeholder_ = placeholder;
    update();
}

QColor MatrixHeatmap::colorFor(double v) const {
    if (!std::isfinite(v)) return QColor(90, 90, 90);
    const double t = std::clamp(std::fabs(v) / scale_, 0.0, 1.0);
    return blend(Qt::white, v < 0 ? kNegative : kPositive, t);
}

QRect MatrixHeatmap::cellArea() const {
    const QRect avail = rect().adjusted(kMargin, kTitleHeight, -kMargin, -kLegendHeight);
    if (!hasData() || avail.width() <= 0 || avail.height() <= 0) return {};
    // Square cells when they fit, so a 3 × 2 matrix does not look like a 2 × 3 one.
    const double cell = std::min(static_cast<double>(avail.width()) / cols_, static_cast<double>(avail.height()) / rows_);
    const int w = std::max(1, static_cast<int>(cell * cols_));
    const int h = std::max(1, static_cast<int>(cell * rows_));
    return {avail.left() + (avail.width() - w) / 2, avail.top() + (avail.height() - h) / 2, w, h};
}

QPoint MatrixHeatmap::cellAt(const QPoint& pos) const {
    const QRect area = cellArea();
    if (!area.contains(pos)) return {-1, -1};
    const int col = std::min(cols_ - 1, (pos.x() - area.left()) * cols_ / area.width());
    const int row = std::min(rows_ - 1, (pos.y() - area.top()) * rows_ / area.height());
    return {col, row};
}

QString MatrixHeatmap::cellText(int row, int col) const {
    return tr("row %1, column %2: %3").arg(row).arg(col).arg(formatNumber(value(row, col)));
}

QSize MatrixHeatmap::sizeHint() const { return {220, 200}; }
QSize MatrixHeatmap::minimumSizeHint() const { return {90, 110}; }

bool MatrixHeatmap::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QPoint cell = cellAt(help->pos());
        if (cell.x() >= 0) {
            QToolTip::showText(help->globalPos(), cellText(cell.y(), cell.x()), this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void MatrixHeatmap::mousePressEvent(QMouseEvent* event) {
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.x() >= 0) emit cellClicked(cell.y(), cell.x());
    QWidget::mousePressEvent(event);
}

void MatrixHeatmap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    QFont titleFont = font();
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(pal.color(QPalette::WindowText));
    const QString shape = hasData() ? QStringLiteral("  (%1 × %2)").arg(rows_).arg(cols_) : QString();
    p.drawText(QRect(kMargin, 0, width() - 2 * kMargin, kTitleHeight), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(title_ + shape, Qt::ElideRight, width() - 2 * kMargin));
    p.setFont(font());
    if (!hasData()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(kMargin, kTitleHeight, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
                   placeholder_);
        return;
    }
    QImage image(cols_, rows_, QImage::Format_RGB32);
    for (int r = 0; r < rows_; ++r) {
        for (int c = 0; c < cols_; ++c) image.setPixelColor(c, r, colorFor(value(r, c)));
    }
    const QRect area = cellArea();
    p.drawImage(area, image);
    p.setPen(QColor(150, 150, 150));
    p.drawRect(area.adjusted(0, 0, -1, -1));
    // Cell borders and numbers only where there is room to read them.
    const double cw = static_cast<double>(area.width()) / cols_;
    const double ch = static_cast<double>(area.height()) / rows_;
    if (cw >= 38 && ch >= 18) {
        QFont small = font();
        small.setPointSizeF(std::max(7.0, font().pointSizeF() - 1));
        p.setFont(small);
        for (int r = 0; r < rows_; ++r) {
            for (int c = 0; c < cols_; ++c) {
                const QRectF cell(area.left() + c * cw, area.top() + r * ch, cw, ch);
                p.setPen(QColor(200, 200, 200));
                p.drawRect(cell);
                const QColor bg = colorFor(value(r, c));
                p.setPen(bg.lightness() < 120 ? Qt::white : Qt::black);
                p.drawText(cell, Qt::AlignCenter, formatNumber(value(r, c)));
            }
        }
        p.setFont(font());
    }
    // Legend: −max … 0 … +max.
    const int ly = height() - kLegendHeight + 6;
    const QRect bar(kMargin + 8, ly, width() - 2 * kMargin - 16, 8);
    QLinearGradient g(bar.topLeft(), bar.topRight());
    g.setColorAt(0.0, kNegative);
    g.setColorAt(0.5, Qt::white);
    g.setColorAt(1.0, kPositive);
    p.fillRect(bar, g);
    p.setPen(QColor(150, 150, 150));
    p.drawRect(bar);
    p.setPen(pal.color(QPalette::WindowText));
    const QRect labels(bar.left() - 8, bar.bottom() + 1, bar.width() + 16, 14);
    p.drawText(labels, Qt::AlignLeft | Qt::AlignTop, formatNumber(-scale_));
    p.drawText(labels, Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("0"));
    p.drawText(labels, Qt::AlignRight | Qt::AlignTop, formatNumber(scale_));
}

}  // namespace deepstep::studio
