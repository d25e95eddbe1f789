#include "experiments_folder.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace deepstep::studio {

QString experimentsFolder() {
    const QString installed =
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/deepstep/experiments"));
    if (QFileInfo(installed).isDir()) return QDir::cleanPath(installed);
#ifdef DEEPSTEP_SOURCE_EXPERIMENTS
    return QStringLiteral(DEEPSTEP_SOURCE_EXPERIMENTS);
#else
    return QDir::cleanPath(installed);
#endif
}

}  // namespace deepstep::studio
