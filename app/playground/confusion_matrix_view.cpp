#include "confusion_matrix_view.hpp"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <limits>
#include <numeric>

namespace deepstep::studio {

namespace {
// Room either side of a column's label.
constexpr double kLabelPadding = 3.0;
}  // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void ConfusionMatrixView::setCounts(int classes, const std::vector<std::size_t>& counts) {
    if (classes <= 0 || counts.size() != static_cast<std::size_t>(classes) * static_cast<std::size_t>(classes)) {
        clear();
        return;
    }
    if (classes == classes_ && counts == counts_) return;  // reports repeat the same counts often
    classes_ = classes;
    counts_ = counts;
    update();
}

void ConfusionMatrixView::clear() {
    classes_ = 0;
    counts_.clear();
    update();
}

void ConfusionMatrixView::setClassNames(const QStringList& names) {
    if (names == names_) return;
    names_ = names;
    update();
}

void ConfusionMatrixView::setCaption(const QString& caption) {
    if (caption == caption_) return;
    caption_ = caption;
    update();
}

std::size_t ConfusionMatrixView::count(int truth, int predicted) const {
    if (truth < 0 || predicted < 0 || truth >= classes_ || predicted >= classes_) return 0;
    return counts_[static_cast<std::size_t>(truth) * static_cast<std::size_t>(classes_) +
                   static_cast<std::size_t>(predicted)];
}

std::size_t ConfusionMatrixView::total() const {
    return std::accumulate(counts_.begin(), counts_.end(), std::size_t{0});
}

double ConfusionMatrixView::accuracy() const {
    const std::size_t n = total();
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    std::size_t diagonal = 0;
    for (int c = 0; c < classes_; ++c)
        diagonal += count(c, c);
    return static_cast<double>(diagonal) / static_cast<double>(n);
}

QString ConfusionMatrixView::className(int cls) const {
    return cls < names_.size() ? names_[cls] : QString::number(cls);
}

ConfusionMatrixView::ColumnHeader ConfusionMatrixView::columnHeaderFor(const QStringList& names,
                                                                       const QFontMetrics& fm, double columnWidth) {
    for (const QString& name : names) {
        if (fm.horizontalAdvance(name) + 2 * kLabelPadding > columnWidth) return ColumnHeader::Numbers;
    }
    return ColumnHeader::Names;
}

QString ConfusionMatrixView::rowLabel(int cls, ColumnHeader header) const {
    if (header == ColumnHeader::Names || cls >= names_.size()) return className(cls);
    return QStringLiteral("%1 %2").arg(names_[cls]).arg(cls);
}

ConfusionMatrixView::Layout ConfusionMatrixView::layout(ColumnHeader header) const {
    const QFontMetrics fm(font());
    const double lh = fm.height();
    int labelWidth = fm.horizontalAdvance(tr("true"));
    for (int c = 0; c < classes_; ++c)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(rowLabel(c, header)));
    Layout l;
    l.header = header;
    // Very long names take at most 40 % of the width and are elided there.
    // (2 pixels spare: a label drawn in two parts is a little wider than in one.)
    l.rowLabelWidth = std::min<double>(labelWidth + 2, std::max(40.0, 0.4 * width()));
    const double left = l.rowLabelWidth + lh + 10;  // rotated "true" label, then the rows' labels
    const double top = lh * 3 + 8;                  // title, "predicted", the columns' labels
    const double bottomSpace = lh + 6;              // accuracy line
    const int n = std::max(classes_, 1);
    l.cell = std::max(12.0, std::min((width() - left - 4) / n, (height() - top - bottomSpace - 2) / n));
    l.grid = QRectF(left, top, l.cell * classes_, l.cell * classes_);
    return l;
}

ConfusionMatrixView::Layout ConfusionMatrixView::layout() const {
    const Layout named = layout(ColumnHeader::Names);
    QStringList names;
    for (int c = 0; c < classes_; ++c)
        names << className(c);
    if (columnHeaderFor(names, QFontMetrics(font()), named.cell) == ColumnHeader::Names) return named;
    return layout(ColumnHeader::Numbers);
}

ConfusionMatrixView::ColumnHeader ConfusionMatrixView::columnHeader() const {
    return layout().header;
}

double ConfusionMatrixView::cellSize() const {
    return layout().cell;
}

QString ConfusionMatrixView::columnLabel(int cls) const {
    return columnHeader() == ColumnHeader::Names ? className(cls) : QString::number(cls);
}

QString ConfusionMatrixView::rowLabel(int cls) const {
    return rowLabel(cls, columnHeader());
}

bool ConfusionMatrixView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip && classes_ > 0) {
        auto* help = static_cast<QHelpEvent*>(event);
        const Layout l = layout();
        const QPointF at = help->pos();
        if (l.grid.contains(at)) {
            const int t = std::clamp(static_cast<int>((at.y() - l.grid.top()) / l.cell), 0, classes_ - 1);
            const int c = std::clamp(static_cast<int>((at.x() - l.grid.left()) / l.cell), 0, classes_ - 1);
            QToolTip::showText(help->globalPos(),
                               tr("true %1, predicted %2: %3").arg(className(t), className(c)).arg(count(t, c)), this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

void ConfusionMatrixView::paintEvent(QPaintEvent* /*event*/) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const double lh = fm.height();
    const QColor ink = palette().color(QPalette::WindowText);
    p.setPen(ink);

    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QString title = caption_.isEmpty() ? tr("Confusion matrix") : tr("Confusion matrix (%1)").arg(caption_);
    p.drawText(QRectF(0, 0, width(), lh + 2), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(bold).elidedText(title, Qt::ElideRight, width()));
    p.setFont(font());

    if (classes_ == 0) {
        p.setPen(QColor(130, 130, 130));
        p.drawText(rect().adjusted(0, static_cast<int>(lh), 0, 0), Qt::AlignCenter, tr("No predictions yet"));
        return;
    }

    const Layout l = layout();
    const QRectF grid = l.grid;
    const double cell = l.cell;

    p.drawText(QRectF(grid.left(), lh + 2, grid.width(), lh), Qt::AlignCenter, tr("predicted"));
    p.save();
    p.translate(lh / 2 + 2, grid.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-grid.height() / 2, -lh / 2, grid.height(), lh), Qt::AlignCenter, tr("true"));
    p.restore();

    for (int t = 0; t < classes_; ++t) {
        std::size_t rowTotal = 0;
        for (int c = 0; c < classes_; ++c)
            rowTotal += count(t, c);
        p.setPen(ink);
        const QString column = l.header == ColumnHeader::Names ? className(t) : QString::number(t);
        p.drawText(QRectF(grid.left() + t * cell, lh * 2 + 4, cell, lh), Qt::AlignCenter,
                   fm.elidedText(column, Qt::ElideRight, static_cast<int>(cell)));
        const QRectF label(lh + 4, grid.top() + t * cell, l.rowLabelWidth, cell);
        if (l.header == ColumnHeader::Numbers && t < names_.size()) {
            // The name, then the number in a column of its own beside the cells.
            const double numberWidth = fm.horizontalAdvance(QString::number(classes_ - 1));
            const double nameWidth = std::max(0.0, label.width() - numberWidth - fm.horizontalAdvance(QLatin1Char(' ')));
            p.drawText(label.adjusted(0, 0, -(label.width() - nameWidth), 0), Qt::AlignRight | Qt::AlignVCenter,
                       fm.elidedText(names_[t], Qt::ElideRight, static_cast<int>(nameWidth)));
            p.drawText(label, Qt::AlignRight | Qt::AlignVCenter, QString::number(t));
        } else {
            p.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                       fm.elidedText(className(t), Qt::ElideRight, static_cast<int>(label.width())));
        }
        for (int c = 0; c < classes_; ++c) {
            const std::size_t n = count(t, c);
            const double share = rowTotal == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(rowTotal);
            const QColor base = t == c ? QColor(46, 160, 67) : QColor(207, 34, 46);
            QColor fill = base;
            fill.setAlphaF(0.08 + 0.8 * share);
            const QRectF box(grid.left() + c * cell, grid.top() + t * cell, cell, cell);
            p.fillRect(box, Qt::white);
            p.fillRect(box, fill);
            p.setPen(QPen(QColor(160, 160, 160), 1.0));
            p.drawRect(box);
            p.setPen(share > 0.55 ? QColor(Qt::white) : ink);
            p.drawText(box, Qt::AlignCenter, QString::number(n));
        }
    }
    p.setPen(ink);
    p.drawText(QRectF(0, grid.bottom() + 4, width(), lh), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Accuracy %1 % of %2").arg(accuracy() * 100.0, 0, 'f', 1).arg(total()));
}

void ConfusionMatrixView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::FontChange) update();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
