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
//
// Nothing trains on the UI thread. A step whose actions train is run in a
// BackgroundTask on a stepper of its own (the lesson replayed up to that step), which
// replaces the session's when it is done; an outcome checkpoint's training run is a
// BackgroundTask too. Meanwhile a progress bar with a Cancel button shows the epochs,
// the step buttons and checkpoints wait, and the UI stays responsive. Cancel leaves
// everything as it was: the step, the stepper, the answers and their feedback.

#include "lesson_catalog.hpp"

#include "deepstep/lessons/player.hpp"
#include "deepstep/lessons/progress.hpp"

#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QWidget>

#include <functional>
#include <map>
#include <memory>
#include <optional>

class QProgressBar;
class QScrollArea;
class QVBoxLayout;

namespace deepstep::studio {

class BackgroundTask;
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
    /// has no such checkpoint. An outcome checkpoint is checked in the background:
    /// its feedback follows with answerChecked().
    bool submitAnswer(const QString& checkpointId, const Json& answer);

    /// True while a step that trains or an outcome check runs in the background.
    bool isBusy() const;
    /// Stops the background work; nothing of it is applied.
    void cancelBusy();
    /// Whether a checkpoint of the current lesson was answered right (now or earlier).
    bool checkpointRight(const QString& checkpointId) const;
    /// The feedback shown under a checkpoint of the current step.
    QString checkpointFeedback(const QString& checkpointId) const;

    /// Lab mode (the lab panel): the gate keeps the answers and says how many a checkpoint
    /// still takes. With a gate the progress file is left alone, a checkpoint without
    /// attempts left takes no more answers, the right answer is never shown, and values
    /// a checkpoint asks for stay hidden until it is answered right.
    struct AnswerGate {
        std::function<bool(const std::string& lesson, const std::string& checkpoint)> right;
        /// Answers still allowed; negative: no limit.
        std::function<int(const std::string& lesson, const std::string& checkpoint)> attemptsLeft;
        std::function<void(const std::string& lesson, const std::string& checkpoint, const Json& answer, bool correct)>
            record;
    };
    void setAnswerGate(std::optional<AnswerGate> gate);
    bool hasAnswerGate() const { return gate_.has_value(); }

    /// The Markdown describing an experiment document, in the current UI language.
    static QString describeExperiment(const QString& path);

signals:
    /// Background work started (true) or ended (false).
    void busyChanged(bool busy);
    /// The feedback of an answer is shown (at once, or after an outcome check).
    void answerChecked(const QString& checkpointId);
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
        bool answerShown = false;  ///< the hints ran out and the right answer was shown
        QString feedbackText;
    };

    void retranslateUi();
    void render();
    void renderCheckpoints();
    /// Hides, in every view of the session, the values the current step's unanswered
    /// checkpoints ask for (StepSession::setConcealment()).
    void updateConcealment();
    void enterPackStep(int index);
    void runPackStepInBackground(int index);
    bool stepsTrain(int from, int to) const;
    void checkInBackground(const std::string& id, const Json& answer);
    void showCheckResult(const std::string& id, const Json& answer, const CheckResult& result);
    void attachObserver(deepstep::LessonPlayer& engine);
    void setBusy(bool busy, bool checking = false);
    void showBusyProgress(int done, int total);
    void stopBackgroundWork();
    QString experimentOfStep() const;
    /// The table of the step's `time_devices` action, as Markdown to go under its text.
    QString timingsMarkdown(const std::vector<DeviceTiming>& timings) const;
    void showScore();
    /// The text with the step's `show` items as tables under it, as shown now.
    void refreshText();
    QString showItemsMarkdown() const;
    QString answerText(const Checkpoint& cp, const Json& answer) const;
    void saveProgress();

    Lesson lesson_;
    std::optional<AnswerGate> gate_;
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
    QLabel* score_;  ///< the lesson's score: right, right on the first try, answers given

    BackgroundTask* task_;
    QWidget* busy_;
    QLabel* busyLabel_;
    QProgressBar* busyProgress_;
    QPushButton* cancel_;
    bool checking_ = false;  ///< the background work is an outcome check (else a step)
};

}  // namespace deepstep::studio
