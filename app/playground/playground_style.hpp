#pragma once
// The playground's colours and the language of engine texts, shared by its views.
//
// Colours follow the 2-D playground convention the toy datasets use: class 0 is
// orange, class 1 is blue, and values in between fade through a light grey.

#include <QColor>
#include <QString>

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

}  // namespace deepstep::studio::playground
