#include "map_views.hpp"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace deepstep::studio::cnn {

namespace {

constexpr int kMargin = 6;
constexpr int kGap = 6;
// Image maps are enlarged to about this many pixels along their longer side.
constexpr int kMapSide = 56;
constexpr int kMinMapSide = 28;
constexpr int kKernelSide = 40;

QString shapeText(const Shape& s) {
    QStringList parts;
    for (std::size_t d : s.dims())
        parts << QString::number(d);
    return parts.join(QStringLiteral(" × "));
}

QString number(float v) {
    return QString::number(static_cast<double>(v), 'g', 3);
}

// Pixels per value of a map: image maps near kMapSide (smaller, down to kMinMapSide, so
// that a layer's `count` maps fit one row), vectors as a strip.
QSize cellOf(const FeatureMap& m, int width, int count) {
    if (m.rows <= 1) {
        const int w = std::clamp((width - 2 * kMargin) / std::max(m.cols, 1), 1, 12);
        return {w, 14};
    }
    const int fitting = (width - 2 * kMargin) / std::max(count, 1) - kGap / 2;
    const int target = std::clamp(fitting, kMinMapSide, kMapSide);
    const int side = std::max(1, target / std::max(m.rows, m.cols));
    return {side, side};
}

}  // namespace

QImage mapImage(const FeatureMap& map, ValueRange r) {
    QImage img(std::max(map.cols, 1), std::max(map.rows, 1), QImage::Format_RGB32);
    img.fill(Qt::black);
    for (int y = 0; y < map.rows; ++y) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
        for (int x = 0; x < map.cols; ++x) {
            const int g = static_cast<int>(
                std::lround(255.0F * shadeOf(map.values[static_cast<std::size_t>(y) * map.cols + x], r)));
            line[x] = qRgb(g, g, g);
        }
    }
    return img;
}

QImage kernelImage(const FeatureMap& map, float absMax) {
    QImage img(std::max(map.cols, 1), std::max(map.rows, 1), QImage::Format_RGB32);
    img.fill(Qt::white);
    for (int y = 0; y < map.rows; ++y) {
        auto* line = reinterpret_cast<QRgb*>(img.scanLine(y));
        for (int x = 0; x < map.cols; ++x) {
            const float v = map.values[static_cast<std::size_t>(y) * map.cols + x];
            const float t = absMax > 0.0F ? std::clamp(std::abs(v) / absMax, 0.0F, 1.0F) : 0.0F;
            const int fade = static_cast<int>(std::lround(255.0F * (1.0F - t)));
            line[x] = v >= 0.0F ? qRgb(255, fade, fade) : qRgb(fade, fade, 255);
        }
    }
    return img;
}

// ---------------------------------------------------------------------------------------------

FlowingCanvas::FlowingCanvas(QWidget* parent) : QWidget(parent) {
    QSizePolicy p(QSizePolicy::Preferred, QSizePolicy::Preferred);
    p.setHeightForWidth(true);
    setSizePolicy(p);
}

void FlowingCanvas::contentChanged() {
    setMinimumHeight(heightForWidth(width()));
    updateGeometry();
    update();
}

void FlowingCanvas::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    setMinimumHeight(heightForWidth(width()));
}

void FlowingCanvas::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (const QString empty = emptyText(); !empty.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, empty);
        return;
    }
    paintOrMeasure(&painter, width());
}

// ---------------------------------------------------------------------------------------------

void FeatureMapsView::setLayers(std::vector<LayerMaps> layers, std::vector<std::vector<ValueRange>> ranges) {
    layers_ = std::move(layers);
    ranges_ = std::move(ranges);
    contentChanged();
}

void FeatureMapsView::clear() {
    setLayers({}, {});
}

QString FeatureMapsView::emptyText() const {
    return layers_.empty() ? tr("No network yet: start training or open a model.") : QString();
}

int FeatureMapsView::paintOrMeasure(QPainter* painter, int width) const {
    const QFontMetrics fm(font());
    int y = kMargin;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        const LayerMaps& l = layers_[i];
        QString title =
            tr("%1 (%2): %3").arg(QString::fromStdString(l.name), QString::fromStdString(l.type), shapeText(l.shape));
        if (!l.maps.empty() && i < ranges_.size() && !ranges_[i].empty()) {
            const ValueRange r = ranges_[i].front();
            bool same = std::all_of(ranges_[i].begin(), ranges_[i].end(), [&](ValueRange q) { return q == r; });
            if (same) title += tr(", shades %1 … %2").arg(number(r.lo), number(r.hi));
        }
        if (painter != nullptr) {
            painter->setPen(palette().color(QPalette::Text));
            painter->drawText(QRect(kMargin, y, width - 2 * kMargin, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                              title);
        }
        y += fm.height() + 2;
        int x = kMargin;
        int rowHeight = 0;
        for (std::size_t m = 0; m < l.maps.size(); ++m) {
            const FeatureMap& map = l.maps[m];
            const QSize cell = cellOf(map, width, static_cast<int>(l.maps.size()));
            const QSize size(cell.width() * map.cols, cell.height() * map.rows);
            if (x > kMargin && x + size.width() > width - kMargin) {
                x = kMargin;
                y += rowHeight + kGap / 2;
                rowHeight = 0;
            }
            if (painter != nullptr) {
                const ValueRange r = i < ranges_.size() && m < ranges_[i].size() ? ranges_[i][m] : ValueRange{};
                painter->drawImage(QRect(QPoint(x, y), size), mapImage(map, r));
                painter->setPen(palette().color(QPalette::Mid));
                painter->drawRect(QRect(QPoint(x, y), size).adjusted(0, 0, -1, -1));
            }
            x += size.width() + kGap / 2;
            rowHeight = std::max(rowHeight, size.height());
        }
        y += rowHeight + kGap * 2;
    }
    return y;
}

// ---------------------------------------------------------------------------------------------

void FiltersView::setFilters(std::vector<FilterBank> banks) {
    banks_ = std::move(banks);
    contentChanged();
}

QString FiltersView::emptyText() const {
    return banks_.empty() ? tr("This network has no convolution.") : QString();
}

int FiltersView::paintOrMeasure(QPainter* painter, int width) const {
    const QFontMetrics fm(font());
    int y = kMargin;
    for (const FilterBank& b : banks_) {
        float absMax = 0.0F;
        for (float v : b.values)
            absMax = std::max(absMax, std::abs(v));
        const QString title = tr("%1: %2 filters × %3 input channels, %4 × %5 each; blue negative, red positive, "
                                 "full at ±%6")
                                  .arg(QString::fromStdString(b.layer))
                                  .arg(b.outputs)
                                  .arg(b.inputs)
                                  .arg(b.height)
                                  .arg(b.width)
                                  .arg(number(absMax));
        const QRect titleRect(kMargin, y, width - 2 * kMargin, fm.height() * 2 + 2);
        const QRect needed = fm.boundingRect(titleRect, Qt::TextWordWrap, title);
        if (painter != nullptr) {
            painter->setPen(palette().color(QPalette::Text));
            painter->drawText(titleRect, Qt::AlignLeft | Qt::TextWordWrap, title);
        }
        y += needed.height() + 4;
        // One column per filter, one row per input channel.
        const int labelWidth = fm.horizontalAdvance(tr("in %1").arg(b.inputs)) + 4;
        const int side = std::max(3, kKernelSide / std::max(b.height, b.width));
        const QSize size(side * b.width, side * b.height);
        const int step = size.width() + 4;
        const int perRow = std::max(1, (width - 2 * kMargin - labelWidth) / step);
        for (int first = 0; first < b.outputs; first += perRow) {
            const int last = std::min(b.outputs, first + perRow);
            if (painter != nullptr) {
                painter->setPen(palette().color(QPalette::Text));
                for (int f = first; f < last; ++f) {
                    painter->drawText(QRect(kMargin + labelWidth + (f - first) * step, y, size.width(), fm.height()),
                                      Qt::AlignCenter, QString::number(f + 1));
                }
            }
            y += fm.height();
            for (int c = 0; c < b.inputs; ++c) {
                if (painter != nullptr) {
                    painter->setPen(palette().color(QPalette::Text));
                    painter->drawText(QRect(kMargin, y, labelWidth, size.height()), Qt::AlignLeft | Qt::AlignVCenter,
                                      tr("in %1").arg(c + 1));
                    for (int f = first; f < last; ++f) {
                        const QRect r(QPoint(kMargin + labelWidth + (f - first) * step, y), size);
                        painter->drawImage(r, kernelImage(b.kernel(f, c), absMax));
                        painter->setPen(palette().color(QPalette::Mid));
                        painter->drawRect(r.adjusted(0, 0, -1, -1));
                    }
                }
                y += size.height() + 4;
            }
            y += 4;
        }
        y += kGap * 2;
    }
    return y;
}

// ---------------------------------------------------------------------------------------------

PoolRoutingView::PoolRoutingView(QWidget* parent) : QWidget(parent) {}

void PoolRoutingView::setMaps(FeatureMap input, FeatureMap output, PoolGeometry geometry) {
    input_ = std::move(input);
    output_ = std::move(output);
    geometry_ = geometry;
    row_ = std::clamp(row_, 0, std::max(output_.rows - 1, 0));
    col_ = std::clamp(col_, 0, std::max(output_.cols - 1, 0));
    update();
}

void PoolRoutingView::clear() {
    input_ = {};
    output_ = {};
    update();
}

void PoolRoutingView::chooseOutput(int row, int col) {
    row_ = std::clamp(row, 0, std::max(output_.rows - 1, 0));
    col_ = std::clamp(col, 0, std::max(output_.cols - 1, 0));
    update();
    emit outputChosen(row_, col_);
}

PoolRoute PoolRoutingView::route() const {
    if (!hasMaps()) return {};
    const float out = output_.values[static_cast<std::size_t>(row_) * output_.cols + col_];
    return poolRoute(input_.values, input_.rows, input_.cols, out, row_, col_, geometry_);
}

PoolRoutingView::Geometry PoolRoutingView::layout() const {
    Geometry g;
    const QFontMetrics fm(font());
    const double top = fm.height() * 1.5 + kMargin;
    const double bottom = fm.height() * 3 + kMargin;
    const double avail = std::max(40.0, height() - top - bottom);
    const double widthAvail = std::max(80.0, width() - 3.0 * kMargin * 3);
    // The input gets two thirds of the width, the output the rest.
    g.inputCell = std::max(1.0, std::min(avail / input_.rows, widthAvail * 0.62 / input_.cols));
    g.outputCell = std::max(1.0, std::min(avail / output_.rows, widthAvail * 0.3 / output_.cols));
    g.input = QRectF(kMargin * 2, top, g.inputCell * input_.cols, g.inputCell * input_.rows);
    g.output = QRectF(g.input.right() + kMargin * 8, top, g.outputCell * output_.cols, g.outputCell * output_.rows);
    return g;
}

void PoolRoutingView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!hasMaps()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No max-pooling layer to show: start training or open a model with one."));
        return;
    }
    const Geometry g = layout();
    const QFontMetrics fm(font());
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QPointF(g.input.left(), g.input.top() - fm.descent() - 4),
                     tr("Input %1 × %2").arg(input_.rows).arg(input_.cols));
    painter.drawText(QPointF(g.output.left(), g.output.top() - fm.descent() - 4),
                     tr("Output %1 × %2").arg(output_.rows).arg(output_.cols));
    ValueRange r{*std::min_element(input_.values.begin(), input_.values.end()),
                 *std::max_element(input_.values.begin(), input_.values.end())};
    painter.drawImage(g.input, mapImage(input_, r));
    painter.drawImage(g.output, mapImage(output_, r));
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(g.input);
    painter.drawRect(g.output);

    // Numbers where the cells are large enough to hold them.
    const auto drawNumbers = [&](const FeatureMap& m, const QRectF& area, double cell) {
        if (cell < fm.horizontalAdvance(QStringLiteral("-0.00")) + 2) return;
        for (int y = 0; y < m.rows; ++y) {
            for (int x = 0; x < m.cols; ++x) {
                const float v = m.values[static_cast<std::size_t>(y) * m.cols + x];
                painter.setPen(shadeOf(v, r) > 0.55F ? Qt::black : Qt::white);
                painter.drawText(QRectF(area.left() + x * cell, area.top() + y * cell, cell, cell), Qt::AlignCenter,
                                 QString::number(static_cast<double>(v), 'f', 2));
            }
        }
    };
    drawNumbers(input_, g.input, g.inputCell);
    drawNumbers(output_, g.output, g.outputCell);

    const PoolRoute route = this->route();
    const QColor window(0, 160, 255);
    const QColor winner(255, 140, 0);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(window, 2));
    painter.drawRect(QRectF(g.input.left() + route.left * g.inputCell, g.input.top() + route.top * g.inputCell,
                            (route.right - route.left) * g.inputCell, (route.bottom - route.top) * g.inputCell));
    painter.drawRect(QRectF(g.output.left() + col_ * g.outputCell, g.output.top() + row_ * g.outputCell, g.outputCell,
                            g.outputCell));
    const QRectF win(g.input.left() + route.col * g.inputCell, g.input.top() + route.row * g.inputCell, g.inputCell,
                     g.inputCell);
    painter.setPen(QPen(winner, 3));
    painter.drawRect(win);
    painter.drawLine(win.center(), QPointF(g.output.left() + (col_ + 0.5) * g.outputCell,
                                           g.output.top() + (row_ + 0.5) * g.outputCell));

    const float out = output_.values[static_cast<std::size_t>(row_) * output_.cols + col_];
    QString text = tr("Output (%1, %2) = %3. Its window covers input rows %4–%5 and columns %6–%7; the largest value "
                      "there, %8 at (%9, %10), is the one passed on, and in backward the only one that gets a "
                      "gradient.")
                       .arg(row_)
                       .arg(col_)
                       .arg(number(out))
                       .arg(route.top)
                       .arg(route.bottom - 1)
                       .arg(route.left)
                       .arg(route.right - 1)
                       .arg(number(route.value))
                       .arg(route.row)
                       .arg(route.col);
    if (!route.matches) text += QLatin1Char(' ') + tr("(No input in the window equals the output exactly.)");
    painter.setPen(palette().color(QPalette::Text));
    const double textTop = std::max(g.input.bottom(), g.output.bottom()) + kMargin;
    painter.drawText(QRectF(kMargin * 2, textTop, width() - 4.0 * kMargin, height() - textTop),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
}

void PoolRoutingView::mousePressEvent(QMouseEvent* event) {
    if (!hasMaps()) return;
    const Geometry g = layout();
    const QPointF p = event->position();
    if (g.output.contains(p)) {
        chooseOutput(static_cast<int>((p.y() - g.output.top()) / g.outputCell),
                     static_cast<int>((p.x() - g.output.left()) / g.outputCell));
    } else if (g.input.contains(p)) {
        // A click on the input chooses the output whose window holds it.
        const int y = static_cast<int>((p.y() - g.input.top()) / g.inputCell);
        const int x = static_cast<int>((p.x() - g.input.left()) / g.inputCell);
        chooseOutput((y + geometry_.padRows) / geometry_.strideRows, (x + geometry_.padCols) / geometry_.strideCols);
    }
}

// ---------------------------------------------------------------------------------------------

namespace {
constexpr int kThumb = 56;
constexpr int kThumbStep = kThumb + 24;
}  // namespace

ImageStrip::ImageStrip(QWidget* parent) : QWidget(parent) {}

void ImageStrip::setItems(std::vector<Item> items) {
    items_ = std::move(items);
    setMinimumWidth(static_cast<int>(items_.size()) * kThumbStep + kMargin);
    updateGeometry();
    update();
}

QSize ImageStrip::sizeHint() const {
    const QFontMetrics fm(font());
    return {static_cast<int>(items_.size()) * kThumbStep + kMargin, kThumb + 2 * fm.height() + 10};
}

void ImageStrip::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    const QFontMetrics fm(font());
    if (items_.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No misclassified test image."));
        return;
    }
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const int x = kMargin + static_cast<int>(i) * kThumbStep;
        const QRect r(x, 4, kThumb, kThumb);
        painter.drawImage(r, items_[i].image);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(r.adjusted(0, 0, -1, -1));
        // The caption's lines (true class, then the prediction) one under the other.
        const QStringList lines = items_[i].caption.split(QLatin1Char('\n'));
        for (int k = 0; k < lines.size() && k < 2; ++k) {
            painter.setPen(k == 0 ? palette().color(QPalette::Text) : QColor(176, 0, 32));
            painter.drawText(QRect(x - 12, r.bottom() + 2 + k * fm.height(), kThumbStep - 2, fm.height()),
                             Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(lines[k], Qt::ElideRight, kThumbStep - 2));
        }
    }
}

void ImageStrip::mousePressEvent(QMouseEvent* event) {
    const int i = (static_cast<int>(event->position().x()) - kMargin) / kThumbStep;
    if (i >= 0 && i < static_cast<int>(items_.size())) emit imageChosen(items_[static_cast<std::size_t>(i)].index);
}

}  // namespace deepstep::studio::cnn
