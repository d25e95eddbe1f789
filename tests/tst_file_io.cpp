// Writing a user's file: atomic, mode kept, links followed, special files refused,
// stale temporary files removed; output identity; streamed traces.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/toy/toy_datasets.hpp"
#include "deepstep/trace.hpp"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

#include <cerrno>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace deepstep;

namespace {

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writePlain(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

unsigned modeOf(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? static_cast<unsigned>(st.st_mode & 07777) : 0U;
}

/// Names in `folder` that hold our temporary-file marker.
QStringList tempsIn(const QString& folder) {
    QStringList found;
    for (const QString& name : QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System))
        if (name.contains(QStringLiteral(".deepstep-tmp-"))) found << name;
    return found;
}

/// The PID of a process that has just ended (so it no longer runs).
pid_t deadPid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    ::waitpid(child, nullptr, 0);
    return child;
}

const char* kExperiment = R"({
  "seed": 5,
  "model": {"input": [2], "layers": [
    {"type": "dense", "name": "hidden", "units": 3, "activation": "tanh"},
    {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
  "loss": "binary_cross_entropy",
  "optimizer": {"type": "adam", "learning_rate": 0.05},
  "dataset": {"type": "circle", "samples": 32, "seed": 2},
  "training": {"epochs": 4, "batch_size": 8}
})";

}  // namespace

class TestFileIo : public QObject {
    Q_OBJECT
    Registry registry;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        toy::registerComponents(registry);
    }

    void newFileGets0644MinusUmask() {
        QTemporaryDir dir;
        const mode_t old = ::umask(027);
        const std::string path = dir.filePath("new.json").toStdString();
        writeFileAtomically(path, "{}\n");
        ::umask(old);
        QCOMPARE(readAll(path), std::string("{}\n"));
        QCOMPARE(modeOf(path), 0640U);
    }

    void replacedFileKeepsItsMode_data() {
        QTest::addColumn<unsigned>("mode");
        QTest::newRow("0600") << 0600U;
        QTest::newRow("0640") << 0640U;
        QTest::newRow("0664") << 0664U;
        QTest::newRow("0755") << 0755U;
    }
    void replacedFileKeepsItsMode() {
        QFETCH(unsigned, mode);
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        writePlain(path, "old");
        QCOMPARE(::chmod(path.c_str(), mode), 0);
        writeFileAtomically(path, "new");
        QCOMPARE(readAll(path), std::string("new"));
        QCOMPARE(modeOf(path), mode);
        QVERIFY(tempsIn(dir.path()).isEmpty());
    }

    void symlinkIsWrittenThroughAndKept() {
        QTemporaryDir dir;
        QTemporaryDir elsewhere;
        const std::string target = elsewhere.filePath("real.json").toStdString();
        writePlain(target, "old");
        QCOMPARE(::chmod(target.c_str(), 0600), 0);
        const std::string link = dir.filePath("link.json").toStdString();
        QCOMPARE(::symlink(target.c_str(), link.c_str()), 0);

        writeFileAtomically(link, "new");
        struct stat st {};
        QCOMPARE(::lstat(link.c_str(), &st), 0);
        QVERIFY(S_ISLNK(st.st_mode));
        QCOMPARE(readAll(target), std::string("new"));
        QCOMPARE(modeOf(target), 0600U);
        QVERIFY(tempsIn(dir.path()).isEmpty());
        QVERIFY(tempsIn(elsewhere.path()).isEmpty());
    }

    void relativeSymlinkChainIsFollowed() {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        writePlain(dir.filePath("sub/real.json").toStdString(), "old");
        QCOMPARE(::symlink("sub/real.json", dir.filePath("a").toUtf8().constData()), 0);
        QCOMPARE(::symlink("a", dir.filePath("b").toUtf8().constData()), 0);
        const std::string b = dir.filePath("b").toStdString();
        QCOMPARE(resolveOutputPath(b), dir.filePath("sub/real.json").toStdString());
        writeFileAtomically(b, "new");
        QCOMPARE(readAll(dir.filePath("sub/real.json").toStdString()), std::string("new"));
        struct stat st {};
        QCOMPARE(::lstat(dir.filePath("a").toUtf8().constData(), &st), 0);
        QVERIFY(S_ISLNK(st.st_mode));
    }

    void danglingSymlinkCreatesItsTarget() {
        QTemporaryDir dir;
        const std::string link = dir.filePath("link").toStdString();
        QCOMPARE(::symlink("made.json", link.c_str()), 0);
        writeFileAtomically(link, "x");
        QCOMPARE(readAll(dir.filePath("made.json").toStdString()), std::string("x"));
    }

    void symlinkLoopIsRefused() {
        QTemporaryDir dir;
        const std::string a = dir.filePath("a").toStdString();
        const std::string b = dir.filePath("b").toStdString();
        QCOMPARE(::symlink("b", a.c_str()), 0);
        QCOMPARE(::symlink("a", b.c_str()), 0);
        QVERIFY_THROWS_EXCEPTION(InputError, writeFileAtomically(a, "x"));
    }

    void specialDestinationsAreRefused() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("fifo").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0644), 0);
        const std::string folder = dir.filePath("folder").toStdString();
        QCOMPARE(::mkdir(folder.c_str(), 0755), 0);
        const std::string toNull = dir.filePath("null.json").toStdString();
        QCOMPARE(::symlink("/dev/null", toNull.c_str()), 0);

        for (const std::string& path : {fifo, folder, toNull, std::string("/dev/null")}) {
            try {
                writeFileAtomically(path, "x");
                QFAIL(("accepted " + path).c_str());
            } catch (const InputError& e) {
                QVERIFY2(std::string(e.what()).find("expected a regular file") != std::string::npos, e.what());
            }
        }
        struct stat st {};
        QCOMPARE(::lstat(fifo.c_str(), &st), 0);
        QVERIFY(S_ISFIFO(st.st_mode));
        QCOMPARE(::stat("/dev/null", &st), 0);
        QVERIFY(S_ISCHR(st.st_mode));
        QCOMPARE(::lstat(toNull.c_str(), &st), 0);
        QVERIFY(S_ISLNK(st.st_mode));
        QVERIFY(tempsIn(dir.path()).isEmpty());
    }

    void staleTempsOfEndedProcessesAreRemoved() {
        QTemporaryDir dir;
        const QString dead = QString::number(deadPid());
        const QStringList stale{"." + QStringLiteral("model.json.deepstep-tmp-") + dead + "-abcDEF",
                                "." + QStringLiteral("metrics.csv.deepstep-tmp-") + dead + "-012345"};
        for (const QString& name : stale) writePlain(dir.filePath(name).toStdString(), "half a save");
        // Still running (pid 1), or not of our naming: kept.
        const QStringList kept{QStringLiteral(".model.json.deepstep-tmp-1-abcdef"),
                               QStringLiteral(".model.json.deepstep-tmp-") + dead + "-toolongsuffix",
                               QStringLiteral("model.json.tmp-abcdef"), QStringLiteral("notes.txt")};
        for (const QString& name : kept) writePlain(dir.filePath(name).toStdString(), "keep");

        writeFileAtomically(dir.filePath("other.json").toStdString(), "{}");
        for (const QString& name : stale) QVERIFY2(!QFileInfo::exists(dir.filePath(name)), qPrintable(name));
        for (const QString& name : kept) QVERIFY2(QFileInfo::exists(dir.filePath(name)), qPrintable(name));
    }

    void abandonedWriteLeavesOldFileAndNoTemp() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        writePlain(path, "old");
        {
            OutputFile file(path);
            file.write("partial");
            QCOMPARE(tempsIn(dir.path()).size(), 1);
            const QString temp = tempsIn(dir.path()).front();
            QVERIFY(temp.startsWith(QStringLiteral(".model.json.deepstep-tmp-") + QString::number(::getpid()) + "-"));
        }
        QCOMPARE(readAll(path), std::string("old"));
        QVERIFY(tempsIn(dir.path()).isEmpty());
    }

    void longNamesStillGetATemp() {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QString(250, QLatin1Char('n'))).toStdString();
        writeFileAtomically(path, "x");
        QCOMPARE(readAll(path), std::string("x"));
        QVERIFY(tempsIn(dir.path()).isEmpty());
    }

    void sameFileComparesIdentity() {
        QTemporaryDir dir;
        const std::string a = dir.filePath("a.json").toStdString();
        const std::string other = dir.filePath("other.json").toStdString();
        writePlain(a, "a");
        writePlain(other, "a");
        const std::string hard = dir.filePath("hard.json").toStdString();
        QCOMPARE(::link(a.c_str(), hard.c_str()), 0);
        const std::string soft = dir.filePath("soft.json").toStdString();
        QCOMPARE(::symlink("a.json", soft.c_str()), 0);
        const std::string dotted = dir.filePath("./sub/../a.json").toStdString();
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));

        QVERIFY(sameFile(a, a));
        QVERIFY(sameFile(a, hard));
        QVERIFY(sameFile(soft, a));
        QVERIFY(sameFile(dotted, a));
        QVERIFY(!sameFile(a, other));  // same bytes, another file
        QVERIFY(!sameFile(a, dir.filePath("missing.json").toStdString()));
    }

    void probeFindsUnwritableFolders() {
        QTemporaryDir dir;
        QCOMPARE(probeWritableFolder(dir.path().toStdString()), 0);
        QVERIFY(tempsIn(dir.path()).isEmpty());
        QCOMPARE(probeWritableFolder(dir.filePath("missing").toStdString()), ENOENT);
        const std::string file = dir.filePath("file").toStdString();
        writePlain(file, "x");
        QCOMPARE(probeWritableFolder(file), ENOTDIR);
        QVERIFY(probeWritableFolder("/proc") != 0);  // not writable even for root
    }

    // The streamed trace is byte for byte the document Trace::toJson() gives.
    void streamedTraceMatchesTheWholeDocument_data() {
        QTest::addColumn<int>("steps");
        QTest::newRow("none") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("five") << 5;
    }
    void streamedTraceMatchesTheWholeDocument() {
        QFETCH(int, steps);
        auto run = [&](Trace& trace) {
            BuiltExperiment ex = buildExperiment(Json::parse(kExperiment), registry);
            TrainingSettings settings = ex.training;
            settings.maxIterations = steps == 0 ? 1 : steps;
            Trainer trainer(ex.network, *ex.loss, *ex.optimizer, settings);
            trainer.setTrace(&trace);
            if (steps > 0) trainer.fit(*ex.dataset);
        };
        Trace whole(static_cast<std::size_t>(steps));
        run(whole);
        const std::string expected = whole.toJson().dump(1) + "\n";

        std::string streamed;
        TraceJsonWriter writer([&](std::string_view text) { streamed += text; });
        Trace trace(static_cast<std::size_t>(steps));
        std::size_t held = 0;
        trace.streamTo([&](const StepRecord& step) {
            held = std::max(held, trace.steps().size());
            writer.add(step);
        });
        run(trace);
        trace.flush();
        writer.finish();
        QCOMPARE(trace.recorded(), static_cast<std::size_t>(steps));
        QVERIFY(trace.steps().empty());
        QVERIFY(held <= 1);
        QCOMPARE(streamed, expected);
    }
};

QTEST_GUILESS_MAIN(TestFileIo)
#include "tst_file_io.moc"
