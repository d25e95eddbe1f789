#include "lesson_catalog.hpp"

#include "deepstep/experiment.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace deepstep::studio {

namespace {

QString lectureTitle(int number) {
    switch (number) {
    case 1: return QCoreApplication::translate("deepstep::studio::LessonCatalog", "Lecture 1 · The perceptron");
    default:
        return QCoreApplication::translate("deepstep::studio::LessonCatalog", "Lecture 2 · Backpropagation");
    }
}

// The experiment's own name, or the file name when the file cannot be read: the
// browser still lists it, and opening it shows what is wrong.
QString experimentTitle(const QString& path) {
    try {
        const Json doc = readJsonFile(path.toStdString());
        if (doc.is_object() && doc.contains("name") && doc["name"].is_string()) {
            return QString::fromStdString(doc["name"].get<std::string>());
        }
    } catch (const std::exception&) {
    }
    return QFileInfo(path).completeBaseName();
}

}  // namespace

QVector<Lecture> ExperimentFolderCatalog::lectures() const {
    Lecture perceptron{QStringLiteral("perceptron"), lectureTitle(1), {}};
    Lecture backprop{QStringLiteral("backprop"), lectureTitle(2), {}};
    const QDir dir(folder_);
    for (const QString& file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(file);
        Lesson lesson;
        lesson.id = QStringLiteral("experiment:") + file;
        lesson.title = experimentTitle(path);
        lesson.steps.append(LessonStep{{}, path, {}});
        (file.startsWith(QLatin1String("perceptron_")) ? perceptron : backprop).lessons.append(lesson);
    }
    QVector<Lecture> result;
    for (Lecture* l : {&perceptron, &backprop}) {
        if (!l->lessons.isEmpty()) result.append(*l);
    }
    return result;
}

QString ExperimentFolderCatalog::defaultFolder() {
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
