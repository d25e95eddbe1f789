#include "plugin_trial.hpp"

#include "deepstep/plugin.hpp"
#include "deepstep/plugin_qt.hpp"

#include <QJsonObject>
#include <QLibrary>
#include <QPluginLoader>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

extern char** environ;

namespace deepstep::trial {

namespace {

/// The child reports on this descriptor, so that whatever a plugin prints on stdout
/// cannot be mistaken for a report.
constexpr int kReportFd = 3;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// ---- verdicts remembered per file ----

using FileKey = std::tuple<std::string, long long, long long, unsigned long long, unsigned long long>;

std::optional<FileKey> keyOf(const std::string& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return std::nullopt;
    const long long mtimeNs = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    return FileKey{file, static_cast<long long>(st.st_size), mtimeNs, static_cast<unsigned long long>(st.st_ino),
                   static_cast<unsigned long long>(st.st_dev)};
}

std::mutex cacheMutex;
std::map<FileKey, PluginTrial>& cache() {
    static std::map<FileKey, PluginTrial> verdicts;
    return verdicts;
}

// ---- one child ----

/// What one child process did with its list.
struct ChildRun {
    std::vector<PluginTrial> trials;  ///< per list entry: Passed, or NotRun
    bool done = false;                ///< it reported "done"
    std::optional<std::size_t> culprit;  ///< the entry it was loading when it ended
    PluginTrial culpritTrial;
    std::string failure;  ///< set when the child could not be started or died outside any entry
};

std::string describeStatus(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name = signalName(sig);
        return "signal " + std::to_string(sig) + (*name != '\0' ? std::string(" (") + name + ")" : std::string());
    }
    return "exit " + std::to_string(WEXITSTATUS(status));
}

ChildRun runChild(const std::vector<std::string>& files, const Settings& settings) {
    ChildRun run;
    run.trials.resize(files.size());

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        run.failure = std::string("cannot create a pipe: ") + std::strerror(errno);
        return run;
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], kReportFd);
    if (!settings.showOutput) {
        // A plugin's own output would appear twice (here and when it loads for real).
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group, so that a plugin's own children go when it is killed;
    // default handlers and no blocked signals, so that a crash is a crash.
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT})
        sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> args;
    args.push_back(settings.probe);
    args.insert(args.end(), files.begin(), files.end());
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, settings.probe.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        run.failure = "cannot start " + settings.probe + ": " + std::strerror(spawned);
        return run;
    }

    int readFd = fds[0];
    std::string buffer;
    std::optional<std::size_t> current;  // begun, not ended
    Clock::time_point currentStart = Clock::now();
    Clock::time_point deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                    std::chrono::duration<double>(settings.timeout));
    bool killed = false;
    int status = 0;

    auto handleLine = [&](const std::string& line) {
        std::size_t index = 0;
        if (line == "done") {
            run.done = true;
        } else if (std::sscanf(line.c_str(), "begin %zu", &index) == 1 && index < files.size()) {
            current = index;
            currentStart = Clock::now();
            deadline = currentStart + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(settings.timeout));
        } else if (std::sscanf(line.c_str(), "end %zu", &index) == 1 && current && *current == index) {
            run.trials[index] = {TrialOutcome::Passed, 0, {}, secondsSince(currentStart)};
            current.reset();
        }
    };

    for (;;) {
        const pid_t reaped = ::waitpid(pid, &status, WNOHANG);
        if (reaped == pid) break;
        if (reaped < 0 && errno != EINTR) {
            // Someone else reaped it (a SIGCHLD handler that waits for everything).
            status = 0;
            run.failure = std::string("lost track of the trial process: ") + std::strerror(errno);
            ::close(readFd);
            return run;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0 && !killed) {
            ::kill(-pid, SIGKILL);
            ::kill(pid, SIGKILL);
            killed = true;
        }
        if (readFd >= 0) {
            pollfd p{readFd, POLLIN, 0};
            // Wake up now and then to notice a child that ended while something it
            // started keeps the pipe open.
            const int wait = killed ? 20 : static_cast<int>(std::min<long long>(std::max<long long>(left, 0), 50));
            const int ready = ::poll(&p, 1, wait);
            if (ready > 0) {
                char chunk[512];
                const ssize_t n = ::read(readFd, chunk, sizeof chunk);
                if (n > 0) {
                    buffer.append(chunk, static_cast<std::size_t>(n));
                    std::size_t nl;
                    while ((nl = buffer.find('\n')) != std::string::npos) {
                        handleLine(buffer.substr(0, nl));
                        buffer.erase(0, nl + 1);
                    }
                    if (buffer.size() > 4096) buffer.clear();  // no report is that long
                } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                    ::close(readFd);
                    readFd = -1;
                }
            }
        } else {
            ::usleep(killed ? 5000 : 2000);
        }
    }
    // What it wrote just before it ended may still be in the pipe (bounded: something
    // it started may hold the pipe open and keep writing).
    for (int rounds = 0; readFd >= 0 && rounds < 128; ++rounds) {
        pollfd p{readFd, POLLIN, 0};
        char chunk[512];
        const ssize_t n = ::poll(&p, 1, 0) > 0 ? ::read(readFd, chunk, sizeof chunk) : 0;
        if (n <= 0) break;
        buffer.append(chunk, static_cast<std::size_t>(n));
        std::size_t nl;
        while ((nl = buffer.find('\n')) != std::string::npos) {
            handleLine(buffer.substr(0, nl));
            buffer.erase(0, nl + 1);
        }
    }
    if (readFd >= 0) ::close(readFd);

    const bool clean = run.done && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (clean) return run;
    if (run.done) {
        // Everything loaded; it failed only on the way out. Not a plugin's doing we can
        // pin down, and not something loading does: the trials stand.
        return run;
    }
    if (!current) {
        run.failure = "the trial process ended (" + describeStatus(status) + ") outside any plugin";
        if (killed) run.failure = "the trial process did not start within " + formatSeconds(settings.timeout);
        return run;
    }
    run.culprit = current;
    if (killed) {
        run.culpritTrial = {TrialOutcome::Hung, 0, {}, settings.timeout};
    } else if (WIFSIGNALED(status)) {
        run.culpritTrial = {TrialOutcome::Crashed, WTERMSIG(status), signalName(WTERMSIG(status)),
                            secondsSince(currentStart)};
    } else {
        run.culpritTrial = {TrialOutcome::Ended, WEXITSTATUS(status), {}, secondsSince(currentStart)};
    }
    return run;
}

// ---- the in-process guard ----

std::atomic<const char*> loadingNote{nullptr};
constexpr int kGuardedSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
struct sigaction previousActions[std::size(kGuardedSignals)];

void writeAll(const char* text) {
    std::size_t left = std::strlen(text);
    while (left > 0) {
        const ssize_t n = ::write(STDERR_FILENO, text, left);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            return;
        }
        text += n;
        left -= static_cast<std::size_t>(n);
    }
}

extern "C" void onFatalSignalWhileLoading(int sig) {
    if (const char* note = loadingNote.load()) {
        writeAll("deepstep: ");
        writeAll(note);
        writeAll(" crashed the program while loading (");
        writeAll(signalName(sig));
        writeAll(")\n");
    }
    for (std::size_t i = 0; i < std::size(kGuardedSignals); ++i)
        if (kGuardedSignals[i] == sig) ::sigaction(sig, &previousActions[i], nullptr);
    // A fault happens again on return and reaches the previous handler (or the default);
    // abort() and raise() must be repeated.
    if (sig == SIGABRT) ::raise(sig);
}

extern "C" void onExitWhileLoading() {
    if (const char* note = loadingNote.load()) {
        writeAll("deepstep: ");
        writeAll(note);
        writeAll(" ended the program while loading (it called exit())\n");
        // Not the plugin's status: a program that did not do its work must not say 0.
        ::_exit(1);
    }
}

std::string guardNote;

}  // namespace

const char* signalName(int signal) {
    switch (signal) {
        case SIGSEGV: return "SIGSEGV";
        case SIGBUS: return "SIGBUS";
        case SIGILL: return "SIGILL";
        case SIGFPE: return "SIGFPE";
        case SIGABRT: return "SIGABRT";
        case SIGKILL: return "SIGKILL";
        case SIGTERM: return "SIGTERM";
        case SIGINT: return "SIGINT";
        case SIGTRAP: return "SIGTRAP";
        case SIGSYS: return "SIGSYS";
        case SIGPIPE: return "SIGPIPE";
        case SIGHUP: return "SIGHUP";
        case SIGQUIT: return "SIGQUIT";
        case SIGXCPU: return "SIGXCPU";
        case SIGXFSZ: return "SIGXFSZ";
        case SIGALRM: return "SIGALRM";
        case SIGUSR1: return "SIGUSR1";
        case SIGUSR2: return "SIGUSR2";
        default: return "";
    }
}

std::string formatSeconds(double seconds) {
    char text[32];
    if (seconds == std::floor(seconds) && seconds < 1e9)
        std::snprintf(text, sizeof text, "%.0f s", seconds);
    else
        std::snprintf(text, sizeof text, "%.3g s", seconds);
    return text;
}

std::string findProbe(const std::string& executableFolder, std::string& why) {
    if (const char* env = std::getenv("DEEPSTEP_PLUGIN_PROBE"); env != nullptr && *env != '\0') {
        if (::access(env, X_OK) == 0) return env;
        why = std::string("DEEPSTEP_PLUGIN_PROBE names ") + env + ", which is not an executable file";
        return {};
    }
    const std::string path = executableFolder + "/deepstep-plugin-probe";
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0) return path;
    why = "the helper deepstep-plugin-probe is not next to the program (" + path + ")";
    return {};
}

Result run(const std::vector<Job>& jobs, const Settings& settings) {
    Result result;
    result.trials.resize(jobs.size());
    std::vector<bool> decided(jobs.size(), false);
    std::vector<bool> excluded(jobs.size(), false);
    std::vector<std::optional<FileKey>> keys(jobs.size());

    for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (jobs[i].prerequisite) {
            decided[i] = true;
            continue;
        }
        keys[i] = keyOf(jobs[i].file);
        const std::lock_guard lock(cacheMutex);
        if (keys[i]) {
            if (auto it = cache().find(*keys[i]); it != cache().end()) {
                result.trials[i] = it->second;
                decided[i] = true;
                excluded[i] = it->second.outcome != TrialOutcome::Passed;
            }
        }
    }

    const auto start = Clock::now();
    bool ranChild = false;
    // Each round ends with a clean child or leaves one more plugin out.
    for (std::size_t round = 0; round <= jobs.size(); ++round) {
        // Left out: what failed, and what needs something left out (needs point back).
        for (std::size_t i = 0; i < jobs.size(); ++i)
            for (std::size_t n : jobs[i].needs)
                if (n < i && excluded[n]) excluded[i] = true;
        const bool pending = [&] {
            for (std::size_t i = 0; i < jobs.size(); ++i)
                if (!decided[i] && !excluded[i]) return true;
            return false;
        }();
        if (!pending) break;

        // Everything still in the game goes into the child, in order: plugins that
        // passed already are loaded again so that their dependants find them.
        std::vector<std::size_t> list;
        std::vector<std::string> files;
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            if (excluded[i]) continue;
            list.push_back(i);
            files.push_back(jobs[i].file);
        }
        const ChildRun child = runChild(files, settings);
        ranChild = true;
        for (std::size_t k = 0; k < list.size(); ++k) {
            const std::size_t i = list[k];
            if (!decided[i] && child.trials[k].outcome == TrialOutcome::Passed) {
                result.trials[i] = child.trials[k];
                decided[i] = true;
            }
        }
        if (!child.failure.empty()) {
            result.note = child.failure;
            for (std::size_t i = 0; i < jobs.size(); ++i) {
                if (!decided[i] && !excluded[i]) {
                    result.trials[i] = {TrialOutcome::Off, 0, {}, 0};
                    decided[i] = true;
                }
            }
            break;
        }
        if (child.culprit) {
            const std::size_t i = list[*child.culprit];
            if (!jobs[i].prerequisite) result.trials[i] = child.culpritTrial;
            decided[i] = true;
            excluded[i] = true;
            continue;
        }
        // A clean run: whatever was in it passed.
        for (std::size_t i : list) decided[i] = true;
    }
    result.seconds = ranChild ? secondsSince(start) : 0.0;

    const std::lock_guard lock(cacheMutex);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const TrialOutcome o = result.trials[i].outcome;
        if (keys[i] && (o == TrialOutcome::Passed || o == TrialOutcome::Crashed || o == TrialOutcome::Hung ||
                        o == TrialOutcome::Ended))
            cache()[*keys[i]] = result.trials[i];
    }
    return result;
}

LoadingGuard::LoadingGuard(const std::string& what) {
    static std::once_flag atExit;
    std::call_once(atExit, [] { std::atexit(onExitWhileLoading); });
    guardNote = what;
    loadingNote.store(guardNote.c_str());
    struct sigaction action {};
    action.sa_handler = onFatalSignalWhileLoading;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_NODEFER;
    for (std::size_t i = 0; i < std::size(kGuardedSignals); ++i)
        ::sigaction(kGuardedSignals[i], &action, &previousActions[i]);
}

LoadingGuard::~LoadingGuard() {
    for (std::size_t i = 0; i < std::size(kGuardedSignals); ++i)
        ::sigaction(kGuardedSignals[i], &previousActions[i], nullptr);
    loadingNote.store(nullptr);
}

}  // namespace deepstep::trial

namespace deepstep {

namespace {

void report(const std::string& line) {
    const std::string text = line + "\n";
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(trial::kReportFd, p, left);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            std::_Exit(111);  // nobody listens any more
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

}  // namespace

int runPluginProbe(int argc, char** argv) {
    // The host may die (Ctrl+C) while a plugin hangs here: go with it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() == 1) return 111;
    struct stat st {};
    if (::fstat(trial::kReportFd, &st) != 0) {
        std::fprintf(stderr,
                     "deepstep-plugin-probe: started by the DeepStep plugin host only (it reports on file "
                     "descriptor 3)\n");
        return 2;
    }

    Registry registry;
    std::vector<std::unique_ptr<QPluginLoader>> loaders;
    for (int i = 1; i < argc; ++i) {
        const std::string index = std::to_string(i - 1);
        report("begin " + index);
        auto loader = std::make_unique<QPluginLoader>(QString::fromLocal8Bit(argv[i]));
        const std::string name =
            loader->metaData().value(QLatin1String("MetaData")).toObject().value(QLatin1String("name")).toString()
                .toStdString();
        // As in the host: the library's code must say it speaks our ABI before any of
        // its objects is made. Whatever fails here, the host finds again and explains.
        if (loader->load()) {
            QLibrary library(QString::fromLocal8Bit(argv[i]));
            const auto compiledAbi = reinterpret_cast<int (*)()>(library.resolve(DEEPSTEP_PLUGIN_ABI_SYMBOL));
            if (compiledAbi != nullptr && compiledAbi() == kPluginAbiVersion) {
                if (auto* plugin = qobject_cast<Plugin*>(loader->instance())) {
                    try {
                        registry.beginPlugin(name);
                        plugin->registerComponents(registry);
                        registry.commitPlugin();
                    } catch (...) {
                        try {
                            registry.rollbackPlugin();
                        } catch (...) {
                        }
                    }
                }
            }
        }
        loaders.push_back(std::move(loader));
        report("end " + index);
    }
    report("done");
    // Not the plugins' static destructors: unloading is not what is being tried.
    std::_Exit(0);
}

}  // namespace deepstep
