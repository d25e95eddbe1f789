#include "deepstep/plugin_host.hpp"

#include "deepstep/plugin.hpp"
#include "deepstep/plugin_qt.hpp"
#include "plugin_trial.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibrary>
#include <QLoggingCategory>
#include <QPluginLoader>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

// Off by default; QT_LOGGING_RULES="deepstep.plugins.debug=true" shows every decision.
Q_LOGGING_CATEGORY(lcPlugins, "deepstep.plugins", QtWarningMsg)

namespace deepstep {

namespace {

std::string str(const QString& s) {
    return s.toStdString();
}

std::string singleQuoted(const std::string& s) {
    return "'" + s + "'";
}

/// `s` with control characters (C0 but for none, C1, DEL) and bidirectional overrides
/// replaced by U+FFFD: plugin text quoted in a reason must not drive a terminal.
std::string printable(const std::string& s) {
    QString text = QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    for (QChar& c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7F && u < 0xA0) || (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069))
            c = QChar(0xFFFD);
    }
    return text.toStdString();
}

/// What to do about any ABI mismatch: the plugin's code must be compiled again.
const std::string kRebuildAdvice =
    "rebuild it against the installed DeepStep SDK (find_package(DeepStep) and deepstep_add_plugin)";

/// Thrown while reading metadata; the message completes "its metadata is invalid: ".
struct BadMetadata : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string requireString(const QJsonObject& o, const char* key, bool required) {
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() && !required) {
        return {};
    }
    if (!v.isString() || (required && v.toString().isEmpty())) {
        throw BadMetadata(std::string("\"") + key + "\" must be a non-empty string");
    }
    return str(v.toString());
}

std::vector<std::string> stringList(const QJsonValue& v, const std::string& what) {
    if (v.isUndefined()) {
        return {};
    }
    if (!v.isArray()) {
        throw BadMetadata(what + " must be an array of names");
    }
    std::vector<std::string> out;
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString() || item.toString().isEmpty()) {
            throw BadMetadata(what + " must be an array of names");
        }
        out.push_back(str(item.toString()));
    }
    return out;
}

/// Reads the "MetaData" object of a DeepStep plugin into `status`.
void readMetadata(const QJsonObject& md, PluginStatus& status) {
    status.name = requireString(md, "name", true);
    status.version = requireString(md, "version", false);

    const QJsonValue abi = md.value(QLatin1String("abi"));
    if (abi.isUndefined()) {
        throw BadMetadata("\"abi\" is missing (this DeepStep has ABI " + std::to_string(kPluginAbiVersion) +
                          "); deepstep_add_plugin writes it: " + kRebuildAdvice);
    }
    if (!abi.isDouble() || abi.toDouble() != static_cast<double>(abi.toInt())) {
        throw BadMetadata("\"abi\" must be an integer (this DeepStep has ABI " + std::to_string(kPluginAbiVersion) +
                          "); deepstep_add_plugin writes it: " + kRebuildAdvice);
    }
    status.abi = abi.toInt();

    status.depends = stringList(md.value(QLatin1String("depends")), "\"depends\"");
    status.lessons = stringList(md.value(QLatin1String("lessons")), "\"lessons\"");

    const QJsonValue summary = md.value(QLatin1String("summary"));
    if (summary.isObject()) {
        status.summary.en = str(summary.toObject().value(QLatin1String("en")).toString());
        status.summary.ko = str(summary.toObject().value(QLatin1String("ko")).toString());
    } else if (summary.isString()) {
        status.summary.en = str(summary.toString());
    } else if (!summary.isUndefined()) {
        throw BadMetadata("\"summary\" must be an object {\"en\": ..., \"ko\": ...}");
    }

    status.provides = Json::object();
    const QJsonValue provides = md.value(QLatin1String("provides"));
    if (provides.isUndefined()) {
        return;
    }
    if (!provides.isObject()) {
        throw BadMetadata("\"provides\" must be an object such as {\"optimizer\": [\"lion\"]}");
    }
    const QJsonObject p = provides.toObject();
    for (auto it = p.begin(); it != p.end(); ++it) {
        const std::string kind = str(it.key());
        try {
            kindFromString(kind);
        } catch (const std::invalid_argument& e) {
            throw BadMetadata("\"provides\": " + std::string(e.what()));
        }
        Json names = Json::array();
        for (const std::string& n : stringList(it.value(), "\"provides\"." + kind)) {
            names.push_back(n);
        }
        status.provides[kind] = std::move(names);
    }
}

using ComponentKey = std::pair<std::string, std::string>;  // (kind, name)

std::set<ComponentKey> componentsOf(const Registry& registry) {
    std::set<ComponentKey> out;
    for (Kind k : allKinds()) {
        for (const ComponentInfo* info : registry.list(k)) {
            out.emplace(toString(k), info->name);
        }
    }
    return out;
}

std::set<ComponentKey> declaredComponents(const Json& provides) {
    std::set<ComponentKey> out;
    for (const auto& [kind, names] : provides.items()) {
        for (const auto& n : names) {
            out.emplace(kind, n.get<std::string>());
        }
    }
    return out;
}

std::string describeKeys(const std::vector<ComponentKey>& keys) {
    std::string out;
    for (const auto& [kind, name] : keys) {
        if (!out.empty()) {
            out += ", ";
        }
        out += kind + " " + singleQuoted(name);
    }
    return out;
}

std::string executableFolder() {
    if (QCoreApplication::instance() != nullptr) {
        return str(QCoreApplication::applicationDirPath());
    }
    // No application object (tests with QTEST_APPLESS_MAIN, embedding hosts): ask the
    // kernel where our executable lives.
    const QFileInfo exe(QStringLiteral("/proc/self/exe"));
    const QString target = exe.canonicalFilePath();
    return target.isEmpty() ? str(QDir::currentPath()) : str(QFileInfo(target).absolutePath());
}


/// The seconds in DEEPSTEP_PLUGIN_PROBE_TIMEOUT, or the default; a value that is not
/// a number of seconds is reported once and the default used.
double trialTimeoutFromEnvironment() {
    constexpr double kDefault = 10;
    const char* env = std::getenv("DEEPSTEP_PLUGIN_PROBE_TIMEOUT");
    if (env == nullptr || *env == '\0') return kDefault;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(env, &end);
    if (errno != 0 || end == env || *end != '\0' || !std::isfinite(v) || v < 0 || v > 3600) {
        static std::once_flag warned;
        std::call_once(warned, [&] {
            qCWarning(lcPlugins, "DEEPSTEP_PLUGIN_PROBE_TIMEOUT: expected seconds from 0 (trial loads off) to 3600, "
                                 "got '%s'; using %g",
                      printable(env).c_str(), kDefault);
        });
        return kDefault;
    }
    return v;
}

std::string trialRefusal(const PluginTrial& t, const std::string& name) {
    const std::string who = "plugin " + singleQuoted(name);
    switch (t.outcome) {
        case TrialOutcome::Crashed: {
            const std::string& sig = t.signal;
            return who + " crashed with signal " + std::to_string(t.code) + (sig.empty() ? "" : " (" + sig + ")") +
                   " while loading (in a trial process; it was not loaded into this one)";
        }
        case TrialOutcome::Hung:
            return who + " did not finish loading within " + trial::formatSeconds(t.seconds) +
                   " (in a trial process, which was stopped; DEEPSTEP_PLUGIN_PROBE_TIMEOUT sets the limit)";
        case TrialOutcome::Ended:
            return who + " ended the program (exit " + std::to_string(t.code) +
                   ") while loading (in a trial process; it was not loaded into this one)";
        default:
            return {};
    }
}

}  // namespace

PluginStatus readPluginMetadata(std::string_view jsonText) {
    QJsonParseError error{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(jsonText.data(), static_cast<qsizetype>(jsonText.size())), &error);
    if (error.error != QJsonParseError::NoError) {
        throw std::invalid_argument("not valid JSON at offset " + std::to_string(error.offset) + ": " +
                                    str(error.errorString()));
    }
    if (!doc.isObject()) {
        throw std::invalid_argument("the metadata must be a JSON object");
    }
    PluginStatus status;
    try {
        readMetadata(doc.object(), status);
    } catch (const BadMetadata& e) {
        throw std::invalid_argument(e.what());
    }
    return status;
}


struct PluginHost::Private {
    struct Candidate {
        PluginStatus status;
        std::unique_ptr<QPluginLoader> loader;
        enum class Visit { New, Active, Done } visit = Visit::New;
        bool refused = false;
    };

    /// Canonical paths of every library already considered, so a second load() or a
    /// folder reachable twice never handles the same file twice.
    std::set<std::string> seenFiles;
    /// Loaders stay alive (and their libraries loaded) for the life of the host's
    /// process; Qt keeps the library itself loaded even after the loader is gone.
    std::vector<std::unique_ptr<QPluginLoader>> loaders;
    std::string trialNote;
    double trialSeconds = 0;
};

PluginHost::PluginHost(Registry& registry) : registry_(registry), d_(new Private) {}

PluginHost::~PluginHost() {
    delete d_;
}

bool PluginHost::isLoaded(const std::string& name) const {
    return std::any_of(plugins_.begin(), plugins_.end(),
                       [&](const PluginStatus& s) { return s.loaded && s.name == name; });
}

double PluginHost::trialTimeout() {
    return trialTimeoutFromEnvironment();
}

const std::string& PluginHost::trialNote() const {
    return d_->trialNote;
}

double PluginHost::trialSeconds() const {
    return d_->trialSeconds;
}

std::vector<std::string> PluginHost::defaultSearchPaths() {
    std::vector<std::string> paths;
    auto add = [&](const QString& folder) {
        if (folder.isEmpty()) {
            return;
        }
        const std::string clean = str(QDir::cleanPath(QDir(folder).absolutePath()));
        if (std::find(paths.begin(), paths.end(), clean) == paths.end()) {
            paths.push_back(clean);
        }
    };

    const QString exeDir = QString::fromStdString(executableFolder());
    add(exeDir);
    add(exeDir + QStringLiteral("/plugins"));
#ifdef DEEPSTEP_RELATIVE_PLUGIN_DIR
    // The installed tree may have been moved (or installed with --prefix): its plugin
    // folder is still at the same place relative to the executable.
    add(exeDir + QStringLiteral("/" DEEPSTEP_RELATIVE_PLUGIN_DIR));
#endif
#ifdef DEEPSTEP_INSTALL_PLUGIN_DIR
    add(QStringLiteral(DEEPSTEP_INSTALL_PLUGIN_DIR));
#endif
    if (const char* env = std::getenv("DEEPSTEP_PLUGIN_PATH")) {
        for (const QString& entry : QString::fromLocal8Bit(env).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
            add(entry);
        }
    }
    return paths;
}

void PluginHost::load(const std::vector<std::string>& foldersOrFiles) {
    using Candidate = Private::Candidate;
    std::vector<std::unique_ptr<Candidate>> found;

    auto consider = [&](const QFileInfo& file) {
        const std::string canonical = str(file.canonicalFilePath());
        if (canonical.empty() || !d_->seenFiles.insert(canonical).second) {
            return;
        }
        auto c = std::make_unique<Candidate>();
        c->status.file = str(file.absoluteFilePath());
        found.push_back(std::move(c));
    };

    for (const std::string& entry : foldersOrFiles) {
        const QFileInfo info(QString::fromStdString(entry));
        if (info.isDir()) {
            const QDir dir(info.absoluteFilePath());
            for (const QFileInfo& file : dir.entryInfoList(QDir::Files, QDir::Name)) {
                if (QLibrary::isLibrary(file.fileName())) {
                    consider(file);
                }
            }
        } else if (info.isFile()) {
            // An explicitly named file is tried whatever its name; its metadata decides.
            consider(info);
        }
        // Folders of the search path that do not exist are normal: nothing to do.
    }

    auto refuse = [&](Candidate& c, const std::string& why) {
        c.refused = true;
        c.status.loaded = false;
        c.status.reason = printable(c.status.file + ": " + why);
        qCDebug(lcPlugins, "refused %s", c.status.reason.c_str());
    };

    // 1. Metadata, read without running any of the library's code.
    std::vector<Candidate*> valid;
    for (auto& cp : found) {
        Candidate& c = *cp;
        c.loader = std::make_unique<QPluginLoader>(QString::fromStdString(c.status.file));
        const QJsonObject meta = c.loader->metaData();
        const QString iid = meta.value(QLatin1String("IID")).toString();
        if (meta.isEmpty() || iid.isEmpty()) {
            refuse(c, "not a DeepStep plugin: the library carries no Qt plugin metadata");
            plugins_.push_back(c.status);
            continue;
        }
        if (iid != QLatin1String(DEEPSTEP_PLUGIN_IID)) {
            refuse(c, "not a DeepStep plugin: it implements the interface " + singleQuoted(str(iid)) + ", not " +
                          singleQuoted(DEEPSTEP_PLUGIN_IID));
            plugins_.push_back(c.status);
            continue;
        }
        try {
            readMetadata(meta.value(QLatin1String("MetaData")).toObject(), c.status);
        } catch (const BadMetadata& e) {
            refuse(c, std::string("its DeepStep metadata is invalid: ") + e.what());
            plugins_.push_back(c.status);
            continue;
        }
        if (c.status.abi != kPluginAbiVersion) {
            // A newer plugin may also be loaded by installing the DeepStep it was built for.
            const std::string orNewer =
                c.status.abi > kPluginAbiVersion ? ", or install the newer DeepStep it was built for" : "";
            refuse(c, "plugin " + singleQuoted(c.status.name) + " was built against DeepStep SDK ABI " +
                          std::to_string(c.status.abi) + "; this DeepStep has ABI " +
                          std::to_string(kPluginAbiVersion) + ": " + kRebuildAdvice + orNewer);
            plugins_.push_back(c.status);
            continue;
        }
        valid.push_back(&c);
    }

    // 2. Names: one plugin per name. Earlier search folders win, so a plugin in the
    //    build tree or next to the executable shadows an installed one.
    std::map<std::string, Candidate*> byName;
    std::vector<Candidate*> ordered;
    for (Candidate* c : valid) {
        const std::string& name = c->status.name;
        const auto earlier = std::find_if(plugins_.begin(), plugins_.end(),
                                          [&](const PluginStatus& s) { return s.loaded && s.name == name; });
        if (earlier != plugins_.end()) {
            refuse(*c,
                   "duplicate name: a plugin named " + singleQuoted(name) + " is already loaded from " + earlier->file);
            plugins_.push_back(c->status);
            continue;
        }
        if (auto it = byName.find(name); it != byName.end()) {
            refuse(*c, "duplicate name: a plugin named " + singleQuoted(name) + " was already found in " +
                           it->second->status.file + ", which comes first in the search path");
            plugins_.push_back(c->status);
            continue;
        }
        byName.emplace(name, c);
        ordered.push_back(c);
    }

    // 3. Dependencies first (depth-first topological order, in discovery order
    //    otherwise), then load and register each.
    std::vector<Candidate*> stack;
    std::vector<Candidate*> loadOrder;

    auto loadOne = [&](Candidate& c) {
        // Named before any of its code runs: should it take the process down after all,
        // the last line says which plugin it was.
        const std::string who = "plugin " + singleQuoted(printable(c.status.name)) + " (" + printable(c.status.file) + ")";
        qCDebug(lcPlugins, "loading %s", who.c_str());
        const trial::LoadingGuard guard(who);
        if (!c.loader->load()) {
            refuse(c, "the library fails to load: " + str(c.loader->errorString()));
            return;
        }
        // The metadata's "abi" is only what the build wrote next to the code; the code
        // itself says which headers it was compiled with. Both must agree before any
        // of the plugin's objects is created.
        const std::string whose = "plugin " + singleQuoted(c.status.name);
        QLibrary library(QString::fromStdString(c.status.file));
        const auto compiledAbi = reinterpret_cast<int (*)()>(library.resolve(DEEPSTEP_PLUGIN_ABI_SYMBOL));
        if (compiledAbi == nullptr) {
            refuse(c, whose + " exports no compiled-in ABI (" DEEPSTEP_PLUGIN_ABI_SYMBOL
                              "): its code was not built with DEEPSTEP_PLUGIN(ClassName), which DeepStep SDK ABI 4 "
                              "and later require; " +
                          kRebuildAdvice);
            return;
        }
        if (const int abi = compiledAbi(); abi != c.status.abi) {
            refuse(c, whose + ": its metadata says ABI " + std::to_string(c.status.abi) +
                          " but its code was compiled against DeepStep SDK ABI " + std::to_string(abi) +
                          " (the metadata is stale or was edited by hand): " + kRebuildAdvice +
                          ", which writes the ABI of the headers into the metadata");
            return;
        }

        QObject* object = c.loader->instance();
        if (object == nullptr) {
            refuse(c, "the library fails to load: " + str(c.loader->errorString()));
            return;
        }
        auto* plugin = qobject_cast<Plugin*>(object);
        if (plugin == nullptr) {
            refuse(c, "its plugin object (" + std::string(object->metaObject()->className()) +
                          ") is not a deepstep::Plugin; build the plugin with deepstep_add_plugin and "
                          "DEEPSTEP_PLUGIN(ClassName)");
            return;
        }

        const std::set<ComponentKey> before = componentsOf(registry_);
        registry_.beginPlugin(c.status.name);
        try {
            plugin->registerComponents(registry_);
        } catch (const std::exception& e) {
            registry_.rollbackPlugin();
            refuse(c, "registerComponents threw: " + std::string(e.what()) +
                          " (everything it had registered was removed again)");
            return;
        } catch (...) {
            registry_.rollbackPlugin();
            refuse(c,
                   "registerComponents threw an exception that is not a std::exception "
                   "(everything it had registered was removed again)");
            return;
        }

        const std::set<ComponentKey> after = componentsOf(registry_);
        const std::set<ComponentKey> declared = declaredComponents(c.status.provides);
        std::vector<ComponentKey> undeclared;
        std::vector<ComponentKey> missing;
        for (const ComponentKey& k : after) {
            if (!before.count(k) && !declared.count(k)) {
                undeclared.push_back(k);
            }
        }
        for (const ComponentKey& k : declared) {
            if (before.count(k) || !after.count(k)) {
                missing.push_back(k);
            }
        }
        if (!undeclared.empty() || !missing.empty()) {
            registry_.rollbackPlugin();
            std::string why = "the components it registered differ from its declared \"provides\"";
            if (!undeclared.empty()) {
                why += "; registered but not declared: " + describeKeys(undeclared);
            }
            if (!missing.empty()) {
                why += "; declared but not registered: " + describeKeys(missing);
            }
            refuse(c, why + " (everything it had registered was removed again)");
            return;
        }
        registry_.commitPlugin();
        c.status.loaded = true;
        c.status.reason.clear();
        qCDebug(lcPlugins, "loaded %s (%s)", c.status.name.c_str(), c.status.file.c_str());
    };

    std::function<void(Candidate&)> visit = [&](Candidate& c) {
        if (c.visit != Candidate::Visit::New) {
            return;
        }
        c.visit = Candidate::Visit::Active;
        stack.push_back(&c);
        for (const std::string& dep : c.status.depends) {
            if (c.refused) {
                break;  // a cycle through us was found below; nothing more to check
            }
            if (isLoaded(dep)) {
                continue;
            }
            auto it = byName.find(dep);
            if (it != byName.end()) {
                Candidate& d = *it->second;
                if (d.visit == Candidate::Visit::Active) {
                    // A cycle: every plugin on the stack from `d` up to us is part of it.
                    auto from = std::find(stack.begin(), stack.end(), &d);
                    std::string path;
                    for (auto s = from; s != stack.end(); ++s) {
                        path += (*s)->status.name + " -> ";
                    }
                    path += d.status.name;
                    for (auto s = from; s != stack.end(); ++s) {
                        if (!(*s)->refused) {
                            refuse(**s, "dependency cycle: " + path);
                        }
                    }
                    break;
                }
                visit(d);
                if (d.refused && !c.refused) {
                    refuse(c, "depends on plugin " + singleQuoted(dep) + ", which was refused");
                }
                continue;
            }
            const bool refusedBefore =
                std::any_of(plugins_.begin(), plugins_.end(), [&](const PluginStatus& s) { return s.name == dep; });
            if (refusedBefore) {
                refuse(c, "depends on plugin " + singleQuoted(dep) + ", which was refused");
            } else {
                refuse(c, "missing dependency: it needs plugin " + singleQuoted(dep) +
                              ", which is not in the plugin search path");
            }
        }
        stack.pop_back();
        c.visit = Candidate::Visit::Done;
        loadOrder.push_back(&c);
    };

    for (Candidate* c : ordered) {
        visit(*c);
    }

    // 4. Trial loads in a child process, in the same order, of everything not refused
    //    yet; plugins loaded by earlier calls go first where something needs them.
    std::vector<trial::Job> jobs;
    std::map<std::string, std::size_t> jobOfName;
    std::map<const Candidate*, std::size_t> jobOf;
    std::function<void(const std::string&)> addEarlier = [&](const std::string& name) {
        if (jobOfName.count(name)) return;
        const auto it = std::find_if(plugins_.begin(), plugins_.end(),
                                     [&](const PluginStatus& s) { return s.loaded && s.name == name; });
        if (it == plugins_.end()) return;
        const PluginStatus earlier = *it;  // plugins_ does not change here, but keep a copy
        trial::Job job{earlier.file, {}, true};
        for (const std::string& dep : earlier.depends) {
            addEarlier(dep);
            if (auto d = jobOfName.find(dep); d != jobOfName.end()) job.needs.push_back(d->second);
        }
        jobOfName[name] = jobs.size();
        jobs.push_back(std::move(job));
    };
    for (Candidate* c : loadOrder) {
        if (c->refused) continue;
        trial::Job job{c->status.file, {}, false};
        for (const std::string& dep : c->status.depends) {
            addEarlier(dep);
            if (auto d = jobOfName.find(dep); d != jobOfName.end()) job.needs.push_back(d->second);
        }
        jobOfName[c->status.name] = jobs.size();
        jobOf[c] = jobs.size();
        jobs.push_back(std::move(job));
    }

    std::vector<PluginTrial> trials(jobs.size(), PluginTrial{TrialOutcome::Off, 0, {}, 0});
    const double timeout = trialTimeout();
    if (!jobOf.empty()) {
        std::string why;
        const std::string probe = timeout > 0 ? trial::findProbe(executableFolder(), why) : std::string();
        if (timeout <= 0) {
            d_->trialNote = "trial loads are turned off (DEEPSTEP_PLUGIN_PROBE_TIMEOUT=0)";
        } else if (probe.empty()) {
            d_->trialNote = printable(why);
            static std::once_flag warned;
            std::call_once(warned, [&] {
                qCWarning(lcPlugins, "plugins are loaded without a trial run: %s", d_->trialNote.c_str());
            });
        } else {
            const trial::Result result =
                trial::run(jobs, {probe, timeout, lcPlugins().isDebugEnabled()});
            trials = result.trials;
            d_->trialSeconds += result.seconds;
            if (!result.note.empty()) {
                d_->trialNote = printable(result.note);
                qCWarning(lcPlugins, "some plugins are loaded without a trial run: %s", d_->trialNote.c_str());
            }
        }
    }

    // 5. Load for real, in order: a plugin whose dependency was refused on the way (in
    //    its trial or here) is refused too.
    for (Candidate* cp : loadOrder) {
        Candidate& c = *cp;
        if (!c.refused) {
            for (const std::string& dep : c.status.depends) {
                auto it = byName.find(dep);
                if (it != byName.end() && it->second->refused) {
                    refuse(c, "depends on plugin " + singleQuoted(dep) + ", which was refused");
                    break;
                }
            }
        }
        if (auto j = jobOf.find(&c); j != jobOf.end()) {
            c.status.trial = trials[j->second];
        }
        if (!c.refused) {
            const std::string verdict = trialRefusal(c.status.trial, c.status.name);
            if (!verdict.empty()) {
                refuse(c, verdict);
            } else {
                loadOne(c);
            }
        }
        plugins_.push_back(c.status);
        if (c.loader) {
            d_->loaders.push_back(std::move(c.loader));
        }
    }
}

}  // namespace deepstep
