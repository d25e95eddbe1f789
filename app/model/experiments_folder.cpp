#include "experiments_folder.hpp"

#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"

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

std::vector<LabFile> readLabFiles(const QString& folder, const QStringList& patterns) {
    std::vector<LabFile> labs;
    const QDir dir(folder);
    for (const QString& pattern : patterns) {
        for (const QString& file : dir.entryList({pattern}, QDir::Files, QDir::Name)) {
            try {
                LabFile lab;
                lab.path = dir.filePath(file);
                lab.experiment = readJsonFile(lab.path.toStdString());
                if (lab.experiment.contains("name")) lab.name = readLocalizedText(lab.experiment["name"], "name");
                if (lab.name.en.empty()) lab.name.en = file.toStdString();
                labs.push_back(std::move(lab));
            } catch (const std::exception&) {
                // Left out; reported elsewhere.
            }
        }
    }
    return labs;
}

}  // namespace deepstep::studio
