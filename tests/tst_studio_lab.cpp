// The Studio's lab mode (File ▸ Open lab…) and class report (File ▸ Grade a lab…) on the
// sample lab: opened as a student, the lab locks other experiments out, the step view
// holds the student's own numbers with the asked value hidden, attempts run out without
// the answer being shown, a right answer counts, the submitted result grades as the
// command line's does, a submitted lab does not open again, and the class report lists it.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lab.hpp"
#include "deepstep/toy/toy_datasets.hpp"
#include "model/step_session.hpp"
#include "shell/class_report.hpp"
#include "shell/lab_panel.hpp"
#include "shell/language_switcher.hpp"
#include "shell/lesson_player.hpp"
#include "shell/main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace deepstep;
using namespace deepstep::studio;

class TestStudioLab : public QObject {
    Q_OBJECT

    Registry registry_;
    std::unique_ptr<LanguageSwitcher> languages_;
    QTemporaryDir dir_;
    QString labFile_;
    LabBundle bundle_;
    QStringList messages_;

    std::unique_ptr<MainWindow> makeWindow() {
        auto w = std::make_unique<MainWindow>(registry_, *languages_);
        w->setMessageSink([this](MessageKind, const QString& t, const QString& x) { messages_ << t + QStringLiteral(": ") + x; });
        return w;
    }

    QAction* fileAction(MainWindow& w, const QString& text) {
        for (QAction* a : w.menuBar()->actions())
            if (a->menu() != nullptr)
                for (QAction* b : a->menu()->actions())
                    if (b->text().remove(QLatin1Char('&')) == text) return b;
        return nullptr;
    }

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QStandardPaths::setTestModeEnabled(true);
        qputenv("DEEPSTEP_DATA_HOME", dir_.filePath(QStringLiteral("data")).toUtf8());
        backprop::registerComponents(registry_);
        toy::registerComponents(registry_);
        languages_ = std::make_unique<LanguageSwitcher>();
        languages_->setLanguage(QStringLiteral("en"));
        std::vector<LabProblem> problems;
        bundle_ = buildLabBundle(std::string(DEEPSTEP_LABS_DIR) + "/lecture2-forward-backward", registry_,
                                 "a key of thirty-two bytes, fixed", 2, problems);
        QVERIFY(problems.empty());
        labFile_ = dir_.filePath(QStringLiteral("lab.json"));
        writeLabBundle(labFile_.toStdString(), bundle_);
    }

    void studentRound() {
        auto w = makeWindow();
        w->show();
        const int tabs = w->tabs()->count();
        QVERIFY(!w->openLab(labFile_, QStringLiteral("no spaces allowed")));
        QVERIFY(messages_.last().contains(QStringLiteral("student")));
        QVERIFY(w->openLab(labFile_, QStringLiteral("kim.s01")));
        LabPanel* panel = w->labPanel();
        QVERIFY(panel != nullptr);
        QCOMPARE(w->tabs()->count(), tabs + 1);
        QCOMPARE(w->tabs()->currentWidget(), panel);
        QVERIFY(panel->headerText().contains(QStringLiteral("kim.s01")));
        QVERIFY(panel->headerText().contains(QStringLiteral("your local time")));

        // Locked: no other experiment, no lesson browser, while the lab is open.
        QAction* open = fileAction(*w, QStringLiteral("Open experiment…"));
        QVERIFY(open != nullptr && !open->isEnabled());
        QVERIFY(!w->tabs()->isTabEnabled(static_cast<int>(MainWindow::Tab::Lessons)));
        const QString xor_ = QStringLiteral(DEEPSTEP_LABS_DIR "/../experiments/xor_2_2_1_sigmoid.json");
        messages_.clear();
        QVERIFY(!w->openExperiment(xor_));
        QVERIFY(!messages_.isEmpty() && messages_.last().contains(QStringLiteral("locked")));

        // The step view holds the student's own numbers: the variant's weights.
        const std::uint64_t seed = labVariantSeed(bundle_.manifest.id, "kim.s01");
        const LessonPack& variant = *panel->lab().pack();
        const Json& weights = variant.lessons[0].experiment->at("model").at("layers").at(0).at("parameters").at("weight");
        Parameter* hidden = w->session().stepper().network().parameter("hidden.weight");
        QVERIFY(hidden != nullptr);
        for (std::size_t r = 0; r < 2; ++r)
            for (std::size_t c = 0; c < 2; ++c)
                QCOMPARE(hidden->value.values()[r * 2 + c], weights.at(r).at(c).get<float>());
        const std::vector<double> values = labVariableValues(bundle_.manifest, seed);
        bool someVaried = false;
        for (std::size_t i = 0; i < bundle_.manifest.variables.size(); ++i)
            if (bundle_.manifest.variables[i].path.starts_with("model.layers[0].parameters.weight") &&
                bundle_.manifest.variables[i].lesson == variant.lessons[0].id)
                someVaried = true;
        QVERIFY(someVaried);
        (void)values;

        // The answer key of this student, as the grader computes it.
        const std::vector<LabKeyEntry> key = labAnswerKey(variant, registry_);
        const auto answerOf = [&](const std::string& cp) {
            for (const LabKeyEntry& k : key)
                if (k.lesson == variant.lessons[0].id && k.checkpoint == cp) return k.answer;
            return Json();
        };
        studio::LessonPlayer* player = panel->player();
        const deepstep::Lesson& lesson = variant.lessons[0];
        // The first question of the first step: wrong until the attempts run out, never revealed.
        const Checkpoint& first = lesson.steps[0].checkpoints.at(0);
        const QString firstId = QString::fromStdString(first.id);
        const Json right = answerOf(first.id);
        const Json wrong = first.type == Checkpoint::Type::Choice ? Json((right.get<int>() + 1) % static_cast<int>(first.choices.size()))
                                                                 : Json(right.get<double>() + 1.0);
        for (int i = 0; i < bundle_.manifest.attempts; ++i)
            QVERIFY(player->submitAnswer(firstId, wrong));
        QVERIFY(player->checkpointFeedback(firstId).contains(QStringLiteral("No attempts left")));
        QVERIFY(!player->checkpointFeedback(firstId).contains(QStringLiteral("right answer")));
        QVERIFY(!player->submitAnswer(firstId, right));  // no attempts left
        QVERIFY(!player->checkpointRight(firstId));
        QCOMPARE(panel->lab().result().checkpoints.at(0).answers.size(), static_cast<std::size_t>(bundle_.manifest.attempts));

        // A number question of a later step: its value is hidden in the step view until answered.
        std::size_t step = 1;
        while (step < lesson.steps.size() &&
               (lesson.steps[step].checkpoints.empty() || lesson.steps[step].checkpoints[0].type != Checkpoint::Type::Number))
            ++step;
        QVERIFY(step < lesson.steps.size());
        player->goToStep(static_cast<int>(step));
        QVERIFY(!w->session().concealment().empty());
        const Checkpoint& number = lesson.steps[step].checkpoints[0];
        QVERIFY(player->submitAnswer(QString::fromStdString(number.id), answerOf(number.id)));
        QVERIFY(player->checkpointRight(QString::fromStdString(number.id)));
        QVERIFY(panel->statusText().startsWith(QStringLiteral("1 of ")));
        // Saved at once: the progress file holds both checkpoints' answers.
        const LabResult saved = loadLabProgress(bundle_, "kim.s01", "test");
        QCOMPARE(saved.checkpoints.size(), std::size_t{2});

        // Submit, and the grader agrees: one question's points.
        const QString result = dir_.filePath(QStringLiteral("results/kim.s01.json"));
        QDir().mkpath(dir_.filePath(QStringLiteral("results")));
        QVERIFY(panel->submitTo(result));
        QVERIFY(panel->statusText().contains(QStringLiteral("Submitted")));
        QVERIFY(!player->submitAnswer(firstId, right));
        const LessonPack pack = unpackLab(bundle_, dir_.filePath(QStringLiteral("unpacked")).toStdString(), registry_);
        const LabGrades grades = gradeLab(bundle_, pack, {result.toStdString()}, registry_);
        QVERIFY(grades.allValid());
        QCOMPARE(grades.students().size(), std::size_t{1});
        QCOMPARE(grades.students()[0]->score, bundle_.manifest.pointsOf(lesson.id, number.id));

        // Closing the lab unlocks; a submitted lab does not open again.
        w->closeLab();
        QVERIFY(open->isEnabled());
        QVERIFY(w->tabs()->isTabEnabled(static_cast<int>(MainWindow::Tab::Lessons)));
        QCOMPARE(w->tabs()->count(), tabs);
        QVERIFY(!w->openLab(labFile_, QStringLiteral("kim.s01")));
        QVERIFY(messages_.last().contains(QStringLiteral("already submitted")));

        // The class report of the results folder.
        QVERIFY(w->openClassReport(labFile_, {dir_.filePath(QStringLiteral("results"))}));
        ClassReport* report = w->classReport();
        QVERIFY(report != nullptr);
        QCOMPARE(report->studentTable()->rowCount(), 1);
        QCOMPARE(report->studentTable()->item(0, 0)->text(), QStringLiteral("kim.s01"));
        int checkpoints = 0;
        for (const deepstep::Lesson& l : variant.lessons)
            checkpoints += static_cast<int>(l.checkpointCount());
        QCOMPARE(report->checkpointTable()->rowCount(), checkpoints);
        QCOMPARE(report->invalidTable()->rowCount(), 0);
        QVERIFY(report->summaryText().startsWith(QStringLiteral("1 students graded from 1 files")));
        const QString out = dir_.filePath(QStringLiteral("report"));
        QVERIFY(report->saveTo(out));
        QVERIFY(QFile::exists(out + QStringLiteral("/report.html")));
        QVERIFY(QFile::exists(out + QStringLiteral("/gradescope/kim.s01/results.json")));
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestStudioLab t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_studio_lab.moc"
