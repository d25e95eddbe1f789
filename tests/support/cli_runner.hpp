#pragma once
// Runs the `deepstep` executable for the command-line tests, the way a user's shell
// would, but hermetic: no plugin or lesson folders from the caller's environment, a
// UTF-8 locale, and stdin closed after `input`.

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace deepstep::test {

struct CliResult {
    int exitCode = -1;  ///< -1 when the process crashed or timed out
    QString out;
    QString err;
};

struct CliRun {
    QString workDir;                ///< empty: the test's own
    QMap<QString, QString> env;     ///< added to the environment
    QByteArray input;               ///< written to stdin, which is then closed
    int timeoutMs = 180000;
};

inline CliResult runDeepstep(const QString& program, const QStringList& args, const CliRun& how = {}) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DEEPSTEP_PLUGIN_PATH"));
    environment.remove(QStringLiteral("DEEPSTEP_LESSON_PATH"));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    for (auto it = how.env.begin(); it != how.env.end(); ++it) environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    if (!how.workDir.isEmpty()) process.setWorkingDirectory(how.workDir);
    process.start(program, args);
    process.write(how.input);
    process.closeWriteChannel();
    CliResult result;
    if (!process.waitForFinished(how.timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    if (process.exitStatus() == QProcess::NormalExit) result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

}  // namespace deepstep::test
