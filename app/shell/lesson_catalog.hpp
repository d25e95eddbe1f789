#pragma once
// What the lesson browser lists: lectures, each with lessons, each with steps.
//
// A LessonCatalog is where lessons come from. Today that is the experiments folder
// (ExperimentFolderCatalog: every experiment file is a one-step lesson); lesson packs
// (lessons/, with Markdown steps, actions and checkpoints) will be a second catalog
// filling the same structures, so the browser and the player need not change.

#include <QString>
#include <QVector>

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

}  // namespace deepstep::studio
