// The Studio's shell: the main window and its tabs, experiments in and out, exports,
// the language switch, autosave after a crash and the screenshot tour.

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "deepstep/lessons/progress.hpp"
#include "deepstep/perceptron/perceptron.hpp"
#include "deepstep/rnn/rnn.hpp"
#include "deepstep/sequences/sequence_datasets.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/toy/toy_datasets.hpp"
#include "model/step_session.hpp"
#include "shell/device_menu.hpp"
#include "shell/export_tools.hpp"
#include "shell/language_switcher.hpp"
#include "shell/lesson_browser.hpp"
#include "shell/lesson_catalog.hpp"
#include "shell/lesson_player.hpp"
#include "shell/step_loss_chart.hpp"
#include "shell/view_factory.hpp"
#include "shell/device_menu.hpp"
#include "shell/main_window.hpp"
#include "shell/screenshots.hpp"
#include "shell/session_autosave.hpp"
#include "stepview/matrix_heatmap.hpp"
#include "stepview/network_view.hpp"
#include "stepview/step_values.hpp"
#include "stepview/step_view.hpp"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QSettings>
#include <QLabel>
#include <QRegularExpression>
#include <QTextEdit>
#include <QTreeWidget>
#include <QDir>
#include <QFile>
#include <QFontMetrics>
#include <QImage>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace deepstep;
using namespace deepstep::studio;

namespace {

QString experimentsDir() { return QStringLiteral(DEEPSTEP_SOURCE_EXPERIMENTS); }
QString xorPath() { return experimentsDir() + QStringLiteral("/xor_2_2_1_sigmoid.json"); }

void writeText(const QString& path, const std::string& text) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

struct Message {
    MessageKind kind;
    QString title;
    QString text;
};

}  // namespace


/// Every number a person can read in `root` and its children: labels, text views, trees,
/// combo boxes, buttons, heatmap cells and the network drawing's nodes and edges.
QStringList numbersShownIn(QWidget* root) {
    QStringList texts;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (auto* l = qobject_cast<QLabel*>(w)) texts << l->text();
        if (auto* t = qobject_cast<QTextEdit*>(w)) texts << t->toPlainText();
        if (auto* b = qobject_cast<QAbstractButton*>(w)) texts << b->text() << b->toolTip();
        if (auto* c = qobject_cast<QComboBox*>(w)) {
            for (int i = 0; i < c->count(); ++i) texts << c->itemText(i);
        }
        if (auto* tree = qobject_cast<QTreeWidget*>(w)) {
            for (QTreeWidgetItemIterator it(tree); *it; ++it) {
                for (int col = 0; col < (*it)->columnCount(); ++col) texts << (*it)->text(col) << (*it)->toolTip(col);
            }
        }
        if (auto* map = qobject_cast<studio::MatrixHeatmap*>(w)) {
            for (int r = 0; r < map->rows(); ++r) {
                for (int c = 0; c < map->columns(); ++c) texts << map->cellText(r, c);
            }
        }
        if (auto* net = qobject_cast<studio::NetworkView*>(w)) {
            for (int layer = -1; layer < 4; ++layer) {
                for (int u = 0; u < 12; ++u) {
                    texts << net->nodeText(layer, u);
                    for (int v = 0; v < 12; ++v) texts << net->edgeText(layer, u, v) << net->edgeLabel(layer, u, v);
                }
            }
            texts << net->infoText();
        }
    }
    // Numbers as tokens, so that "0.25" is not found inside "0.255".
    static const QRegularExpression number(QStringLiteral("[-−]?[0-9]+(\\.[0-9]+)?(e[-+]?[0-9]+)?"));
    QStringList numbers;
    for (const QString& t : texts) {
        for (auto it = number.globalMatch(t); it.hasNext();) numbers << it.next().captured().replace(QStringLiteral("−"), QStringLiteral("-"));
    }
    return numbers;
}

class TestStudioShell : public QObject {
    Q_OBJECT

private:
    Registry registry_;
    std::unique_ptr<LanguageSwitcher> languages_;
    QList<Message> messages_;
    QTemporaryDir dataHome_;  // lesson progress of windows that do not name a file

    std::unique_ptr<MainWindow> makeWindow() {
        auto w = std::make_unique<MainWindow>(registry_, *languages_);
        w->setMessageSink([this](MessageKind k, const QString& t, const QString& x) { messages_.append({k, t, x}); });
        w->setLessonCatalog(std::make_shared<ExperimentFolderCatalog>(experimentsDir()));
        return w;
    }

    /// A window on Lecture 1's AND/OR lesson (which trains), progress kept in `progressFile`.
    std::unique_ptr<MainWindow> windowOnAndOr(const QString& progressFile) {
        auto w = makeWindow();
        w->lessonPlayer()->setProgressFile(progressFile);
        if (!w->lessonBrowser()->selectLesson(QStringLiteral("pack:perceptron/and-or"))) return nullptr;
        return w;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("DEEPSTEP_DATA_HOME", dataHome_.path().toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("DeepStep"));
        QCoreApplication::setApplicationName(QStringLiteral("DeepStep Studio Test"));
        backprop::registerComponents(registry_);
        toy::registerComponents(registry_);
        perceptron::registerComponents(registry_);
        rnn::registerComponents(registry_);
        sequences::registerComponents(registry_);
        languages_ = std::make_unique<LanguageSwitcher>();
    }

    void init() {
        messages_.clear();
        languages_->setLanguage(QStringLiteral("en"));
        QCoreApplication::processEvents();
    }

    void mainWindowHasAllTabsAndStepMenu() {
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QCOMPARE(w->tabs()->count(), 8);
        QCOMPARE(w->tabs()->tabText(0), QStringLiteral("Lessons"));
        QCOMPARE(w->tabs()->tabText(1), QStringLiteral("Step by step"));
        QCOMPARE(w->tabs()->tabText(2), QStringLiteral("Playground"));
        QCOMPARE(w->tabs()->tabText(3), QStringLiteral("Charts"));
        QCOMPARE(w->tabs()->tabText(4), QStringLiteral("Optimizer race"));
        QCOMPARE(w->tabs()->tabText(5), QStringLiteral("Convolution"));
        QCOMPARE(w->tabs()->tabText(6), QStringLiteral("CNN training"));
        QCOMPARE(w->tabs()->tabText(7), QStringLiteral("Recurrent networks"));
        QStringList menus;
        QMenu* stepMenu = nullptr;
        for (QAction* a : w->menuBar()->actions()) {
            menus << a->text().remove(QLatin1Char('&'));
            if (a->menu() && a->text().remove(QLatin1Char('&')) == QLatin1String("Step")) stepMenu = a->menu();
        }
        QCOMPARE(menus, QStringList({"File", "Export", "View", "Step", "Help"}));
        QVERIFY(stepMenu != nullptr);
        QVERIFY(!stepMenu->actions().isEmpty());
        int withShortcut = 0;
        for (QAction* a : stepMenu->actions()) withShortcut += a->shortcut().isEmpty() ? 0 : 1;
        QVERIFY2(withShortcut >= 3, "the step controls have keyboard shortcuts");
    }

    void pluginReportShowsRefusals() {
        auto w = makeWindow();
        PluginStatus good;
        good.file = "/p/libgood.so";
        good.name = "good";
        good.version = "1.0";
        good.loaded = true;
        PluginStatus bad;
        bad.file = "/p/libbad.so";
        bad.name = "bad";
        bad.reason = "/p/libbad.so: abi 99, expected 1";
        w->setPluginReport({good, bad});
        QCOMPARE(w->statusBar()->currentMessage(), QStringLiteral("1 plugin was refused: see Help ▸ Plugins."));
        QAction* plugins = nullptr;
        for (QAction* menu : w->menuBar()->actions()) {
            if (!menu->menu()) continue;
            for (QAction* a : menu->menu()->actions()) {
                if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Plugins…")) plugins = a;
            }
        }
        QVERIFY(plugins);
        plugins->trigger();
        QCOMPARE(messages_.size(), 1);
        QVERIFY(messages_[0].text.contains(QStringLiteral("good 1.0: loaded")));
        QVERIFY(messages_[0].text.contains(QStringLiteral("/p/libbad.so: abi 99, expected 1")));
    }

    // On a 1366×768 laptop (less a 33-pixel panel) the window and its frame fit; on a
    // large screen it opens at 1280×800.
    void windowFitsTheScreen() {
        const QSize laptop = MainWindow::fittingSize(QRect(0, 33, 1366, 735));
        QVERIFY(laptop.width() + 16 <= 1366);
        QVERIFY(laptop.height() + 40 <= 735);
        QCOMPARE(MainWindow::fittingSize(QRect(0, 0, 1920, 1080)), QSize(1280, 800));
    }

    // "Loaded xor.json" from the step view does not follow the student into the playground.
    void playgroundStatusNamesNoExperiment() {
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->openExperiment(xorPath()));
        QVERIFY(w->statusBar()->currentMessage().contains(QStringLiteral("xor")));
        auto experimentNamed = [&] {
            for (const QLabel* label : w->statusBar()->findChildren<QLabel*>()) {
                if (label->isVisible() && label->text().contains(QStringLiteral("XOR"))) return true;
            }
            return false;
        };
        QVERIFY(experimentNamed());
        w->showTab(MainWindow::Tab::Playground);
        QVERIFY(w->statusBar()->currentMessage().isEmpty());
        QVERIFY(!experimentNamed());
        w->showTab(MainWindow::Tab::Race);
        QVERIFY(!experimentNamed());
        w->showTab(MainWindow::Tab::Step);
        QVERIFY(experimentNamed());
    }

    void stepShortcutDrivesSession() {
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->openExperiment(xorPath()));
        QCOMPARE(w->session().iteration(), 0LL);
        // Triggering the Step menu's first action (forward) computes the first iteration.
        QMenu* stepMenu = nullptr;
        for (QAction* a : w->menuBar()->actions()) {
            if (a->text().remove(QLatin1Char('&')) == QLatin1String("Step")) stepMenu = a->menu();
        }
        QVERIFY(stepMenu);
        bool advanced = false;
        for (QAction* a : stepMenu->actions()) {
            a->trigger();
            if (w->session().iteration() == 1) {
                advanced = true;
                break;
            }
        }
        QVERIFY(advanced);
    }

    void lessonBrowserGroupsExperimentsByLecture() {
        ExperimentFolderCatalog catalog(experimentsDir());
        const QVector<Lecture> lectures = catalog.lectures();
        QCOMPARE(lectures.size(), 2);
        QCOMPARE(lectures[0].id, QStringLiteral("perceptron"));
        for (const studio::Lesson& l : lectures[0].lessons) QVERIFY(l.id.startsWith(QLatin1String("experiment:perceptron_")));
        bool hasXor = false;
        for (const studio::Lesson& l : lectures[1].lessons) {
            QVERIFY(!l.id.startsWith(QLatin1String("experiment:perceptron_")));
            if (l.id == QLatin1String("experiment:xor_2_2_1_sigmoid.json")) {
                hasXor = true;
                QCOMPARE(l.title, QStringLiteral("XOR learned by backpropagation: a 2-2-1 sigmoid network"));
            }
        }
        QVERIFY(hasXor);
    }

    void browserListsBothLessonPacks() {
        auto w = makeWindow();
        const QVector<Lecture>& lectures = w->lessonBrowser()->lectures();
        QVERIFY(lectures.size() >= 3);
        // Lecture order from pack.json, titles in the UI language, lessons in pack order.
        QCOMPARE(lectures[0].id, QStringLiteral("pack:perceptron"));
        QCOMPARE(lectures[0].title, QStringLiteral("Lecture 1 · The perceptron"));
        QCOMPARE(lectures[0].lessons.size(), 5);
        QCOMPARE(lectures[0].lessons[0].id, QStringLiteral("pack:perceptron/neuron"));
        QCOMPARE(lectures[0].lessons[0].title, QStringLiteral("From the neuron to the perceptron"));
        QCOMPARE(lectures[0].lessons[4].id, QStringLiteral("pack:perceptron/history"));
        QCOMPARE(lectures[1].id, QStringLiteral("pack:backprop"));
        QVERIFY(lectures[1].title.startsWith(QStringLiteral("Lecture 2 · ")));
        QCOMPARE(lectures[1].lessons.size(), 11);
        // The experiments folder stays listed, as the last group.
        QCOMPARE(lectures.back().id, QStringLiteral("experiments"));
        QCOMPARE(lectures.back().title, QStringLiteral("Experiments"));
        QVERIFY(w->lessonBrowser()->selectFirstLesson());
        QCOMPARE(w->lessonBrowser()->currentLessonId(), QStringLiteral("pack:perceptron/neuron"));
    }

    void lessonPackStepsAndCheckpoints() {
        QTemporaryDir dir;
        auto w = makeWindow();
        studio::LessonPlayer* player = w->lessonPlayer();
        player->setProgressFile(dir.filePath(QStringLiteral("progress.json")));
        QVERIFY(w->lessonBrowser()->selectLesson(QStringLiteral("pack:perceptron/neuron")));
        QCOMPARE(player->currentStep(), 0);
        // The step's own Markdown file, not an experiment description.
        QFile en(QStringLiteral(DEEPSTEP_SOURCE_EXPERIMENTS "/../lessons/perceptron/text/en/01-neuron-1.md"));
        QVERIFY(en.open(QIODevice::ReadOnly));
        const QString firstLine = QString::fromUtf8(en.readLine()).trimmed().remove(QLatin1Char('#')).trimmed();
        QVERIFY(!firstLine.isEmpty());
        QVERIFY2(player->markdown().contains(firstLine), qPrintable(player->markdown().left(200)));
        QVERIFY(w->session().isLoaded());
        QVERIFY(player->findChild<QRadioButton*>(QStringLiteral("choice:strongest:2")));

        // Step 2 runs one layer forward; z-day1 is read from the engine: 1.0 (answers/full.json).
        QPushButton* next = nullptr;
        for (QPushButton* b : player->findChildren<QPushButton*>()) {
            if (b->text() == QStringLiteral("Next step ▶")) next = b;
        }
        QVERIFY(next);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(player->currentStep(), 1);
        QVERIFY(w->session().record() != nullptr);
        auto* edit = player->findChild<QLineEdit*>(QStringLiteral("answer:z-day1"));
        QVERIFY(edit);
        // Typed as in the terminal (parseTypedNumber): no validator refuses "−" or "%".
        QVERIFY(!edit->validator());
        auto* check = player->findChild<QPushButton*>(QStringLiteral("check:z-day1"));
        QVERIFY(check);

        // A wrong answer shows the first hint, and is not marked right.
        const Checkpoint* cp = w->lessonBrowser()->lectures()[0].lessons[0].packLessonData()->findCheckpoint("z-day1");
        QVERIFY(cp && !cp->hints.empty());
        edit->setText(QStringLiteral("−1/2"));  // the Unicode minus and a fraction: −0.5
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(!player->checkpointRight(QStringLiteral("z-day1")));
        QVERIFY2(player->checkpointFeedback(QStringLiteral("z-day1")).contains(QString::fromStdString(cp->hints[0].en)),
                 qPrintable(player->checkpointFeedback(QStringLiteral("z-day1"))));

        // The right answer marks it right, and the progress file keeps it.
        edit->setText(QStringLiteral("１００%"));  // full-width digits, a percentage: 1
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(player->checkpointRight(QStringLiteral("z-day1")));
        QVERIFY(player->checkpointFeedback(QStringLiteral("z-day1")).startsWith(QStringLiteral("✔")));
        const LessonProgress saved = LessonProgress::load(dir.filePath(QStringLiteral("progress.json")).toStdString());
        const LessonProgress::LessonState* state = saved.find("perceptron", "neuron");
        QVERIFY(state);
        QVERIFY(state->answers.at("z-day1").correct);
        QCOMPARE(state->answers.at("z-day1").attempts, 2);
        QVERIFY(state->completedSteps.count(0) == 1);

        // A choice answered through its radio button; then back to step 1.
        QVERIFY(player->submitAnswer(QStringLiteral("y-day1"), Json(1)));
        QVERIFY(player->checkpointRight(QStringLiteral("y-day1")));
        QVERIFY(!player->submitAnswer(QStringLiteral("strongest"), Json(2)));  // not on this step
        player->goToStep(0);
        auto* radio = player->findChild<QRadioButton*>(QStringLiteral("choice:strongest:2"));
        QVERIFY(radio);
        radio->setChecked(true);
        QTest::mouseClick(player->findChild<QPushButton*>(QStringLiteral("check:strongest")), Qt::LeftButton);
        QVERIFY(player->checkpointRight(QStringLiteral("strongest")));

        // The score beside the steps: z-day1 took two answers, y-day1 and strongest one each.
        auto* score = player->findChild<QLabel*>(QStringLiteral("lessonScore"));
        QVERIFY(score);
        const int total = static_cast<int>(w->lessonBrowser()->lectures()[0].lessons[0].packLessonData()->checkpointCount());
        QCOMPARE(score->text(), QStringLiteral("Score: 3/%1 · right on the first try: 2/%1 · answers given: 4").arg(total));

        // "Show in the step view" switches tabs.
        QPushButton* show = nullptr;
        for (QPushButton* b : player->findChildren<QPushButton*>()) {
            if (b->text() == QLatin1String("Show in the step view")) show = b;
        }
        QVERIFY(show);
        QTest::mouseClick(show, Qt::LeftButton);
        QCOMPARE(w->currentTab(), MainWindow::Tab::Step);
    }

    void everyPackLessonOpens() {
        QTemporaryDir dir;
        auto w = makeWindow();
        w->lessonPlayer()->setProgressFile(dir.filePath(QStringLiteral("progress.json")));
        int opened = 0;
        for (const Lecture& lecture : w->lessonBrowser()->lectures()) {
            for (const studio::Lesson& lesson : lecture.lessons) {
                if (lesson.pack == nullptr) continue;
                QVERIFY(w->lessonBrowser()->selectLesson(lesson.id));
                // A first step that trains runs in the background.
                QTRY_VERIFY_WITH_TIMEOUT(!w->lessonPlayer()->isBusy(), 60000);
                QVERIFY2(!w->lessonPlayer()->markdown().contains(QStringLiteral("cannot be run")), qPrintable(lesson.id));
                QVERIFY(w->session().isLoaded());
                ++opened;
            }
        }
        QCOMPARE(opened, 22);  // lectures 1, 2 and 4 (the test registry has no CNN plugin)
    }

    // A lesson step that trains runs in the background: goToStep() returns before the
    // training, a progress bar with Cancel shows, and the trained stepper replaces the
    // session's when it is done. Cancel leaves the step and the stepper as they were.
    void lessonStepTrainsInTheBackground() {
        QTemporaryDir dir;
        auto w = windowOnAndOr(dir.filePath(QStringLiteral("progress.json")));
        QVERIFY(w);
        studio::LessonPlayer* player = w->lessonPlayer();
        for (int i = 1; i <= 3; ++i) {
            player->goToStep(i);
            QTRY_VERIFY(!player->isBusy());
        }
        QCOMPARE(player->currentStep(), 3);
        const Stepper* before = &w->session().stepper();
        const long long iteration = w->session().iteration();

        // Step 4 trains 20 epochs. Cancelled at once: nothing changes.
        QSignalSpy busy(player, &studio::LessonPlayer::busyChanged);
        player->goToStep(4);
        QVERIFY(player->isBusy());
        QCOMPARE(player->currentStep(), 3);
        QVERIFY(player->findChild<QWidget*>(QStringLiteral("busy"))->isVisibleTo(player));
        auto* cancel = player->findChild<QPushButton*>(QStringLiteral("cancelBusy"));
        QVERIFY(cancel && cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY(!player->isBusy());
        QCOMPARE(busy.count(), 2);
        QVERIFY(!player->findChild<QWidget*>(QStringLiteral("busy"))->isVisibleTo(player));
        QCOMPARE(player->currentStep(), 3);
        QCOMPARE(&w->session().stepper(), before);
        QCOMPARE(w->session().iteration(), iteration);

        // Left to run: the step is entered on a trained stepper.
        QSignalSpy reloaded(&w->session(), &StepSession::reloaded);
        player->goToStep(4);
        QVERIFY(player->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!player->isBusy(), 60000);
        QCOMPARE(player->currentStep(), 4);
        QCOMPARE(reloaded.count(), 1);
        QVERIFY(w->session().iteration() > iteration);
        QVERIFY2(!player->markdown().contains(QStringLiteral("cannot be run")), qPrintable(player->markdown()));
    }

    // An outcome checkpoint trains with the answer in the background: submitAnswer()
    // returns at once, the UI thread goes on serving events, and the feedback follows.
    // A cancelled check records nothing and leaves the feedback as it was.
    void outcomeCheckpointTrainsInTheBackground() {
        QTemporaryDir dir;
        const QString progressFile = dir.filePath(QStringLiteral("progress.json"));
        auto w = windowOnAndOr(progressFile);
        QVERIFY(w);
        studio::LessonPlayer* player = w->lessonPlayer();
        player->goToStep(7);  // replays the lesson, with its training, in the background
        QTRY_VERIFY_WITH_TIMEOUT(!player->isBusy(), 60000);
        QCOMPARE(player->currentStep(), 7);

        QVERIFY(player->submitAnswer(QStringLiteral("or-rate"), Json(0.0)));
        QVERIFY(player->isBusy());
        QVERIFY(player->checkpointFeedback(QStringLiteral("or-rate")).isEmpty());
        QTest::mouseClick(player->findChild<QPushButton*>(QStringLiteral("cancelBusy")), Qt::LeftButton);
        QTRY_VERIFY(!player->isBusy());
        QVERIFY(player->checkpointFeedback(QStringLiteral("or-rate")).isEmpty());
        QVERIFY(!QFile::exists(progressFile) ||
                LessonProgress::load(progressFile.toStdString()).find("perceptron", "and-or") == nullptr ||
                LessonProgress::load(progressFile.toStdString()).find("perceptron", "and-or")->answers.count("or-rate") == 0);

        QSignalSpy checked(player, &studio::LessonPlayer::answerChecked);
        QVERIFY(player->submitAnswer(QStringLiteral("or-rate"), Json(0.5)));
        QVERIFY(player->isBusy());
        // One check at a time.
        QVERIFY(!player->submitAnswer(QStringLiteral("or-rate"), Json(1.0)));
        QVERIFY(checked.wait(60000));
        QTRY_VERIFY(!player->isBusy());
        QVERIFY(player->checkpointRight(QStringLiteral("or-rate")));
        QVERIFY2(player->checkpointFeedback(QStringLiteral("or-rate")).startsWith(QStringLiteral("✔")),
                 qPrintable(player->checkpointFeedback(QStringLiteral("or-rate"))));
    }

    // The playground's settings survive in the session, its activation with options.
    void playgroundSettingsRoundTrip() {
        auto w = makeWindow();
        auto* playground = w->tabs()->widget(2);
        const Json leaky{{"type", "leaky_relu"}, {"alpha", 0.1}};
        applyPlaygroundSettings(playground, Json{{"dataset", "spiral"}, {"hidden_layers", {3, 2}}, {"activation", leaky}});
        const Json s = playgroundSettingsOf(playground);
        QCOMPARE(s["dataset"].get<std::string>(), std::string("spiral"));
        QVERIFY(s["hidden_layers"] == Json::array({3, 2}));
        QVERIFY(s["activation"] == leaky);
        auto other = makeWindow();
        applyPlaygroundSettings(other->tabs()->widget(2), s);
        QVERIFY(playgroundSettingsOf(other->tabs()->widget(2)) == s);
    }

    // A checkpoint that asks for a value the engine computed: no view of the step-by-step
    // tab shows it (nor what gives it away) until it is answered right or the answer was
    // shown; then it appears. Lecture 2's first forward step asks for zh1, zh2 and h1.
    void checkpointValuesStayHiddenUntilAnswered() {
        QTemporaryDir dir;
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        studio::LessonPlayer* player = w->lessonPlayer();
        player->setProgressFile(dir.filePath(QStringLiteral("progress.json")));
        QVERIFY(w->lessonBrowser()->selectLesson(QStringLiteral("pack:backprop/forward-pass")));
        player->goToStep(1);
        QTRY_VERIFY(!player->isBusy());
        QCOMPARE(player->currentStep(), 1);
        auto* stepView = qobject_cast<studio::StepView*>(w->stepView());
        QVERIFY(stepView);
        studio::NetworkView* net = stepView->networkView();
        w->tabs()->setCurrentWidget(w->stepView());

        // The engine's own values (the stepper's record is never altered).
        const StepRecord* engine = w->session().stepper().record();
        QVERIFY(engine);
        const double zh1 = engine->layers[0].preActivation.at({0, 0});
        const double zh2 = engine->layers[0].preActivation.at({0, 1});
        const double h1 = engine->layers[0].output.at({0, 0});
        const double h2 = engine->layers[0].output.at({0, 1});
        QVERIFY(std::fabs(zh1 - (-0.25)) < 1e-6);  // 1·0.1 + 0.5·0.3 − 1·0.5
        QVERIFY(std::fabs(h1 - 1.0 / (1.0 + std::exp(0.25))) < 1e-6);
        const QString zh1Text = studio::formatNumber(zh1);
        const QString zh2Text = studio::formatNumber(zh2);
        const QString h1Text = studio::formatNumber(h1);
        const QString h2Text = studio::formatNumber(h2);

        QStringList shown = numbersShownIn(w->stepView()) + numbersShownIn(w->statusBar());
        QVERIFY2(!shown.contains(zh1Text) && !shown.contains(zh2Text) && !shown.contains(h1Text),
                 qPrintable(shown.join(QLatin1Char(' '))));
        QVERIFY2(net->nodeText(0, 0).contains(QStringLiteral("z = ?")), qPrintable(net->nodeText(0, 0)));
        QVERIFY(net->nodeText(0, 0).contains(QStringLiteral("a = ?")));
        // h2 is not asked for: it is shown.
        QVERIFY2(net->nodeText(0, 1).contains(QStringLiteral("a = ") + h2Text), qPrintable(net->nodeText(0, 1)));
        QVERIFY(shown.contains(h2Text));
        // The inputs and weights are what the student computes from: shown.
        QVERIFY(net->nodeText(-1, 2).contains(QStringLiteral("x = -1")));

        // zh1 answered right: it appears; zh2 and h1 stay hidden.
        QVERIFY(player->submitAnswer(QStringLiteral("zh1"), Json(-0.25)));
        QVERIFY(player->checkpointRight(QStringLiteral("zh1")));
        QVERIFY2(net->nodeText(0, 0).contains(QStringLiteral("z = ") + zh1Text), qPrintable(net->nodeText(0, 0)));
        QVERIFY(net->nodeText(0, 0).contains(QStringLiteral("a = ?")));
        shown = numbersShownIn(w->stepView()) + numbersShownIn(w->statusBar());
        QVERIFY(shown.contains(zh1Text));
        QVERIFY(!shown.contains(zh2Text) && !shown.contains(h1Text));

        // h1 answered wrong until the hints run out and the answer is shown: it appears.
        for (int i = 0; i < 3; ++i) QVERIFY(player->submitAnswer(QStringLiteral("h1"), Json(9.0)));
        QVERIFY(!player->checkpointRight(QStringLiteral("h1")));
        QVERIFY(player->checkpointFeedback(QStringLiteral("h1")).contains(QStringLiteral("0.4378")));
        QVERIFY2(net->nodeText(0, 0).contains(QStringLiteral("a = ") + h1Text), qPrintable(net->nodeText(0, 0)));

        // The next step asks for the output layer's zo1 and o1; the hidden values are free now.
        player->goToStep(2);
        QTRY_VERIFY(!player->isBusy());
        engine = w->session().stepper().record();
        const QString o1Text = studio::formatNumber(engine->layers[1].output.at({0, 0}));
        const QString zo1Text = studio::formatNumber(engine->layers[1].preActivation.at({0, 0}));
        shown = numbersShownIn(w->stepView()) + numbersShownIn(w->statusBar());
        QVERIFY(shown.contains(zh2Text) && shown.contains(h1Text));
        QVERIFY2(!shown.contains(o1Text) && !shown.contains(zo1Text), qPrintable(shown.join(QLatin1Char(' '))));
        QVERIFY(net->nodeText(1, 0).contains(QStringLiteral("a = ?")));

        // Stepping on in the step view keeps the asked places hidden (the answer is read
        // from the state of the moment): the backward pass's ∂E/∂o1 and δ give o1 away.
        w->session().backwardLayer();
        QVERIFY(w->session().backwardShown(1));
        QVERIFY2(net->nodeText(1, 0).contains(QStringLiteral("δ = ?")), qPrintable(net->nodeText(1, 0)));

        // Another experiment opened in the step view: nothing is hidden any more.
        w->session().load(readJsonFile(DEEPSTEP_SOURCE_EXPERIMENTS "/seeds_forward_example.json"));
        QVERIFY(w->session().concealment().empty());
        w->session().forwardLayer();
        QVERIFY2(net->nodeText(0, 0).contains(QStringLiteral("z = ") + zh1Text), qPrintable(net->nodeText(0, 0)));
    }

    void hintsRunOutIntoTheAnswer() {
        QTemporaryDir dir;
        auto w = makeWindow();
        studio::LessonPlayer* player = w->lessonPlayer();
        player->setProgressFile(dir.filePath(QStringLiteral("progress.json")));
        QVERIFY(w->lessonBrowser()->selectLesson(QStringLiteral("pack:perceptron/neuron")));
        const Checkpoint* cp = w->lessonBrowser()->lectures()[0].lessons[0].packLessonData()->findCheckpoint("strongest");
        QVERIFY(cp);
        for (std::size_t i = 0; i < cp->hints.size(); ++i) QVERIFY(player->submitAnswer(QStringLiteral("strongest"), Json(0)));
        QVERIFY(player->submitAnswer(QStringLiteral("strongest"), Json(0)));
        const QString feedback = player->checkpointFeedback(QStringLiteral("strongest"));
        QVERIFY2(feedback.contains(QString::fromStdString(cp->choices[2].en)), qPrintable(feedback));
        QVERIFY(!player->checkpointRight(QStringLiteral("strongest")));
    }

    void playerStepsThroughTheExperiment() {
        auto w = makeWindow();
        w->show();
        QVERIFY(w->lessonBrowser()->selectLesson(QStringLiteral("experiment:xor_2_2_1_sigmoid.json")));
        QCOMPARE(w->lessonPlayer()->lesson().title,
                 QStringLiteral("XOR learned by backpropagation: a 2-2-1 sigmoid network"));
        QVERIFY(w->lessonPlayer()->markdown().contains(QStringLiteral("**hidden**: dense")));
        QVERIFY(w->lessonPlayer()->markdown().contains(QStringLiteral("sgd")));
        QPushButton* stepThrough = nullptr;
        for (QPushButton* b : w->lessonPlayer()->findChildren<QPushButton*>()) {
            if (b->text() == QLatin1String("Step through it")) stepThrough = b;
        }
        QVERIFY(stepThrough);
        QVERIFY(!w->session().isLoaded());
        QTest::mouseClick(stepThrough, Qt::LeftButton);
        QVERIFY(w->session().isLoaded());
        QCOMPARE(w->session().source(), xorPath());
        QCOMPARE(w->currentTab(), MainWindow::Tab::Step);
    }

    void openSaveRoundTrip() {
        QTemporaryDir dir;
        auto w = makeWindow();
        QVERIFY(w->openExperiment(xorPath()));
        w->session().fullIteration();  // stepping must not change what is saved
        const QString out = dir.filePath(QStringLiteral("copy.json"));
        QVERIFY(w->saveExperimentAs(out));
        QVERIFY(messages_.isEmpty());
        QVERIFY(readJsonFile(out.toStdString()) == readJsonFile(xorPath().toStdString()));
        // Atomic write: no temporary file is left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("copy.json")});
        // Saving over an existing file replaces it.
        QVERIFY(w->openExperiment(experimentsDir() + QStringLiteral("/perceptron_and.json")));
        QVERIFY(w->saveExperimentAs(out));
        QVERIFY(readJsonFile(out.toStdString()) ==
                readJsonFile((experimentsDir() + QStringLiteral("/perceptron_and.json")).toStdString()));
        // The reopened copy is a working experiment.
        QVERIFY(w->openExperiment(out));
        QCOMPARE(w->session().source(), out);
    }

    void saveIntoMissingFolderReportsError() {
        auto w = makeWindow();
        QVERIFY(w->openExperiment(xorPath()));
        QVERIFY(!w->saveExperimentAs(QStringLiteral("/nonexistent-folder-deepstep/x.json")));
        QCOMPARE(messages_.size(), 1);
        QCOMPARE(messages_[0].kind, MessageKind::Error);
    }

    void badExperimentNamesJsonPath() {
        QTemporaryDir dir;
        Json doc = readJsonFile(xorPath().toStdString());
        doc["model"]["layers"][0]["units"] = "ten";
        const QString bad = dir.filePath(QStringLiteral("bad_units.json"));
        writeText(bad, doc.dump());
        auto w = makeWindow();
        QVERIFY(w->openExperiment(xorPath()));
        const std::string name = w->session().experimentName().en;
        QVERIFY(!w->openExperiment(bad));
        QCOMPARE(messages_.size(), 1);
        QCOMPARE(messages_[0].kind, MessageKind::Error);
        QVERIFY2(messages_[0].text.contains(QStringLiteral("model.layers[0].units")), qPrintable(messages_[0].text));
        QVERIFY2(messages_[0].text.contains(QStringLiteral("bad_units.json")), qPrintable(messages_[0].text));
        // The session keeps the experiment it had.
        QCOMPARE(w->session().experimentName().en, name);
        QCOMPARE(w->session().source(), xorPath());

        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        writeText(broken, "{\n  \"name\": \"x\",\n  \"model\": [1, 2,\n}\n");
        QVERIFY(!w->openExperiment(broken));
        QCOMPARE(messages_.size(), 2);
        QVERIFY2(messages_[1].text.contains(QStringLiteral("broken.json")), qPrintable(messages_[1].text));
        QVERIFY2(messages_[1].text.contains(QStringLiteral("line")), qPrintable(messages_[1].text));
    }

    void languageSwitchesAtRunTime() {
        auto w = makeWindow();
        w->show();
        QVERIFY(w->lessonBrowser()->selectLesson(QStringLiteral("experiment:xor_2_2_1_sigmoid.json")));
        QCOMPARE(w->tabs()->tabText(0), QStringLiteral("Lessons"));
        languages_->setLanguage(QStringLiteral("ko"));
        QVERIFY(languages_->installedTranslators() >= 1);
        // 레슨, not 학습: that word is training (학습 손실, 학습률).
        QTRY_COMPARE(w->tabs()->tabText(0), QStringLiteral("레슨"));
        QCOMPARE(w->tabs()->tabText(1), QStringLiteral("단계별 계산"));
        // Qt's own words (dialog buttons, file dialogs) come from Qt's Korean translation
        // (Debian's qt6-translations-l10n); without it they would stay English.
        QVERIFY2(QCoreApplication::translate("QPlatformTheme", "Cancel") != QLatin1String("Cancel"),
                 "Qt's Korean translation (qtbase_ko.qm) was not loaded");
        QVERIFY(w->lessonPlayer()->markdown().contains(QStringLiteral("손실")));
        QCOMPARE(w->lessonBrowser()->currentLessonId(), QStringLiteral("experiment:xor_2_2_1_sigmoid.json"));
        QVERIFY(QApplication::font().families().contains(QStringLiteral("NanumGothic")));
        QVERIFY(QFontMetrics(QApplication::font()).inFontUcs4(U'학'));
        QVERIFY(w->sessionState()["language"] == Json("ko"));
        languages_->setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(w->tabs()->tabText(0), QStringLiteral("Lessons"));
        QCOMPARE(languages_->installedTranslators(), 0);
        QVERIFY(w->lessonPlayer()->markdown().contains(QStringLiteral("Loss")));
        QVERIFY(QApplication::font().families().contains(QStringLiteral("NanumGothic")));
    }

    // The recurrent lab experiments open in the Studio and step through a whole
    // iteration, forward and backward, with every view drawn: sequences N·T·F and the
    // layers' per-step internals reach views built for dense layers and images.
    void recurrentExperimentsStepThrough() {
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        for (const char* file : {"sine_simple_rnn.json", "adding_lstm.json", "adding_gru.json"}) {
            QVERIFY2(w->openExperiment(experimentsDir() + QLatin1Char('/') + QLatin1String(file)), file);
            QVERIFY2(messages_.isEmpty(), qPrintable(messages_.isEmpty() ? QString() : messages_.front().text));
            w->showTab(MainWindow::Tab::Step);
            StepSession& s = w->session();
            for (int i = 0; i < s.layerCount(); ++i) {
                s.forwardLayer();
                QCoreApplication::processEvents();
            }
            for (int i = 0; i < s.layerCount(); ++i) {
                s.backwardLayer();
                QCoreApplication::processEvents();
            }
            QVERIFY2(w->stepView()->grab().width() > 0, file);
            QVERIFY2(messages_.isEmpty(), qPrintable(messages_.isEmpty() ? QString() : messages_.front().text));
        }
    }

    // View ▸ Device: the CPU chosen and usable, a GPU that cannot be used shown disabled
    // with the reason (in Korean too), the choice kept, the status bar saying where
    // training runs; choosing an unusable GPU is refused.
    void deviceMenuListsDevicesAndReasons() {
        QSettings().remove(QStringLiteral("compute/device"));
        auto w = makeWindow();
        DeviceMenu* menu = w->deviceMenu();
        QVERIFY(menu != nullptr);
        QVERIFY(menu->menuAction()->text().remove(QLatin1Char('&')) == QLatin1String("Device"));
        QCOMPARE(menu->chosen(), QStringLiteral("cpu"));
        QCOMPARE(w->deviceLabel()->text(), QStringLiteral("Device: CPU"));
        menu->look();
        const std::vector<DeviceInfo>& devices = menu->devices();
        QVERIFY(devices.size() >= 2);
        const QList<QAction*> actions = menu->actions();
        QVERIFY(actions.size() >= static_cast<int>(devices.size()) + 2);  // the devices, a separator, About
        QVERIFY(actions[0]->isEnabled() && actions[0]->isChecked());
        QVERIFY2(actions[0]->text().startsWith(QStringLiteral("CPU")), qPrintable(actions[0]->text()));
        for (std::size_t i = 1; i < devices.size(); ++i) {
            QAction* a = actions[static_cast<int>(i)];
            QCOMPARE(a->isEnabled(), devices[i].usable());
            if (!devices[i].usable()) {
                QVERIFY2(a->text().startsWith(QStringLiteral("GPU — not usable: ")), qPrintable(a->text()));
                QVERIFY(!menu->choose(QString::fromStdString(devices[i].id)));
                QVERIFY(!menu->choose(QStringLiteral("cuda:0")));
                QCOMPARE(menu->chosen(), QStringLiteral("cpu"));
            }
        }
        QVERIFY(menu->aboutText().contains(QStringLiteral("Device: CPU")));
        languages_->setLanguage(QStringLiteral("ko"));
        QTRY_COMPARE(w->deviceLabel()->text(), QStringLiteral("장치: CPU"));
        QVERIFY2(actions[0]->text().contains(QStringLiteral("스레드")), qPrintable(actions[0]->text()));
        if (!devices[1].usable()) {
            QVERIFY2(actions[1]->text().startsWith(QStringLiteral("GPU — 사용 불가: ")), qPrintable(actions[1]->text()));
            QVERIFY2(!actions[1]->text().contains(QStringLiteral("usable")), qPrintable(actions[1]->text()));
        }
        languages_->setLanguage(QStringLiteral("en"));
    }

    // The experiment's name in the UI's language: status bar, window title and the
    // experiments list follow a language switch.
    void experimentNameInTheUiLanguage() {
        const Json doc = readJsonFile(xorPath().toStdString());
        const QString en = QString::fromStdString(doc["name"]["en"].get<std::string>());
        const QString ko = QString::fromStdString(doc["name"]["ko"].get<std::string>());
        QVERIFY(!ko.isEmpty() && ko != en);
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->openExperiment(xorPath()));
        auto statusBarText = [&] {
            QStringList texts;
            for (const QLabel* label : w->statusBar()->findChildren<QLabel*>()) texts << label->text();
            return texts.join(QLatin1Char('\n'));
        };
        QVERIFY2(statusBarText().contains(en), qPrintable(statusBarText()));
        QVERIFY(w->windowTitle().startsWith(en));

        languages_->setLanguage(QStringLiteral("ko"));
        QTRY_VERIFY2(statusBarText().contains(ko), qPrintable(statusBarText()));
        QVERIFY2(!statusBarText().contains(en), qPrintable(statusBarText()));
        QVERIFY(w->windowTitle().startsWith(ko));
        bool listed = false;
        for (const Lecture& lecture : ExperimentFolderCatalog(experimentsDir()).lectures()) {
            for (const studio::Lesson& l : lecture.lessons) {
                if (l.id == QLatin1String("experiment:xor_2_2_1_sigmoid.json")) listed = l.title == ko;
            }
        }
        QVERIFY(listed);

        languages_->setLanguage(QStringLiteral("en"));
        QTRY_VERIFY2(statusBarText().contains(en), qPrintable(statusBarText()));
    }

    void presentationModeScalesFonts() {
        auto w = makeWindow();
        const double normal = QApplication::font().pointSizeF();
        w->setPresentationMode(true);
        QVERIFY(w->presentationMode());
        QCOMPARE(QApplication::font().pointSizeF(), normal * 1.6);
        QTRY_COMPARE(w->tabs()->font().pointSizeF(), normal * 1.6);  // widgets follow by event
        QVERIFY(w->sessionState()["presentation"] == Json(true));
        w->setPresentationMode(false);
        QCOMPARE(QApplication::font().pointSizeF(), normal);
    }

    void languageChoiceIsRemembered() {
        LanguageSwitcher::saveLanguage(QStringLiteral("ko"));
        QCOMPARE(LanguageSwitcher::savedLanguage(), QStringLiteral("ko"));
        LanguageSwitcher::saveLanguage(QStringLiteral("en"));
        QCOMPARE(LanguageSwitcher::savedLanguage(), QStringLiteral("en"));
    }

    void autosaveRestoresAfterCrash() {
        QTemporaryDir dir;
        std::vector<float> weights;
        {
            SessionAutosave autosave(dir.path());
            autosave.setIntervals(60000, 20);
            QVERIFY(!autosave.previousRunCrashed());
            auto w = makeWindow();
            w->setAutosave(&autosave);
            autosave.start();
            QVERIFY(QFile::exists(autosave.markerPath()));
            QVERIFY(w->openExperiment(xorPath()));
            for (int i = 0; i < 3; ++i) w->session().fullIteration();
            w->showTab(MainWindow::Tab::Charts);
            // Debounced save after the changes, without an explicit call.
            QTRY_VERIFY(QFile::exists(autosave.autosavePath()));
            QTRY_COMPARE(readJsonFile(autosave.autosavePath().toStdString()).value("tab", std::string()),
                         std::string("charts"));
            const Tensor* wt = w->session().shownValue("hidden.weight");
            weights.assign(wt->data(), wt->data() + wt->size());
            // The window goes away without autosave.finish(): a crash, marker left behind.
        }
        SessionAutosave next(dir.path());
        QVERIFY(next.previousRunCrashed());
        QString error;
        const auto state = next.load(&error);
        QVERIFY2(state.has_value(), qPrintable(error));
        QVERIFY((*state)["format"] == Json("deepstep.studio-session"));
        QVERIFY((*state)["version"] == Json(1));
        auto w = makeWindow();
        QVERIFY(w->restoreSessionState(*state));
        QVERIFY(w->session().isLoaded());
        QCOMPARE(w->session().source(), xorPath());
        QCOMPARE(w->session().iteration(), 3LL);
        QCOMPARE(w->currentTab(), MainWindow::Tab::Charts);
        const Tensor* wt = w->session().shownValue("hidden.weight");
        QCOMPARE(std::vector<float>(wt->data(), wt->data() + wt->size()), weights);

        // A clean exit removes the marker: the next start is no crash.
        next.setProvider([&w] { return w->sessionState(); });
        next.start();
        QVERIFY(next.previousRunCrashed());
        next.finish();
        QVERIFY(!next.previousRunCrashed());
    }

    void autosaveRejectsForeignFile() {
        QTemporaryDir dir;
        SessionAutosave autosave(dir.path());
        writeText(autosave.autosavePath(), R"({"format": "deepstep.experiment", "version": 1})");
        QString error;
        QVERIFY(!autosave.load(&error).has_value());
        QVERIFY2(error.contains(QStringLiteral("format")), qPrintable(error));
        writeText(autosave.autosavePath(), R"({"format": "deepstep.studio-session", "version": 99})");
        QVERIFY(!autosave.load(&error).has_value());
        QVERIFY2(error.contains(QStringLiteral("version")), qPrintable(error));
    }

    void autosaveUsesAppDataLocationInTestMode() {
        SessionAutosave autosave;
        QVERIFY(autosave.autosavePath().startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(autosave.autosavePath().contains(QStringLiteral(".qttest")));
    }

    void exportPngAndSvg() {
        QTemporaryDir dir;
        auto w = makeWindow();
        w->resize(1280, 800);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->openExperiment(xorPath()));
        for (int i = 0; i < 5; ++i) w->session().fullIteration();
        w->showTab(MainWindow::Tab::Charts);
        QCOMPARE(w->currentView(), static_cast<QWidget*>(w->stepLossChart()));
        const QString png = dir.filePath(QStringLiteral("chart.png"));
        const QString svg = dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY(w->exportCurrentView(png));
        QVERIFY(w->exportCurrentView(svg));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), w->stepLossChart()->size() * w->stepLossChart()->devicePixelRatio());
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.size() > 1000);
        QVERIFY(!w->exportCurrentView(QStringLiteral("/nonexistent-folder-deepstep/x.png")));
        QCOMPARE(messages_.size(), 1);
    }

    void stepLossChartFollowsIterations() {
        auto w = makeWindow();
        QVERIFY(w->openExperiment(xorPath()));
        QVector<double> losses;
        for (int i = 0; i < 3; ++i) {
            w->session().fullIteration();
            losses << static_cast<double>(w->session().record()->loss);
        }
        const auto& pts = w->stepLossChart()->points();
        QCOMPARE(pts.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(pts[i].x(), i + 1.0);
            QCOMPARE(pts[i].y(), losses[i]);
        }
        QVERIFY(w->session().undo());
        QCOMPARE(w->stepLossChart()->points().size(), 2);
        w->session().reset();
        QCOMPARE(w->stepLossChart()->points().size(), 0);
    }

    void traceCsvHasHeaderAndRows() {
        QTemporaryDir dir;
        auto w = makeWindow();
        QVERIFY(w->openExperiment(xorPath()));
        QVERIFY(!w->exportTrace(dir.filePath(QStringLiteral("none.csv")), MainWindow::TraceFormat::Csv));
        QCOMPARE(messages_.size(), 1);  // no step yet
        w->session().fullIteration();
        const QString csv = dir.filePath(QStringLiteral("trace.csv"));
        QVERIFY(w->exportTrace(csv, MainWindow::TraceFormat::Csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("step,name,quantity,index,value"));
        // Element count, counted independently from the record's tensors.
        const StepRecord& r = *w->session().record();
        std::size_t elements = 2;  // loss and penalty
        for (const LayerRecord& l : r.layers) {
            elements += l.input.size() + l.preActivation.size() + l.output.size() + l.gradOutput.size() +
                        l.gradPreActivation.size() + l.gradInput.size();
        }
        for (const ParameterRecord& p : r.parameters) {
            elements += p.value.size() + p.grad.size() + p.update.size() + p.valueAfter.size();
        }
        QCOMPARE(static_cast<std::size_t>(lines.size() - 1), elements);
        // The file's initial weights: hidden.weight = [[0.6, -0.5], [-0.4, 0.7]] (float).
        QVERIFY(lines.contains(QStringLiteral("1,hidden.weight,value,\"[0,0]\",0.600000024")));
        QVERIFY(lines.contains(QStringLiteral("1,hidden.weight,value,\"[0,1]\",-0.5")));
        QVERIFY(lines.contains(QStringLiteral("1,hidden.weight,value,\"[1,0]\",-0.400000006")));
        // XOR input rows in order (no shuffling): example 3 is (1, 1).
        QVERIFY(lines.contains(QStringLiteral("1,hidden,input,\"[3,1]\",1")));

        const QString json = dir.filePath(QStringLiteral("trace.json"));
        QVERIFY(w->exportTrace(json, MainWindow::TraceFormat::Json));
        const Json doc = readJsonFile(json.toStdString());
        QVERIFY(doc["format"] == Json("deepstep.trace"));
        QCOMPARE(doc["steps"].size(), std::size_t{1});
    }

    void screenshotTourWritesEveryView() {
        QTemporaryDir dir;
        QString error;
        const QStringList files = takeScreenshots(registry_, *languages_, dir.path(), experimentsDir(), &error, TourPace::Quick);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(files.size(), 2 * screenshotViews().size());
        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ko")}) {
            for (const QString& view : screenshotViews()) {
                const QImage image(QDir(dir.path()).filePath(lang + QLatin1Char('/') + view + QStringLiteral(".png")));
                QVERIFY2(!image.isNull(), qPrintable(lang + QLatin1Char('/') + view));
                // The size the Studio opens at on this screen (never narrower than the
                // window's minimum, which the offscreen test screen is).
                const QSize fitting = MainWindow::fittingSize(QGuiApplication::primaryScreen()->availableGeometry());
                QCOMPARE(image.height(), fitting.height());
                QVERIFY(image.width() >= fitting.width() && image.width() <= 1280);
            }
        }
        QCOMPARE(languages_->language(), QStringLiteral("en"));
    }
};

QTEST_MAIN(TestStudioShell)
#include "tst_studio_shell.moc"
