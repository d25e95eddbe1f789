#pragma once
// LessonPlayer: one lesson, step by step: its Markdown text, navigation between the
// steps and a button that loads the step's experiment into the step-by-step view.
// A step without text (every step of an experiment-folder lesson) is described from
// its experiment file: name, description, model, loss, optimizer, data, training.

#include "lesson_catalog.hpp"

#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QWidget>

namespace deepstep::studio {

class LessonPlayer : public QWidget {
    Q_OBJECT
public:
    explicit LessonPlayer(QWidget* parent = nullptr);

    void showLesson(const Lesson& lesson);
    const Lesson& lesson() const { return lesson_; }
    int currentStep() const { return step_; }
    void goToStep(int index);
    /// The Markdown shown now.
    QString markdown() const { return markdown_; }

    /// The Markdown describing an experiment document, in the current UI language.
    static QString describeExperiment(const QString& path);

signals:
    /// The user asked to step through `experimentPath`.
    void stepThroughRequested(const QString& experimentPath);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void render();
    QString experimentOfStep() const;

    Lesson lesson_;
    int step_ = 0;
    QString markdown_;
    QLabel* title_;
    QTextBrowser* text_;
    QPushButton* previous_;
    QLabel* position_;
    QPushButton* next_;
    QPushButton* stepThrough_;
};

}  // namespace deepstep::studio
