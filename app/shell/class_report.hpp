#pragma once
// ClassReport: the instructor's view of a graded lab (File ▸ Grade a lab…): how many
// students and files, the mean and median score, a histogram of the scores, each
// checkpoint's share right and right on the first try (the hard ones stand out), every
// student's score, and the files that do not count with the reason. Save writes the
// same report as `deepstep lab grade`: report.html, grades.csv and gradescope/.

#include "deepstep/lessons/lab.hpp"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace deepstep::studio {

class ScoreHistogram : public QWidget {
    Q_OBJECT

public:
    explicit ScoreHistogram(QWidget* parent = nullptr);
    /// Scores in percent; ten bins of 10 %.
    void setScores(std::vector<double> percents);
    int binCount(int bin) const { return bins_[bin]; }
    QSize sizeHint() const override { return {420, 180}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    int bins_[10] = {};
};

class ClassReport : public QWidget {
    Q_OBJECT

public:
    ClassReport(LabBundle bundle, LabGrades grades, QWidget* parent = nullptr);

    const LabGrades& grades() const { return grades_; }
    QTableWidget* checkpointTable() const { return checkpoints_; }
    QTableWidget* studentTable() const { return students_; }
    QTableWidget* invalidTable() const { return invalid_; }
    ScoreHistogram* histogram() const { return histogram_; }
    QString summaryText() const;
    /// Writes report.html (in the UI language), grades.csv and gradescope/ to `folder`.
    bool saveTo(const QString& folder, QString* error = nullptr);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void fill();

    LabBundle bundle_;
    LabGrades grades_;
    QLabel* title_;
    QLabel* summary_;
    ScoreHistogram* histogram_;
    QLabel* checkpointsLabel_;
    QTableWidget* checkpoints_;
    QLabel* studentsLabel_;
    QTableWidget* students_;
    QLabel* invalidLabel_;
    QTableWidget* invalid_;
    QPushButton* save_;
};

}  // namespace deepstep::studio
