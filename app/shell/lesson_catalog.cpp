#include "lesson_catalog.hpp"

#include "model/experiments_folder.hpp"

#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

namespace deepstep::studio {

namespace {

QString lectureTitle(int number) {
    switch (number) {
    case 1: return QCoreApplication::translate("deepstep::studio::LessonCatalog", "Lecture 1 · The perceptron");
    default:
        return QCoreApplication::translate("deepstep::studio::LessonCatalog", "Lecture 2 · Backpropagation");
    }
}

// The experiment's own name in the UI's language, or the file name when the file
// cannot be read or its name is malformed: the browser still lists it, and opening it
// shows what is wrong.
QString experimentTitle(const QString& path) {
    try {
        const Json doc = readJsonFile(path.toStdString());
        if (doc.is_object() && doc.contains("name")) {
            const QString name = inUiLanguage(readLocalizedText(doc["name"], "name"));
            if (!name.isEmpty()) return name;
        }
    } catch (const std::exception&) {
    }
    return QFileInfo(path).completeBaseName();
}

}  // namespace

QString inUiLanguage(const Text& text) { return QString::fromStdString(text.in(lessonLanguage().toStdString())); }

QString lessonLanguage() {
    // The Korean translation answers "ko"; without a translation installed it is English.
    const QString code =
        QCoreApplication::translate("deepstep::studio::LessonCatalog", "en", "language code of this translation");
    return code == QLatin1String("ko") ? code : QStringLiteral("en");
}

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

QString ExperimentFolderCatalog::defaultFolder() { return experimentsFolder(); }

LessonPackCatalog::LessonPackCatalog(const Registry& registry, const std::vector<std::string>& folders,
                                     std::shared_ptr<const LessonCatalog> experiments)
    : experiments_(std::move(experiments)) {
    for (const LessonPackLocation& location : findLessonPacks(folders)) {
        try {
            packs_.push_back(std::make_shared<const LessonPack>(loadLessonPack(location.folder, registry)));
        } catch (const std::exception& e) {
            problems_ << QString::fromStdString(location.folder + ": " + e.what());
            std::fprintf(stderr, "deepstep-studio: lesson pack left out: %s: %s\n", location.folder.c_str(), e.what());
        }
    }
    // Lecture order; packs of no lecture (0) after the numbered ones.
    std::stable_sort(packs_.begin(), packs_.end(), [](const auto& a, const auto& b) {
        const int la = a->lecture > 0 ? a->lecture : 1 << 30;
        const int lb = b->lecture > 0 ? b->lecture : 1 << 30;
        return la < lb;
    });
}

QVector<Lecture> LessonPackCatalog::lectures() const {
    QVector<Lecture> result;
    for (const auto& pack : packs_) {
        Lecture lecture;
        lecture.id = QStringLiteral("pack:") + QString::fromStdString(pack->id);
        const QString title = inUiLanguage(pack->title);
        lecture.title = pack->lecture > 0 ? QCoreApplication::translate("deepstep::studio::LessonCatalog",
                                                                        "Lecture %1 · %2")
                                                .arg(pack->lecture)
                                                .arg(title)
                                          : title;
        for (std::size_t i = 0; i < pack->lessons.size(); ++i) {
            const deepstep::Lesson& source = pack->lessons[i];
            Lesson lesson;
            lesson.id = lecture.id + QLatin1Char('/') + QString::fromStdString(source.id);
            lesson.title = inUiLanguage(source.title);
            lesson.pack = pack;
            lesson.packLesson = static_cast<int>(i);
            for (const deepstep::LessonStep& step : source.steps) lesson.steps.append(LessonStep{inUiLanguage(step.text), {}, {}});
            lecture.lessons.append(lesson);
        }
        result.append(lecture);
    }
    if (experiments_) {
        Lecture all{QStringLiteral("experiments"),
                    QCoreApplication::translate("deepstep::studio::LessonCatalog", "Experiments"),
                    {}};
        for (const Lecture& l : experiments_->lectures()) all.lessons += l.lessons;
        if (!all.lessons.isEmpty()) result.append(all);
    }
    return result;
}

std::vector<std::string> LessonPackCatalog::defaultFolders() {
    std::vector<std::string> extra;
#ifdef DEEPSTEP_SOURCE_EXPERIMENTS
    // The source tree's lessons/ lies beside its experiments/.
    extra.push_back(QDir::cleanPath(QStringLiteral(DEEPSTEP_SOURCE_EXPERIMENTS "/../lessons")).toStdString());
#endif
    return lessonSearchPaths(QCoreApplication::applicationDirPath().toStdString(), extra);
}

}  // namespace deepstep::studio
