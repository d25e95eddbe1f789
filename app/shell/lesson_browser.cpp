#include "lesson_browser.hpp"

#include <QEvent>
#include <QHeaderView>
#include <QVBoxLayout>

namespace deepstep::studio {

namespace {
constexpr int kLectureRole = Qt::UserRole;
constexpr int kLessonRole = Qt::UserRole + 1;
}  // namespace

LessonBrowser::LessonBrowser(QWidget* parent) : QWidget(parent), heading_(new QLabel(this)), tree_(new QTreeWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont bold = heading_->font();
    bold.setBold(true);
    heading_->setFont(bold);
    layout->addWidget(heading_);
    tree_->setHeaderHidden(true);
    tree_->setColumnCount(1);
    tree_->setWordWrap(true);
    tree_->setUniformRowHeights(false);
    tree_->setTextElideMode(Qt::ElideNone);
    tree_->header()->setStretchLastSection(true);
    layout->addWidget(tree_);
    connect(tree_, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem* current, QTreeWidgetItem*) { onCurrentChanged(current); });
    retranslateUi();
}

void LessonBrowser::setCatalog(std::shared_ptr<const LessonCatalog> catalog) {
    catalog_ = std::move(catalog);
    reload();
}

void LessonBrowser::reload() {
    const QString keep = currentLessonId();
    const QSignalBlocker block(tree_);
    tree_->clear();
    lectures_ = catalog_ ? catalog_->lectures() : QVector<Lecture>{};
    for (int i = 0; i < lectures_.size(); ++i) {
        auto* lecture = new QTreeWidgetItem(tree_, {lectures_[i].title});
        lecture->setData(0, kLectureRole, i);
        lecture->setData(0, kLessonRole, -1);
        lecture->setFlags(Qt::ItemIsEnabled);
        QFont bold = lecture->font(0);
        bold.setBold(true);
        lecture->setFont(0, bold);
        for (int j = 0; j < lectures_[i].lessons.size(); ++j) {
            auto* lesson = new QTreeWidgetItem(lecture, {lectures_[i].lessons[j].title});
            lesson->setData(0, kLectureRole, i);
            lesson->setData(0, kLessonRole, j);
            lesson->setToolTip(0, lectures_[i].lessons[j].title);
        }
    }
    tree_->expandAll();
    if (!keep.isEmpty()) {
        // Same lesson, new titles: no need to tell the player again.
        for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
            const int li = (*it)->data(0, kLectureRole).toInt();
            const int lj = (*it)->data(0, kLessonRole).toInt();
            if (lj >= 0 && lectures_[li].lessons[lj].id == keep) tree_->setCurrentItem(*it);
        }
    }
}

bool LessonBrowser::selectLesson(const QString& id) {
    for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
        const int li = (*it)->data(0, kLectureRole).toInt();
        const int lj = (*it)->data(0, kLessonRole).toInt();
        if (lj >= 0 && lectures_[li].lessons[lj].id == id) {
            tree_->setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

bool LessonBrowser::selectFirstLesson() {
    for (const Lecture& l : lectures_) {
        if (!l.lessons.isEmpty()) return selectLesson(l.lessons.front().id);
    }
    return false;
}

QString LessonBrowser::currentLessonId() const {
    const QTreeWidgetItem* item = tree_->currentItem();
    if (item == nullptr) return {};
    const int li = item->data(0, kLectureRole).toInt();
    const int lj = item->data(0, kLessonRole).toInt();
    return lj >= 0 ? lectures_[li].lessons[lj].id : QString();
}

void LessonBrowser::onCurrentChanged(QTreeWidgetItem* item) {
    if (item == nullptr) return;
    const int li = item->data(0, kLectureRole).toInt();
    const int lj = item->data(0, kLessonRole).toInt();
    if (lj >= 0) emit lessonChosen(lectures_[li].lessons[lj]);
}

void LessonBrowser::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void LessonBrowser::retranslateUi() {
    heading_->setText(tr("Lectures and lessons"));
    if (catalog_) reload();
}

}  // namespace deepstep::studio
