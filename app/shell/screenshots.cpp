#include "screenshots.hpp"

#include "model/step_session.hpp"
#include "conv/backward_page.hpp"
#include "conv/conv_sandbox.hpp"
#include "cnn_view/cnn_view.hpp"
#include "rnn_view/rnn_view.hpp"
#include "class_report.hpp"
#include "lab_panel.hpp"
#include "deepstep/lessons/lab.hpp"
#include "rnn_view/text_page.hpp"
#include "device_menu.hpp"
#include "deepstep/file_io.hpp"
#include "export_tools.hpp"
#include "language_switcher.hpp"
#include "lesson_browser.hpp"
#include "lesson_catalog.hpp"
#include "lesson_player.hpp"
#include "main_window.hpp"
#include "view_factory.hpp"

#include <QScreen>
#include <QApplication>
#include <QDeadlineTimer>
#include <QScrollBar>
#include <QTextBrowser>
#include <QDir>
#include <QFileInfo>
#include <QMenuBar>
#include <QPixmap>
#include <QScrollArea>
#include <QStatusBar>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

namespace deepstep::studio {

namespace {

// Lets queued updates, layouts and worker results arrive before a picture is taken.
void settle(int ms) {
    QDeadlineTimer deadline(ms);
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    } while (!deadline.hasExpired());
}

// Brings `target` into sight inside its window: the tab or stacked page holding it
// becomes current and scroll areas scroll to it.
void reveal(QWidget* target) {
    if (target == nullptr) return;
    for (QWidget* w = target; w != nullptr && !w->isWindow(); w = w->parentWidget()) {
        QWidget* parent = w->parentWidget();
        if (auto* stack = qobject_cast<QStackedWidget*>(parent)) {
            if (auto* tabs = qobject_cast<QTabWidget*>(stack->parentWidget())) {
                tabs->setCurrentWidget(w);
            } else {
                stack->setCurrentWidget(w);
            }
        }
    }
    for (QWidget* w = target->parentWidget(); w != nullptr; w = w->parentWidget()) {
        if (auto* scroll = qobject_cast<QScrollArea*>(w)) scroll->ensureWidgetVisible(target);
    }
}

// The lecture's XOR network with a hidden layer wider than ten units, so that the
// views show its values as heatmaps rather than one circle per unit.
Json heatmapExperiment(const QString& xorPath) {
    Json j = readJsonFile(xorPath.toStdString());
    j["name"] = Json{{"en", "XOR: 16 hidden units"}, {"ko", "XOR: 은닉 유닛 16개"}};
    for (Json& layer : j["model"]["layers"]) layer.erase("parameters");
    j["model"]["layers"][0]["units"] = 16;
    return j;
}

void revealWholeIteration(StepSession& s) {
    for (int i = 0; i < s.layerCount(); ++i) s.forwardLayer();
    for (int i = 0; i < s.layerCount(); ++i) s.backwardLayer();
}

bool save(MainWindow& w, const QString& path, QStringList& written, QString* error) {
    w.statusBar()->clearMessage();  // "Loaded …" from setting the scene up
    settle(150);
    if (!exportWidgetPng(&w, path, error)) return false;
    written << path;
    return true;
}

}  // namespace

QStringList screenshotViews() {
    return {QStringLiteral("lesson"),
            QStringLiteral("lesson_hidden"),
            QStringLiteral("lesson_why_gpus"),
            QStringLiteral("lesson_rnn"),
            QStringLiteral("network_rnn"),
            QStringLiteral("network"),
            QStringLiteral("network_presentation"),
            QStringLiteral("network_3_2_2"),
            QStringLiteral("network_3_2_2_presentation"),
            QStringLiteral("chain_rule"),
            QStringLiteral("perceptron"),
            QStringLiteral("xor_perceptrons"),
            QStringLiteral("residual"),
            QStringLiteral("heatmaps"),
            QStringLiteral("playground"),
            QStringLiteral("charts"),
            QStringLiteral("race"),
            QStringLiteral("conv_sandbox"),
            QStringLiteral("conv_im2col"),
            QStringLiteral("conv_backward"),
            QStringLiteral("cnn_training"),
            QStringLiteral("cnn_feature_maps"),
            QStringLiteral("cnn_pool_routing"),
            QStringLiteral("rnn_unrolled"),
            QStringLiteral("rnn_chain_rule"),
            QStringLiteral("rnn_gates"),
            QStringLiteral("rnn_gradients"),
            QStringLiteral("rnn_text"),
            QStringLiteral("lab_student"),
            QStringLiteral("lab_class_report"),
            QStringLiteral("devices")};
}

QStringList takeScreenshots(const Registry& registry, LanguageSwitcher& languages, const QString& dir,
                            const QString& experimentsFolder, QString* error, TourPace pace) {
    const bool quick = pace == TourPace::Quick;
    const QString before = languages.language();
    QStringList written;
    QString failure;
    const QDir experiments(experimentsFolder);
    const QString xor_ = experiments.filePath(QStringLiteral("xor_2_2_1_sigmoid.json"));
    const QTemporaryDir scratch;
    for (const QString& lang : {QStringLiteral("en"), QStringLiteral("ko")}) {
        const QString out = QDir(dir).filePath(lang);
        if (!QDir().mkpath(out)) {
            failure = QStringLiteral("cannot create %1").arg(out);
            break;
        }
        languages.setLanguage(lang);
        settle(50);
        MainWindow w(registry, languages);
        w.setMessageSink([&failure](MessageKind kind, const QString& title, const QString& text) {
            std::fprintf(stderr, "deepstep-studio: %s: %s\n", title.toLocal8Bit().constData(),
                         text.toLocal8Bit().constData());
            if (kind == MessageKind::Error && failure.isEmpty()) failure = title + QStringLiteral(": ") + text;
        });
        // The tour's answers must not land in the student's own progress.
        w.lessonPlayer()->setProgressFile(scratch.filePath(QStringLiteral("progress-") + lang + QStringLiteral(".json")));
        w.setLessonCatalog(std::make_shared<ExperimentFolderCatalog>(experimentsFolder));
        // The size the Studio opens at on this screen (1366×768 under the documented Xvfb).
        w.resize(MainWindow::fittingSize(w.screen()->availableGeometry()));
        w.show();
        settle(100);
        auto path = [&out](const char* view) { return QDir(out).filePath(QString::fromLatin1(view) + ".png"); };
        auto shoot = [&](const char* view) { return failure.isEmpty() && save(w, path(view), written, &failure); };

        w.showTab(MainWindow::Tab::Lessons);
        // Lecture 1's first lesson at its second step: the neuron computed one layer
        // forward, a number checkpoint, and the hint a wrong answer brings.
        if (w.lessonBrowser()->selectLesson(QStringLiteral("pack:perceptron/neuron"))) {
            w.lessonPlayer()->goToStep(1);
            settle(50);
            w.lessonPlayer()->submitAnswer(QStringLiteral("z-day1"), Json(0.5));
        } else if (!w.lessonBrowser()->selectLesson(QStringLiteral("experiment:xor_2_2_1_sigmoid.json"))) {
            w.lessonBrowser()->selectFirstLesson();
        }
        settle(50);
        if (!shoot("lesson")) break;
        // Lecture 2's first forward step in the step view: zh1 answered, zh2 and h1 still
        // asked for, so they read "?".
        if (w.lessonBrowser()->selectLesson(QStringLiteral("pack:backprop/forward-pass"))) {
            w.lessonPlayer()->goToStep(1);
            settle(50);
            w.lessonPlayer()->submitAnswer(QStringLiteral("zh1"), Json(-0.25));
            w.showTab(MainWindow::Tab::Step);
            reveal(networkViewOf(w.stepView()));
            if (!shoot("lesson_hidden")) break;
            w.showTab(MainWindow::Tab::Lessons);
        }

        // Lecture 3's "why GPUs": one LeNet-5 epoch timed on the CPU and on the GPU
        // (or why none ran), the table under the step's text. It trains in the background.
        if (w.lessonBrowser()->selectLesson(QStringLiteral("pack:cnn/why-gpus"))) {
            w.lessonPlayer()->goToStep(1);
            QDeadlineTimer deadline(600000);
            while (!deadline.hasExpired() && w.lessonPlayer()->isBusy()) settle(50);
            // The table is under the step's text: scrolled to, as a student would.
            if (auto* text = w.lessonPlayer()->findChild<QTextBrowser*>()) {
                settle(50);
                text->verticalScrollBar()->setValue(text->verticalScrollBar()->maximum());
            }
        }
        if (!shoot("lesson_why_gpus")) break;
        // Lecture 4's first lesson: the recurrence by hand, h_1 answered.
        if (w.lessonBrowser()->selectLesson(QStringLiteral("pack:rnn/recurrence"))) {
            settle(50);
            w.lessonPlayer()->submitAnswer(QStringLiteral("h1"), Json(0.4621));
        }
        settle(50);
        if (!shoot("lesson_rnn")) break;
        // The same recurrence in the step view, one iteration revealed.
        if (w.lessonBrowser()->selectLesson(QStringLiteral("pack:rnn/recurrence"))) {
            settle(50);
            w.showTab(MainWindow::Tab::Step);
            revealWholeIteration(w.session());
            reveal(networkViewOf(w.stepView()));
            w.showTab(MainWindow::Tab::Step);
        }
        settle(50);
        if (!shoot("network_rnn")) break;
        w.showTab(MainWindow::Tab::Lessons);

        if (!w.openExperiment(xor_)) break;
        w.showTab(MainWindow::Tab::Step);
        revealWholeIteration(w.session());
        // The step view as drawn, then in presentation mode (fonts ×1.6).
        const auto shootBothModes = [&](const char* view, const char* presentationView) {
            reveal(networkViewOf(w.stepView()));
            if (!shoot(view)) return false;
            w.setPresentationMode(true);
            settle(100);
            reveal(networkViewOf(w.stepView()));
            const bool shot = shoot(presentationView);
            w.setPresentationMode(false);
            settle(50);
            return shot;
        };
        if (!shootBothModes("network", "network_presentation")) break;
        // The lecture's 3-2-2 example (w1 … w10), its gradients shown: edges cross there.
        if (!w.openExperiment(experiments.filePath(QStringLiteral("seeds_forward_example.json")))) break;
        revealWholeIteration(w.session());
        if (!shootBothModes("network_3_2_2", "network_3_2_2_presentation")) break;
        if (!w.openExperiment(xor_)) break;
        revealWholeIteration(w.session());

        // Example (1, 1) of XOR: with x1 = 1 the chain for w1 carries a share of the
        // gradient (with x1 = 0 its last factor, and so the product, is 0).
        showBatchExampleIn(w.stepView(), 3);
        selectWeightIn(w.stepView(), QStringLiteral("hidden.weight"), 0, 0);
        reveal(chainRulePanelOf(w.stepView()));
        if (!shoot("chain_rule")) break;

        // Lecture 1: one perceptron, then XOR from two perceptrons and a third; then a
        // residual block drawn with its skip connection. Each after the forward pass, so
        // that the edges are labelled with the weights themselves.
        const auto stepThrough = [&](const char* file, const char* view) {
            if (!failure.isEmpty() || !w.openExperiment(experiments.filePath(QString::fromLatin1(file)))) return false;
            for (int i = 0; i < w.session().layerCount(); ++i) w.session().forwardLayer();
            reveal(networkViewOf(w.stepView()));
            return shoot(view);
        };
        if (!stepThrough("perceptron_and.json", "perceptron")) break;
        if (!stepThrough("xor_two_perceptrons.json", "xor_perceptrons")) break;
        if (!stepThrough("residual_circle.json", "residual")) break;

        if (!w.loadExperiment(heatmapExperiment(xor_), QString())) break;
        revealWholeIteration(w.session());
        w.session().applyUpdate();
        reveal(networkViewOf(w.stepView()));
        if (!shoot("heatmaps")) break;

        w.showTab(MainWindow::Tab::Playground);
        settle(100);
        // A short run that ends by itself, so that the boundary and the curves have
        // taken shape and the status tells how it ended.
        setPlaygroundEpochs(w.playground(), 40);
        startTrainingIn(w.playground());
        {
            QDeadlineTimer deadline(20000);
            while (!deadline.hasExpired() && isTrainingIn(w.playground())) settle(50);
        }
        stopTrainingIn(w.playground());
        settle(400);
        if (!shoot("playground")) break;

        if (!w.openExperiment(xor_)) break;
        // Far enough for the loss to leave XOR's plateau at 0.125 and fall; "run N"
        // adds one point per call, so 300 points show the whole curve.
        for (int i = 0; i < 300; ++i) w.session().runIterations(10);
        w.showTab(MainWindow::Tab::Charts);
        if (!shoot("charts")) break;
        w.showTab(MainWindow::Tab::Race);
        if (!shoot("race")) break;

        // Lecture 3's convolution sandbox: a digit (the grid where the digits are not
        // installed) in two channels, k3 s1 p1, the window in the middle of the image;
        // then the im2col view of the small grid at stride 2, where every number fits.
        w.showTab(MainWindow::Tab::Conv);
        if (auto* sandbox = w.findChild<conv::ConvSandbox*>()) {
            conv::ConvSettings s;
            s.kernel = 3;
            s.stride = 1;
            s.padding = 1;
            s.filters = 2;
            sandbox->setChannels(2);
            sandbox->setSource(conv::ConvSandbox::Source::Digit);
            sandbox->setSettings(s);
            sandbox->chooseOutput(0, 5, 6);
            sandbox->showPage(conv::ConvSandbox::Page::Window);
            if (!shoot("conv_sandbox")) break;
            sandbox->setSource(conv::ConvSandbox::Source::Grid);
            s.stride = 2;
            sandbox->setSettings(s);
            sandbox->chooseOutput(0, 1, 2);
            sandbox->showPage(conv::ConvSandbox::Page::Im2col);
            if (!shoot("conv_im2col")) break;
            // The backward page on the same layer: δ = Y − T from the loss, spread by the
            // stride 2, one kernel element's terms and one pixel's, one term explained.
            conv::BackwardPage* backward = sandbox->backwardPage();
            backward->setTarget(0.5);
            backward->setDeltaKind(conv::DeltaKind::Loss);
            backward->chooseKernelElement(0, 1, 1);
            backward->chooseInputPixel(0, 3, 4);
            backward->showTerm(conv::BackwardPage::Terms::Input, 0);
            sandbox->showPage(conv::ConvSandbox::Page::Backward);
            if (!shoot("conv_backward")) break;
        }

        // Lecture 3's CNN tab: LeNet-5 on clothing, a tiny run (640 images, one epoch)
        // that reports after every batch, so that the curves have a shape; then the
        // feature maps of one test image, each layer over its own range.
        w.showTab(MainWindow::Tab::Cnn);
        if (auto* cnnTab = w.findChild<cnn::CnnView*>(); cnnTab != nullptr && cnnTab->chooseLab("lenet5-fashion.json")) {
            cnn::CnnLimits limits;
            limits.trainImages = 640;
            limits.testImages = 200;
            limits.epochs = 1;
            cnnTab->setLimits(limits);
            cnnTab->training().setIntervals(0, 0);
            cnnTab->showPage(cnn::CnnView::Page::Filters);
            cnnTab->start();
            cnnTab->training().waitUntilDone(120000);
            settle(200);
            if (!shoot("cnn_training")) break;
            cnnTab->chooseTestImage(3);
            cnnTab->setColourScale(cnn::ColourScale::Layer);
            cnnTab->showPage(cnn::CnnView::Page::FeatureMaps);
            settle(100);
            if (!shoot("cnn_feature_maps")) break;
            // The second max pool, where the window's four numbers are readable.
            cnnTab->showPage(cnn::CnnView::Page::Pooling);
            cnnTab->choosePoolOutput(1, 2, 2, 3);
            if (!shoot("cnn_pool_routing")) break;
        }
        // Lecture 4's recurrent tab. A simple RNN on the sine, trained a few epochs, halfway
        // through its backward pass with one step's chain rule open; an LSTM's gates over
        // time; the adding problem's gradient per step, simple RNN against LSTM and GRU;
        // the fable LSTM colouring the text and writing. Short runs on part of the data,
        // so that the tour stays quick (it runs in the tests, under the sanitizers too).
        w.showTab(MainWindow::Tab::Rnn);
        if (auto* rnnTab = w.findChild<rnn::RnnView*>(); rnnTab != nullptr) {
            rnnTab->setTrainingLimit(quick ? 200 : 600);
            const auto train = [&](const QString& lab, int epochs) {
                if (!rnnTab->chooseLab(lab)) return false;
                rnnTab->setEpochs(epochs);
                rnnTab->start();
                rnnTab->training().waitUntilDone(120000);
                rnnTab->refreshNow();
                return true;
            };
            if (train(QStringLiteral("sine_simple_rnn.json"), 3)) {
                rnnTab->showPage(rnn::RnnView::Page::Unrolled);
                rnnTab->chooseSequence(2);
                rnnTab->chooseUnit(0);
                rnnTab->setPhase(20 + 20);
                rnnTab->chooseStep(17);
                settle(150);
                if (!shoot("rnn_unrolled")) break;
                // The same step's panel scrolled to ∂E/∂U as a sum over the steps.
                QScrollBar* bar = rnnTab->chainRulePanel()->verticalScrollBar();
                bar->setValue(bar->maximum());
                settle(100);
                if (!shoot("rnn_chain_rule")) break;
            }
            if (train(QStringLiteral("sine_lstm.json"), 3)) {
                rnnTab->showPage(rnn::RnnView::Page::Gates);
                rnnTab->chooseSequence(2);
                settle(150);
                if (!shoot("rnn_gates")) break;
            }
            // The adding problem's three labs trained (about a second each), then the
            // simple RNN's page, the LSTM and the GRU beside it.
            const int addingEpochs = quick ? 1 : 8;
            if (train(QStringLiteral("adding_lstm.json"), addingEpochs) &&
                train(QStringLiteral("adding_gru.json"), addingEpochs) &&
                train(QStringLiteral("adding_simple_rnn.json"), addingEpochs)) {
                rnnTab->showPage(rnn::RnnView::Page::Gradients);
                rnnTab->chooseSequence(0);
                rnnTab->refreshNow();
                settle(150);
                if (!shoot("rnn_gradients")) break;
            }
            rnnTab->setTrainingLimit(quick ? 100 : 1500);
            if (train(QStringLiteral("fable_char_lstm.json"), quick ? 1 : 3)) {
                rnnTab->showPage(rnn::RnnView::Page::Text);
                rnn::TextPage* text = rnnTab->textPage();
                rnnTab->chooseUnit(std::max(0, text->mostVariedUnit()));
                text->setPrime(QStringLiteral("The Fox "));
                text->setTemperature(0.5);
                text->write();
                settle(150);
                if (!shoot("rnn_text")) break;
            }
        }
        // Labs: the sample lab opened by a student (the first question answered right, a
        // number answered wrong once: a hint, no answer shown), then the class report of a
        // dozen simulated students. Their work goes to the tour's scratch folder.
        if (const QString labFolder = experiments.filePath(QStringLiteral("../labs/lecture2-forward-backward"));
            QFileInfo(labFolder).isDir()) {
            const QByteArray dataHome = qgetenv("DEEPSTEP_DATA_HOME");
            qputenv("DEEPSTEP_DATA_HOME", QDir(scratch.path()).filePath(lang + QStringLiteral("-data")).toUtf8());
            std::vector<LabProblem> problems;
            const LabBundle bundle = buildLabBundle(labFolder.toStdString(), registry, "a screenshot tour's key, 32 B", 1, problems);
            const QString labFile = QDir(scratch.path()).filePath(lang + QStringLiteral("-lab.json"));
            const QString results = QDir(scratch.path()).filePath(lang + QStringLiteral("-results"));
            bool ok = problems.empty();
            if (ok) {
                writeLabBundle(labFile.toStdString(), bundle);
                QDir().mkpath(results);
                ok = w.openLab(labFile, QStringLiteral("kim.s2026001"));
            }
            if (ok) {
                LabPanel* panel = w.labPanel();
                const LessonPack& variant = *panel->lab().pack();
                const std::vector<LabKeyEntry> key = labAnswerKey(variant, registry);
                const deepstep::Lesson& lesson = variant.lessons.at(0);
                const auto answerOf = [&](const std::string& lessonId, const std::string& cp) {
                    for (const LabKeyEntry& k : key)
                        if (k.lesson == lessonId && k.checkpoint == cp) return k.answer;
                    return Json();
                };
                const Checkpoint& first = lesson.steps.at(0).checkpoints.at(0);
                panel->player()->submitAnswer(QString::fromStdString(first.id), answerOf(lesson.id, first.id));
                if (lesson.steps.size() > 1 && !lesson.steps[1].checkpoints.empty()) {
                    panel->player()->goToStep(1);
                    const Checkpoint& cp = lesson.steps[1].checkpoints.at(0);
                    if (cp.type == Checkpoint::Type::Number)
                        panel->player()->submitAnswer(QString::fromStdString(cp.id),
                                                      Json(answerOf(lesson.id, cp.id).get<double>() + 0.25));
                }
                settle(150);
                if (!shoot("lab_student")) break;
                w.closeLab();
                const LessonPack base = unpackLab(
                    bundle, QDir(scratch.path()).filePath(lang + QStringLiteral("-pack")).toStdString(), registry);
                // Twelve students: right answers from each one's own key, some mistakes, two late.
                for (int k = 1; k <= 12; ++k) {
                    const std::string student = "s20260" + std::to_string(10 + k);
                    const std::uint64_t seed = labVariantSeed(bundle.manifest.id, student);
                    LabResult r = loadLabProgress(bundle, student, DEEPSTEP_VERSION);
                    const LessonPack studentPack = labPackFor(base, bundle.manifest, seed);
                    int n = 0;
                    for (const LabKeyEntry& e : labAnswerKey(studentPack, registry)) {
                        const bool wrong = (n++ * 7 + k) % 5 == 0;
                        Json answer = e.answer;
                        if (wrong) answer = answer.is_number_integer() ? Json(answer.get<int>() == 0 ? 1 : 0) : Json(answer.get<double>() + 0.5);
                        r.checkpoint(e.lesson, e.checkpoint).answers.push_back({answer, r.started, !wrong});
                    }
                    r.submitted = bundle.manifest.deadline.value_or(r.started) + (k % 6 == 0 ? 3600 : -3600);
                    r.mac = labResultMac(r, bundle.key);
                    writeFileAtomically(QDir(results).filePath(QString::fromStdString(student) + QStringLiteral(".json")).toStdString(),
                                        labResultToJson(r).dump(1));
                }
                if (w.openClassReport(labFile, {results})) {
                    settle(150);
                    if (!shoot("lab_class_report")) break;
                }
            }
            if (dataHome.isNull()) {
                qunsetenv("DEEPSTEP_DATA_HOME");
            } else {
                qputenv("DEEPSTEP_DATA_HOME", dataHome);
            }
        }
        {
            // View ▸ Device open over the window: the CPU, and each GPU or why none can
            // be used. A menu is a window of its own, so the screen is grabbed where the
            // window is (the window alone where the screen cannot be grabbed).
            DeviceMenu* menu = w.deviceMenu();
            menu->look();
            QPoint at = w.menuBar()->mapToGlobal(QPoint(0, w.menuBar()->height()));
            for (QAction* a : w.menuBar()->actions()) {
                if (a->menu() != nullptr && a->menu()->actions().contains(menu->menuAction())) {
                    at = w.menuBar()->mapToGlobal(w.menuBar()->actionGeometry(a).bottomLeft());
                }
            }
            menu->popup(at);
            settle(200);
            // The window's part of the screen, the menu over it.
            const QRect area = w.geometry();
            const QPixmap screen = w.screen()->grabWindow(0, area.x(), area.y(), area.width(), area.height());
            const QString file = path("devices");
            const bool saved = !screen.isNull() && screen.save(file, "PNG");
            menu->hide();
            if (saved) {
                written << file;
            } else if (!shoot("devices")) {
                break;
            }
        }
        w.hide();
    }
    languages.setLanguage(before);
    if (!failure.isEmpty() && error != nullptr) *error = failure;
    return written;
}

}  // namespace deepstep::studio
