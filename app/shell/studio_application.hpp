#pragma once
// DeepStep Studio's entry point and its command line.
//
//   deepstep-studio [--lang en|ko] [--experiment FILE] [--presentation] [--screenshot DIR]
//
// --screenshot DIR renders every main view in both languages to DIR/<lang>/<view>.png
// and exits (no window stays open; works with QT_QPA_PLATFORM=offscreen).

#include <QString>

namespace deepstep::studio {

struct StudioOptions {
    QString screenshotDir;  ///< empty: run interactively
    QString language;       ///< "en", "ko" or empty (the remembered choice)
    QString experiment;     ///< an experiment file to open at start
    bool presentation = false;
};

/// Runs the Studio; returns the process exit code.
int runStudio(int argc, char** argv);

}  // namespace deepstep::studio
