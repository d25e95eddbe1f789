#pragma once
// LessonBrowser: lectures and their lessons as a tree; choosing a lesson emits it.

#include "lesson_catalog.hpp"

#include <QLabel>
#include <QTreeWidget>
#include <QWidget>

#include <memory>

namespace deepstep::studio {

class LessonBrowser : public QWidget {
    Q_OBJECT
public:
    explicit LessonBrowser(QWidget* parent = nullptr);

    /// Lists `catalog`'s lectures (replacing what was listed).
    void setCatalog(std::shared_ptr<const LessonCatalog> catalog);
    /// Selects a lesson by id; false when there is none with that id.
    bool selectLesson(const QString& id);
    /// Selects the first lesson of the first lecture; false when the catalog is empty.
    bool selectFirstLesson();
    QString currentLessonId() const;
    const QVector<Lecture>& lectures() const { return lectures_; }

signals:
    void lessonChosen(const deepstep::studio::Lesson& lesson);

protected:
    void changeEvent(QEvent* event) override;

private:
    void reload();
    void retranslateUi();
    void onCurrentChanged(QTreeWidgetItem* item);

    std::shared_ptr<const LessonCatalog> catalog_;
    QVector<Lecture> lectures_;
    QLabel* heading_;
    QTreeWidget* tree_;
};

}  // namespace deepstep::studio
