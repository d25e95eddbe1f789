#pragma once
// LessonPlayer: one lesson, step by step.
//
// A lesson of a lesson pack is played by deepstep::LessonPlayer (core/lessons) on the
// Studio's StepSession: entering a step runs its actions, so the step-by-step view
// shows the state the lesson made; the step's Markdown text is shown in the UI
// language and its checkpoints are asked (a number field, choices, or an answer that
// the engine trains with), with a hint after each wrong answer and the right answer
// after the hints run out. Answers are kept in the LessonProgress file.
//
// A lesson of the experiments folder has one step without text: it is described from
// its experiment file, and a button loads that experiment into the step-by-step view.

#include "lesson_catalog.hpp"

#include "deepstep/lessons/player.hpp"
#include "deepstep/lessons/progress.hpp"

#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>

class QScrollArea;
class QVBoxLayout;

namespace deepstep::studio {

class StepSession;

class LessonPlayer : public QWidget {
    Q_OBJECT
public:
    explicit LessonPlayer(QWidget* parent = nullptr);
    ~LessonPlayer() override;

    /// The session pack lessons are played on. requires: both outlive the player;
    /// `registry` is the one `session` builds from.
    void setSession(StepSession* session, const Registry* registry);
    /// Where progress is kept; empty: LessonProgress::defaultFile(). Read at once.
    void setProgressFile(const QString& file);

    void showLesson(const Lesson& lesson);
    const Lesson& lesson() const { return lesson_; }
    int currentStep() const { return step_; }
    void goToStep(int index);
    /// The Markdown shown now.
    QString markdown() const { return markdown_; }

    /// Checks an answer to a checkpoint of the current step (what its Check button
    /// does): a number, or a 0-based index for choices. False when the current step
    /// has no such checkpoint.
    bool submitAnswer(const QString& checkpointId, const Json& answer);
    /// Whether a checkpoint of the current lesson was answered right (now or earlier).
    bool checkpointRight(const QString& checkpointId) const;
    /// The feedback shown under a checkpoint of the current step.
    QString checkpointFeedback(const QString& checkpointId) const;

    /// The Markdown describing an experiment document, in the current UI language.
    static QString describeExperiment(const QString& path);

signals:
    /// The user asked to step through `experimentPath` (experiment lessons).
    void stepThroughRequested(const QString& experimentPath);
    /// The user asked to see the lesson's state in the step-by-step view (pack lessons).
    void stepViewRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct CheckpointUi {
        const Checkpoint* checkpoint = nullptr;
        QLabel* feedback = nullptr;
        int wrong = 0;
        QString feedbackText;
    };

    void retranslateUi();
    void render();
    void renderCheckpoints();
    void enterPackStep(int index);
    QString experimentOfStep() const;
    QString answerText(const Checkpoint& cp, const Json& answer) const;
    void saveProgress();

    Lesson lesson_;
    int step_ = 0;
    QString markdown_;
    QString error_;  ///< why the current pack step could not be entered
    StepSession* session_ = nullptr;
    const Registry* registry_ = nullptr;
    std::unique_ptr<deepstep::LessonPlayer> engine_;
    std::optional<LessonProgress> progress_;
    QString progressFile_;
    std::map<std::string, CheckpointUi> checkpoints_;  ///< of the current step, by id

    QLabel* title_;
    QTextBrowser* text_;
    QScrollArea* questionsArea_;
    QWidget* questions_;
    QVBoxLayout* questionsLayout_;
    QPushButton* previous_;
    QLabel* position_;
    QPushButton* next_;
    QPushButton* stepThrough_;
};

}  // namespace deepstep::studio
