#include "lesson_player.hpp"

#include "deepstep/lessons/reference.hpp"

#include "device_menu.hpp"

#include "deepstep/file_io.hpp"
#include "model/background_task.hpp"
#include "model/step_session.hpp"

#include <QButtonGroup>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QRadioButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <cstdio>

namespace deepstep::studio {

namespace {

// Lesson text comes from a pack, and a pack may come from anywhere: its Markdown must not
// pull a file of the machine into the page, as an image ("![](/home/…)") or as a
// followed link. The packs' files were read, within the pack, by the lessons library;
// the browser itself loads nothing.
class LessonTextBrowser : public QTextBrowser {
protected:
    QVariant loadResource(int, const QUrl&) override { return {}; }
};

}  // namespace

LessonPlayer::LessonPlayer(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(this)),
      text_(new LessonTextBrowser),
      questionsArea_(new QScrollArea),
      questions_(new QWidget),
      questionsLayout_(new QVBoxLayout(questions_)),
      previous_(new QPushButton(this)),
      position_(new QLabel(this)),
      next_(new QPushButton(this)),
      stepThrough_(new QPushButton(this)),
      score_(new QLabel(this)),
      task_(new BackgroundTask(this)),
      busy_(new QWidget(this)),
      busyLabel_(new QLabel(busy_)),
      busyProgress_(new QProgressBar(busy_)),
      cancel_(new QPushButton(busy_)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    title_->setWordWrap(true);
    QFont big = title_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    title_->setFont(big);
    layout->addWidget(title_);
    text_->setOpenExternalLinks(true);
    // The text above, the checkpoints below; the student may move the border.
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(text_);
    questionsArea_->setWidgetResizable(true);
    questionsArea_->setFrameShape(QFrame::NoFrame);
    questionsArea_->setWidget(questions_);
    questionsLayout_->setContentsMargins(0, 4, 0, 4);
    split->addWidget(questionsArea_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    // A question with its choices, answer field and feedback must fit without scrolling.
    questionsArea_->setMinimumHeight(220);
    split->setSizes({440, 300});
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);
    // Background work: what runs, how far it is, and a way out.
    auto* busyRow = new QHBoxLayout(busy_);
    busyRow->setContentsMargins(0, 0, 0, 0);
    busy_->setObjectName(QStringLiteral("busy"));
    cancel_->setObjectName(QStringLiteral("cancelBusy"));
    busyProgress_->setFixedWidth(260);
    busyRow->addWidget(busyLabel_);
    busyRow->addWidget(busyProgress_);
    busyRow->addWidget(cancel_);
    busyRow->addStretch(1);
    busy_->hide();
    layout->addWidget(busy_);
    connect(cancel_, &QPushButton::clicked, this, &LessonPlayer::cancelBusy);
    connect(task_, &BackgroundTask::progress, this, &LessonPlayer::showBusyProgress);
    connect(task_, &BackgroundTask::finished, this, [this] { setBusy(false); });

    auto* row = new QHBoxLayout;
    row->addWidget(previous_);
    row->addWidget(position_);
    row->addWidget(next_);
    row->addStretch(1);
    score_->setObjectName(QStringLiteral("lessonScore"));
    row->addWidget(score_);
    stepThrough_->setDefault(true);
    row->addWidget(stepThrough_);
    layout->addLayout(row);
    connect(previous_, &QPushButton::clicked, this, [this] { goToStep(step_ - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { goToStep(step_ + 1); });
    connect(stepThrough_, &QPushButton::clicked, this, [this] {
        if (lesson_.packLessonData() != nullptr) {
            emit stepViewRequested();
            return;
        }
        const QString path = experimentOfStep();
        if (!path.isEmpty()) emit stepThroughRequested(path);
    });
    retranslateUi();
}

LessonPlayer::~LessonPlayer() {
    // The work may use the engine and the lesson: it must end before they go.
    stopBackgroundWork();
}

bool LessonPlayer::isBusy() const {
    return task_->isRunning();
}

void LessonPlayer::cancelBusy() {
    task_->cancel();
}

void LessonPlayer::stopBackgroundWork() {
    if (!task_->isRunning()) return;
    task_->cancel();
    task_->wait();
}

void LessonPlayer::setBusy(bool busy, bool checking) {
    checking_ = checking;
    if (busy) {
        busyProgress_->setRange(0, 0);  // until the first epoch reports
        busyLabel_->setText(checking_ ? tr("Checking: training with your answer…") : tr("Running this step…"));
    }
    busy_->setVisible(busy);
    // The step and its questions wait for the work; the rest of the Studio does not.
    for (QWidget* w : std::initializer_list<QWidget*>{previous_, next_, stepThrough_, questionsArea_})
        w->setEnabled(!busy);
    if (!busy) render();
    emit busyChanged(busy);
}

void LessonPlayer::showBusyProgress(int done, int total) {
    if (total <= 0) return;
    busyProgress_->setRange(0, total);
    busyProgress_->setValue(std::min(done, total));
    busyLabel_->setText(checking_ ? tr("Checking: epoch %1 of %2").arg(done).arg(total)
                                  : tr("Training: epoch %1 of %2").arg(done).arg(total));
}

void LessonPlayer::attachObserver(deepstep::LessonPlayer& engine) {
    // Called in the worker thread, after every epoch the engine trains.
    engine.setTrainingObserver([task = task_](const EpochInfo& e, int epochs) {
        task->report(e.epoch, epochs);
        return !task->isCancelled();
    });
}

void LessonPlayer::setSession(StepSession* session, const Registry* registry) {
    session_ = session;
    registry_ = registry;
}

void LessonPlayer::setProgressFile(const QString& file) {
    progressFile_ = file;
    progress_.reset();
}

void LessonPlayer::saveProgress() {
    if (!progress_ || progressFile_.isEmpty()) return;
    try {
        progress_->save(progressFile_.toStdString());
    } catch (const std::exception& e) {
        // Losing progress must not stop the lesson.
        std::fprintf(stderr, "deepstep-studio: cannot save lesson progress: %s\n", e.what());
    }
}

void LessonPlayer::showLesson(const Lesson& lesson) {
    stopBackgroundWork();
    // The engine player refers to the old lesson's pack: end it before that goes.
    engine_.reset();
    checkpoints_.clear();
    lesson_ = lesson;
    step_ = 0;
    error_.clear();
    const deepstep::Lesson* data = lesson_.packLessonData();
    if (data != nullptr && session_ != nullptr && registry_ != nullptr) {
        if (!progress_) {
            try {
                if (progressFile_.isEmpty()) progressFile_ = QString::fromStdString(LessonProgress::defaultFile());
                progress_ = LessonProgress::load(progressFile_.toStdString());
            } catch (const std::exception& e) {
                std::fprintf(stderr, "deepstep-studio: lesson progress unreadable: %s\n", e.what());
                progress_ = LessonProgress{};
            }
        }
        engine_ = std::make_unique<deepstep::LessonPlayer>(*lesson_.pack, *data, session_->stepper(), *registry_);
        attachObserver(*engine_);
        enterPackStep(0);
        return;
    }
    render();
}

bool LessonPlayer::stepsTrain(int from, int to) const {
    const deepstep::Lesson& l = *lesson_.packLessonData();
    for (int i = from; i <= to; ++i) {
        for (const LessonAction& a : l.steps[static_cast<std::size_t>(i)].actions) {
            if (a.kind == LessonAction::Kind::Train || a.kind == LessonAction::Kind::TimeDevices) return true;
        }
    }
    return false;
}

void LessonPlayer::enterPackStep(int index) {
    // The engine replays the lesson from its start unless `index` is the next step.
    const bool next = engine_->started() && index == step_ + 1 && index > 0;
    if (stepsTrain(next ? index : 0, index)) {
        runPackStepInBackground(index);
        return;
    }
    error_.clear();
    try {
        if (!engine_->started() || index == 0) {
            engine_->start();
            if (index > 0) engine_->goTo(static_cast<std::size_t>(index));
        } else {
            engine_->goTo(static_cast<std::size_t>(index));
        }
    } catch (const std::exception& e) {
        error_ = QString::fromStdString(e.what());
    }
    step_ = index;
    // The engine drove the stepper itself: the views must rebuild and redraw.
    session_->notifyChanged();
    checkpoints_.clear();
    render();
}

void LessonPlayer::runPackStepInBackground(int index) {
    // A stepper of its own, with the lesson replayed up to `index` (the state the
    // engine would reach on the session's): the views keep showing the session's
    // stepper until it is done, and a cancelled run leaves that untouched.
    struct Run {
        std::unique_ptr<Stepper> stepper;
        std::unique_ptr<deepstep::LessonPlayer> engine;
        QString error;
    };
    auto run = std::make_shared<Run>();
    run->stepper = std::make_unique<Stepper>(*registry_);
    run->engine =
        std::make_unique<deepstep::LessonPlayer>(*lesson_.pack, *lesson_.packLessonData(), *run->stepper, *registry_);
    attachObserver(*run->engine);
    setBusy(true);
    task_->start(
        [run, index] {
            try {
                run->engine->start();
                for (int i = 1; i <= index; ++i)
                    run->engine->next();
            } catch (const std::exception& e) {
                run->error = QString::fromStdString(e.what());
            }
        },
        [this, run, index] {
            // The old engine refers to the session's stepper, which goes now.
            engine_ = std::move(run->engine);
            session_->adoptStepper(std::move(run->stepper));
            error_ = run->error;
            step_ = index;
            checkpoints_.clear();
        });
}

void LessonPlayer::goToStep(int index) {
    if (index < 0 || index >= lesson_.steps.size()) return;
    stopBackgroundWork();
    if (engine_) {
        if (progress_ && index > step_) {
            const deepstep::Lesson& l = engine_->lesson();
            const bool last = static_cast<std::size_t>(index) + 1 >= l.steps.size();
            progress_->completeStep(lesson_.pack->id, l.id, static_cast<std::size_t>(step_),
                                    static_cast<std::size_t>(index));
            if (last) progress_->completeStep(lesson_.pack->id, l.id, static_cast<std::size_t>(index), 0);
            if (last) progress_->lesson(lesson_.pack->id, l.id).completed = true;
            saveProgress();
        }
        enterPackStep(index);
        return;
    }
    step_ = index;
    render();
}

QString LessonPlayer::timingsMarkdown(const std::vector<DeviceTiming>& timings) const {
    if (timings.empty()) return {};
    const QLocale locale;
    const DeviceTiming& cpu = timings.front();
    QString md = QStringLiteral("\n\n---\n\n**") +
                 tr("The same network from the same initial weights on each device, epochs: %1").arg(cpu.epochs) +
                 QStringLiteral("**\n\n| %1 | %2 | %3 | %4 |\n|:--|--:|--:|--:|\n")
                     .arg(tr("Device"), tr("Seconds"), tr("Examples per second"), tr("Loss after"));
    for (const DeviceTiming& t : timings) {
        // "cuda" names no GPU in particular: the entry that says none can be used.
        QString device = t.device.id == "cpu"    ? tr("CPU")
                         : t.device.id == "cuda" ? tr("GPU")
                                                 : QString::fromStdString(t.device.id);
        if (!t.device.name.empty()) device += QStringLiteral(" (%1)").arg(QString::fromStdString(t.device.name));
        // A table cell must not end at a '|' in a device's name.
        device.replace(QLatin1Char('|'), QLatin1Char('/'));
        if (!t.ran) {
            md += QStringLiteral("| %1 | – | – | – |\n").arg(device);
            continue;
        }
        md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                  .arg(device, locale.toString(t.seconds, 'f', 3),
                       locale.toString(std::llround(t.samplesPerSecond())), locale.toString(t.trainLoss, 'g', 4));
    }
    if (timings.size() < 2) return md;
    const DeviceTiming& gpu = timings[1];
    if (!gpu.ran) {
        md += QStringLiteral("\n") + tr("No GPU ran: %1.").arg(DeviceMenu::problemText(gpu.device.problem, gpu.device.detail));
    } else if (cpu.ran && gpu.seconds > 0.0) {
        md += QStringLiteral("\n") + tr("Speed-up of the GPU over the CPU: %1×").arg(locale.toString(cpu.seconds / gpu.seconds, 'g', 3));
    }
    return md;
}

QString LessonPlayer::experimentOfStep() const {
    // A step without its own experiment keeps the one an earlier step loaded.
    for (int i = step_; i >= 0 && i < lesson_.steps.size(); --i) {
        if (!lesson_.steps[i].experimentPath.isEmpty()) return lesson_.steps[i].experimentPath;
    }
    return {};
}

void LessonPlayer::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void LessonPlayer::retranslateUi() {
    previous_->setText(tr("◀ Previous step"));
    next_->setText(tr("Next step ▶"));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the training; everything stays as it was"));
    if (isBusy()) {
        busyLabel_->setText(checking_ ? tr("Checking: training with your answer…") : tr("Running this step…"));
    }
    render();
}

void LessonPlayer::render() {
    const int count = static_cast<int>(lesson_.steps.size());
    const deepstep::Lesson* data = lesson_.packLessonData();
    if (data != nullptr) {
        title_->setText(inUiLanguage(data->title));
        markdown_ = count > 0 ? inUiLanguage(data->steps[static_cast<std::size_t>(step_)].text) : QString();
        if (engine_ != nullptr && error_.isEmpty()) markdown_ += timingsMarkdown(engine_->lastTimings());
        if (!error_.isEmpty()) markdown_ += QStringLiteral("\n\n---\n\n") + tr("**This step cannot be run.**\n\n%1").arg(error_);
        stepThrough_->setText(tr("Show in the step view"));
        stepThrough_->setToolTip(tr("See the network in the state this step left it"));
        stepThrough_->setEnabled(engine_ != nullptr && error_.isEmpty());
    } else {
        title_->setText(lesson_.title.isEmpty() ? tr("Choose a lesson on the left.") : lesson_.title);
        if (count == 0) {
            markdown_.clear();
        } else {
            const LessonStep& s = lesson_.steps[step_];
            markdown_ = s.markdown.isEmpty() ? describeExperiment(experimentOfStep()) : s.markdown;
        }
        stepThrough_->setText(tr("Step through it"));
        stepThrough_->setToolTip(tr("Load this experiment into the step-by-step view"));
        stepThrough_->setEnabled(!experimentOfStep().isEmpty());
    }
    position_->setText(count > 0 ? tr("Step %1 of %2").arg(step_ + 1).arg(count) : QString());
    previous_->setVisible(count > 1);
    next_->setVisible(count > 1);
    position_->setVisible(count > 1);
    previous_->setEnabled(step_ > 0);
    next_->setEnabled(step_ + 1 < count);
    renderCheckpoints();
    updateConcealment();
    refreshText();
    showScore();
    if (isBusy()) {
        for (QWidget* w : std::initializer_list<QWidget*>{previous_, next_, stepThrough_, questionsArea_})
            w->setEnabled(false);
    }
}

void LessonPlayer::refreshText() { text_->setMarkdown(markdown_ + showItemsMarkdown()); }

QString LessonPlayer::showItemsMarkdown() const {
    // The step's `show` items as tables under its text, with the values of the moment as
    // the step view shows them: what an open question asks for is "?".
    const deepstep::Lesson* data = lesson_.packLessonData();
    if (data == nullptr || session_ == nullptr || engine_ == nullptr || !error_.isEmpty() || lesson_.steps.isEmpty())
        return {};
    const auto number = [](float v) {
        return isConcealed(v) ? QStringLiteral("?") : QLocale().toString(static_cast<double>(v), 'g', 4);
    };
    const auto row = [&](const QString& head, const float* v, std::size_t n) {
        QString line = QStringLiteral("| ") + head + QStringLiteral(" |");
        for (std::size_t i = 0; i < n; ++i)
            line += QLatin1Char(' ') + number(v[i]) + QStringLiteral(" |");
        return line + QLatin1Char('\n');
    };
    const auto header = [](std::size_t n) {
        QString line = QStringLiteral("| |");
        QString rule = QStringLiteral("|---|");
        for (std::size_t i = 0; i < n; ++i) {
            line += QStringLiteral(" %1 |").arg(i + 1);
            rule += QStringLiteral("---|");
        }
        return line + QLatin1Char('\n') + rule + QLatin1Char('\n');
    };
    // Wider tensors (images, feature maps) are for the step view, not a table in the text.
    constexpr std::size_t kMostColumns = 16;
    const auto tooWide = [&](const std::string& name, std::size_t n) {
        return QStringLiteral("\n\n**%1**: ").arg(QString::fromStdString(name)) +
               tr("%1 values: see them in the step view.").arg(n);
    };
    QString md;
    for (const std::string& item : data->steps[static_cast<std::size_t>(step_)].show) {
        LessonRef ref;
        try {
            ref = parseLessonShow(item);
        } catch (const std::exception&) {
            continue;  // the pack check reports it
        }
        if (ref.kind == LessonRef::Kind::Parameter) {
            const std::string& name = ref.parameter;
            const Tensor* t = session_->shownValue(name);
            if (t == nullptr || t->size() == 0) continue;
            const std::size_t rows = t->rank() == 2 ? t->dim(0) : 1;
            const std::size_t cols = t->size() / rows;
            if (cols > kMostColumns || rows > kMostColumns) {
                md += tooWide(name, t->size());
                continue;
            }
            md += QStringLiteral("\n\n**%1**\n\n").arg(QString::fromStdString(name)) + header(cols);
            for (std::size_t r = 0; r < rows; ++r)
                md += row(tr("row %1").arg(r + 1), t->data() + r * cols, cols);
        } else if (ref.kind == LessonRef::Kind::Layer) {
            const StepRecord* record = session_->record();
            const int index = session_->stepper().network().indexOf(ref.layer);
            if (record == nullptr || index < 0 || !session_->forwardShown(index)) continue;
            const LayerRecord& l = record->layers.at(static_cast<std::size_t>(index));
            // The first example of the batch, each quantity asked for (all forward ones by default).
            const std::vector<std::pair<const char*, const Tensor*>> all{
                {"input", &l.input}, {"z", &l.preActivation}, {"output", &l.output},
                {"grad_output", &l.gradOutput}, {"delta", &l.gradPreActivation}, {"grad_input", &l.gradInput}};
            std::vector<std::pair<QString, const Tensor*>> shown;
            for (const auto& [key, tensor] : all) {
                const bool wanted = ref.quantity.empty() ? (std::string(key) == "input" || std::string(key) == "output")
                                                         : ref.quantity == key;
                if (wanted && tensor->batch() > 0 && tensor->size() > 0) shown.emplace_back(QString::fromLatin1(key), tensor);
            }
            std::size_t widest = 0;
            for (const auto& [key, tensor] : shown)
                widest = std::max(widest, tensor->size() / tensor->batch());
            if (shown.empty()) continue;
            if (widest > kMostColumns) {
                md += tooWide(ref.layer, widest);
                continue;
            }
            md += QStringLiteral("\n\n**%1**\n\n").arg(QString::fromStdString(ref.layer)) + header(widest);
            for (const auto& [key, tensor] : shown)
                md += row(key, tensor->data(), tensor->size() / tensor->batch());
        }
    }
    return md;
}

QString LessonPlayer::answerText(const Checkpoint& cp, const Json& answer) const {
    const bool isIndex = cp.type == Checkpoint::Type::Choice ||
                         (cp.type == Checkpoint::Type::Outcome && cp.input == Checkpoint::Input::Choice);
    if (isIndex && answer.is_number_integer()) {
        const auto i = answer.get<long long>();
        if (cp.type == Checkpoint::Type::Choice && i >= 0 && static_cast<std::size_t>(i) < cp.choices.size()) {
            return inUiLanguage(cp.choices[static_cast<std::size_t>(i)]);
        }
        if (cp.type == Checkpoint::Type::Outcome && i >= 0 && static_cast<std::size_t>(i) < cp.inputChoices.size()) {
            return QString::fromStdString(cp.inputChoices[static_cast<std::size_t>(i)].dump());
        }
    }
    if (answer.is_number_float()) return QLocale().toString(answer.get<double>(), 'g', 6);
    return QString::fromStdString(answer.dump());
}

void LessonPlayer::renderCheckpoints() {
    // Widgets are rebuilt on every render: a step has few checkpoints, and a language
    // change must reach the questions and choices too.
    while (QLayoutItem* item = questionsLayout_->takeAt(0)) {
        // Never called from inside these widgets' own signals, so they can go now.
        delete item->widget();
        delete item;
    }
    const deepstep::Lesson* data = lesson_.packLessonData();
    const bool has = data != nullptr && engine_ != nullptr && error_.isEmpty() &&
                     !data->steps[static_cast<std::size_t>(step_)].checkpoints.empty();
    questionsArea_->setVisible(has);
    if (!has) return;
    const LessonProgress::LessonState* state = progress_ ? progress_->find(lesson_.pack->id, data->id) : nullptr;
    for (const Checkpoint& cp : data->steps[static_cast<std::size_t>(step_)].checkpoints) {
        CheckpointUi& ui = checkpoints_[cp.id];
        ui.checkpoint = &cp;
        const QString id = QString::fromStdString(cp.id);
        auto* box = new QFrame;
        box->setObjectName(QStringLiteral("checkpoint:") + id);
        box->setFrameShape(QFrame::StyledPanel);
        auto* v = new QVBoxLayout(box);
        auto* question = new QLabel;
        question->setTextFormat(Qt::MarkdownText);
        question->setWordWrap(true);
        question->setText(inUiLanguage(cp.question));
        v->addWidget(question);

        auto* row = new QHBoxLayout;
        std::function<std::optional<Json>()> read;
        const bool choice = cp.type == Checkpoint::Type::Choice ||
                            (cp.type == Checkpoint::Type::Outcome && cp.input == Checkpoint::Input::Choice);
        if (choice) {
            auto* group = new QButtonGroup(box);
            auto* choices = new QVBoxLayout;
            const std::size_t n = cp.type == Checkpoint::Type::Choice ? cp.choices.size() : cp.inputChoices.size();
            for (std::size_t i = 0; i < n; ++i) {
                auto* radio = new QRadioButton(answerText(cp, Json(static_cast<long long>(i))));
                radio->setObjectName(QStringLiteral("choice:%1:%2").arg(id).arg(i));
                group->addButton(radio, static_cast<int>(i));
                choices->addWidget(radio);
            }
            v->addLayout(choices);
            read = [group]() -> std::optional<Json> {
                if (group->checkedId() < 0) return std::nullopt;
                return Json(static_cast<long long>(group->checkedId()));
            };
        } else {
            auto* edit = new QLineEdit;
            edit->setObjectName(QStringLiteral("answer:") + id);
            const bool integer = cp.type == Checkpoint::Type::Outcome && cp.input == Checkpoint::Input::Integer;
            // Numbers are read as the terminal reads them (parseTypedNumber): the Unicode
            // minus the lessons print, full-width digits, 50% and 1/2 are all accepted.
            if (integer) edit->setValidator(new QIntValidator(edit));
            edit->setPlaceholderText(integer ? tr("a whole number") : tr("a number, e.g. 0.25"));
            edit->setMaximumWidth(260);
            edit->setMinimumWidth(180);
            row->addWidget(edit);
            read = [edit, integer]() -> std::optional<Json> {
                bool ok = false;
                if (integer) {
                    const long long value = edit->text().trimmed().toLongLong(&ok);
                    return ok ? std::optional<Json>(Json(value)) : std::nullopt;
                }
                const std::optional<double> value = parseTypedNumber(edit->text().toStdString());
                return value ? std::optional<Json>(Json(*value)) : std::nullopt;
            };
            connect(edit, &QLineEdit::returnPressed, box, [this, id, read] {
                if (auto a = read()) submitAnswer(id, *a);
            });
        }
        auto* check = new QPushButton(tr("Check"));
        check->setObjectName(QStringLiteral("check:") + id);
        row->addWidget(check);
        row->addStretch(1);
        v->addLayout(row);
        ui.feedback = new QLabel;
        ui.feedback->setWordWrap(true);
        ui.feedback->setObjectName(QStringLiteral("feedback:") + id);
        ui.feedback->setTextFormat(Qt::MarkdownText);
        if (ui.feedbackText.isEmpty() && state != nullptr) {
            const auto found = state->answers.find(cp.id);
            if (found != state->answers.end() && found->second.correct) {
                ui.feedbackText = tr("✔ Answered right before: %1").arg(answerText(cp, found->second.answer));
            }
        }
        ui.feedback->setText(ui.feedbackText);
        ui.feedback->setVisible(!ui.feedbackText.isEmpty());
        v->addWidget(ui.feedback);
        connect(check, &QPushButton::clicked, box, [this, id, read, feedback = ui.feedback] {
            if (auto a = read()) {
                submitAnswer(id, *a);
            } else {
                feedback->setText(tr("Give an answer first."));
                feedback->setVisible(true);
            }
        });
        questionsLayout_->addWidget(box);
    }
    questionsLayout_->addStretch(1);
}

void LessonPlayer::setAnswerGate(std::optional<AnswerGate> gate) {
    gate_ = std::move(gate);
    render();
}

bool LessonPlayer::submitAnswer(const QString& checkpointId, const Json& answer) {
    const auto found = checkpoints_.find(checkpointId.toStdString());
    if (!engine_ || found == checkpoints_.end()) return false;
    if (isBusy()) return false;
    if (gate_ && gate_->attemptsLeft(engine_->lesson().id, found->first) == 0) {
        found->second.feedbackText = tr("No attempts left for this question.");
        if (found->second.feedback != nullptr) {
            found->second.feedback->setText(found->second.feedbackText);
            found->second.feedback->setVisible(true);
        }
        return false;
    }
    const Checkpoint& cp = *found->second.checkpoint;
    if (cp.type == Checkpoint::Type::Outcome) {
        // An outcome checkpoint trains a copy of the experiment: in the background.
        checkInBackground(found->first, answer);
        return true;
    }
    CheckResult result;
    try {
        result = engine_->check(cp, answer);
    } catch (const std::exception& e) {
        result.correct = false;
        result.detail = Text{e.what(), e.what()};
    }
    showCheckResult(found->first, answer, result);
    return true;
}

void LessonPlayer::checkInBackground(const std::string& id, const Json& answer) {
    auto result = std::make_shared<CheckResult>();
    deepstep::LessonPlayer* engine = engine_.get();
    const Checkpoint* cp = checkpoints_.at(id).checkpoint;
    setBusy(true, true);
    task_->start(
        [engine, cp, answer, result] {
            try {
                *result = engine->check(*cp, answer);
            } catch (const std::exception& e) {
                result->correct = false;
                result->detail = Text{e.what(), e.what()};
            }
        },
        [this, id, answer, result] { showCheckResult(id, answer, *result); });
}

void LessonPlayer::showCheckResult(const std::string& id, const Json& answer, const CheckResult& result) {
    const auto found = checkpoints_.find(id);
    if (found == checkpoints_.end()) return;
    CheckpointUi& ui = found->second;
    const Checkpoint& cp = *ui.checkpoint;
    if (gate_) {
        gate_->record(engine_->lesson().id, cp.id, answer, result.correct);
    } else if (progress_) {
        progress_->recordAnswer(lesson_.pack->id, engine_->lesson().id, cp.id, answer, result.correct);
        saveProgress();
    }
    QString text;
    if (result.correct) {
        text = tr("✔ Right.");
    } else {
        ++ui.wrong;
        text = tr("✘ Not quite.");
        const int left = gate_ ? gate_->attemptsLeft(engine_->lesson().id, cp.id) : -1;
        if (gate_ && left == 0) {
            // A lab never shows the right answer.
            text += QLatin1Char(' ') + tr("No attempts left for this question.");
        } else if (const Text* hint = deepstep::LessonPlayer::hintAfter(cp, ui.wrong)) {
            text += QLatin1Char(' ') + tr("Hint: %1").arg(inUiLanguage(*hint));
            if (left > 0) text += QLatin1Char(' ') + tr("(%n attempt(s) left)", nullptr, left);
        } else if (gate_) {
            if (left > 0) text += QLatin1Char(' ') + tr("(%n attempt(s) left)", nullptr, left);
        } else {
            text += QLatin1Char(' ') + tr("The right answer: %1").arg(answerText(cp, result.expected));
            ui.answerShown = true;
        }
    }
    const QString detail = inUiLanguage(result.detail);
    if (!detail.isEmpty()) text += QStringLiteral("\n\n") + detail;
    ui.feedbackText = text;
    if (ui.feedback != nullptr) {
        ui.feedback->setText(text);
        ui.feedback->setVisible(true);
    }
    updateConcealment();
    refreshText();
    showScore();
    emit answerChecked(QString::fromStdString(id));
}

void LessonPlayer::updateConcealment() {
    if (session_ == nullptr) return;
    AnswerConcealment hidden;
    const deepstep::Lesson* data = lesson_.packLessonData();
    if (data != nullptr && engine_ != nullptr && error_.isEmpty() && !lesson_.steps.isEmpty()) {
        for (const Checkpoint& cp : data->steps[static_cast<std::size_t>(step_)].checkpoints) {
            if (cp.type != Checkpoint::Type::Number || cp.reference.empty()) continue;
            if (checkpointRight(QString::fromStdString(cp.id))) continue;
            const auto ui = checkpoints_.find(cp.id);
            if (ui != checkpoints_.end() && ui->second.answerShown) continue;
            try {
                hidden.add(engine_->stepper(), parseLessonReference(cp.reference));
            } catch (const std::exception&) {
                // A reference the pack check would refuse: the answer check reports it.
            }
        }
    }
    if (hidden.empty() && session_->concealment().empty()) return;
    session_->setConcealment(std::move(hidden));
}

void LessonPlayer::showScore() {
    const deepstep::Lesson* data = lesson_.packLessonData();
    const deepstep::LessonScore score =
        data == nullptr ? deepstep::LessonScore{}
                        : deepstep::lessonScore(*data, progress_ ? progress_->find(lesson_.pack->id, data->id) : nullptr);
    score_->setVisible(score.total > 0 && !gate_);  // a lab shows its own score
    score_->setText(score.total == 0 ? QString()
                                     : tr("Score: %1/%2 · right on the first try: %3/%2 · answers given: %4")
                                           .arg(score.right)
                                           .arg(score.total)
                                           .arg(score.firstTry)
                                           .arg(score.attempts));
}

bool LessonPlayer::checkpointRight(const QString& checkpointId) const {
    const deepstep::Lesson* data = lesson_.packLessonData();
    if (gate_ && data != nullptr) return gate_->right(data->id, checkpointId.toStdString());
    if (data == nullptr || !progress_) return false;
    const LessonProgress::LessonState* state = progress_->find(lesson_.pack->id, data->id);
    if (state == nullptr) return false;
    const auto found = state->answers.find(checkpointId.toStdString());
    return found != state->answers.end() && found->second.correct;
}

QString LessonPlayer::checkpointFeedback(const QString& checkpointId) const {
    const auto found = checkpoints_.find(checkpointId.toStdString());
    return found == checkpoints_.end() ? QString() : found->second.feedbackText;
}

namespace {

QString str(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>())
                                                                  : QString();
}

// "sgd" or {"type": "sgd", "learning_rate": 0.5} → "sgd (learning_rate 0.5)".
QString component(const Json& j) {
    if (j.is_string()) return QString::fromStdString(j.get<std::string>());
    if (!j.is_object()) return QStringLiteral("?");
    QString text = str(j, "type");
    QStringList options;
    for (const auto& [key, value] : j.items()) {
        if (key == "type" || key == "inputs" || key == "targets" || key == "classes") continue;
        options << QStringLiteral("%1 %2").arg(QString::fromStdString(key), QString::fromStdString(value.dump()));
    }
    if (!options.isEmpty()) text += QStringLiteral(" (") + options.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

}  // namespace

QString LessonPlayer::describeExperiment(const QString& path) {
    if (path.isEmpty()) return {};
    Json doc;
    try {
        doc = readJsonFile(path.toStdString());
    } catch (const std::exception& e) {
        return tr("**This experiment cannot be read.**\n\n%1").arg(QString::fromStdString(e.what()));
    }
    // The name is the lesson's title, shown above the text already.
    QString md;
    // A description may be one string or {"en": …, "ko": …}.
    if (doc.contains("description")) {
        const Json& d = doc["description"];
        QString text = d.is_string() ? QString::fromStdString(d.get<std::string>()) : QString();
        if (d.is_object()) {
            const QString lang = tr("en", "language code of this translation");
            text = str(d, lang.toUtf8().constData());
            if (text.isEmpty()) text = str(d, "en");
        }
        if (!text.isEmpty()) md += text + QStringLiteral("\n\n");
    }
    QStringList layers;
    if (doc.contains("model") && doc["model"].contains("layers") && doc["model"]["layers"].is_array()) {
        for (const Json& l : doc["model"]["layers"]) {
            QString item = QStringLiteral("**%1**: %2").arg(str(l, "name"), str(l, "type"));
            if (l.contains("units") && l["units"].is_number_integer()) {
                // English has no translation file, so no plural forms: choose here.
                const int units = l["units"].get<int>();
                item += QLatin1Char(' ') + (units == 1 ? tr("1 unit") : tr("%1 units").arg(units));
            }
            const QString act = str(l, "activation");
            if (!act.isEmpty()) item += QStringLiteral(", ") + act;
            if (l.contains("parameters")) item += QStringLiteral(", ") + tr("initial weights given");
            layers << item;
        }
    }
    if (doc.contains("model") && doc["model"].contains("input")) {
        md += tr("- **Input:** %1 values").arg(QString::fromStdString(doc["model"]["input"].dump())) + QLatin1Char('\n');
    }
    if (!layers.isEmpty()) md += tr("- **Layers:** %1").arg(layers.join(QStringLiteral(" → "))) + QLatin1Char('\n');
    if (doc.contains("loss")) md += tr("- **Loss:** %1").arg(component(doc["loss"])) + QLatin1Char('\n');
    if (doc.contains("optimizer")) md += tr("- **Optimizer:** %1").arg(component(doc["optimizer"])) + QLatin1Char('\n');
    if (doc.contains("dataset")) md += tr("- **Data:** %1").arg(component(doc["dataset"])) + QLatin1Char('\n');
    if (doc.contains("training") && doc["training"].is_object()) {
        const Json& t = doc["training"];
        if (t.contains("epochs")) md += tr("- **Epochs:** %1").arg(t["epochs"].get<long long>()) + QLatin1Char('\n');
        if (t.contains("batch_size")) {
            const long long b = t["batch_size"].get<long long>();
            md += (b == 0 ? tr("- **Batch:** the whole data set per update") : tr("- **Batch:** %1 examples per update").arg(b)) +
                  QLatin1Char('\n');
        }
    }
    md += QLatin1Char('\n') +
          tr("Press **Step through it** to load this experiment into the step-by-step view. There you compute "
             "one layer at a time: the forward pass from the input, the backward pass from the loss, then the "
             "weight update. The Step menu lists the keyboard shortcuts.") +
          QLatin1Char('\n');
    return md;
}

}  // namespace deepstep::studio
