#include "main_window.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "model/step_session.hpp"
#include "conv/conv_sandbox.hpp"
#include "cnn_view/cnn_view.hpp"
#include "rnn_view/rnn_view.hpp"
#include "model/experiments_folder.hpp"
#include "device_menu.hpp"
#include "export_tools.hpp"
#include "language_switcher.hpp"
#include "lesson_browser.hpp"
#include "lesson_catalog.hpp"
#include "lesson_player.hpp"
#include "class_report.hpp"
#include "lab_panel.hpp"
#include "model/lab_session.hpp"
#include "step_loss_chart.hpp"
#include "session_autosave.hpp"
#include "view_factory.hpp"

#include <QAction>
#include <filesystem>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace deepstep::studio {

namespace {

constexpr double kPresentationScale = 1.6;
// A "resume at iteration N" longer than this would keep the window from opening for
// too long; such a session reopens at its start.
constexpr long long kMaxReplayIterations = 20000;

const char* tabKey(MainWindow::Tab t) {
    switch (t) {
    case MainWindow::Tab::Lessons: return "lessons";
    case MainWindow::Tab::Step: return "step";
    case MainWindow::Tab::Playground: return "playground";
    case MainWindow::Tab::Charts: return "charts";
    case MainWindow::Tab::Race: return "race";
    case MainWindow::Tab::Conv: return "conv";
    case MainWindow::Tab::Cnn: return "cnn";
    case MainWindow::Tab::Rnn: return "rnn";
    }
    return "lessons";
}

}  // namespace

MainWindow::MainWindow(const Registry& registry, LanguageSwitcher& languages, QWidget* parent)
    : QMainWindow(parent),
      registry_(registry),
      languages_(languages),
      session_(new StepSession(registry, this)),
      tabs_(new QTabWidget(this)),
      lessonsPage_(new QSplitter(Qt::Horizontal)),
      browser_(new LessonBrowser),
      player_(new LessonPlayer),
      stepView_(nullptr),
      playground_(nullptr),
      chartsPage_(new QWidget),
      chartsHeading_(new QLabel),
      stepLossChart_(nullptr),
      experimentLabel_(new QLabel) {
    lessonsPage_->addWidget(browser_);
    lessonsPage_->addWidget(player_);
    lessonsPage_->setStretchFactor(0, 1);
    lessonsPage_->setStretchFactor(1, 3);
    lessonsPage_->setSizes({440, 840});
    lessonsPage_->setContentsMargins(8, 8, 8, 8);
    tabs_->addTab(lessonsPage_, QString());

    stepView_ = createStepView(*session_, nullptr);
    tabs_->addTab(stepView_, QString());

    playground_ = createPlayground(registry_, nullptr);
    tabs_->addTab(playground_, QString());

    auto* chartsLayout = new QVBoxLayout(chartsPage_);
    chartsHeading_->setWordWrap(true);
    chartsLayout->addWidget(chartsHeading_);
    stepLossChart_ = new StepLossChart(*session_, chartsPage_);
    chartsLayout->addWidget(stepLossChart_, 1);
    tabs_->addTab(chartsPage_, QString());
    tabs_->addTab(createRaceView(registry_, nullptr), QString());
    tabs_->addTab(new conv::ConvSandbox(registry_), QString());
    tabs_->addTab(new cnn::CnnView(registry_, experimentsFolder()), QString());
    tabs_->addTab(new rnn::RnnView(registry_, experimentsFolder()), QString());

    tabs_->setDocumentMode(true);
    setCentralWidget(tabs_);
    statusBar()->addPermanentWidget(experimentLabel_);
    deviceLabel_ = new QLabel(this);
    statusBar()->addPermanentWidget(deviceLabel_);

    buildMenus();

    connect(browser_, &LessonBrowser::lessonChosen, this, [this](const Lesson& lesson) {
        player_->showLesson(lesson);
        emit sessionChanged();
    });
    player_->setSession(session_, &registry_);
    connect(player_, &LessonPlayer::stepViewRequested, this, [this] { showTab(Tab::Step); });
    connect(player_, &LessonPlayer::stepThroughRequested, this, [this](const QString& path) {
        if (openExperiment(path)) showTab(Tab::Step);
    });
    connect(session_, &StepSession::reloaded, this, &MainWindow::onSessionReloaded);
    connect(session_, &StepSession::changed, this, &MainWindow::sessionChanged);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::sessionChanged);
    connect(&languages_, &LanguageSwitcher::languageChanged, this, [this](const QString& code) {
        englishAction_->setChecked(code != QLatin1String("ko"));
        koreanAction_->setChecked(code == QLatin1String("ko"));
        emit sessionChanged();
    });

    // The playground and the race are about no file: a "Loaded xor.json" or "Experiment:
    // XOR …" left from the step view would name an experiment that is not the one on
    // screen. The lessons, the step view and the charts all show the step session's.
    connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
        const bool aboutTheSession = index == static_cast<int>(Tab::Lessons) || index == static_cast<int>(Tab::Step) ||
                                     index == static_cast<int>(Tab::Charts);
        if (!aboutTheSession) statusBar()->clearMessage();
        experimentLabel_->setVisible(aboutTheSession);
    });

    resize(fittingSize(screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800)));
    retranslateUi();
}

QSize MainWindow::fittingSize(const QRect& available) {
    // 1280×800 where there is room; otherwise the screen's free area less the window
    // frame (title bar and borders), so that no part of the window lies off-screen.
    constexpr int kFrameWidth = 16;
    constexpr int kFrameHeight = 40;
    return {std::min(1280, available.width() - kFrameWidth), std::min(800, available.height() - kFrameHeight)};
}

void MainWindow::restoreWindowGeometry() {
    const QByteArray saved = QSettings().value(QStringLiteral("ui/geometry")).toByteArray();
    if (saved.isEmpty() || !restoreGeometry(saved)) return;
    // A geometry saved on a larger screen is brought back inside this one.
    const QRect available = screen() ? screen()->availableGeometry() : QRect();
    if (available.isValid() && !available.contains(frameGeometry())) {
        resize(fittingSize(available));
        move(available.topLeft());
    }
}

void MainWindow::saveWindowGeometry() const {
    QSettings().setValue(QStringLiteral("ui/geometry"), saveGeometry());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    fileMenu_ = menuBar()->addMenu(QString());
    openAction_ = fileMenu_->addAction(QString(), this, &MainWindow::chooseAndOpen);
    openAction_->setShortcut(QKeySequence::Open);
    openLabAction_ = fileMenu_->addAction(QString(), this, &MainWindow::chooseAndOpenLab);
    closeLabAction_ = fileMenu_->addAction(QString(), this, &MainWindow::closeLab);
    closeLabAction_->setEnabled(false);
    gradeLabAction_ = fileMenu_->addAction(QString(), this, &MainWindow::chooseAndGradeLab);
    saveAsAction_ = fileMenu_->addAction(QString(), this, &MainWindow::chooseAndSave);
    saveAsAction_->setShortcut(QKeySequence::SaveAs);
    fileMenu_->addSeparator();
    quitAction_ = fileMenu_->addAction(QString(), this, &QWidget::close);
    quitAction_->setShortcut(QKeySequence::Quit);

    exportMenu_ = menuBar()->addMenu(QString());
    exportPngAction_ = exportMenu_->addAction(QString(), this, [this] { chooseAndExportView(QStringLiteral("png")); });
    exportSvgAction_ = exportMenu_->addAction(QString(), this, [this] { chooseAndExportView(QStringLiteral("svg")); });
    exportMenu_->addSeparator();
    exportJsonAction_ = exportMenu_->addAction(QString(), this, [this] { chooseAndExportTrace(TraceFormat::Json); });
    exportCsvAction_ = exportMenu_->addAction(QString(), this, [this] { chooseAndExportTrace(TraceFormat::Csv); });

    viewMenu_ = menuBar()->addMenu(QString());
    languageMenu_ = viewMenu_->addMenu(QString());
    auto* group = new QActionGroup(this);
    // Each language is named in itself, so it can be found whatever the UI shows now.
    englishAction_ = languageMenu_->addAction(QStringLiteral("English"));
    koreanAction_ = languageMenu_->addAction(QStringLiteral("한국어"));
    for (QAction* a : {englishAction_, koreanAction_}) {
        a->setCheckable(true);
        group->addAction(a);
    }
    englishAction_->setChecked(languages_.language() != QLatin1String("ko"));
    koreanAction_->setChecked(languages_.language() == QLatin1String("ko"));
    connect(englishAction_, &QAction::triggered, this, [this] {
        languages_.setLanguage(QStringLiteral("en"));
        LanguageSwitcher::saveLanguage(QStringLiteral("en"));
    });
    connect(koreanAction_, &QAction::triggered, this, [this] {
        languages_.setLanguage(QStringLiteral("ko"));
        LanguageSwitcher::saveLanguage(QStringLiteral("ko"));
    });
    deviceMenu_ = new DeviceMenu(this);
    viewMenu_->addMenu(deviceMenu_);
    connect(deviceMenu_, &DeviceMenu::chosenChanged, this, [this] {
        deviceLabel_->setText(deviceMenu_->statusText());
        deviceLabel_->setToolTip(deviceMenu_->statusText());
        session_->setDevice(deviceMenu_->chosen());
    });
    session_->setDevice(deviceMenu_->chosen());
    presentationAction_ = viewMenu_->addAction(QString());
    presentationAction_->setCheckable(true);
    presentationAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(presentationAction_, &QAction::toggled, this, &MainWindow::setPresentationMode);

    stepMenu_ = menuBar()->addMenu(QString());
    const QList<QAction*> steps = stepActionsOf(stepView_);
    stepMenu_->addActions(steps);
    // The shortcuts work from every tab, not only while the step view has focus.
    for (QAction* a : steps) a->setShortcutContext(Qt::WindowShortcut);

    helpMenu_ = menuBar()->addMenu(QString());
    pluginsAction_ = helpMenu_->addAction(QString(), this, &MainWindow::showPlugins);
    aboutAction_ = helpMenu_->addAction(QString(), this, &MainWindow::showAbout);
}

void MainWindow::retranslateUi() {
    const QString name = session_->isLoaded() ? inUiLanguage(session_->experimentName()) : QString();
    setWindowTitle(name.isEmpty() ? tr("DeepStep Studio") : tr("%1 — DeepStep Studio").arg(name));
    tabs_->setTabText(0, tr("Lessons"));
    tabs_->setTabText(1, tr("Step by step"));
    tabs_->setTabText(2, tr("Playground"));
    tabs_->setTabText(3, tr("Charts"));
    tabs_->setTabText(4, tr("Optimizer race"));
    tabs_->setTabText(5, tr("Convolution"));
    tabs_->setTabText(6, tr("CNN training"));
    tabs_->setTabText(7, tr("Recurrent networks"));
    chartsHeading_->setText(
        tr("The loss of each iteration computed in the step-by-step view. Export ▸ Current view saves it as an "
           "image."));
    experimentLabel_->setText(name.isEmpty() ? tr("No experiment loaded") : tr("Experiment: %1").arg(name));
    if (deviceMenu_ != nullptr) {
        deviceLabel_->setText(deviceMenu_->statusText());
        deviceLabel_->setToolTip(deviceMenu_->statusText());
    }
    // The status bar does not lay its permanent widgets out again when their text
    // grows; without this a longer name stays clipped to the old width.
    if (QLayout* layout = statusBar()->layout()) {
        layout->invalidate();
        layout->activate();
    }

    fileMenu_->setTitle(tr("&File"));
    openAction_->setText(tr("&Open experiment…"));
    openLabAction_->setText(tr("Open &lab…"));
    closeLabAction_->setText(tr("&Close lab"));
    gradeLabAction_->setText(tr("&Grade a lab…"));
    if (labPanel_ != nullptr) tabs_->setTabText(tabs_->indexOf(labPanel_), tr("Lab"));
    if (classReport_ != nullptr) tabs_->setTabText(tabs_->indexOf(classReport_), tr("Class report"));
    saveAsAction_->setText(tr("Save experiment &as…"));
    quitAction_->setText(tr("&Quit"));
    exportMenu_->setTitle(tr("&Export"));
    exportPngAction_->setText(tr("Current view as &PNG…"));
    exportSvgAction_->setText(tr("Current view as &SVG…"));
    exportJsonAction_->setText(tr("Trace of this step as &JSON…"));
    exportCsvAction_->setText(tr("Trace of this step as &CSV…"));
    viewMenu_->setTitle(tr("&View"));
    languageMenu_->setTitle(tr("&Language"));
    presentationAction_->setText(tr("&Presentation mode (large fonts)"));
    stepMenu_->setTitle(tr("&Step"));
    helpMenu_->setTitle(tr("&Help"));
    pluginsAction_->setText(tr("&Plugins…"));
    aboutAction_->setText(tr("&About DeepStep Studio"));
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (isTrainingIn(playground_)) stopTrainingIn(playground_);
    if (autosave_) autosave_->saveNow();
    saveWindowGeometry();
    QMainWindow::closeEvent(event);
}

void MainWindow::message(MessageKind kind, const QString& title, const QString& text) {
    if (sink_) {
        sink_(kind, title, text);
        return;
    }
    switch (kind) {
    case MessageKind::Information: QMessageBox::information(this, title, text); break;
    case MessageKind::Warning: QMessageBox::warning(this, title, text); break;
    case MessageKind::Error: QMessageBox::critical(this, title, text); break;
    }
}

void MainWindow::showTab(Tab tab) { tabs_->setCurrentIndex(static_cast<int>(tab)); }

MainWindow::Tab MainWindow::currentTab() const { return static_cast<Tab>(std::max(0, tabs_->currentIndex())); }

void MainWindow::setLessonCatalog(std::shared_ptr<const LessonCatalog> catalog) {
    // The lesson packs come first; the given catalog (the experiments folder) follows.
    if (!std::dynamic_pointer_cast<const LessonPackCatalog>(catalog)) {
        catalog = std::make_shared<LessonPackCatalog>(registry_, LessonPackCatalog::defaultFolders(), std::move(catalog));
    }
    browser_->setCatalog(std::move(catalog));
}

void MainWindow::setPluginReport(const std::vector<PluginStatus>& plugins) {
    plugins_ = plugins;
    int refused = 0;
    for (const PluginStatus& p : plugins_) refused += p.loaded ? 0 : 1;
    if (refused == 1) statusBar()->showMessage(tr("1 plugin was refused: see Help ▸ Plugins."));
    if (refused > 1) statusBar()->showMessage(tr("%1 plugins were refused: see Help ▸ Plugins.").arg(refused));
}

bool MainWindow::openExperiment(const QString& path) {
    Json doc;
    try {
        doc = readJsonFile(path.toStdString());
    } catch (const std::exception& e) {
        message(MessageKind::Error, tr("Cannot open the experiment"), QString::fromStdString(e.what()));
        return false;
    }
    return loadExperiment(doc, path);
}

bool MainWindow::loadExperiment(const Json& experiment, const QString& source) {
    if (labPanel_ != nullptr) {
        message(MessageKind::Warning, tr("A lab is open"),
                tr("The settings of the open lab are locked: close the lab (File ▸ Close lab) to open other "
                   "experiments."));
        return false;
    }
    try {
        session_->load(experiment, source);
        return true;
    } catch (const std::exception& e) {
        // InputError's text names the file and the JSON path ("xor.json: model.layers[0].units: …").
        message(MessageKind::Error, tr("Cannot open the experiment"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::onSessionReloaded() {
    retranslateUi();
    statusBar()->showMessage(tr("Loaded %1").arg(session_->source().isEmpty()
                                                      ? inUiLanguage(session_->experimentName())
                                                      : QFileInfo(session_->source()).fileName()),
                             5000);
}

bool MainWindow::saveExperimentAs(const QString& path) {
    if (!session_->isLoaded()) {
        message(MessageKind::Warning, tr("Nothing to save"), tr("Open an experiment first."));
        return false;
    }
    try {
        writeFileAtomically(path.toStdString(), session_->experimentJson().dump(2) + "\n");
        statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 5000);
        return true;
    } catch (const std::exception& e) {
        message(MessageKind::Error, tr("Cannot save the experiment"), QString::fromStdString(e.what()));
        return false;
    }
}

QWidget* MainWindow::currentView() const {
    QWidget* w = tabs_->currentWidget();
    return w == chartsPage_ ? stepLossChart_ : w;
}

bool MainWindow::exportCurrentView(const QString& path) {
    QString error;
    const bool svg = path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive);
    const bool ok = svg ? exportWidgetSvg(currentView(), path, tabs_->tabText(tabs_->currentIndex()), &error)
                        : exportWidgetPng(currentView(), path, &error);
    if (!ok) message(MessageKind::Error, tr("Cannot export the view"), error);
    return ok;
}

bool MainWindow::exportTrace(const QString& path, TraceFormat format) {
    const StepRecord* record = session_->record();
    if (record == nullptr) {
        message(MessageKind::Warning, tr("No step to export"),
                tr("Compute at least one layer in the step-by-step view first."));
        return false;
    }
    QString error;
    const std::string text = format == TraceFormat::Json ? traceDocument(*record).dump(2) + "\n" : traceCsv(*record);
    if (!writeTextFile(path, text, &error)) {
        message(MessageKind::Error, tr("Cannot export the trace"), error);
        return false;
    }
    return true;
}

void MainWindow::chooseAndOpen() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                                      tr("Experiments (*.json);;All files (*)"));
    if (!path.isEmpty() && openExperiment(path)) showTab(Tab::Step);
}

bool MainWindow::openLab(const QString& labFile, const QString& student) {
    std::unique_ptr<LabSession> lab;
    try {
        lab = std::make_unique<LabSession>(labFile, student, registry_);
    } catch (const std::exception& e) {
        message(MessageKind::Error, tr("Cannot open the lab"), QString::fromStdString(e.what()));
        return false;
    }
    if (lab->submitted()) {
        message(MessageKind::Information, tr("Lab already submitted"),
                tr("Student %1 has already submitted this lab.").arg(student));
        return false;
    }
    closeLab();
    labPanel_ = new LabPanel(std::move(lab), *session_, registry_);
    connect(labPanel_, &LabPanel::stepViewRequested, this, [this] { showTab(Tab::Step); });
    tabs_->addTab(labPanel_, tr("Lab"));
    tabs_->setCurrentWidget(labPanel_);
    // Locked while the lab is open: other experiments, and the lessons that load them.
    openAction_->setEnabled(false);
    tabs_->setTabEnabled(static_cast<int>(Tab::Lessons), false);
    closeLabAction_->setEnabled(true);
    return true;
}

void MainWindow::closeLab() {
    if (labPanel_ == nullptr) return;
    tabs_->removeTab(tabs_->indexOf(labPanel_));
    labPanel_->deleteLater();
    labPanel_ = nullptr;
    openAction_->setEnabled(true);
    tabs_->setTabEnabled(static_cast<int>(Tab::Lessons), true);
    closeLabAction_->setEnabled(false);
}

bool MainWindow::openClassReport(const QString& labFile, const QStringList& results) {
    try {
        LabBundle bundle = readLabBundle(labFile.toStdString());
        std::vector<std::string> files;
        for (const QString& r : results) {
            const QFileInfo info(r);
            if (info.isDir()) {
                const QDir dir(r);
                for (const QString& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
                    files.push_back(dir.filePath(f).toStdString());
            } else {
                files.push_back(r.toStdString());
            }
        }
        const LessonPack pack =
            unpackLab(bundle, (std::filesystem::path(labWorkFolder(bundle)) / "grading").string(), registry_);
        QApplication::setOverrideCursor(Qt::WaitCursor);
        LabGrades grades = gradeLab(bundle, pack, files, registry_);
        QApplication::restoreOverrideCursor();
        if (classReport_ != nullptr) {
            tabs_->removeTab(tabs_->indexOf(classReport_));
            classReport_->deleteLater();
        }
        classReport_ = new ClassReport(std::move(bundle), std::move(grades));
        tabs_->addTab(classReport_, tr("Class report"));
        tabs_->setCurrentWidget(classReport_);
        return true;
    } catch (const std::exception& e) {
        QApplication::restoreOverrideCursor();
        message(MessageKind::Error, tr("Cannot grade the lab"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::chooseAndOpenLab() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open lab"), QString(), tr("Labs (*.json *.dslab);;All files (*)"));
    if (path.isEmpty()) return;
    bool ok = false;
    const QString student = QInputDialog::getText(this, tr("Open lab"), tr("Your student id:"), QLineEdit::Normal,
                                                  QString(), &ok);
    if (ok && !student.isEmpty()) openLab(path, student.trimmed());
}

void MainWindow::chooseAndGradeLab() {
    const QString lab =
        QFileDialog::getOpenFileName(this, tr("Grade a lab: the lab file"), QString(), tr("Labs (*.json *.dslab);;All files (*)"));
    if (lab.isEmpty()) return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Grade a lab: the folder of result files"));
    if (!folder.isEmpty()) openClassReport(lab, {folder});
}

void MainWindow::chooseAndSave() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save experiment as"), session_->source(),
                                                      tr("Experiments (*.json)"));
    if (!path.isEmpty()) saveExperimentAs(path);
}

void MainWindow::chooseAndExportView(const QString& suffix) {
    const QString filter = suffix == QLatin1String("svg") ? tr("SVG images (*.svg)") : tr("PNG images (*.png)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export the current view"), QString(), filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + suffix;
    if (exportCurrentView(path)) statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 5000);
}

void MainWindow::chooseAndExportTrace(TraceFormat format) {
    const bool json = format == TraceFormat::Json;
    QString path = QFileDialog::getSaveFileName(this, tr("Export the trace of this step"), QString(),
                                                json ? tr("Trace JSON (*.json)") : tr("CSV tables (*.csv)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += json ? QStringLiteral(".json") : QStringLiteral(".csv");
    if (exportTrace(path, format)) statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 5000);
}

void MainWindow::showPlugins() {
    QString text;
    if (plugins_.empty()) text = tr("No plugins were found.");
    for (const PluginStatus& p : plugins_) {
        const QString name = QString::fromStdString(p.name.empty() ? p.file : p.name);
        text += p.loaded ? tr("✔ %1 %2: loaded").arg(name, QString::fromStdString(p.version))
                         : tr("✘ %1: refused: %2").arg(name, QString::fromStdString(p.reason));
        text += QLatin1Char('\n');
    }
    message(MessageKind::Information, tr("Plugins"), text.trimmed());
}

void MainWindow::showAbout() {
    message(MessageKind::Information, tr("About DeepStep Studio"),
            tr("DeepStep Studio %1\n\nStep through a real neural network: every forward value, every gradient, "
               "every weight update.")
                .arg(QStringLiteral(DEEPSTEP_VERSION)));
}

void MainWindow::setPresentationMode(bool on) {
    setUiFontScale(on ? kPresentationScale : 1.0);
    if (presentationAction_->isChecked() != on) presentationAction_->setChecked(on);
    emit sessionChanged();
}

bool MainWindow::presentationMode() const { return presentationAction_->isChecked(); }

Json MainWindow::sessionState() const {
    Json state = Json::object();
    state["language"] = languages_.language().toStdString();
    state["tab"] = tabKey(currentTab());
    state["lesson"] = browser_->currentLessonId().toStdString();
    state["presentation"] = presentationMode();
    const Json playground = playgroundSettingsOf(playground_);
    if (!playground.is_null()) state["playground"] = playground;
    if (session_->isLoaded()) {
        state["experiment"] = session_->experimentJson();
        state["experiment_source"] = session_->source().toStdString();
        state["iterations"] = session_->iteration();
    } else {
        state["experiment"] = nullptr;
    }
    return state;
}

bool MainWindow::restoreSessionState(const Json& state) {
    if (!state.is_object()) return false;
    try {
        if (state.contains("language") && state["language"].is_string()) {
            languages_.setLanguage(QString::fromStdString(state["language"].get<std::string>()));
        }
        if (state.contains("presentation") && state["presentation"].is_boolean()) {
            setPresentationMode(state["presentation"].get<bool>());
        }
        if (state.contains("lesson") && state["lesson"].is_string()) {
            browser_->selectLesson(QString::fromStdString(state["lesson"].get<std::string>()));
        }
        if (state.contains("playground")) applyPlaygroundSettings(playground_, state["playground"]);
        if (state.contains("experiment") && state["experiment"].is_object()) {
            const QString source = state.contains("experiment_source") && state["experiment_source"].is_string()
                                       ? QString::fromStdString(state["experiment_source"].get<std::string>())
                                       : QString();
            if (!loadExperiment(state["experiment"], source)) return false;
            // Stepping is deterministic (same seed, same batches): replaying the
            // iterations brings back the weights the session had.
            const long long n = state.value("iterations", 0LL);
            if (n > 0 && n <= kMaxReplayIterations) session_->runIterations(static_cast<int>(n));
        }
        if (state.contains("tab") && state["tab"].is_string()) {
            for (Tab t : {Tab::Lessons, Tab::Step, Tab::Playground, Tab::Charts, Tab::Race, Tab::Conv, Tab::Cnn, Tab::Rnn}) {
                if (state["tab"].get<std::string>() == tabKey(t)) showTab(t);
            }
        }
        return true;
    } catch (const std::exception& e) {
        message(MessageKind::Warning, tr("Cannot restore the session"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::setAutosave(SessionAutosave* autosave) {
    if (autosave_) disconnect(this, &MainWindow::sessionChanged, autosave_, nullptr);
    autosave_ = autosave;
    if (autosave_ == nullptr) return;
    autosave_->setProvider([this] { return sessionState(); });
    connect(this, &MainWindow::sessionChanged, autosave_, &SessionAutosave::scheduleSave);
}

}  // namespace deepstep::studio
