#pragma once
// The Studio's screenshot tour: every main view, in English and Korean, at 1280×800.
// It is the acceptance check that each view renders legibly, and it produces the
// images of the documentation.

#include "deepstep/registry.hpp"

#include <QString>
#include <QStringList>

namespace deepstep::studio {

class LanguageSwitcher;

/// The views written for each language, in order (file names without ".png").
QStringList screenshotViews();

/// How much the tour trains before its pictures: Full for pictures worth looking at
/// (--screenshot), Quick for a test that only needs every view written (the sanitizers
/// make training ten times slower).
enum class TourPace { Full, Quick };

/// Writes DIR/<lang>/<view>.png for lang in {en, ko} and every view of
/// screenshotViews(). `experimentsFolder` holds xor_2_2_1_sigmoid.json.
/// Returns the files written; on failure stops and sets `error`.
/// ensures: the language in use afterwards is the one in use before.
QStringList takeScreenshots(const Registry& registry, LanguageSwitcher& languages, const QString& dir,
                            const QString& experimentsFolder, QString* error = nullptr, TourPace pace = TourPace::Full);

}  // namespace deepstep::studio
