#pragma once
// Where this installation keeps its experiment files (experiments/ of the source
// tree, installed as <prefix>/share/deepstep/experiments): the lesson browser lists
// them, the playground starts from its template there (playground.json).

#include "deepstep/registry.hpp"

#include <QString>
#include <QStringList>

#include <vector>

namespace deepstep::studio {

/// An experiment file a tab offers as a lab.
struct LabFile {
    QString path;
    Json experiment;
    Text name;  ///< its "name", or the file name when it has none
};

/// The experiments of `folder` whose file names match `patterns` ("lenet5-*.json"), in
/// the patterns' order and by name within each. A file that cannot be read is left out
/// (`deepstep check` and the lesson browser report it).
std::vector<LabFile> readLabFiles(const QString& folder, const QStringList& patterns);

/// ../share/deepstep/experiments next to the executable when it exists, else the
/// source tree's experiments/.
QString experimentsFolder();

}  // namespace deepstep::studio
