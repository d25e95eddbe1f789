// The plugin host against a folder of small plugins, most of them broken on purpose
// (tests/plugins_broken/README.md lists them), and against the real plugins folder.

#include "deepstep/plugin_host.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <csignal>

using namespace deepstep;

namespace {

const QString kBroken = QStringLiteral(DEEPSTEP_TEST_PLUGIN_DIR);
const QString kHostile = QStringLiteral(DEEPSTEP_HOSTILE_PLUGIN_DIR);

/// Seconds a trial load may take in these tests: the hanging plugin costs this much.
const char* const kTrialTimeout = "1";

/// Sets an environment variable for the life of the object.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value) : name_(name), saved_(qgetenv(name)) {
        if (value.isNull()) {
            qunsetenv(name);
        } else {
            qputenv(name, value);
        }
    }
    ~ScopedEnv() {
        if (saved_.isNull()) {
            qunsetenv(name_);
        } else {
            qputenv(name_, saved_);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    QByteArray saved_;
};

/// The folder of this test's executable, where deepstep and deepstep-plugin-probe are built.
QString binFolder() { return QFileInfo(QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath()).absolutePath(); }

bool hasControlCharacter(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return (b < 0x20 && b != '\n' && b != '\t') || b == 0x7F;
    });
}

std::string brokenFile(const char* fileName) { return (kBroken + QLatin1Char('/') + QLatin1String(fileName)).toStdString(); }

const PluginStatus* statusOf(const PluginHost& host, const QString& fileName) {
    for (const PluginStatus& s : host.plugins()) {
        if (QFileInfo(QString::fromStdString(s.file)).fileName() == fileName) {
            return &s;
        }
    }
    return nullptr;
}

std::ptrdiff_t positionOf(const PluginHost& host, const std::string& name) {
    const auto& all = host.plugins();
    const auto it = std::find_if(all.begin(), all.end(), [&](const PluginStatus& s) { return s.name == name; });
    return it == all.end() ? -1 : it - all.begin();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const QString kOurAbi = QString::number(kPluginAbiVersion);
const QString kRebuild = QStringLiteral("rebuild it against the installed DeepStep SDK (find_package(DeepStep)");

}  // namespace

class PluginHostTest : public QObject {
    Q_OBJECT

private slots:
    void brokenFolder_data();
    void brokenFolder();
    void brokenFolderHasOneStatusPerLibrary();
    void dependenciesLoadFirst();
    void refusedPluginsLeaveNoTrace();
    void metadataIsReadEvenWhenRefused();
    void secondLoadSkipsSeenFiles();
    void duplicateNamesAreRefused();
    void dependencyFromAnEarlierLoadCounts();
    void dependencyMissingWhenLoadedAlone();
    void missingFoldersAreIgnored();
    void defaultSearchPathsFollowTheDocumentedOrder();
    void realPluginsLoadWithoutRefusals();
    void hostilePlugins_data();
    void hostilePlugins();
    void goodPluginsLoadNextToHostileOnes();
    void trialVerdictIsRememberedPerFile();
    void changedFileIsTriedAgain();
    void reasonsCarryNoControlCharacters();
    void trialsOffLoadWithoutAChild();
    void missingHelperLoadsWithoutATrial();
    void badTimeoutFallsBackToTheDefault();
    void crashInProcessNamesThePlugin();
    void exitInProcessNamesThePluginAndFails();
    void trainWithHostilePluginsPresent();
};

void PluginHostTest::brokenFolder_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("loaded");
    QTest::addColumn<QStringList>("reasonParts");

    QTest::newRow("good") << "good_test.so" << true << QStringList{};
    QTest::newRow("depends on good") << "depends_on_good.so" << true << QStringList{};
    // The plugin's name, its ABI and ours, and what to do about it.
    QTest::newRow("wrong abi") << "wrong_abi.so" << false
                               << QStringList{"plugin 'wrong_abi' was built against DeepStep SDK ABI 1; this "
                                              "DeepStep has ABI " + kOurAbi + ": " + kRebuild};
    QTest::newRow("bad metadata") << "bad_metadata.so" << false
                                  << QStringList{"metadata is invalid", "\"abi\" must be an integer"};
    QTest::newRow("compiled abi differs from metadata")
        << "edited_metadata.so" << false
        << QStringList{"plugin 'edited_metadata': its metadata says ABI " + kOurAbi +
                           " but its code was compiled against DeepStep SDK ABI " +
                           QString::number(kPluginAbiVersion - 1),
                       kRebuild};
    QTest::newRow("no compiled abi") << "no_compiled_abi.so" << false
                                     << QStringList{"plugin 'no_compiled_abi' exports no compiled-in ABI",
                                                    "DEEPSTEP_PLUGIN(ClassName)", kRebuild};
    QTest::newRow("missing dependency") << "missing_dependency.so" << false
                                        << QStringList{"missing dependency", "'no_such_plugin'"};
    QTest::newRow("dependency refused") << "depends_on_refused.so" << false
                                        << QStringList{"depends on plugin 'wrong_abi', which was refused"};
    QTest::newRow("cycle a") << "cycle_a.so" << false
                             << QStringList{"dependency cycle: cycle_a -> cycle_b -> cycle_a"};
    QTest::newRow("cycle b") << "cycle_b.so" << false
                             << QStringList{"dependency cycle: cycle_a -> cycle_b -> cycle_a"};
    QTest::newRow("throws") << "throws_on_register.so" << false
                            << QStringList{"registerComponents threw: the lookup table is corrupt", "removed"};
    QTest::newRow("provides mismatch")
        << "provides_mismatch.so" << false
        << QStringList{"differ from its declared \"provides\"",
                       "registered but not declared: activation 'undeclared_one'",
                       "declared but not registered: activation 'declared_one'"};
    QTest::newRow("not a plugin") << "libnot_a_plugin.so" << false
                                  << QStringList{"not a DeepStep plugin", "no Qt plugin metadata"};
    QTest::newRow("wrong interface") << "wrong_interface.so" << false
                                     << QStringList{"not a DeepStep plugin", "'org.example.ImageFilter/2'"};
    QTest::newRow("no interface") << "no_interface.so" << false
                                  << QStringList{"NotReallyADeepStepPlugin", "is not a deepstep::Plugin"};
    QTest::newRow("fails to load") << "fails_to_load.so" << false
                                   << QStringList{"fails to load", "deepstep_test_symbol_nobody_defines"};
}

void PluginHostTest::brokenFolder() {
    QFETCH(QString, file);
    QFETCH(bool, loaded);
    QFETCH(QStringList, reasonParts);

    Registry registry;
    PluginHost host(registry);
    host.load({kBroken.toStdString()});

    const PluginStatus* s = statusOf(host, file);
    QVERIFY2(s != nullptr, qPrintable(file + " was not seen"));
    QVERIFY2(s->loaded == loaded, s->reason.c_str());
    QCOMPARE(QString::fromStdString(s->file), kBroken + QLatin1Char('/') + file);
    if (loaded) {
        QVERIFY(s->reason.empty());
        return;
    }
    // Every refusal names the file first, then says why.
    QVERIFY2(s->reason.rfind(s->file + ": ", 0) == 0, s->reason.c_str());
    for (const QString& part : reasonParts) {
        QVERIFY2(contains(s->reason, part.toStdString()), qPrintable(QString::fromStdString(s->reason) +
                                                                     "\n  lacks: " + part));
    }
}

void PluginHostTest::brokenFolderHasOneStatusPerLibrary() {
    Registry registry;
    PluginHost host(registry);
    host.load({kBroken.toStdString()});

    // 15 plugin modules and one plain library; notes.txt is no library and is skipped.
    QCOMPARE(host.plugins().size(), std::size_t{16});
    QVERIFY(QFile::exists(kBroken + "/notes.txt"));
    QVERIFY(statusOf(host, "notes.txt") == nullptr);

    QStringList loaded;
    for (const PluginStatus& s : host.plugins()) {
        if (s.loaded) {
            loaded << QString::fromStdString(s.name);
        }
    }
    loaded.sort();
    QCOMPARE(loaded, (QStringList{"depends_on_good", "good_test"}));
    QVERIFY(host.isLoaded("good_test"));
    QVERIFY(!host.isLoaded("throws_on_register"));
    QVERIFY(!host.isLoaded("no_such_plugin"));
}

void PluginHostTest::dependenciesLoadFirst() {
    Registry registry;
    PluginHost host(registry);
    host.load({kBroken.toStdString()});

    // depends_on_good sorts first in the folder, yet good_test must be loaded before it
    // (the plugin itself throws if good_test's component is not registered yet).
    const auto good = positionOf(host, "good_test");
    const auto dependant = positionOf(host, "depends_on_good");
    QVERIFY(good >= 0);
    QVERIFY(dependant >= 0);
    QVERIFY(good < dependant);

    const ComponentInfo* after = registry.find(Kind::Activation, "after_good");
    QVERIFY(after != nullptr);
    QCOMPARE(after->plugin, std::string("depends_on_good"));
}

void PluginHostTest::refusedPluginsLeaveNoTrace() {
    Registry registry;
    PluginHost host(registry);
    host.load({kBroken.toStdString()});

    // throws_on_register added "half_registered" before throwing; it must be gone.
    QVERIFY(registry.find(Kind::Activation, "half_registered") == nullptr);
    QVERIFY(registry.byPlugin("throws_on_register").empty());
    QVERIFY(registry.find(Kind::Activation, "undeclared_one") == nullptr);
    QVERIFY(registry.byPlugin("provides_mismatch").empty());
    for (const char* never : {"from_wrong_abi", "from_bad_metadata", "from_missing_dependency",
                              "from_depends_on_refused", "from_cycle_a", "from_cycle_b", "from_edited_metadata",
                              "from_no_compiled_abi"}) {
        QVERIFY2(registry.find(Kind::Activation, never) == nullptr, never);
    }

    const auto fromGood = registry.byPlugin("good_test");
    QCOMPARE(fromGood.size(), std::size_t{1});
    QCOMPARE(fromGood[0]->name, std::string("good_identity"));
    // The registered factory is the plugin's own code, callable through the registry.
    auto identity = registry.makeActivation("good_identity");
    QVERIFY(identity != nullptr);
    QCOMPARE(identity->name(), std::string("good_identity"));
    // A component with the same name can be registered again after a rollback.
    registry.beginPlugin("late");
    registry.addActivation(ComponentInfo{Kind::Activation, "half_registered", {"x", "x"}, {}, {}},
                           [](const Options&) -> std::unique_ptr<Activation> { return nullptr; });
    registry.commitPlugin();
    QCOMPARE(registry.find(Kind::Activation, "half_registered")->plugin, std::string("late"));
}

void PluginHostTest::metadataIsReadEvenWhenRefused() {
    Registry registry;
    PluginHost host(registry);
    host.load({kBroken.toStdString()});

    const PluginStatus* abi = statusOf(host, "wrong_abi.so");
    QVERIFY(abi != nullptr);
    QCOMPARE(abi->name, std::string("wrong_abi"));
    QCOMPARE(abi->abi, 1);
    QCOMPARE(abi->version, std::string("1.0.0"));
    QCOMPARE(abi->summary.en, std::string("Test plugin wrong_abi."));
    QCOMPARE(abi->summary.ko, std::string("테스트 플러그인 wrong_abi."));

    // A plugin built with deepstep_add_plugin carries the ABI the build wrote, although
    // its own metadata file names none.
    const PluginStatus* good = statusOf(host, "good_test.so");
    QVERIFY(good != nullptr);
    QCOMPARE(good->abi, kPluginAbiVersion);
    const PluginStatus* edited = statusOf(host, "edited_metadata.so");
    QVERIFY(edited != nullptr);
    QCOMPARE(edited->abi, kPluginAbiVersion);

    const PluginStatus* missing = statusOf(host, "missing_dependency.so");
    QVERIFY(missing != nullptr);
    QCOMPARE(missing->depends, std::vector<std::string>{"no_such_plugin"});
    QCOMPARE(missing->provides, (Json{{"activation", {"from_missing_dependency"}}}));

    const PluginStatus* plain = statusOf(host, "libnot_a_plugin.so");
    QVERIFY(plain != nullptr);
    QVERIFY(plain->name.empty());
}

void PluginHostTest::secondLoadSkipsSeenFiles() {
    Registry registry;
    PluginHost host(registry);
    host.load({kBroken.toStdString()});
    const std::size_t first = host.plugins().size();
    // The same folder again, plus one of its files by a path with a detour.
    host.load({kBroken.toStdString(), (kBroken + "/../broken/good_test.so").toStdString()});
    QCOMPARE(host.plugins().size(), first);
    QCOMPARE(registry.byPlugin("good_test").size(), std::size_t{1});
}

void PluginHostTest::duplicateNamesAreRefused() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(QDir(tmp.path()).mkpath("first"));
    QVERIFY(QDir(tmp.path()).mkpath("second"));
    QVERIFY(QDir(tmp.path()).mkpath("third"));
    const QString original = kBroken + "/good_test.so";
    QVERIFY(QFile::copy(original, tmp.path() + "/first/good_test.so"));
    QVERIFY(QFile::copy(original, tmp.path() + "/second/another_good.so"));
    QVERIFY(QFile::copy(original, tmp.path() + "/third/good_again.so"));

    Registry registry;
    PluginHost host(registry);
    host.load({(tmp.path() + "/first").toStdString(), (tmp.path() + "/second").toStdString()});
    QCOMPARE(host.plugins().size(), std::size_t{2});
    const PluginStatus* first = statusOf(host, "good_test.so");
    const PluginStatus* second = statusOf(host, "another_good.so");
    QVERIFY(first != nullptr && second != nullptr);
    QVERIFY2(first->loaded, first->reason.c_str());
    QVERIFY(!second->loaded);
    QVERIFY2(contains(second->reason, "duplicate name: a plugin named 'good_test' was already found in " + first->file),
             second->reason.c_str());

    // In a later call, the loaded one still wins. (load() may reallocate plugins():
    // keep a copy, not a pointer into it.)
    const std::string firstFile = first->file;
    host.load({(tmp.path() + "/third").toStdString()});
    const PluginStatus* third = statusOf(host, "good_again.so");
    QVERIFY(third != nullptr);
    QVERIFY(!third->loaded);
    QVERIFY2(contains(third->reason, "is already loaded from " + firstFile), third->reason.c_str());
    QCOMPARE(registry.byPlugin("good_test").size(), std::size_t{1});
}

void PluginHostTest::dependencyFromAnEarlierLoadCounts() {
    Registry registry;
    PluginHost host(registry);
    host.load({brokenFile("good_test.so")});
    QVERIFY(host.isLoaded("good_test"));
    host.load({brokenFile("depends_on_good.so")});
    QVERIFY(host.isLoaded("depends_on_good"));
    QCOMPARE(host.plugins().size(), std::size_t{2});
}

void PluginHostTest::dependencyMissingWhenLoadedAlone() {
    Registry registry;
    PluginHost host(registry);
    host.load({brokenFile("depends_on_good.so")});
    QCOMPARE(host.plugins().size(), std::size_t{1});
    const PluginStatus& s = host.plugins().front();
    QVERIFY(!s.loaded);
    QVERIFY2(contains(s.reason, "missing dependency: it needs plugin 'good_test'"), s.reason.c_str());
    QVERIFY(registry.byPlugin("depends_on_good").empty());
}

void PluginHostTest::missingFoldersAreIgnored() {
    Registry registry;
    PluginHost host(registry);
    host.load({"/nonexistent/deepstep/plugins", ""});
    QVERIFY(host.plugins().empty());
}

void PluginHostTest::defaultSearchPathsFollowTheDocumentedOrder() {
    const QByteArray saved = qgetenv("DEEPSTEP_PLUGIN_PATH");
    qputenv("DEEPSTEP_PLUGIN_PATH", "/opt/a::relative/b");
    const std::vector<std::string> paths = PluginHost::defaultSearchPaths();
    if (saved.isNull()) {
        qunsetenv("DEEPSTEP_PLUGIN_PATH");
    } else {
        qputenv("DEEPSTEP_PLUGIN_PATH", saved);
    }

    // This test runs from <build>/bin, whose plugins/ subfolder holds the real plugins.
    const QString realPlugins = QDir::cleanPath(QStringLiteral(DEEPSTEP_REAL_PLUGIN_DIR));
    QVERIFY(paths.size() >= 5);
    QCOMPARE(QString::fromStdString(paths[0]), QFileInfo(realPlugins).absolutePath());
    QCOMPARE(QString::fromStdString(paths[1]), realPlugins);
    const auto installed = std::find(paths.begin(), paths.end(), std::string(DEEPSTEP_TEST_INSTALL_PLUGIN_DIR));
    QVERIFY(installed != paths.end());
    QVERIFY(installed < paths.end() - 2);
    // Empty entries are skipped; relative ones are made absolute.
    QCOMPARE(paths[paths.size() - 2], std::string("/opt/a"));
    QCOMPARE(QString::fromStdString(paths.back()), QDir::current().absoluteFilePath("relative/b"));
}

void PluginHostTest::realPluginsLoadWithoutRefusals() {
    const QDir dir(QStringLiteral(DEEPSTEP_REAL_PLUGIN_DIR));
    const QStringList libraries =
        dir.entryList(QDir::Files).filter(QRegularExpression(QStringLiteral("\\.so(\\.\\d+)*$")));
    if (libraries.isEmpty()) {
        QSKIP("no plugins built in " DEEPSTEP_REAL_PLUGIN_DIR);
    }

    Registry registry;
    PluginHost host(registry);
    host.load({dir.absolutePath().toStdString()});
    QCOMPARE(host.plugins().size(), static_cast<std::size_t>(libraries.size()));
    for (const PluginStatus& s : host.plugins()) {
        QVERIFY2(s.loaded, s.reason.c_str());
        QVERIFY2(!s.summary.en.empty() && !s.summary.ko.empty(), (s.name + " lacks a summary in en and ko").c_str());
        QVERIFY2(!registry.byPlugin(s.name).empty(), (s.name + " registered nothing").c_str());
    }
}

void PluginHostTest::hostilePlugins_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("code");
    QTest::addColumn<QStringList>("reasonParts");

    const QString notHere = QStringLiteral("it was not loaded into this one");
    QTest::newRow("segfault in a static initializer")
        << "crash_static_init.so" << int(TrialOutcome::Crashed) << SIGSEGV
        << QStringList{"plugin 'crash_static_init' crashed with signal 11 (SIGSEGV) while loading", notHere};
    QTest::newRow("segfault while registering")
        << "crash_on_register.so" << int(TrialOutcome::Crashed) << SIGSEGV
        << QStringList{"plugin 'crash_on_register' crashed with signal 11 (SIGSEGV) while loading", notHere};
    QTest::newRow("abort()") << "abort_on_register.so" << int(TrialOutcome::Crashed) << SIGABRT
                             << QStringList{"plugin 'abort_on_register' crashed with signal 6 (SIGABRT) while loading"};
    QTest::newRow("exit(0)") << "exit_on_register.so" << int(TrialOutcome::Ended) << 0
                             << QStringList{"plugin 'exit_on_register' ended the program (exit 0) while loading"};
    QTest::newRow("_exit(3)")
        << "quick_exit_on_register.so" << int(TrialOutcome::Ended) << 3
        << QStringList{"plugin 'quick_exit_on_register' ended the program (exit 3) while loading"};
    QTest::newRow("endless loop")
        << "hang_on_register.so" << int(TrialOutcome::Hung) << 0
        << QStringList{"plugin 'hang_on_register' did not finish loading within 1 s", "DEEPSTEP_PLUGIN_PROBE_TIMEOUT"};
    QTest::newRow("escapes in its text") << "escape_text.so" << int(TrialOutcome::Passed) << 0 << QStringList{};
}

void PluginHostTest::hostilePlugins() {
    QFETCH(QString, file);
    QFETCH(int, outcome);
    QFETCH(int, code);
    QFETCH(QStringList, reasonParts);

    const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", kTrialTimeout);
    Registry registry;
    PluginHost host(registry);
    host.load({kHostile.toStdString()});
    QVERIFY2(host.trialNote().empty(), host.trialNote().c_str());

    const PluginStatus* s = statusOf(host, file);
    QVERIFY2(s != nullptr, qPrintable(file + " was not seen"));
    QCOMPARE(int(s->trial.outcome), outcome);
    QCOMPARE(s->trial.code, code);
    if (reasonParts.isEmpty()) {
        QVERIFY2(s->loaded, s->reason.c_str());
        return;
    }
    QVERIFY(!s->loaded);
    QVERIFY2(s->reason.rfind(s->file + ": ", 0) == 0, s->reason.c_str());
    for (const QString& part : reasonParts) {
        QVERIFY2(contains(s->reason, part.toStdString()),
                 qPrintable(QString::fromStdString(s->reason) + "\n  lacks: " + part));
    }
    // Never loaded here: nothing it registers is in the registry.
    QVERIFY(registry.byPlugin(s->name).empty());
    QVERIFY(registry.find(Kind::Activation, "from_" + s->name) == nullptr);
}

void PluginHostTest::goodPluginsLoadNextToHostileOnes() {
    const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", kTrialTimeout);
    Registry registry;
    PluginHost host(registry);
    host.load({kHostile.toStdString(), brokenFile("depends_on_good.so"), brokenFile("good_test.so")});
    QCOMPARE(host.plugins().size(), std::size_t{9});
    QVERIFY(host.isLoaded("good_test"));
    QVERIFY(host.isLoaded("depends_on_good"));
    QVERIFY(registry.find(Kind::Activation, "after_good") != nullptr);
    QVERIFY(registry.find(Kind::Activation, "escape_identity") != nullptr);
    for (const PluginStatus& s : host.plugins()) {
        const bool hostile = QString::fromStdString(s.file).startsWith(kHostile) && s.name.rfind("escape", 0) != 0;
        QVERIFY2(s.loaded != hostile, (s.file + ": " + s.reason).c_str());
        if (s.loaded) {
            QCOMPARE(int(s.trial.outcome), int(TrialOutcome::Passed));
        }
    }
    // Refused in its trial, depended on, then: the dependant is refused with the reason.
    // (No test plugin depends on a crashing one; the refusal path is the same as for
    // any refused dependency, covered by "dependency refused".)
}

void PluginHostTest::trialVerdictIsRememberedPerFile() {
    const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", kTrialTimeout);
    std::vector<PluginStatus> first;
    {
        Registry registry;
        PluginHost host(registry);
        host.load({kHostile.toStdString()});
        first = host.plugins();
    }
    Registry registry;
    PluginHost host(registry);
    host.load({kHostile.toStdString()});
    // Same verdicts, and no trial process ran for them this time.
    QCOMPARE(host.trialSeconds(), 0.0);
    QCOMPARE(host.plugins().size(), first.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        QCOMPARE(host.plugins()[i].file, first[i].file);
        QCOMPARE(int(host.plugins()[i].trial.outcome), int(first[i].trial.outcome));
        QCOMPARE(host.plugins()[i].reason, first[i].reason);
    }
}

void PluginHostTest::changedFileIsTriedAgain() {
    const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", kTrialTimeout);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString copy = tmp.path() + "/swapped.so";
    QVERIFY(QFile::copy(kHostile + "/crash_on_register.so", copy));
    {
        Registry registry;
        PluginHost host(registry);
        host.load({copy.toStdString()});
        QCOMPARE(int(host.plugins().front().trial.outcome), int(TrialOutcome::Crashed));
    }
    // Another library under the same name (a rebuilt plugin): a new trial, a new verdict.
    QVERIFY(QFile::remove(copy));
    QVERIFY(QFile::copy(kBroken + "/good_test.so", copy));
    Registry registry;
    PluginHost host(registry);
    host.load({copy.toStdString()});
    QCOMPARE(int(host.plugins().front().trial.outcome), int(TrialOutcome::Passed));
    QVERIFY(host.isLoaded("good_test"));
}

void PluginHostTest::reasonsCarryNoControlCharacters() {
    const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", kTrialTimeout);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    // A file name that would recolour a terminal, holding a crashing plugin.
    const QString evil = tmp.path() + QString::fromUtf8("/\x1b[31mred\x1b]0;title\x07.so");
    QVERIFY(QFile::copy(kHostile + "/abort_on_register.so", evil));
    Registry registry;
    PluginHost host(registry);
    host.load({tmp.path().toStdString()});
    QCOMPARE(host.plugins().size(), std::size_t{1});
    const PluginStatus& s = host.plugins().front();
    QVERIFY(!s.loaded);
    QVERIFY2(contains(s.reason, "red\xEF\xBF\xBD]0;title\xEF\xBF\xBD.so"), s.reason.c_str());
    QVERIFY2(!hasControlCharacter(s.reason), s.reason.c_str());

    // A loaded plugin's text is kept as written (the name is how others refer to it);
    // printing it is where it is made safe.
    Registry registry2;
    PluginHost host2(registry2);
    host2.load({(kHostile + "/escape_text.so").toStdString()});
    QVERIFY(host2.plugins().front().loaded);
    QCOMPARE(host2.plugins().front().name, std::string("escape\x1b[2J\x1b[31m_text"));
}

void PluginHostTest::trialsOffLoadWithoutAChild() {
    const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", "0");
    QCOMPARE(PluginHost::trialTimeout(), 0.0);
    Registry registry;
    PluginHost host(registry);
    host.load({brokenFile("good_test.so")});
    QVERIFY(host.isLoaded("good_test"));
    QCOMPARE(int(host.plugins().front().trial.outcome), int(TrialOutcome::Off));
    QVERIFY2(contains(host.trialNote(), "turned off"), host.trialNote().c_str());
    QCOMPARE(host.trialSeconds(), 0.0);
}

void PluginHostTest::missingHelperLoadsWithoutATrial() {
    const ScopedEnv probe("DEEPSTEP_PLUGIN_PROBE", "/nonexistent/deepstep-plugin-probe");
    Registry registry;
    PluginHost host(registry);
    host.load({brokenFile("depends_on_good.so"), brokenFile("good_test.so")});
    QVERIFY(host.isLoaded("good_test"));
    QVERIFY(host.isLoaded("depends_on_good"));
    QCOMPARE(int(host.plugins().front().trial.outcome), int(TrialOutcome::Off));
    QVERIFY2(contains(host.trialNote(), "/nonexistent/deepstep-plugin-probe"), host.trialNote().c_str());
}

void PluginHostTest::badTimeoutFallsBackToTheDefault() {
    for (const char* bad : {"abc", "-1", "nan", "1e999", "10s", "99999"}) {
        const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", bad);
        QCOMPARE(PluginHost::trialTimeout(), 10.0);
    }
    const ScopedEnv timeout("DEEPSTEP_PLUGIN_PROBE_TIMEOUT", "0.25");
    QCOMPARE(PluginHost::trialTimeout(), 0.25);
}

namespace {

/// Runs bin/deepstep with `args` and the hostile plugins' folder as plugin path.
struct CliRun {
    int exitCode = -1;
    QProcess::ExitStatus status = QProcess::NormalExit;
    QString out;
    QString err;
};

CliRun runCli(const QStringList& args, const QMap<QString, QString>& env, const QString& dir = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert("LANG", "C.UTF-8");
    for (auto it = env.begin(); it != env.end(); ++it) e.insert(it.key(), it.value());
    p.setProcessEnvironment(e);
    if (!dir.isEmpty()) p.setWorkingDirectory(dir);
    p.start(binFolder() + "/deepstep", args);
    CliRun r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not start or finish";
        return r;
    }
    r.exitCode = p.exitCode();
    r.status = p.exitStatus();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

}  // namespace

void PluginHostTest::crashInProcessNamesThePlugin() {
    if (!QFileInfo::exists(binFolder() + "/deepstep")) QSKIP("deepstep is not built");
    QTemporaryDir tmp;
    QVERIFY(QFile::copy(kHostile + "/crash_on_register.so", tmp.path() + "/crash_on_register.so"));
    // With trial loads off, the plugin crashes the program itself: the last words name it.
    const CliRun r = runCli({"plugins"}, {{"DEEPSTEP_PLUGIN_PROBE_TIMEOUT", "0"}, {"DEEPSTEP_PLUGIN_PATH", tmp.path()}});
    QVERIFY2(r.status == QProcess::CrashExit || r.exitCode != 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("deepstep: plugin 'crash_on_register' (" + tmp.path() +
                            "/crash_on_register.so) crashed the program while loading (SIGSEGV)"),
             qPrintable(r.err));
}

void PluginHostTest::exitInProcessNamesThePluginAndFails() {
    if (!QFileInfo::exists(binFolder() + "/deepstep")) QSKIP("deepstep is not built");
    QTemporaryDir tmp;
    QVERIFY(QFile::copy(kHostile + "/exit_on_register.so", tmp.path() + "/exit_on_register.so"));
    const CliRun r = runCli({"plugins"}, {{"DEEPSTEP_PLUGIN_PROBE_TIMEOUT", "0"}, {"DEEPSTEP_PLUGIN_PATH", tmp.path()}});
    // exit(0) from the plugin, yet the program says it failed, and names the plugin.
    QCOMPARE(r.status, QProcess::NormalExit);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("deepstep: plugin 'exit_on_register' (" + tmp.path() +
                            "/exit_on_register.so) ended the program while loading"),
             qPrintable(r.err));
}

void PluginHostTest::trainWithHostilePluginsPresent() {
    if (!QFileInfo::exists(binFolder() + "/deepstep")) QSKIP("deepstep is not built");
    if (!QFileInfo::exists(QStringLiteral(DEEPSTEP_REAL_PLUGIN_DIR "/deepstep_perceptron.so"))) {
        QSKIP("the perceptron plugin is not built");
    }
    QTemporaryDir tmp;
    const CliRun r = runCli({"train", QStringLiteral(DEEPSTEP_SOURCE_ROOT "/experiments/perceptron_and.json"), "--out",
                             tmp.path() + "/out", "--quiet"},
                            {{"DEEPSTEP_PLUGIN_PROBE_TIMEOUT", kTrialTimeout}, {"DEEPSTEP_PLUGIN_PATH", kHostile}});
    QCOMPARE(r.status, QProcess::NormalExit);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(QFileInfo::exists(tmp.path() + "/out/model.json"));
    for (const char* name : {"crash_static_init", "crash_on_register", "abort_on_register", "exit_on_register",
                             "quick_exit_on_register", "hang_on_register"}) {
        QVERIFY2(r.err.contains(QStringLiteral("warning: plugin %1 was not loaded").arg(name)), qPrintable(r.err));
    }
    QVERIFY2(!hasControlCharacter(r.err.toStdString()) && !hasControlCharacter(r.out.toStdString()),
             qPrintable(r.err));
}

QTEST_APPLESS_MAIN(PluginHostTest)
#include "tst_pluginhost.moc"
