#pragma once
// MainWindow: the Studio's frame. Tabs for the lessons, the step-by-step view, the
// playground and the charts; menus to open and save experiments, export views and
// traces, switch language and presentation mode.
//
// Messages to the user go through a MessageSink (a message box by default), so that
// tests and the screenshot mode see them without a modal dialog.

#include "deepstep/plugin_host.hpp"
#include "deepstep/registry.hpp"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;

namespace deepstep::studio {

class ClassReport;
class LabPanel;

class DeviceMenu;
class LanguageSwitcher;
class LessonBrowser;
class LessonCatalog;
class LessonPlayer;
class StepLossChart;
class SessionAutosave;
class StepSession;

enum class MessageKind { Information, Warning, Error };
using MessageSink = std::function<void(MessageKind kind, const QString& title, const QString& text)>;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Tab { Lessons, Step, Playground, Charts, Race, Conv, Cnn, Rnn };
    enum class TraceFormat { Json, Csv };

    /// requires: `registry` and `languages` outlive the window.
    MainWindow(const Registry& registry, LanguageSwitcher& languages, QWidget* parent = nullptr);
    ~MainWindow() override;

    StepSession& session() { return *session_; }
    QTabWidget* tabs() const { return tabs_; }
    QWidget* stepView() const { return stepView_; }
    QWidget* playground() const { return playground_; }
    StepLossChart* stepLossChart() const { return stepLossChart_; }
    LessonBrowser* lessonBrowser() const { return browser_; }
    LessonPlayer* lessonPlayer() const { return player_; }
    /// View ▸ Device: where training runs.
    DeviceMenu* deviceMenu() const { return deviceMenu_; }
    /// The status bar's device line.
    QLabel* deviceLabel() const { return deviceLabel_; }
    void showTab(Tab tab);
    Tab currentTab() const;

    void setMessageSink(MessageSink sink) { sink_ = std::move(sink); }
    /// Lists the lesson packs found by LessonPackCatalog::defaultFolders(), then
    /// `catalog`'s lessons as the last group "Experiments". A LessonPackCatalog is
    /// listed as it is.
    void setLessonCatalog(std::shared_ptr<const LessonCatalog> catalog);
    /// Reports the plugins that were refused (status bar; Help ▸ Plugins lists all).
    void setPluginReport(const std::vector<PluginStatus>& plugins);

    // ---- files (each reports failures through the message sink) ----
    bool openExperiment(const QString& path);
    bool loadExperiment(const Json& experiment, const QString& source);
    bool saveExperimentAs(const QString& path);
    // ---- labs ----
    /// Opens a lab file as `student` in a Lab tab: while it is open, File ▸ Open
    /// experiment and the lesson browser are locked (the lab's settings stay as built).
    bool openLab(const QString& labFile, const QString& student);
    void closeLab();
    LabPanel* labPanel() const { return labPanel_; }
    /// Grades result files (files or folders of .json files) against a lab file and shows
    /// the class report in a tab of its own.
    bool openClassReport(const QString& labFile, const QStringList& results);
    ClassReport* classReport() const { return classReport_; }
    /// The current tab's view (the chart itself on the Charts tab).
    QWidget* currentView() const;
    bool exportCurrentView(const QString& path);  ///< .svg: SVG, else PNG
    bool exportTrace(const QString& path, TraceFormat format);

    // ---- session ----
    /// Everything autosave keeps: experiment, tab, language, lesson, iterations.
    Json sessionState() const;
    /// Restores what sessionState() gave; false (with a message) when it cannot.
    bool restoreSessionState(const Json& state);
    /// Saves the session through `autosave` after every change. nullptr: no autosave.
    void setAutosave(SessionAutosave* autosave);

    void setPresentationMode(bool on);
    /// The window's size on a screen whose free area is `available`: 1280×800 at most,
    /// and small enough that the window with its frame lies wholly inside.
    static QSize fittingSize(const QRect& available);
    /// Restores the geometry saved at the last close (kept inside this screen).
    void restoreWindowGeometry();
    void saveWindowGeometry() const;
    bool presentationMode() const;

signals:
    /// Something autosave should keep has changed.
    void sessionChanged();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void retranslateUi();
    void message(MessageKind kind, const QString& title, const QString& text);
    void onSessionReloaded();
    void chooseAndOpen();
    void chooseAndSave();
    void chooseAndOpenLab();
    void chooseAndGradeLab();
    void chooseAndExportView(const QString& suffix);
    void chooseAndExportTrace(TraceFormat format);
    void showPlugins();
    void showAbout();

    const Registry& registry_;
    LanguageSwitcher& languages_;
    StepSession* session_;
    MessageSink sink_;
    QPointer<SessionAutosave> autosave_;
    std::vector<PluginStatus> plugins_;

    QTabWidget* tabs_;
    QSplitter* lessonsPage_;
    LessonBrowser* browser_;
    LessonPlayer* player_;
    QWidget* stepView_;
    QWidget* playground_;
    QWidget* chartsPage_;
    QLabel* chartsHeading_;
    StepLossChart* stepLossChart_;
    QLabel* experimentLabel_;
    QLabel* deviceLabel_ = nullptr;
    DeviceMenu* deviceMenu_ = nullptr;

    QMenu* fileMenu_ = nullptr;
    QMenu* exportMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* languageMenu_ = nullptr;
    QMenu* stepMenu_ = nullptr;
    QMenu* helpMenu_ = nullptr;
    QAction* openAction_ = nullptr;
    QAction* openLabAction_ = nullptr;
    QAction* closeLabAction_ = nullptr;
    QAction* gradeLabAction_ = nullptr;
    LabPanel* labPanel_ = nullptr;
    ClassReport* classReport_ = nullptr;
    QAction* saveAsAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* exportPngAction_ = nullptr;
    QAction* exportSvgAction_ = nullptr;
    QAction* exportJsonAction_ = nullptr;
    QAction* exportCsvAction_ = nullptr;
    QAction* englishAction_ = nullptr;
    QAction* koreanAction_ = nullptr;
    QAction* presentationAction_ = nullptr;
    QAction* pluginsAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
};

}  // namespace deepstep::studio
