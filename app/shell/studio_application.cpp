#include "studio_application.hpp"

#include "deepstep/plugin_host.hpp"
#include "deepstep/registry.hpp"
#include "language_switcher.hpp"
#include "lesson_browser.hpp"
#include "lesson_catalog.hpp"
#include "main_window.hpp"
#include "screenshots.hpp"
#include "session_autosave.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace deepstep::studio {

namespace {

// Parses the command line; exits (help, version, bad option) like any Qt tool.
StudioOptions parseOptions(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "deepstep::studio::Studio", "DeepStep Studio: step through a neural network, one layer at a time."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("deepstep::studio::Studio",
                                    "Render every main view in both languages to DIR/<lang>/<view>.png and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QCoreApplication::translate("deepstep::studio::Studio", "UI language: en or ko."),
                                  QStringLiteral("en|ko"));
    const QCommandLineOption experiment(
        QStringLiteral("experiment"),
        QCoreApplication::translate("deepstep::studio::Studio", "Open this experiment file at start."),
        QStringLiteral("FILE"));
    const QCommandLineOption presentation(
        QStringLiteral("presentation"),
        QCoreApplication::translate("deepstep::studio::Studio", "Start in presentation mode (large fonts)."));
    parser.addOptions({screenshot, lang, experiment, presentation});
    parser.process(app);

    StudioOptions o;
    o.screenshotDir = parser.value(screenshot);
    o.language = parser.value(lang);
    if (!o.language.isEmpty() && o.language != QLatin1String("en") && o.language != QLatin1String("ko")) {
        std::fprintf(stderr, "deepstep-studio: --lang: expected en or ko, got \"%s\"\n",
                     o.language.toLocal8Bit().constData());
        std::exit(2);
    }
    o.experiment = parser.value(experiment);
    o.presentation = parser.isSet(presentation);
    return o;
}

// True when the command line asks only for text (usage or version): answered without
// a display, before any QApplication exists.
bool asksForText(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "-?" || a == "--help-all" || a == "-v" || a == "--version") return true;
    }
    return false;
}

// The language for text printed before the window exists: --lang if given, else the
// environment's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else the one last chosen.
QString textLanguage(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (QByteArray(argv[i]) == "--lang") return QString::fromLocal8Bit(argv[i + 1]);
    }
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a.startsWith("--lang=")) return QString::fromLocal8Bit(a.mid(7));
    }
    for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
        const QByteArray v = qgetenv(name);
        if (!v.isEmpty()) return v.startsWith("ko") ? QStringLiteral("ko") : QStringLiteral("en");
    }
    return LanguageSwitcher::savedLanguage();
}

// Prints the usage or the version in the user's language and exits; no display needed.
[[noreturn]] void answerTextOnly(int argc, char** argv) {
    QCoreApplication core(argc, argv);
    QTranslator studio;
    QTranslator qt;  // QCommandLineParser's own words ("Usage:", "Options:")
    if (textLanguage(argc, argv) == QLatin1String("ko")) {
        if (studio.load(QStringLiteral(":/i18n/shell_ko.qm"))) QCoreApplication::installTranslator(&studio);
        if (qt.load(QStringLiteral("qtbase_ko"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&qt);
    }
    parseOptions(core);  // exits after printing
    std::exit(0);
}

}  // namespace

int runStudio(int argc, char** argv) {
    QCoreApplication::setOrganizationName(QStringLiteral("DeepStep"));
    QCoreApplication::setApplicationName(QStringLiteral("DeepStep Studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DEEPSTEP_VERSION));
    // Fractional scale factors (1.25, 1.5) as the screen asks, rather than rounded.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    if (asksForText(argc, argv)) answerTextOnly(argc, argv);
    QApplication app(argc, argv);
    const StudioOptions options = parseOptions(app);

    Registry registry;
    PluginHost plugins(registry);
    plugins.loadDefault();
    std::vector<PluginStatus> refused;
    for (const PluginStatus& p : plugins.plugins()) {
        if (!p.loaded) refused.push_back(p);
    }
    for (const PluginStatus& p : refused) std::fprintf(stderr, "deepstep-studio: plugin refused: %s\n", p.reason.c_str());

    LanguageSwitcher languages;
    const QString experiments = ExperimentFolderCatalog::defaultFolder();

    if (!options.screenshotDir.isEmpty()) {
        QString error;
        const QStringList files = takeScreenshots(registry, languages, options.screenshotDir, experiments, &error);
        for (const QString& f : files) std::printf("%s\n", f.toLocal8Bit().constData());
        if (!error.isEmpty()) {
            std::fprintf(stderr, "deepstep-studio: --screenshot: %s\n", error.toLocal8Bit().constData());
            return 1;
        }
        return 0;
    }

    SessionAutosave autosave;
    const bool crashed = autosave.previousRunCrashed();
    languages.setLanguage(options.language.isEmpty() ? LanguageSwitcher::savedLanguage() : options.language);

    MainWindow window(registry, languages);
    window.setLessonCatalog(std::make_shared<ExperimentFolderCatalog>(experiments));
    window.setPluginReport(plugins.plugins());
    window.lessonBrowser()->selectFirstLesson();

    bool restored = false;
    if (crashed) {
        QString error;
        if (auto state = autosave.load(&error)) {
            // A language asked for on the command line wins over the saved one.
            if (!options.language.isEmpty()) (*state)["language"] = options.language.toStdString();
            restored = window.restoreSessionState(*state);
        }
    }
    if (!options.experiment.isEmpty() && window.openExperiment(options.experiment)) {
        window.showTab(MainWindow::Tab::Step);
    }
    if (options.presentation) window.setPresentationMode(true);

    window.restoreWindowGeometry();
    window.setAutosave(&autosave);
    autosave.start();
    autosave.saveNow();  // a crash before the first change still finds this session
    window.show();
    if (crashed) {
        window.statusBar()->showMessage(
            restored ? QCoreApplication::translate("deepstep::studio::Studio",
                                                   "The Studio did not close properly last time; your session was "
                                                   "restored.")
                     : QCoreApplication::translate("deepstep::studio::Studio",
                                                   "The Studio did not close properly last time; the session could "
                                                   "not be restored."),
            15000);
    }
    if (!refused.empty()) {
        QString text;
        for (const PluginStatus& p : refused) text += QString::fromStdString(p.reason) + QLatin1Char('\n');
        // Non-modal: the Studio works with the plugins that did load.
        auto* box = new QMessageBox(QMessageBox::Warning,
                                    QCoreApplication::translate("deepstep::studio::Studio", "Some plugins were refused"),
                                    text.trimmed(), QMessageBox::Ok, &window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        QTimer::singleShot(0, box, &QMessageBox::show);
    }
    const int rc = app.exec();
    autosave.finish();
    return rc;
}

}  // namespace deepstep::studio
