#pragma once
// LabPanel: a student's lab in the Studio (File ▸ Open lab…). The lab's lessons, with the
// student's own numbers, are played by the lesson player on the Studio's step session, so
// the step-by-step view shows the variant with every value an open question asks for
// hidden; answers go to the LabSession (attempts counted, saved after each), the right
// answer is never revealed, and Submit writes the result file. The header says whose lab
// it is, the deadline in local time, and the attempts per question.

#include "model/lab_session.hpp"

#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QPushButton;

namespace deepstep::studio {

class LessonPlayer;
class StepSession;

class LabPanel : public QWidget {
    Q_OBJECT

public:
    /// requires: `session` and `registry` outlive the panel.
    LabPanel(std::unique_ptr<LabSession> lab, StepSession& session, const Registry& registry, QWidget* parent = nullptr);
    ~LabPanel() override;

    LabSession& lab() { return *lab_; }
    LessonPlayer* player() const { return player_; }
    int lessonCount() const;
    void chooseLesson(int index);
    /// Writes the result file; false (with the reason in statusText()) when it cannot be.
    bool submitTo(const QString& path);
    QString headerText() const;
    QString statusText() const;

signals:
    /// The student asked to see the lesson's state in the step-by-step view.
    void stepViewRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateStatus();
    void chooseAndSubmit();

    std::unique_ptr<LabSession> lab_;
    QString error_;
    QLabel* title_;
    QLabel* info_;
    QListWidget* lessons_;
    QLabel* status_;
    QPushButton* submit_;
    LessonPlayer* player_;
};

}  // namespace deepstep::studio
