#pragma once
// Where this installation keeps its experiment files (experiments/ of the source
// tree, installed as <prefix>/share/deepstep/experiments): the lesson browser lists
// them, the playground starts from its template there (playground.json).

#include <QString>

namespace deepstep::studio {

/// ../share/deepstep/experiments next to the executable when it exists, else the
/// source tree's experiments/.
QString experimentsFolder();

}  // namespace deepstep::studio
