// Labs: the manifest, the bundle, variants, result files, grading (docs/labs.md).

#include "deepstep/lessons/lab.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/digest.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/lessons/progress.hpp"
#include "deepstep/lessons/setting.hpp"
#include "deepstep/stepper.hpp"
#include "pack_reading.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;

namespace deepstep {

using lessons_detail::at;
using lessons_detail::FileCheck;
using lessons_detail::sub;

namespace {

constexpr const char* kManifestFile = "lab.json";
constexpr const char* kSharedPrefix = "\"../../experiments/";
constexpr const char* kSharedFolder = "shared/";

bool isLabId(const std::string& s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

[[noreturn]] void throwProblems(const std::vector<LessonProblem>& problems) {
    std::string text;
    for (const LessonProblem& p : problems)
        text += (text.empty() ? "" : "\n") + p.str();
    throw InputError("", text);
}

// ---- JSON paths: "a.b[0][1].c" ----

struct PathToken {
    std::string key;  ///< empty: an index
    std::size_t index = 0;
};

std::optional<std::vector<PathToken>> parseJsonPath(const std::string& path) {
    std::vector<PathToken> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '[') {
            const std::size_t close = path.find(']', i);
            if (close == std::string::npos || close == i + 1) return std::nullopt;
            const std::string digits = path.substr(i + 1, close - i - 1);
            if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                digits.size() > 9)
                return std::nullopt;
            out.push_back({"", static_cast<std::size_t>(std::stoul(digits))});
            i = close + 1;
            if (i < path.size() && path[i] == '.') ++i;
        } else {
            std::size_t end = i;
            while (end < path.size() && path[end] != '.' && path[end] != '[')
                ++end;
            if (end == i) return std::nullopt;
            out.push_back({path.substr(i, end - i), 0});
            i = end;
            if (i < path.size() && path[i] == '.') ++i;
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

/// The number at `path` in `doc`, or nullptr when the path names nothing or no number.
Json* numberAt(Json& doc, const std::string& path) {
    const auto tokens = parseJsonPath(path);
    if (!tokens) return nullptr;
    Json* node = &doc;
    for (const PathToken& t : *tokens) {
        if (!t.key.empty()) {
            if (!node->is_object() || !node->contains(t.key)) return nullptr;
            node = &(*node)[t.key];
        } else {
            if (!node->is_array() || t.index >= node->size()) return nullptr;
            node = &(*node)[t.index];
        }
    }
    return node->is_number() ? node : nullptr;
}

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string csvCell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string number(double v, int digits = 6) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    return buffer;
}

std::string htmlEscaped(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string bytesToHex(const std::string& bytes) {
    static const char kDigits[] = "0123456789abcdef";
    std::string hex;
    for (const char c : bytes) {
        hex += kDigits[static_cast<unsigned char>(c) >> 4];
        hex += kDigits[static_cast<unsigned char>(c) & 15];
    }
    return hex;
}

bool safeRelativePath(const std::string& p) {
    if (p.empty() || p.size() > 512 || p.front() == '/' || p.find('\\') != std::string::npos ||
        p.find('\0') != std::string::npos)
        return false;
    for (const auto& part : fs::path(p)) {
        if (part == ".." || part == "." || part.empty()) return false;
    }
    return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Manifest

double LabManifest::pointsOf(const std::string& lesson, const std::string& checkpoint) const {
    const auto it = points.find(lesson + "/" + checkpoint);
    return it == points.end() ? defaultPoints : it->second;
}

std::optional<std::int64_t> parseUtcTime(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char z = 0;
    if (text.size() != 20 || std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
        z != 'Z')
        return std::nullopt;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return std::nullopt;
    // Days from the civil date (proleptic Gregorian), without the C library's time zone.
    const int yy = y - (mo <= 2 ? 1 : 0);
    const int era = yy / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
    // A day that does not exist (February 30) comes back as another date: refuse it.
    if (formatUtcTime(days * 86400).substr(0, 10) != text.substr(0, 10)) return std::nullopt;
    return days * 86400 + h * 3600 + mi * 60 + s;
}

std::string formatUtcTime(std::int64_t seconds) {
    std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t rest = seconds - days * 86400;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
    return buffer;
}

bool isValidStudentId(const std::string& id) {
    const auto alphanumeric = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    // At least one letter or digit: "." and ".." would name folders.
    return !id.empty() && id.size() <= 64 && std::any_of(id.begin(), id.end(), alphanumeric) &&
           std::all_of(id.begin(), id.end(), [&](char c) { return alphanumeric(c) || c == '-' || c == '_' || c == '.' || c == '@'; });
}

namespace {

LabManifest readManifest(const Json& doc, const std::string& file, std::vector<LessonProblem>& problems) {
    FileCheck check(problems, file);
    LabManifest m;
    if (!doc.is_object()) {
        check.problem("", "expected a lab manifest object, got " + describeJson(doc));
        return m;
    }
    check.knownKeys(doc, "", {"format", "version", "id", "lab_version", "title", "pack", "lessons", "locked",
                              "variant_seed", "variables", "points", "attempts", "deadline", "late_credit", "key_id"});
    if (const auto f = check.string(doc, "format", "", true); f && *f != "deepstep.lab")
        check.problem("format", "expected \"deepstep.lab\", got " + lessons_detail::inQuotes(*f));
    if (const Json* v = check.field(doc, "version", "", true); v && !(v->is_number_integer() && v->get<int>() == kLabManifestVersion))
        check.problem("version", "expected " + std::to_string(kLabManifestVersion) + ", got " + describeJson(*v));
    if (const auto id = check.string(doc, "id", "", true)) {
        if (isLabId(*id))
            m.id = *id;
        else
            check.problem("id", "expected 1 to 64 letters, digits, '-', '_' or '.', got " + lessons_detail::inQuotes(*id));
    }
    if (const Json* v = check.field(doc, "lab_version", "", false)) {
        if (const auto n = check.limited(*v, "lab_version", 1, 1000000, "")) m.version = static_cast<int>(*n);
    }
    if (const auto t = check.text(doc, "title", "", true)) m.title = *t;
    if (const Json* v = check.field(doc, "lessons", "", true)) {
        m.lessons = check.strings(*v, "lessons");
        if (v->is_array() && v->empty()) check.problem("lessons", "expected at least one lesson id");
    }
    if (const Json* v = check.field(doc, "locked", "", false)) {
        if (!v->is_object()) {
            check.problem("locked", "expected {\"SETTING\": value, …}, got " + describeJson(*v));
        } else {
            for (const auto& [path, value] : v->items()) {
                if (!isLessonSetting(path))
                    check.problem(sub("locked", path), lessonSettingExpected(path));
                else
                    m.locked.emplace_back(path, value);
            }
        }
    }
    if (const Json* v = check.field(doc, "variant_seed", "", false)) {
        if (v->is_boolean())
            m.variantSeed = v->get<bool>();
        else
            check.problem("variant_seed", "expected true or false, got " + describeJson(*v));
    }
    if (const Json* v = check.field(doc, "variables", "", false)) {
        if (!v->is_array() || v->size() > 256) {
            check.problem("variables", "expected a list of at most 256 {\"lesson\", \"path\", \"min\", \"max\", \"step\"}, got " +
                                           describeJson(*v));
        } else {
            for (std::size_t i = 0; i < v->size(); ++i) {
                const Json& e = (*v)[i];
                const std::string place = at("variables", i);
                if (!e.is_object()) {
                    check.problem(place, "expected {\"lesson\", \"path\", \"min\", \"max\", \"step\"}, got " + describeJson(e));
                    continue;
                }
                check.knownKeys(e, place, {"lesson", "path", "min", "max", "step"});
                LabVariable var;
                const auto lesson = check.string(e, "lesson", place, true);
                const auto path = check.string(e, "path", place, true);
                std::optional<double> lo, hi, step;
                const auto finite = [](double) { return true; };
                if (const Json* x = check.field(e, "min", place, true)) lo = check.number(*x, sub(place, "min"), "a number", finite);
                if (const Json* x = check.field(e, "max", place, true)) hi = check.number(*x, sub(place, "max"), "a number", finite);
                if (const Json* x = check.field(e, "step", place, true))
                    step = check.number(*x, sub(place, "step"), "a number above 0", [](double d) { return d > 0; });
                if (path && !parseJsonPath(*path)) check.problem(sub(place, "path"), "expected a path such as model.layers[0].parameters.weight[0][1], got " + lessons_detail::inQuotes(*path));
                if (lo && hi && *hi < *lo) check.problem(sub(place, "max"), "expected at least min (" + number(*lo) + "), got " + number(*hi));
                if (lo && hi && step && (*hi - *lo) / *step > 1e6)
                    check.problem(sub(place, "step"), "expected at most a million values between min and max");
                if (lesson && path && lo && hi && step && *hi >= *lo) {
                    var.lesson = *lesson;
                    var.path = *path;
                    var.min = *lo;
                    var.max = *hi;
                    var.step = *step;
                    m.variables.push_back(var);
                }
            }
        }
    }
    if (const Json* v = check.field(doc, "points", "", false)) {
        if (!v->is_object()) {
            check.problem("points", "expected {\"default\": n, \"LESSON/CHECKPOINT\": n, …}, got " + describeJson(*v));
        } else {
            for (const auto& [key, value] : v->items()) {
                const auto p = check.number(value, sub("points", key), "a number of points from 0 to 1000",
                                            [](double d) { return d >= 0 && d <= 1000; });
                if (!p) continue;
                if (key == "default")
                    m.defaultPoints = *p;
                else
                    m.points[key] = *p;
            }
        }
    }
    if (const Json* v = check.field(doc, "attempts", "", false)) {
        if (const auto n = check.limited(*v, "attempts", 0, 1000, "attempts")) m.attempts = static_cast<int>(*n);
    }
    if (const Json* v = check.field(doc, "deadline", "", false)) {
        const auto t = v->is_string() ? parseUtcTime(v->get<std::string>()) : std::nullopt;
        if (t)
            m.deadline = *t;
        else
            check.problem("deadline", "expected a time in UTC such as \"2026-12-20T23:59:00Z\", got " + describeJson(*v));
    }
    if (const Json* v = check.field(doc, "late_credit", "", false)) {
        if (const auto c = check.number(*v, "late_credit", "a share from 0 to 1", [](double d) { return d >= 0 && d <= 1; }))
            m.lateCredit = *c;
    }
    if (const auto k = check.string(doc, "key_id", "", false)) m.keyId = *k;
    return m;
}

}  // namespace

LabManifest readLabManifest(const Json& doc, const std::string& where) {
    std::vector<LessonProblem> problems;
    LabManifest m = readManifest(doc, where, problems);
    if (!problems.empty()) throwProblems(problems);
    return m;
}

Json labManifestToJson(const LabManifest& m) {
    Json doc{{"format", "deepstep.lab"},
             {"version", kLabManifestVersion},
             {"id", m.id},
             {"lab_version", m.version},
             {"title", {{"en", m.title.en}, {"ko", m.title.ko}}},
             {"lessons", m.lessons},
             {"variant_seed", m.variantSeed},
             {"attempts", m.attempts},
             {"late_credit", m.lateCredit}};
    Json locked = Json::object();
    for (const auto& [path, value] : m.locked)
        locked[path] = value;
    doc["locked"] = locked;
    Json vars = Json::array();
    for (const LabVariable& v : m.variables)
        vars.push_back({{"lesson", v.lesson}, {"path", v.path}, {"min", v.min}, {"max", v.max}, {"step", v.step}});
    doc["variables"] = vars;
    Json points{{"default", m.defaultPoints}};
    for (const auto& [key, p] : m.points)
        points[key] = p;
    doc["points"] = points;
    if (m.deadline) doc["deadline"] = formatUtcTime(*m.deadline);
    if (!m.keyId.empty()) doc["key_id"] = m.keyId;
    return doc;
}

// ---------------------------------------------------------------------------------------------
// Variants

std::uint64_t labVariantSeed(const std::string& labId, const std::string& studentId) {
    std::string message = labId;
    message += '\0';
    message += studentId;
    const Sha256Digest d = sha256(message);
    std::uint64_t seed = 0;
    for (int i = 0; i < 8; ++i)
        seed = seed << 8 | d[static_cast<std::size_t>(i)];
    return seed;
}

std::vector<double> labVariableValues(const LabManifest& manifest, std::uint64_t seed) {
    std::vector<double> values;
    for (std::size_t i = 0; i < manifest.variables.size(); ++i) {
        const LabVariable& v = manifest.variables[i];
        const auto count = static_cast<std::uint64_t>(std::floor((v.max - v.min) / v.step + 1e-9)) + 1;
        const std::uint64_t k = splitmix(seed ^ splitmix(i + 1)) % count;
        // Ten significant digits: 0.1·3 is 0.3, not 0.30000000000000004.
        values.push_back(std::stod(number(v.min + static_cast<double>(k) * v.step, 10)));
    }
    return values;
}

LessonPack labPackFor(const LessonPack& pack, const LabManifest& manifest, std::uint64_t seed) {
    LessonPack out = pack;
    out.lessons.clear();
    const std::vector<double> values = labVariableValues(manifest, seed);
    const auto lock = [&](Json doc, const std::string& where) {
        for (const auto& [path, value] : manifest.locked) {
            try {
                doc = applySetting(doc, path, value);
            } catch (const InputError& e) {
                throw InputError(where, "locked setting " + path + ": " + e.message());
            }
        }
        // The seed fits an experiment's "seed" (a whole number up to 2^31 − 1).
        if (manifest.variantSeed) doc["seed"] = static_cast<std::int64_t>(seed % 2147483647ULL);
        return doc;
    };
    for (const std::string& id : manifest.lessons) {
        const Lesson* found = pack.find(id);
        if (found == nullptr) throw InputError(id, "expected a lesson of pack " + pack.id);
        Lesson lesson = *found;
        if (lesson.experiment) {
            Json doc = lock(*lesson.experiment, lesson.experimentWhere);
            for (std::size_t i = 0; i < manifest.variables.size(); ++i) {
                const LabVariable& v = manifest.variables[i];
                if (v.lesson != id) continue;
                Json* n = numberAt(doc, v.path);
                if (n == nullptr)
                    throw InputError(lesson.experimentWhere + ": " + v.path, "expected a number of the experiment here");
                *n = values[i];
            }
            lesson.experiment = doc;
        }
        for (LessonStep& step : lesson.steps) {
            if (step.experiment) step.experiment = lock(*step.experiment, step.experimentWhere);
        }
        out.lessons.push_back(std::move(lesson));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// The bundle

std::string labContentHash(const LabManifest& manifest, const std::map<std::string, std::string>& files) {
    std::string all = labManifestToJson(manifest).dump();
    for (const auto& [path, content] : files) {
        all += '\0';
        all += path;
        all += '\0';
        all += std::to_string(content.size());
        all += '\0';
        all += content;
    }
    return toHex(sha256(all));
}

namespace {

std::string readWhole(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Every regular file under `root` (relative paths), at most kMaxLabFiles.
std::map<std::string, std::string> packFiles(const fs::path& root, FileCheck& check) {
    std::map<std::string, std::string> files;
    std::uint64_t total = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
        const std::string rel = fs::relative(it->path(), root, ec).generic_string();
        if (rel == kManifestFile || rel.starts_with(".")) continue;
        if (files.size() >= kMaxLabFiles) {
            check.problem("", "expected at most " + std::to_string(kMaxLabFiles) + " files in the pack");
            break;
        }
        total += it->file_size(ec);
        if (total > kMaxLabBundleBytes) {
            check.problem("", "expected at most " + std::to_string(kMaxLabBundleBytes >> 20) + " MiB of files in the pack");
            break;
        }
        files[rel] = readWhole(it->path());
    }
    return files;
}

/// Copies the shared experiments the pack's JSON files name ("../../experiments/X")
/// into shared/ and makes the files name them there.
void bringSharedExperiments(std::map<std::string, std::string>& files, FileCheck& check) {
    std::map<std::string, std::string> shared;
    for (auto& [path, content] : files) {
        if (!path.ends_with(".json")) continue;
        std::size_t pos = 0;
        while ((pos = content.find(kSharedPrefix, pos)) != std::string::npos) {
            const std::size_t start = pos + std::string(kSharedPrefix).size();
            const std::size_t end = content.find('"', start);
            if (end == std::string::npos) break;
            const std::string name = content.substr(start, end - start);
            if (!safeRelativePath(name)) {
                check.problem(path, "expected a shared experiment name, got " + lessons_detail::inQuotes(name));
                pos = end;
                continue;
            }
            bool found = false;
            for (const std::string& folder : lessonExperimentFolders()) {
                const fs::path p = fs::path(folder) / name;
                std::error_code ec;
                if (fs::is_regular_file(p, ec)) {
                    shared[std::string(kSharedFolder) + name] = readWhole(p);
                    found = true;
                    break;
                }
            }
            if (!found) check.problem(path, "names the shared experiment " + name + ", which is in no experiments folder");
            content.replace(pos, end - pos, std::string("\"") + kSharedFolder + name);
            pos += std::string(kSharedFolder).size() + name.size() + 1;
        }
    }
    files.insert(shared.begin(), shared.end());
}

void writePack(const std::map<std::string, std::string>& files, const fs::path& folder) {
    fs::create_directories(folder);
    for (const auto& [path, content] : files) {
        if (!safeRelativePath(path)) throw InputError(path, "expected a relative path inside the lab");
        const fs::path target = folder / path;
        fs::create_directories(target.parent_path());
        writeFileAtomically(target.string(), content);
    }
}

}  // namespace

LabBundle buildLabBundle(const std::string& folder, const Registry& registry, const std::string& key, int sampleSeeds,
                         std::vector<LabProblem>& problems) {
    LabBundle b;
    b.key = key;
    const fs::path root(folder);
    const std::string manifestFile = (root / kManifestFile).string();
    Json doc;
    try {
        doc = readJsonFile(manifestFile);
    } catch (const InputError& e) {
        problems.push_back({manifestFile, "", e.message()});
        return b;
    }
    b.manifest = readManifest(doc, manifestFile, problems);
    // "pack": a pack folder relative to the lab's (default: the lab's own folder).
    fs::path packRoot = root;
    if (doc.is_object() && doc.contains("pack") && doc["pack"].is_string())
        packRoot = (root / doc["pack"].get<std::string>()).lexically_normal();
    for (LessonProblem p : checkLessonPack(packRoot.string(), registry, LessonCheck::Full)) {
        problems.push_back(std::move(p));
    }
    if (!problems.empty()) return b;

    FileCheck files(problems, packRoot.string());
    b.files = packFiles(packRoot, files);
    bringSharedExperiments(b.files, files);
    if (!problems.empty()) return b;
    b.hash = labContentHash(b.manifest, b.files);

    // The pack as the students get it, read back from a scratch folder.
    const fs::path scratch = fs::temp_directory_path() /
                             ("deepstep-lab-" + b.hash.substr(0, 16) + "-" + std::to_string(::getpid()));
    LessonPack pack;
    try {
        pack = unpackLab(b, scratch.string(), registry);
    } catch (const InputError& e) {
        problems.push_back({packRoot.string(), "", e.message()});
    }
    std::error_code ec;
    fs::remove_all(scratch, ec);
    if (!problems.empty()) return b;

    FileCheck check(problems, manifestFile);
    std::set<std::string> lessons;
    for (std::size_t i = 0; i < b.manifest.lessons.size(); ++i) {
        const std::string& id = b.manifest.lessons[i];
        if (pack.find(id) == nullptr)
            check.problem(at("lessons", i), "expected a lesson of pack " + pack.id + ", got " + lessons_detail::inQuotes(id));
        if (!lessons.insert(id).second) check.problem(at("lessons", i), "names lesson " + id + " twice");
    }
    for (const auto& [key, p] : b.manifest.points) {
        const std::size_t slash = key.find('/');
        const Lesson* l = slash == std::string::npos ? nullptr : pack.find(key.substr(0, slash));
        if (l == nullptr || lessons.count(l->id) == 0 || l->findCheckpoint(key.substr(slash + 1)) == nullptr)
            check.problem(sub("points", key), "expected \"LESSON/CHECKPOINT\" of a lesson of the lab");
    }
    for (std::size_t i = 0; i < b.manifest.variables.size(); ++i) {
        const LabVariable& v = b.manifest.variables[i];
        const Lesson* l = pack.find(v.lesson);
        if (lessons.count(v.lesson) == 0 || l == nullptr) {
            check.problem(sub(at("variables", i), "lesson"), "names lesson " + v.lesson + ", which is not in the lab");
            continue;
        }
        Json doc = l->experiment.value_or(Json());
        if (numberAt(doc, v.path) == nullptr)
            check.problem(sub(at("variables", i), "path"), "expected a number of lesson " + v.lesson + "'s experiment, got " +
                                                               lessons_detail::inQuotes(v.path));
    }
    // No lesson may change a locked setting.
    for (const std::string& id : b.manifest.lessons) {
        const Lesson* l = pack.find(id);
        if (l == nullptr) continue;
        for (const LessonStep& step : l->steps) {
            for (const LessonAction& a : step.actions) {
                for (const auto& [path, value] : b.manifest.locked)
                    if (a.kind == LessonAction::Kind::Set && a.path == path)
                        problems.push_back({l->file, a.place, "sets " + path + ", which the lab locks"});
            }
            for (const Checkpoint& cp : step.checkpoints) {
                for (const auto& [path, value] : b.manifest.locked)
                    if (cp.type == Checkpoint::Type::Outcome && cp.set == path)
                        problems.push_back({l->file, cp.place, "asks the student to set " + path + ", which the lab locks"});
            }
        }
    }
    // Problems found in the scratch copy name the pack's own files.
    const auto renamed = [&](std::string text) {
        const std::string from = scratch.string();
        for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos;) {
            text.replace(pos, from.size(), packRoot.string());
            pos += packRoot.string().size();
        }
        return text;
    };
    for (LessonProblem& p : problems) {
        p.file = renamed(p.file);
        p.message = renamed(p.message);
    }
    if (!problems.empty()) return b;
    // Every variant passable: the lessons played with the engine's answers for sample seeds.
    for (int s = 0; s < sampleSeeds; ++s) {
        const std::string student = "sample-" + std::to_string(s + 1);
        const std::uint64_t seed = labVariantSeed(b.manifest.id, student);
        std::vector<LessonProblem> found;
        try {
            const LessonPack variant = labPackFor(pack, b.manifest, seed);
            for (const Lesson& lesson : variant.lessons)
                lessons_detail::playThrough(variant, lesson, registry, found);
        } catch (const InputError& e) {
            found.push_back({manifestFile, "", e.what()});
        }
        for (LessonProblem& p : found) {
            p.file = renamed(p.file);
            p.message = "for the variant of student \"" + student + "\": " + renamed(p.message);
            problems.push_back(std::move(p));
        }
        if (!found.empty()) break;
    }
    return b;
}

Json labBundleToJson(const LabBundle& b) {
    Json files = Json::object();
    for (const auto& [path, content] : b.files)
        files[path] = content;
    return Json{{"format", "deepstep.lab-bundle"},
                {"version", kLabBundleVersion},
                {"manifest", labManifestToJson(b.manifest)},
                {"files", files},
                {"key", bytesToHex(b.key)},
                {"hash", b.hash}};
}

LabBundle labBundleFromJson(const Json& doc, const std::string& where) {
    if (!doc.is_object() || doc.value("format", "") != "deepstep.lab-bundle")
        throw InputError(where, "expected a lab file (format \"deepstep.lab-bundle\"), as `deepstep lab build` writes");
    if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<int>() != kLabBundleVersion)
        throw InputError(where + ": version", "expected " + std::to_string(kLabBundleVersion) + ", got " +
                                                  (doc.contains("version") ? describeJson(doc["version"]) : "nothing"));
    LabBundle b;
    if (!doc.contains("manifest")) throw InputError(where + ": manifest", "required field is missing");
    b.manifest = readLabManifest(doc["manifest"], where + ": manifest");
    if (!doc.contains("files") || !doc["files"].is_object())
        throw InputError(where + ": files", "expected {\"PATH\": \"content\", …}");
    if (doc["files"].size() > kMaxLabFiles)
        throw InputError(where + ": files", "expected at most " + std::to_string(kMaxLabFiles) + " files");
    for (const auto& [path, content] : doc["files"].items()) {
        if (!safeRelativePath(path))
            throw InputError(where + ": files", "expected relative paths inside the lab, got " + lessons_detail::inQuotes(path));
        if (!content.is_string()) throw InputError(where + ": files." + path, "expected the file's text");
        b.files[path] = content.get<std::string>();
    }
    const std::string keyHex = doc.value("key", "");
    b.key = fromHex(keyHex);
    if (b.key.size() < 16) throw InputError(where + ": key", "expected at least 16 bytes in hexadecimal");
    b.hash = doc.value("hash", "");
    if (b.hash != labContentHash(b.manifest, b.files))
        throw InputError(where + ": hash",
                         "expected the hash of the lab's content; the lab was changed after `deepstep lab build` wrote it");
    return b;
}

void writeLabBundle(const std::string& path, const LabBundle& bundle) {
    writeFileAtomically(path, labBundleToJson(bundle).dump(1) + "\n");
}

LabBundle readLabBundle(const std::string& path) { return labBundleFromJson(readJsonFile(path), path); }

LessonPack unpackLab(const LabBundle& bundle, const std::string& folder, const Registry& registry) {
    writePack(bundle.files, fs::path(folder));
    return loadLessonPack(folder, registry, LessonCheck::Structure);
}

// ---------------------------------------------------------------------------------------------
// Results

LabCheckpointResult& LabResult::checkpoint(const std::string& lesson, const std::string& id) {
    for (LabCheckpointResult& c : checkpoints)
        if (c.lesson == lesson && c.checkpoint == id) return c;
    checkpoints.push_back({lesson, id, {}});
    return checkpoints.back();
}

Json labResultToJson(const LabResult& r, bool withMac) {
    Json cps = Json::array();
    for (const LabCheckpointResult& c : r.checkpoints) {
        Json answers = Json::array();
        for (const LabAnswer& a : c.answers)
            answers.push_back({{"value", a.value}, {"at", formatUtcTime(a.at)}, {"correct", a.correct}});
        cps.push_back({{"lesson", c.lesson}, {"checkpoint", c.checkpoint}, {"answers", answers}});
    }
    Json doc{{"format", "deepstep.lab-result"},
             {"version", kLabResultVersion},
             {"lab", {{"id", r.labId}, {"version", r.labVersion}, {"hash", r.labHash}, {"key_id", r.keyId}}},
             {"student", r.student},
             {"seed", std::to_string(r.seed)},
             {"app", r.app},
             {"started", formatUtcTime(r.started)},
             {"submitted", r.submitted > 0 ? Json(formatUtcTime(r.submitted)) : Json()},
             {"checkpoints", cps}};
    if (withMac) doc["mac"] = r.mac;
    return doc;
}

LabResult labResultFromJson(const Json& doc, const std::string& where) {
    const auto fail = [&](const std::string& path, const std::string& what) -> void {
        throw InputError(where + (path.empty() ? "" : ": " + path), what);
    };
    if (!doc.is_object() || doc.value("format", "") != "deepstep.lab-result")
        fail("", "expected a lab result (format \"deepstep.lab-result\"), as `deepstep lab submit` writes");
    if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<int>() != kLabResultVersion)
        fail("version", "expected " + std::to_string(kLabResultVersion));
    LabResult r;
    const auto text = [&](const Json& obj, const std::string& key, const std::string& path) {
        if (!obj.is_object() || !obj.contains(key) || !obj[key].is_string()) fail(path, "expected a string");
        return obj[key].get<std::string>();
    };
    const auto time = [&](const Json& obj, const std::string& key, const std::string& path) -> std::int64_t {
        const auto t = parseUtcTime(text(obj, key, path));
        if (!t) fail(path, "expected a time in UTC such as \"2026-12-20T23:59:00Z\"");
        return *t;
    };
    if (!doc.contains("lab") || !doc["lab"].is_object()) fail("lab", "expected {\"id\", \"version\", \"hash\"}");
    const Json& lab = doc["lab"];
    r.labId = text(lab, "id", "lab.id");
    if (!lab.contains("version") || !lab["version"].is_number_integer()) fail("lab.version", "expected a whole number");
    r.labVersion = lab["version"].get<int>();
    r.labHash = text(lab, "hash", "lab.hash");
    r.keyId = lab.contains("key_id") ? text(lab, "key_id", "lab.key_id") : std::string();
    r.student = text(doc, "student", "student");
    if (!isValidStudentId(r.student)) fail("student", "expected 1 to 64 letters, digits and \".-_@\"");
    const std::string seed = text(doc, "seed", "seed");
    if (seed.empty() || seed.size() > 20 || !std::all_of(seed.begin(), seed.end(), [](char c) { return c >= '0' && c <= '9'; }))
        fail("seed", "expected a whole number in a string");
    r.seed = std::stoull(seed);
    r.app = text(doc, "app", "app");
    r.started = time(doc, "started", "started");
    if (doc.contains("submitted") && !doc["submitted"].is_null()) r.submitted = time(doc, "submitted", "submitted");
    if (!doc.contains("checkpoints") || !doc["checkpoints"].is_array()) fail("checkpoints", "expected a list");
    const Json& cps = doc["checkpoints"];
    if (cps.size() > kMaxLabFiles) fail("checkpoints", "expected at most " + std::to_string(kMaxLabFiles));
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const std::string place = "checkpoints[" + std::to_string(i) + "]";
        LabCheckpointResult c;
        c.lesson = text(cps[i], "lesson", place + ".lesson");
        c.checkpoint = text(cps[i], "checkpoint", place + ".checkpoint");
        if (!cps[i].contains("answers") || !cps[i]["answers"].is_array()) fail(place + ".answers", "expected a list");
        const Json& answers = cps[i]["answers"];
        if (answers.size() > kMaxLabAnswers) fail(place + ".answers", "expected at most " + std::to_string(kMaxLabAnswers));
        for (std::size_t k = 0; k < answers.size(); ++k) {
            const std::string ap = place + ".answers[" + std::to_string(k) + "]";
            if (!answers[k].is_object() || !answers[k].contains("value") || !answers[k]["value"].is_number())
                fail(ap + ".value", "expected a number");
            LabAnswer a;
            a.value = answers[k]["value"];
            a.at = time(answers[k], "at", ap + ".at");
            if (!answers[k].contains("correct") || !answers[k]["correct"].is_boolean()) fail(ap + ".correct", "expected true or false");
            a.correct = answers[k]["correct"].get<bool>();
            c.answers.push_back(std::move(a));
        }
        r.checkpoints.push_back(std::move(c));
    }
    r.mac = doc.value("mac", "");
    return r;
}

std::string labKeyFingerprint(const std::string& key) { return toHex(sha256(key)).substr(0, 16); }

std::int64_t utcNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string labWorkFolder(const LabBundle& bundle) {
    return (fs::path(userDataFolder()) / "labs" / (bundle.manifest.id + "-" + bundle.hash.substr(0, 12))).string();
}

LabResult loadLabProgress(const LabBundle& bundle, const std::string& student, const std::string& app) {
    const fs::path file = fs::path(labWorkFolder(bundle)) / (student + ".json");
    std::error_code ec;
    if (fs::exists(file, ec)) {
        LabResult r = labResultFromJson(readJsonFile(file.string()), file.string());
        if (r.labHash == bundle.hash && r.student == student) {
            r.keyId = labKeyFingerprint(bundle.key);  // the key of the lab file in hand signs it
            return r;
        }
    }
    LabResult r;
    r.labId = bundle.manifest.id;
    r.labVersion = bundle.manifest.version;
    r.labHash = bundle.hash;
    r.keyId = labKeyFingerprint(bundle.key);
    r.student = student;
    r.seed = labVariantSeed(bundle.manifest.id, student);
    r.app = app;
    r.started = utcNow();
    return r;
}

void saveLabProgress(const LabBundle& bundle, const LabResult& result) {
    const fs::path folder(labWorkFolder(bundle));
    fs::create_directories(folder);
    writeFileAtomically((folder / (result.student + ".json")).string(), labResultToJson(result, false).dump(1) + "\n");
}

std::string submitLabResult(const LabBundle& bundle, LabResult& result) {
    if (result.submitted == 0) result.submitted = utcNow();
    result.mac = labResultMac(result, bundle.key);
    return labResultToJson(result).dump(1) + "\n";
}

std::string labResultMac(const LabResult& result, const std::string& key) {
    return toHex(hmacSha256(key, labResultToJson(result, false).dump()));
}

namespace {

/// Plays every lesson of `variant` and calls `visit` at each checkpoint, in its step.
void forEachCheckpoint(const LessonPack& variant, const Registry& registry,
                       const std::function<void(LessonPlayer&, const Lesson&, const Checkpoint&)>& visit) {
    for (const Lesson& lesson : variant.lessons) {
        Stepper stepper(registry);
        LessonPlayer player(variant, lesson, stepper, registry);
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            if (i == 0)
                player.start();
            else
                player.next();
            for (const Checkpoint& cp : lesson.steps[i].checkpoints)
                visit(player, lesson, cp);
        }
    }
}

}  // namespace

std::vector<LabKeyEntry> labAnswerKey(const LessonPack& variant, const Registry& registry) {
    std::vector<LabKeyEntry> key;
    forEachCheckpoint(variant, registry, [&](LessonPlayer& player, const Lesson& lesson, const Checkpoint& cp) {
        key.push_back({lesson.id, cp.id, cp.type == Checkpoint::Type::Outcome ? cp.exampleAnswer : player.expectedAnswer(cp)});
    });
    return key;
}

// ---------------------------------------------------------------------------------------------
// Grading

std::vector<const GradedResult*> LabGrades::students() const {
    std::vector<const GradedResult*> out;
    for (const GradedResult& r : results)
        if (r.status == GradedResult::Status::Valid) out.push_back(&r);
    std::sort(out.begin(), out.end(), [](const GradedResult* a, const GradedResult* b) { return a->student < b->student; });
    return out;
}

bool LabGrades::allValid() const {
    return std::all_of(results.begin(), results.end(), [](const GradedResult& r) {
        return r.status == GradedResult::Status::Valid || r.status == GradedResult::Status::Superseded;
    });
}

LabGrades gradeLab(const LabBundle& bundle, const LessonPack& pack, const std::vector<std::string>& resultFiles,
                   const Registry& registry) {
    const LabManifest& m = bundle.manifest;
    LabGrades grades;
    for (const std::string& id : m.lessons) {
        if (const Lesson* l = pack.find(id))
            for (const LessonStep& s : l->steps)
                for (const Checkpoint& cp : s.checkpoints)
                    grades.maxScore += m.pointsOf(id, cp.id);
    }
    for (const std::string& file : resultFiles) {
        GradedResult g;
        g.file = file;
        g.maxScore = grades.maxScore;
        LabResult r;
        try {
            r = labResultFromJson(readJsonFile(file), file);
        } catch (const InputError& e) {
            std::string what = e.what();
            if (what.starts_with(file + ": ")) what = what.substr(file.size() + 2);
            g.problem = what;
            grades.results.push_back(std::move(g));
            continue;
        }
        g.student = r.student;
        g.seed = r.seed;
        g.submitted = r.submitted;
        if (r.labId != m.id || r.labVersion != m.version || r.labHash != bundle.hash) {
            g.status = GradedResult::Status::OtherLab;
            g.problem = "made for lab " + r.labId + " version " + std::to_string(r.labVersion) + " (content " +
                        r.labHash.substr(0, 12) + "), not for " + m.id + " version " + std::to_string(m.version) +
                        " (content " + bundle.hash.substr(0, 12) + ")";
        } else if (r.keyId != labKeyFingerprint(bundle.key)) {
            g.status = GradedResult::Status::OtherLab;
            g.problem = "signed with another key (key " + r.keyId + ", this lab file's is " +
                        labKeyFingerprint(bundle.key) + "): the student had a lab file from another `lab build`; "
                        "grade with that file, or build with the same --key-file";
        } else if (r.mac != labResultMac(r, bundle.key)) {
            g.status = GradedResult::Status::Tampered;
            g.problem = "the MAC does not match the content: the file was changed after it was submitted";
        } else if (r.seed != labVariantSeed(m.id, r.student)) {
            g.status = GradedResult::Status::Tampered;
            g.problem = "the seed is not the one of student " + r.student;
        } else if (r.submitted == 0) {
            g.status = GradedResult::Status::Tampered;
            g.problem = "the result was never submitted";
        } else {
            g.status = GradedResult::Status::Valid;
        }
        if (g.status != GradedResult::Status::Valid) {
            grades.results.push_back(std::move(g));
            continue;
        }
        g.late = m.deadline && r.submitted > *m.deadline;
        const double credit = g.late ? m.lateCredit : 1.0;
        try {
            const LessonPack variant = labPackFor(pack, m, r.seed);
            forEachCheckpoint(variant, registry, [&](LessonPlayer& player, const Lesson& lesson, const Checkpoint& cp) {
                GradedCheckpoint gc;
                gc.lesson = lesson.id;
                gc.checkpoint = cp.id;
                gc.maxPoints = m.pointsOf(lesson.id, cp.id);
                for (const LabCheckpointResult& c : r.checkpoints) {
                    if (c.lesson != lesson.id || c.checkpoint != cp.id) continue;
                    gc.attempts = static_cast<int>(c.answers.size());
                    for (std::size_t k = 0; k < c.answers.size(); ++k) {
                        const bool right = player.check(cp, c.answers[k].value).correct;
                        if (right != c.answers[k].correct) gc.claimsDiffer = true;
                        if (k == 0) gc.firstTry = right;
                        const bool counted = m.attempts == 0 || k < static_cast<std::size_t>(m.attempts);
                        if (right && counted) gc.correct = true;
                    }
                }
                gc.points = gc.correct ? gc.maxPoints * credit : 0.0;
                g.score += gc.points;
                g.checkpoints.push_back(gc);
            });
        } catch (const InputError& e) {
            g.status = GradedResult::Status::Unreadable;
            g.problem = std::string("could not be graded: ") + e.what();
        }
        grades.results.push_back(std::move(g));
    }
    // One result per student: the latest submitted counts.
    std::map<std::string, std::size_t> latest;
    for (std::size_t i = 0; i < grades.results.size(); ++i) {
        const GradedResult& r = grades.results[i];
        if (r.status != GradedResult::Status::Valid) continue;
        const auto it = latest.find(r.student);
        if (it == latest.end()) {
            latest[r.student] = i;
            continue;
        }
        GradedResult& other = grades.results[it->second];
        const bool newer = r.submitted > other.submitted;
        GradedResult& older = newer ? other : grades.results[i];
        const GradedResult& kept = newer ? r : other;
        older.status = GradedResult::Status::Superseded;
        older.problem = "an earlier submission of " + kept.student + "; the one submitted at " +
                        formatUtcTime(kept.submitted) + " (" + kept.file + ") counts";
        if (newer) latest[r.student] = i;
    }
    return grades;
}

// ---------------------------------------------------------------------------------------------
// Outputs

namespace {

const char* statusName(GradedResult::Status s) {
    switch (s) {
        case GradedResult::Status::Valid: return "valid";
        case GradedResult::Status::Tampered: return "tampered";
        case GradedResult::Status::OtherLab: return "other lab";
        case GradedResult::Status::Unreadable: return "unreadable";
        case GradedResult::Status::Superseded: return "superseded";
    }
    return "";
}

}  // namespace

LabClassSummary labClassSummary(const LabGrades& grades) {
    LabClassSummary sum;
    const std::vector<const GradedResult*> students = grades.students();
    for (const GradedResult* r : students) {
        sum.percents.push_back(r->maxScore > 0 ? 100.0 * r->score / r->maxScore : 0.0);
        sum.late += r->late ? 1 : 0;
    }
    for (const GradedResult& r : grades.results)
        sum.invalid += r.status == GradedResult::Status::Valid || r.status == GradedResult::Status::Superseded ? 0 : 1;
    if (students.empty()) return sum;
    std::vector<double> sorted = sum.percents;
    std::sort(sorted.begin(), sorted.end());
    for (double p : sorted)
        sum.mean += p;
    sum.mean /= static_cast<double>(sorted.size());
    sum.median = sorted.size() % 2 == 1 ? sorted[sorted.size() / 2]
                                        : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2.0;
    const double n = static_cast<double>(students.size());
    for (std::size_t k = 0; k < students.front()->checkpoints.size(); ++k) {
        const GradedCheckpoint& first = students.front()->checkpoints[k];
        LabClassSummary::Question q{first.lesson, first.checkpoint, first.maxPoints, 0.0, 0.0, 0.0};
        for (const GradedResult* r : students) {
            if (k >= r->checkpoints.size()) continue;
            q.right += r->checkpoints[k].correct ? 1.0 : 0.0;
            q.firstTry += r->checkpoints[k].firstTry ? 1.0 : 0.0;
            q.answers += r->checkpoints[k].attempts;
        }
        q.right /= n;
        q.firstTry /= n;
        q.answers /= n;
        sum.questions.push_back(q);
    }
    return sum;
}

std::string labGradesCsv(const LabGrades& grades) {
    const std::vector<const GradedResult*> students = grades.students();
    std::vector<std::string> columns;
    if (!students.empty())
        for (const GradedCheckpoint& c : students.front()->checkpoints)
            columns.push_back(c.lesson + "/" + c.checkpoint);
    std::string out = "student,score,max_score,percent,late,submitted,status,file,claims_differ";
    for (const std::string& c : columns)
        out += "," + csvCell(c);
    out += "\n";
    for (const GradedResult* r : students) {
        out += csvCell(r->student) + "," + number(r->score) + "," + number(r->maxScore) + "," +
               number(r->maxScore > 0 ? 100.0 * r->score / r->maxScore : 0.0, 4) + "," + (r->late ? "yes" : "no") + "," +
               formatUtcTime(r->submitted) + ",valid," + csvCell(r->file);
        out += "," + std::to_string(std::count_if(r->checkpoints.begin(), r->checkpoints.end(),
                                                  [](const GradedCheckpoint& c) { return c.claimsDiffer; }));
        for (const GradedCheckpoint& c : r->checkpoints)
            out += "," + number(c.points);
        out += "\n";
    }
    for (const GradedResult& r : grades.results) {
        if (r.status == GradedResult::Status::Valid) continue;
        out += csvCell(r.student) + ",,,,,," + statusName(r.status) + "," + csvCell(r.file) + ",\n";
    }
    return out;
}

Json labGradescopeResult(const GradedResult& r) {
    Json tests = Json::array();
    for (const GradedCheckpoint& c : r.checkpoints) {
        tests.push_back({{"name", c.lesson + "/" + c.checkpoint},
                         {"score", c.points},
                         {"max_score", c.maxPoints},
                         {"status", c.correct ? "passed" : "failed"},
                         {"output", "answers: " + std::to_string(c.attempts) + (c.firstTry ? ", right on the first try" : "")}});
    }
    Json doc{{"score", r.score}, {"max_score", r.maxScore}, {"tests", tests}};
    if (r.late) doc["output"] = "Submitted after the deadline at " + formatUtcTime(r.submitted) + ".";
    return doc;
}

std::string labReportHtml(const LabBundle& bundle, const LabGrades& grades, const std::string& language) {
    const bool ko = language == "ko";
    const auto t = [ko](const char* en, const char* k) { return std::string(ko ? k : en); };
    const std::vector<const GradedResult*> students = grades.students();
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(ko ? "ko" : "en") +
                    "\"><head><meta charset=\"utf-8\"><title>" +
                    htmlEscaped(ko ? bundle.manifest.title.ko : bundle.manifest.title.en) +
                    "</title><style>body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}"
                    "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 8px;text-align:right}"
                    "td:first-child,th:first-child{text-align:left}.bar{fill:#3b76b0}.bad{color:#b00020}</style></head><body>\n";
    h += "<h1>" + htmlEscaped(ko ? bundle.manifest.title.ko : bundle.manifest.title.en) + "</h1>\n";
    h += "<p>" + t("Lab", "실습") + " " + htmlEscaped(bundle.manifest.id) + " " + t("version", "버전") + " " +
         std::to_string(bundle.manifest.version) + " · " + t("content", "내용") + " " + bundle.hash.substr(0, 12);
    if (bundle.manifest.deadline) h += " · " + t("deadline", "마감") + " " + formatUtcTime(*bundle.manifest.deadline);
    h += "</p>\n";
    // Summary.
    const LabClassSummary sum = labClassSummary(grades);
    const std::vector<double>& percents = sum.percents;
    const double mean = sum.mean;
    const double median = sum.median;
    const std::size_t late = sum.late;
    const std::size_t invalid = sum.invalid;
    h += "<h2>" + t("Summary", "요약") + "</h2>\n<table>";
    h += "<tr><td>" + t("Students graded", "채점한 학생") + "</td><td>" + std::to_string(students.size()) + "</td></tr>";
    h += "<tr><td>" + t("Files read", "읽은 파일") + "</td><td>" + std::to_string(grades.results.size()) + "</td></tr>";
    h += "<tr><td>" + t("Mean score", "평균 점수") + "</td><td>" + number(mean, 3) + " %</td></tr>";
    h += "<tr><td>" + t("Median score", "중앙값") + "</td><td>" + number(median, 3) + " %</td></tr>";
    h += "<tr><td>" + t("Late", "늦게 낸 학생") + "</td><td>" + std::to_string(late) + "</td></tr>";
    h += "<tr><td>" + t("Invalid files", "잘못된 파일") + "</td><td>" + std::to_string(invalid) + "</td></tr></table>\n";
    // Histogram of scores: ten bins of 10 %.
    int bins[10] = {};
    for (double p : percents)
        ++bins[std::clamp(static_cast<int>(p / 10.0), 0, 9)];
    const int most = std::max(1, *std::max_element(bins, bins + 10));
    h += "<h2>" + t("Scores", "점수 분포") + "</h2>\n<svg width=\"520\" height=\"200\" role=\"img\">";
    for (int b = 0; b < 10; ++b) {
        const int height = 150 * bins[b] / most;
        h += "<rect class=\"bar\" x=\"" + std::to_string(20 + b * 50) + "\" y=\"" + std::to_string(160 - height) +
             "\" width=\"44\" height=\"" + std::to_string(height) + "\"><title>" + std::to_string(bins[b]) + "</title></rect>";
        h += "<text x=\"" + std::to_string(42 + b * 50) + "\" y=\"" + std::to_string(155 - height) +
             "\" font-size=\"11\" text-anchor=\"middle\">" + std::to_string(bins[b]) + "</text>";
        h += "<text x=\"" + std::to_string(42 + b * 50) + "\" y=\"178\" font-size=\"11\" text-anchor=\"middle\">" +
             std::to_string(b * 10) + (b == 9 ? "–100" : "–" + std::to_string(b * 10 + 9)) + "</text>";
    }
    h += "<text x=\"260\" y=\"196\" font-size=\"11\" text-anchor=\"middle\">% " + t("of the points", "득점률") + "</text></svg>\n";
    // Checkpoints: how many got each right, and on the first try.
    h += "<h2>" + t("Checkpoints", "체크포인트") + "</h2>\n<table><tr><th>" + t("checkpoint", "체크포인트") + "</th><th>" +
         t("points", "배점") + "</th><th>" + t("right", "정답") + "</th><th>" + t("right on the first try", "첫 시도 정답") +
         "</th><th>" + t("answers per student", "학생당 답 수") + "</th><th></th></tr>";
    for (const LabClassSummary::Question& q : sum.questions) {
        h += "<tr><td>" + htmlEscaped(q.lesson + "/" + q.checkpoint) + "</td><td>" + number(q.points) + "</td><td>" +
             number(100.0 * q.right, 3) + " %</td><td>" + number(100.0 * q.firstTry, 3) + " %</td><td>" +
             number(q.answers, 3) + "</td><td><svg width=\"120\" height=\"12\">"
             "<rect class=\"bar\" x=\"0\" y=\"1\" height=\"10\" width=\"" +
             std::to_string(static_cast<int>(120 * q.right)) + "\"/></svg></td></tr>";
    }
    h += "</table>\n";
    // Students.
    h += "<h2>" + t("Students", "학생") + "</h2>\n<table><tr><th>" + t("student", "학생") + "</th><th>" + t("score", "점수") +
         "</th><th>%</th><th>" + t("submitted (UTC)", "제출 (UTC)") + "</th><th>" + t("late", "지각") + "</th><th>" +
         t("answers marked right that are wrong", "맞았다고 표시됐지만 틀린 답") + "</th></tr>";
    for (const GradedResult* r : students) {
        const auto flagged = std::count_if(r->checkpoints.begin(), r->checkpoints.end(),
                                           [](const GradedCheckpoint& c) { return c.claimsDiffer; });
        h += "<tr><td>" + htmlEscaped(r->student) + "</td><td>" + number(r->score) + " / " + number(r->maxScore) + "</td><td>" +
             number(r->maxScore > 0 ? 100.0 * r->score / r->maxScore : 0.0, 3) + "</td><td>" + formatUtcTime(r->submitted) +
             "</td><td>" + (r->late ? t("late", "지각") : "") + "</td><td class=\"bad\">" +
             (flagged > 0 ? std::to_string(flagged) : "") + "</td></tr>";
    }
    h += "</table>\n";
    // Files that do not count.
    h += "<h2>" + t("Files that do not count", "반영하지 않은 파일") + "</h2>\n";
    bool any = false;
    std::string rows = "<table><tr><th>" + t("file", "파일") + "</th><th>" + t("student", "학생") + "</th><th>" +
                       t("why", "이유") + "</th></tr>";
    for (const GradedResult& r : grades.results) {
        if (r.status == GradedResult::Status::Valid) continue;
        any = true;
        const char* why = r.status == GradedResult::Status::Tampered     ? (ko ? "변조됨" : "tampered")
                          : r.status == GradedResult::Status::OtherLab   ? (ko ? "다른 실습" : "another lab")
                          : r.status == GradedResult::Status::Superseded ? (ko ? "나중 제출로 대체됨" : "superseded")
                                                                         : (ko ? "읽을 수 없음" : "unreadable");
        rows += "<tr><td>" + htmlEscaped(r.file) + "</td><td>" + htmlEscaped(r.student) + "</td><td class=\"" +
                (r.status == GradedResult::Status::Superseded ? "" : "bad") + "\">" + why + ": " + htmlEscaped(r.problem) +
                "</td></tr>";
    }
    h += any ? rows + "</table>\n" : "<p>" + t("None.", "없습니다.") + "</p>\n";
    h += "</body></html>\n";
    return h;
}

}  // namespace deepstep
