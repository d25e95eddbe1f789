#include "lab_panel.hpp"

#include "lesson_catalog.hpp"
#include "lesson_player.hpp"
#include "model/step_session.hpp"

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace deepstep::studio {


LabPanel::LabPanel(std::unique_ptr<LabSession> lab, StepSession& session, const Registry& registry, QWidget* parent)
    : QWidget(parent),
      lab_(std::move(lab)),
      title_(new QLabel),
      info_(new QLabel),
      lessons_(new QListWidget),
      status_(new QLabel),
      submit_(new QPushButton),
      player_(new LessonPlayer) {
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    title_->setFont(big);
    title_->setWordWrap(true);
    info_->setWordWrap(true);
    info_->setTextFormat(Qt::RichText);
    status_->setWordWrap(true);
    auto* side = new QVBoxLayout;
    side->addWidget(title_);
    side->addWidget(info_);
    side->addWidget(lessons_, 1);
    side->addWidget(status_);
    side->addWidget(submit_);
    auto* sideWidget = new QWidget;
    sideWidget->setLayout(side);
    sideWidget->setMaximumWidth(300);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(sideWidget);
    layout->addWidget(player_, 1);

    player_->setSession(&session, &registry);
    LessonPlayer::AnswerGate gate;
    gate.right = [this](const std::string& l, const std::string& c) { return lab_->answeredRight(l, c); };
    gate.attemptsLeft = [this](const std::string& l, const std::string& c) { return lab_->attemptsLeft(l, c); };
    gate.record = [this](const std::string& l, const std::string& c, const Json& a, bool ok) {
        try {
            lab_->record(l, c, a, ok);
            error_.clear();
        } catch (const std::exception& e) {
            error_ = QString::fromStdString(e.what());
        }
        updateStatus();
    };
    player_->setAnswerGate(gate);
    connect(player_, &LessonPlayer::stepViewRequested, this, &LabPanel::stepViewRequested);
    connect(lessons_, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) chooseLesson(row);
    });
    connect(submit_, &QPushButton::clicked, this, &LabPanel::chooseAndSubmit);
    retranslateUi();
    if (lessonCount() > 0) lessons_->setCurrentRow(0);
}

LabPanel::~LabPanel() = default;

int LabPanel::lessonCount() const { return static_cast<int>(lab_->pack()->lessons.size()); }

void LabPanel::chooseLesson(int index) {
    if (index < 0 || index >= lessonCount()) return;
    if (lessons_->currentRow() != index) {
        lessons_->setCurrentRow(index);  // comes back here
        return;
    }
    Lesson lesson;
    const deepstep::Lesson& data = lab_->pack()->lessons[static_cast<std::size_t>(index)];
    lesson.id = QStringLiteral("lab:%1/%2").arg(QString::fromStdString(lab_->manifest().id), QString::fromStdString(data.id));
    lesson.title = inUiLanguage(data.title);
    lesson.pack = lab_->pack();
    lesson.packLesson = index;
    for (std::size_t i = 0; i < data.steps.size(); ++i)
        lesson.steps.push_back(LessonStep{});
    player_->showLesson(lesson);
}

bool LabPanel::submitTo(const QString& path) {
    try {
        lab_->submit(path);
        error_.clear();
    } catch (const std::exception& e) {
        error_ = QString::fromStdString(e.what());
    }
    // Submitted, the session takes no more answers: every checkpoint has none left.
    updateStatus();
    return error_.isEmpty();
}

void LabPanel::chooseAndSubmit() {
    if (lab_->submitted()) return;
    const int right = lab_->rightCount();
    const int total = lab_->checkpointCount();
    if (QMessageBox::question(this, tr("Submit the lab"),
                              tr("%1 of %2 questions are answered right. After submitting, this lab takes no more "
                                 "answers. Submit now?")
                                  .arg(right)
                                  .arg(total)) != QMessageBox::Yes)
        return;
    const QString name = QStringLiteral("%1-%2.json").arg(QString::fromStdString(lab_->manifest().id), lab_->student());
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the result file"), QDir::home().filePath(name),
                                                      tr("Lab results (*.json)"));
    if (!path.isEmpty()) submitTo(path);
}

QString LabPanel::headerText() const { return title_->text() + QLatin1Char('\n') + info_->text(); }

QString LabPanel::statusText() const { return status_->text(); }

void LabPanel::updateStatus() {
    QString text = tr("%1 of %2 questions answered right.").arg(lab_->rightCount()).arg(lab_->checkpointCount());
    if (lab_->submitted())
        text += QLatin1Char(' ') + tr("Submitted on %1: this lab takes no more answers.")
                                       .arg(QLocale().toString(
                                           QDateTime::fromSecsSinceEpoch(lab_->result().submitted).toLocalTime(),
                                           QLocale::ShortFormat));
    if (!error_.isEmpty()) text += QStringLiteral("\n") + error_;
    status_->setText(text);
    submit_->setEnabled(!lab_->submitted());
}

void LabPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void LabPanel::retranslateUi() {
    const LabManifest& m = lab_->manifest();
    title_->setText(inUiLanguage(m.title));
    QStringList lines;
    lines << tr("Student: <b>%1</b>").arg(lab_->student().toHtmlEscaped());
    if (m.deadline) {
        const QDateTime local = QDateTime::fromSecsSinceEpoch(*m.deadline).toLocalTime();
        QString deadline = tr("Deadline: %1 (your local time)").arg(QLocale().toString(local, QLocale::LongFormat));
        if (lab_->pastDeadline())
            deadline = QStringLiteral("<span style=\"color:#b00020\">%1 %2</span>")
                           .arg(deadline, tr("— passed: a result submitted now counts as late."));
        lines << deadline;
    }
    lines << (m.attempts > 0 ? tr("Attempts per question: %1").arg(m.attempts) : tr("Attempts per question: no limit"));
    lines << tr("Your numbers are your own: they follow from your student id. The settings of this lab are locked.");
    info_->setText(lines.join(QStringLiteral("<br>")));
    const bool keep = lessons_->signalsBlocked();
    lessons_->blockSignals(true);
    const int row = lessons_->currentRow();
    lessons_->clear();
    for (const deepstep::Lesson& l : lab_->pack()->lessons)
        lessons_->addItem(inUiLanguage(l.title));
    lessons_->setCurrentRow(row);
    lessons_->blockSignals(keep);
    submit_->setText(tr("Submit…"));
    updateStatus();
}

}  // namespace deepstep::studio
