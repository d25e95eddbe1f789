// The plugin host against a folder of small plugins, most of them broken on purpose
// (tests/plugins_broken/README.md lists them), and against the real plugins folder.

#include "deepstep/plugin_host.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace deepstep;

namespace {

const QString kBroken = QStringLiteral(DEEPSTEP_TEST_PLUGIN_DIR);

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

QTEST_APPLESS_MAIN(PluginHostTest)
#include "tst_pluginhost.moc"
