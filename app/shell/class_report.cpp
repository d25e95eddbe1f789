#include "class_report.hpp"

#include "deepstep/file_io.hpp"
#include "lesson_catalog.hpp"

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>

namespace deepstep::studio {

namespace {

QTableWidgetItem* cell(const QString& text, bool number = false) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString percent(double share) { return QString::number(100.0 * share, 'f', 1) + QStringLiteral(" %"); }

}  // namespace

ScoreHistogram::ScoreHistogram(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 150);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void ScoreHistogram::setScores(std::vector<double> percents) {
    std::fill(std::begin(bins_), std::end(bins_), 0);
    for (double p : percents)
        ++bins_[std::clamp(static_cast<int>(p / 10.0), 0, 9)];
    update();
}

void ScoreHistogram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QFontMetrics fm(font());
    const int most = std::max(1, *std::max_element(std::begin(bins_), std::end(bins_)));
    const double w = (width() - 20.0) / 10.0;
    const double top = fm.height() + 4;
    const double bottom = height() - 2.0 * fm.height() - 6;
    for (int b = 0; b < 10; ++b) {
        const double h = (bottom - top) * bins_[b] / most;
        const QRectF bar(10 + b * w + 2, bottom - h, w - 4, h);
        p.fillRect(bar, QColor(59, 118, 176));
        p.setPen(palette().color(QPalette::Text));
        if (bins_[b] > 0) p.drawText(QRectF(bar.left(), bar.top() - fm.height() - 2, bar.width(), fm.height()), Qt::AlignCenter, QString::number(bins_[b]));
        p.drawText(QRectF(10 + b * w, bottom + 2, w, fm.height()), Qt::AlignCenter, QString::number(b * 10));
    }
    p.drawText(QRectF(0, bottom + fm.height() + 4, width(), fm.height()), Qt::AlignCenter, tr("score (% of the points)"));
}

ClassReport::ClassReport(LabBundle bundle, LabGrades grades, QWidget* parent)
    : QWidget(parent),
      bundle_(std::move(bundle)),
      grades_(std::move(grades)),
      title_(new QLabel),
      summary_(new QLabel),
      histogram_(new ScoreHistogram),
      checkpointsLabel_(new QLabel),
      checkpoints_(new QTableWidget),
      studentsLabel_(new QLabel),
      students_(new QTableWidget),
      invalidLabel_(new QLabel),
      invalid_(new QTableWidget),
      save_(new QPushButton) {
    QFont big = title_->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    title_->setFont(big);
    summary_->setWordWrap(true);
    for (QTableWidget* t : {checkpoints_, students_, invalid_}) {
        t->verticalHeader()->setVisible(false);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->horizontalHeader()->setStretchLastSection(true);
    }
    auto* grid = new QGridLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(title_, 1);
    top->addWidget(save_);
    grid->addLayout(top, 0, 0, 1, 2);
    grid->addWidget(summary_, 1, 0);
    grid->addWidget(histogram_, 2, 0);
    grid->addWidget(checkpointsLabel_, 1, 1);
    grid->addWidget(checkpoints_, 2, 1);
    grid->addWidget(studentsLabel_, 3, 0);
    grid->addWidget(students_, 4, 0);
    grid->addWidget(invalidLabel_, 3, 1);
    grid->addWidget(invalid_, 4, 1);
    grid->setRowStretch(2, 1);
    grid->setRowStretch(4, 2);
    connect(save_, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Save the report into a folder"));
        if (!folder.isEmpty()) saveTo(folder);
    });
    retranslateUi();
}

QString ClassReport::summaryText() const { return summary_->text(); }

bool ClassReport::saveTo(const QString& folder, QString* error) {
    try {
        namespace fs = std::filesystem;
        const fs::path out(folder.toStdString());
        fs::create_directories(out);
        const std::string language = lessonLanguage().toStdString();
        writeFileAtomically((out / "report.html").string(), labReportHtml(bundle_, grades_, language));
        writeFileAtomically((out / "grades.csv").string(), labGradesCsv(grades_));
        for (const GradedResult* r : grades_.students()) {
            const fs::path dir = out / "gradescope" / r->student;
            fs::create_directories(dir);
            writeFileAtomically((dir / "results.json").string(), labGradescopeResult(*r).dump(2) + "\n");
        }
        return true;
    } catch (const std::exception& e) {
        if (error != nullptr) *error = QString::fromStdString(e.what());
        return false;
    }
}

void ClassReport::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ClassReport::retranslateUi() {
    const bool ko = lessonLanguage() == QLatin1String("ko");
    title_->setText(tr("Class report: %1").arg(QString::fromStdString(ko ? bundle_.manifest.title.ko : bundle_.manifest.title.en)));
    checkpointsLabel_->setText(tr("Questions (the hard ones have the lowest shares)"));
    studentsLabel_->setText(tr("Students"));
    invalidLabel_->setText(tr("Files that do not count"));
    save_->setText(tr("Save report…"));
    checkpoints_->setColumnCount(5);
    checkpoints_->setHorizontalHeaderLabels(
        {tr("question"), tr("points"), tr("right"), tr("right on the first try"), tr("answers per student")});
    students_->setColumnCount(5);
    students_->setHorizontalHeaderLabels({tr("student"), tr("score"), tr("%"), tr("submitted (local time)"), tr("note")});
    invalid_->setColumnCount(3);
    invalid_->setHorizontalHeaderLabels({tr("file"), tr("student"), tr("why")});
    fill();
}

void ClassReport::fill() {
    const std::vector<const GradedResult*> students = grades_.students();
    const LabClassSummary sum = labClassSummary(grades_);
    summary_->setText(tr("%1 students graded from %2 files. Mean score %3 %, median %4 %. %5 late, %6 files not valid.")
                          .arg(students.size())
                          .arg(grades_.results.size())
                          .arg(sum.mean, 0, 'f', 1)
                          .arg(sum.median, 0, 'f', 1)
                          .arg(sum.late)
                          .arg(sum.invalid));
    histogram_->setScores(sum.percents);
    checkpoints_->setRowCount(static_cast<int>(sum.questions.size()));
    for (std::size_t k = 0; k < sum.questions.size(); ++k) {
        const LabClassSummary::Question& q = sum.questions[k];
        const int row = static_cast<int>(k);
        checkpoints_->setItem(row, 0, cell(QString::fromStdString(q.lesson + "/" + q.checkpoint)));
        checkpoints_->setItem(row, 1, cell(QString::number(q.points), true));
        checkpoints_->setItem(row, 2, cell(percent(q.right), true));
        checkpoints_->setItem(row, 3, cell(percent(q.firstTry), true));
        checkpoints_->setItem(row, 4, cell(QString::number(q.answers, 'f', 2), true));
        // The hardest questions in a warmer colour.
        checkpoints_->item(row, 2)->setBackground(QColor::fromHsvF(0.33 * q.right, 0.35, 1.0));
    }
    students_->setRowCount(static_cast<int>(students.size()));
    for (std::size_t i = 0; i < students.size(); ++i) {
        const GradedResult& r = *students[i];
        const int row = static_cast<int>(i);
        const auto flagged = std::count_if(r.checkpoints.begin(), r.checkpoints.end(),
                                           [](const GradedCheckpoint& c) { return c.claimsDiffer; });
        QStringList notes;
        if (r.late) notes << tr("late");
        if (flagged > 0) notes << tr("%n answer(s) marked right that are wrong", nullptr, static_cast<int>(flagged));
        students_->setItem(row, 0, cell(QString::fromStdString(r.student)));
        students_->setItem(row, 1, cell(QStringLiteral("%1 / %2").arg(r.score).arg(r.maxScore), true));
        students_->setItem(row, 2, cell(QString::number(r.maxScore > 0 ? 100.0 * r.score / r.maxScore : 0.0, 'f', 1), true));
        students_->setItem(row, 3, cell(QLocale().toString(QDateTime::fromSecsSinceEpoch(r.submitted).toLocalTime(),
                                                           QLocale::ShortFormat)));
        students_->setItem(row, 4, cell(notes.join(QStringLiteral(", "))));
    }
    int row = 0;
    invalid_->setRowCount(0);
    for (const GradedResult& r : grades_.results) {
        if (r.status == GradedResult::Status::Valid) continue;
        invalid_->insertRow(row);
        const QString why = r.status == GradedResult::Status::Tampered     ? tr("tampered")
                            : r.status == GradedResult::Status::OtherLab   ? tr("another lab or build")
                            : r.status == GradedResult::Status::Superseded ? tr("superseded by a later submission")
                                                                           : tr("unreadable");
        invalid_->setItem(row, 0, cell(QString::fromStdString(std::filesystem::path(r.file).filename().string())));
        invalid_->setItem(row, 1, cell(QString::fromStdString(r.student)));
        auto* reason = cell(why);
        reason->setToolTip(QString::fromStdString(r.problem));
        invalid_->setItem(row, 2, reason);
        ++row;
    }
    for (QTableWidget* t : {checkpoints_, students_, invalid_})
        t->resizeColumnsToContents();
}

}  // namespace deepstep::studio
