#pragma once
// The playground's colours and the language of engine texts, shared by its views.
//
// Colours follow the 2-D playground convention the toy datasets use: class 0 is
// orange, class 1 is blue, and values in between fade through a light grey.

#include <QColor>
#include <QRectF>
#include <QString>

#include <vector>

class QPainter;

namespace deepstep::studio::playground {

QColor orange();
QColor blue();
/// Colour of a value in [-1, 1]: −1 orange, 0 light grey, +1 blue (clamped outside).
QRgb divergingColor(double value);
/// Colour of a class index (0 orange, 1 blue, others from a fixed list).
QColor classColor(int cls);

/// "ko" when the Korean playground translation is installed, else "en": picks the
/// language of texts that come from the engine and plugins (Text{en, ko}).
QString engineLanguage();

/// Draws the line where a sampled field crosses `level` (marching squares, the crossing
/// interpolated along each cell edge, so the line is smooth rather than following the
/// cells) with p's pen. `values` holds columns × rows samples row by row, row 0 at the
/// top, each at the centre of its cell of `area`; non-finite samples are skipped.
void drawContour(QPainter& p, const QRectF& area, int columns, int rows, const std::vector<double>& values,
                 double level);

}  // namespace deepstep::studio::playground
