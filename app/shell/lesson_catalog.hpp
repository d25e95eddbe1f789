#pragma once
// What the lesson browser lists: lectures, each with lessons, each with steps.
//
// A LessonCatalog is where lessons come from. LessonPackCatalog lists the lesson packs
// (lessons/: Markdown steps, actions and checkpoints, played by the engine's
// deepstep::LessonPlayer); ExperimentFolderCatalog lists an experiments folder, every
// experiment file a one-step lesson. The browser and the player take both.

#include "deepstep/lessons/lesson.hpp"
#include "deepstep/registry.hpp"

#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>
#include <string>
#include <vector>

namespace deepstep::studio {

/// A question whose answer the player checks (lesson packs only).
struct LessonCheckpoint {
    QString question;     ///< Markdown
    double answer = 0.0;  ///< a number, accepted within `tolerance`
    double tolerance = 0.0;
};

struct LessonStep {
    QString markdown;        ///< empty: the player describes the experiment itself
    QString experimentPath;  ///< empty: keep the experiment loaded so far
    QVector<LessonCheckpoint> checkpoints;
};

struct Lesson {
    QString id;  ///< unique within the catalog; the session remembers it
    QString title;
    QVector<LessonStep> steps;  ///< at least one
    /// Set for a lesson of a lesson pack: the pack and the lesson's index in it. The
    /// player then plays the pack's lesson itself; `steps` only mirrors its texts.
    std::shared_ptr<const deepstep::LessonPack> pack;
    int packLesson = -1;

    /// The pack's lesson, or nullptr for an experiment lesson.
    const deepstep::Lesson* packLessonData() const {
        return pack && packLesson >= 0 && packLesson < static_cast<int>(pack->lessons.size())
                   ? &pack->lessons[static_cast<std::size_t>(packLesson)]
                   : nullptr;
    }
};

struct Lecture {
    QString id;
    QString title;
    QVector<Lesson> lessons;
};

class LessonCatalog {
public:
    virtual ~LessonCatalog() = default;
    /// Lectures in teaching order. Titles are in the current UI language, so call it
    /// again after a language change.
    virtual QVector<Lecture> lectures() const = 0;
};

/// "en" or "ko": the language the UI is translated into now.
QString lessonLanguage();
/// `text` in the UI's language now (English when it has no text in that language).
QString inUiLanguage(const Text& text);

/// Experiments found in one folder, grouped into lectures by file name:
/// perceptron_* → Lecture 1 (perceptron), every other file → Lecture 2 (backprop).
class ExperimentFolderCatalog : public LessonCatalog {
public:
    explicit ExperimentFolderCatalog(QString folder) : folder_(std::move(folder)) {}
    QVector<Lecture> lectures() const override;
    const QString& folder() const { return folder_; }

    /// The experiments folder of this installation: ../share/deepstep/experiments next
    /// to the executable when it exists, else the source tree's experiments/.
    static QString defaultFolder();

private:
    QString folder_;
};

/// The lesson packs found in search folders, one lecture per pack (by lecture number;
/// packs of no lecture after them), each pack's lessons in pack order; then, when an
/// experiments catalog is given, all of its lessons as one last lecture "Experiments".
class LessonPackCatalog : public LessonCatalog {
public:
    /// Loads every pack of `folders` (deepstep::findLessonPacks) now. A pack that does not
    /// load (a plugin it requires is missing, a broken file) is left out; problems()
    /// says why. requires: `registry` outlives the catalog's packs being played.
    LessonPackCatalog(const Registry& registry, const std::vector<std::string>& folders,
                      std::shared_ptr<const LessonCatalog> experiments = {});
    QVector<Lecture> lectures() const override;
    const std::vector<std::shared_ptr<const deepstep::LessonPack>>& packs() const { return packs_; }
    /// One line per pack that was left out: "FOLDER: what is wrong".
    const QStringList& problems() const { return problems_; }

    /// Lesson packs of this installation: deepstep::lessonSearchPaths next to the
    /// executable, then the source tree's lessons/.
    static std::vector<std::string> defaultFolders();

private:
    std::vector<std::shared_ptr<const deepstep::LessonPack>> packs_;
    std::shared_ptr<const LessonCatalog> experiments_;
    QStringList problems_;
};

}  // namespace deepstep::studio
