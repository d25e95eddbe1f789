#include "playground_style.hpp"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace deepstep::studio::playground {

QColor orange() {
    return {245, 147, 34};
}
QColor blue() {
    return {8, 119, 189};
}

QRgb divergingColor(double value) {
    // Views colour tens of thousands of cells per report: look colours up in a table
    // of 1025 steps instead of mixing them each time.
    constexpr int kSteps = 512;
    static const std::array<QRgb, 2 * kSteps + 1> table = [] {
        std::array<QRgb, 2 * kSteps + 1> t{};
        const QColor mid(232, 234, 235);
        for (int i = -kSteps; i <= kSteps; ++i) {
            const QColor end = i < 0 ? orange() : blue();
            const double f = std::abs(i) / static_cast<double>(kSteps);
            auto mix = [f](int a, int b) { return static_cast<int>(a + (b - a) * f + 0.5); };
            t[static_cast<std::size_t>(i + kSteps)] =
                qRgb(mix(mid.red(), end.red()), mix(mid.green(), end.green()), mix(mid.blue(), end.blue()));
        }
        return t;
    }();
    if (!(value == value)) value = 0.0;  // NaN shows as "no opinion"
    const double v = value < -1.0 ? -1.0 : (value > 1.0 ? 1.0 : value);
    return table[static_cast<std::size_t>(std::lround(v * kSteps) + kSteps)];
}

QColor classColor(int cls) {
    static const std::array<QColor, 6> others{QColor(46, 160, 67), QColor(207, 34, 46), QColor(130, 80, 223),
                                              QColor(191, 135, 0), QColor(9, 105, 218), QColor(101, 109, 118)};
    if (cls == 0) return orange();
    if (cls == 1) return blue();
    return others[static_cast<std::size_t>(std::max(0, cls - 2)) % others.size()];
}

QString engineLanguage() {
    // Translated to "ko" in playground_ko.ts: the language follows whichever
    // translation the Studio installed, with no extra setting to keep in sync.
    return QCoreApplication::translate("deepstep::studio::playground", "en",
                                       "Language code of engine texts: translate as ko");
}

void drawContour(QPainter& p, const QRectF& area, int columns, int rows, const std::vector<double>& values,
                 double level) {
    if (columns < 2 || rows < 2 || values.size() != static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows))
        return;
    const double cw = area.width() / columns;
    const double ch = area.height() / rows;
    const auto at = [&](int c, int r) { return values[static_cast<std::size_t>(r) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(c)]; };
    const auto centre = [&](int c, int r) { return QPointF(area.left() + (c + 0.5) * cw, area.top() + (r + 0.5) * ch); };
    for (int r = 0; r + 1 < rows; ++r) {
        for (int c = 0; c + 1 < columns; ++c) {
            const double v[4] = {at(c, r), at(c + 1, r), at(c + 1, r + 1), at(c, r + 1)};
            if (!std::isfinite(v[0]) || !std::isfinite(v[1]) || !std::isfinite(v[2]) || !std::isfinite(v[3])) continue;
            const QPointF q[4] = {centre(c, r), centre(c + 1, r), centre(c + 1, r + 1), centre(c, r + 1)};
            QPointF cross[4];
            int n = 0;
            for (int e = 0; e < 4; ++e) {
                const double a = v[e];
                const double b = v[(e + 1) % 4];
                if ((a < level) != (b < level)) cross[n++] = q[e] + (q[(e + 1) % 4] - q[e]) * ((level - a) / (b - a));
            }
            if (n >= 2) p.drawLine(cross[0], cross[1]);
            if (n == 4) p.drawLine(cross[2], cross[3]);
        }
    }
}

}  // namespace deepstep::studio::playground
