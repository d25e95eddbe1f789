// The hostile-input regression corpus: every case in tests/hostile/cases runs the
// built `deepstep` on a hostile input in a fresh folder. A case passes when the
// program ends by itself, not by a signal, with the exit code and the message the case
// names, with nothing raw for the terminal in its output, and with the files as the
// case expects them afterwards. The format is in tests/hostile/README.md.

#include "deepstep/options.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

using deepstep::Json;

namespace {

QString expand(const QString& text, const QString& dir) {
    QString out = text;
    out.replace(QStringLiteral("{dir}"), dir);
    out.replace(QStringLiteral("{src}"), QStringLiteral(DEEPSTEP_SOURCE_ROOT));
    out.replace(QStringLiteral("{bin}"), QStringLiteral(DEEPSTEP_BIN_DIR));
    return out;
}

QString str(const Json& j) { return QString::fromStdString(j.get<std::string>()); }

struct Snapshot {
    QByteArray bytes;
    mode_t mode = 0;
    bool exists = false;
};

Snapshot snapshot(const QString& path) {
    Snapshot s;
    struct stat st {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) return s;
    s.exists = true;
    s.mode = st.st_mode;
    if (S_ISREG(st.st_mode)) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) s.bytes = f.readAll();
    }
    return s;
}

/// Creates one entry of a case's "files"; returns an empty string or what went wrong.
QString createFile(const QString& dir, const QString& name, const Json& spec) {
    const QString path = dir + QLatin1Char('/') + name;
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray native = QFile::encodeName(path);
    auto writeBytes = [&](const QByteArray& bytes) -> QString {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return QStringLiteral("cannot write ") + path;
        f.write(bytes);
        return {};
    };
    QString problem;
    if (spec.is_string()) {
        problem = writeBytes(expand(str(spec), dir).toUtf8());
    } else if (!spec.is_object()) {
        return QStringLiteral("files.%1: expected a string or an object").arg(name);
    } else if (spec.contains("parts")) {
        QByteArray bytes;
        for (const Json& part : spec["parts"]) {
            const QByteArray piece = expand(str(part.at(0)), dir).toUtf8();
            const auto count = part.at(1).get<long long>();
            bytes.reserve(bytes.size() + piece.size() * count);
            for (long long i = 0; i < count; ++i) bytes.append(piece);
        }
        problem = writeBytes(bytes);
    } else if (spec.contains("copy")) {
        QFile::remove(path);
        if (!QFile::copy(QStringLiteral(DEEPSTEP_SOURCE_ROOT "/") + str(spec["copy"]), path))
            return QStringLiteral("cannot copy ") + str(spec["copy"]);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    } else if (spec.contains("symlink")) {
        if (::symlink(QFile::encodeName(expand(str(spec["symlink"]), dir)).constData(), native.constData()) != 0)
            return QStringLiteral("cannot make the link ") + path;
    } else if (spec.value("fifo", false)) {
        if (::mkfifo(native.constData(), 0644) != 0) return QStringLiteral("cannot make the FIFO ") + path;
    } else if (spec.value("dir", false)) {
        QDir().mkpath(path);
    } else if (spec.contains("text")) {
        problem = writeBytes(expand(str(spec["text"]), dir).toUtf8());
    } else {
        return QStringLiteral("files.%1: nothing to create").arg(name);
    }
    if (problem.isEmpty() && spec.is_object() && spec.contains("mode")) {
        const mode_t mode = static_cast<mode_t>(std::stoul(spec["mode"].get<std::string>(), nullptr, 8));
        if (::chmod(native.constData(), mode) != 0) problem = QStringLiteral("cannot chmod ") + path;
    }
    return problem;
}

/// The first raw control character (other than newline, tab and carriage return) in
/// `bytes`, as a description, or an empty string.
QString rawControl(const QByteArray& bytes) {
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F)
            return QStringLiteral("byte 0x%1 at offset %2").arg(c, 2, 16, QLatin1Char('0')).arg(i);
        // C1 controls, UTF-8 encoded (U+0080..U+009F).
        if (c == 0xC2 && i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(bytes[i + 1]) <= 0x9F)
            return QStringLiteral("a C1 control character at offset %1").arg(i);
    }
    return {};
}

}  // namespace

class TestHostile : public QObject {
    Q_OBJECT

private slots:
    void cases_data() {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(DEEPSTEP_HOSTILE_CASES));
        const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 4, "the corpus holds fewer cases than it should: was it moved?");
        for (const QString& f : files) QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void cases() {
        QFETCH(QString, file);
        std::ifstream in(QFile::encodeName(file).constData());
        Json c = Json::parse(in, nullptr, false);
        QVERIFY2(c.is_object(), "the case file is not a JSON object");
        for (const char* key : {"class", "about", "args", "exit"})
            QVERIFY2(c.contains(key), qPrintable(QStringLiteral("the case has no \"%1\"").arg(key)));
#ifdef DEEPSTEP_SANITIZED
        if (c.value("skip_sanitizers", false)) QSKIP("too slow under the sanitizers (see the case's \"about\")");
#endif
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.path();

        std::map<QString, Snapshot> before;
        if (c.contains("files")) {
            for (const auto& [name, spec] : c["files"].items()) {
                const QString problem = createFile(dir, QString::fromStdString(name), spec);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
            }
        }
        const Json after = c.value("after", Json::object());
        for (const Json& name : after.value("unchanged", Json::array()))
            before[str(name)] = snapshot(dir + QLatin1Char('/') + str(name));

        QStringList args;
        for (const Json& a : c["args"]) args << expand(str(a), dir);
        QProcess p;
        p.setWorkingDirectory(dir);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        env.remove(QStringLiteral("DEEPSTEP_LANG"));
        const Json extraEnv = c.value("env", Json::object());
        for (const auto& [k, v] : extraEnv.items())
            env.insert(QString::fromStdString(k), expand(str(v), dir));
        p.setProcessEnvironment(env);
        const QString program = QStringLiteral(DEEPSTEP_BIN_DIR "/") + QString::fromStdString(c.value("program", "deepstep"));
        p.start(program, args);
        QVERIFY2(p.waitForStarted(), qPrintable(program));
        if (c.contains("stdin")) p.write(expand(str(c["stdin"]), dir).toUtf8());
        p.closeWriteChannel();
        const int timeout = c.value("timeout", 60);
        const bool finished = p.waitForFinished(timeout * 1000 * (
#ifdef DEEPSTEP_SANITIZED
                                                                      4
#else
                                                                      1
#endif
                                                                      ));
        if (!finished) {
            p.kill();
            p.waitForFinished();
        }
        const QByteArray out = p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        const QString context = QStringLiteral("\n  args: %1\n  stderr: %2\n  stdout: %3")
                                    .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(err.left(2000)),
                                         QString::fromUtf8(out.left(1000)));
        QVERIFY2(finished, qPrintable(QStringLiteral("did not finish within %1 s").arg(timeout) + context));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit, qPrintable(QStringLiteral("crashed") + context));
        QVERIFY2(p.exitCode() == c["exit"].get<int>(),
                 qPrintable(QStringLiteral("exit code %1, expected %2").arg(p.exitCode()).arg(c["exit"].get<int>()) +
                            context));
        for (const Json& s : c.value("stderr", Json::array()))
            QVERIFY2(err.contains(str(s).toUtf8()), qPrintable(QStringLiteral("stderr lacks \"%1\"").arg(str(s)) + context));
        for (const Json& s : c.value("stdout", Json::array()))
            QVERIFY2(out.contains(str(s).toUtf8()), qPrintable(QStringLiteral("stdout lacks \"%1\"").arg(str(s)) + context));
        for (const Json& s : c.value("not_stderr", Json::array()))
            QVERIFY2(!err.contains(str(s).toUtf8()), qPrintable(QStringLiteral("stderr has \"%1\"").arg(str(s)) + context));
        for (const Json& s : c.value("not_stdout", Json::array()))
            QVERIFY2(!out.contains(str(s).toUtf8()), qPrintable(QStringLiteral("stdout has \"%1\"").arg(str(s)) + context));
        QVERIFY2(!err.contains("internal error") && !err.contains("내부 오류"), qPrintable(QStringLiteral("internal error") + context));
        const QString rawErr = rawControl(err);
        QVERIFY2(rawErr.isEmpty(), qPrintable(QStringLiteral("stderr holds a raw ") + rawErr + context));
        const QString rawOut = rawControl(out);
        QVERIFY2(rawOut.isEmpty(), qPrintable(QStringLiteral("stdout holds a raw ") + rawOut + context));

        for (const auto& [name, was] : before) {
            const Snapshot now = snapshot(dir + QLatin1Char('/') + name);
            QVERIFY2(now.exists == was.exists && now.mode == was.mode && now.bytes == was.bytes,
                     qPrintable(QStringLiteral("%1 changed").arg(name) + context));
        }
        for (const Json& name : after.value("absent", Json::array()))
            QVERIFY2(!snapshot(dir + QLatin1Char('/') + str(name)).exists,
                     qPrintable(QStringLiteral("%1 exists").arg(str(name)) + context));
        for (const Json& name : after.value("exists", Json::array()))
            QVERIFY2(snapshot(dir + QLatin1Char('/') + str(name)).exists,
                     qPrintable(QStringLiteral("%1 is missing").arg(str(name)) + context));
        const Json modes = after.value("mode", Json::object());
        for (const auto& [name, mode] : modes.items()) {
            const Snapshot now = snapshot(dir + QLatin1Char('/') + QString::fromStdString(name));
            const auto expected = static_cast<mode_t>(std::stoul(mode.get<std::string>(), nullptr, 8));
            QVERIFY2(now.exists && (now.mode & 07777) == expected,
                     qPrintable(QStringLiteral("%1 has mode %2, expected %3")
                                    .arg(QString::fromStdString(name))
                                    .arg(now.mode & 07777, 4, 8, QLatin1Char('0'))
                                    .arg(QString::fromStdString(mode.get<std::string>())) +
                                context));
        }
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
