#pragma once
// Reading a lesson pack, shared by the sources that do it (private to the library):
// JSON paths, the problems of one file, and the pack being read.

#include "deepstep/lessons/lesson.hpp"
#include "deepstep/options.hpp"
#include "deepstep/registry.hpp"
#include "wording.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace deepstep::lessons_detail {

inline std::string sub(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

inline std::string at(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

inline bool isId(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

inline std::string joined(const std::string& folder, const std::string& relative) {
    return (std::filesystem::path(folder) / relative).lexically_normal().string();
}

/// The problems of one file, with helpers that check a field and report what was expected.
class FileCheck {
public:
    FileCheck(std::vector<LessonProblem>& problems, std::string file) : problems_(problems), file_(std::move(file)) {}

    const std::string& file() const { return file_; }

    void problem(const std::string& path, const std::string& message) { problems_.push_back({file_, path, message}); }

    /// Reports keys of `obj` not in `allowed`.
    void knownKeys(const Json& obj, const std::string& path, const std::vector<std::string>& allowed) {
        for (const auto& [key, value] : obj.items())
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
                problem(sub(path, key), "unknown field (expected one of " + listed(allowed) + ")");
    }

    const Json* field(const Json& obj, const std::string& key, const std::string& path, bool required,
                      const std::string& missingNote = {}) {
        if (obj.is_object() && obj.contains(key)) return &obj[key];
        if (required)
            problem(sub(path, key),
                    "required field is missing" + (missingNote.empty() ? "" : " (" + missingNote + ")"));
        return nullptr;
    }

    std::optional<std::string> string(const Json& obj, const std::string& key, const std::string& path, bool required,
                                      const std::string& missingNote = {}) {
        const Json* v = field(obj, key, path, required, missingNote);
        if (v == nullptr) return std::nullopt;
        if (!v->is_string() || v->get<std::string>().empty()) {
            problem(sub(path, key), "expected a non-empty string, got " + describeJson(*v));
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<std::string> id(const Json& obj, const std::string& path) {
        auto s = string(obj, "id", path, true);
        if (s && !isId(*s)) {
            problem(sub(path, "id"), "expected an id of letters, digits, '-' and '_', got " + inQuotes(*s));
            return std::nullopt;
        }
        return s;
    }

    /// {"en": "...", "ko": "..."}, both non-empty.
    std::optional<Text> text(const Json& v, const std::string& path) {
        if (!v.is_object()) {
            problem(path, "expected {\"en\": …, \"ko\": …}, got " + describeJson(v));
            return std::nullopt;
        }
        knownKeys(v, path, {"en", "ko"});
        const auto en = string(v, "en", path, true, "every text needs en and ko");
        const auto ko = string(v, "ko", path, true, "every text needs en and ko");
        if (!en || !ko) return std::nullopt;
        return Text{*en, *ko};
    }

    std::optional<Text> text(const Json& obj, const std::string& key, const std::string& path, bool required) {
        const Json* v = field(obj, key, path, required);
        return v == nullptr ? std::nullopt : text(*v, sub(path, key));
    }

    /// A list of texts; at least `min` of them.
    std::vector<Text> texts(const Json& v, const std::string& path, std::size_t min, const std::string& what) {
        std::vector<Text> out;
        if (!v.is_array() || v.size() < min) {
            problem(path, "expected a list of at least " + std::to_string(min) + " " + what +
                              " {\"en\": …, \"ko\": …}, got " + describeJson(v));
            return out;
        }
        for (std::size_t i = 0; i < v.size(); ++i)
            if (auto t = text(v[i], at(path, i))) out.push_back(*t);
        return out;
    }

    std::optional<double> number(const Json& v, const std::string& path, const std::string& expectation,
                                 const std::function<bool(double)>& ok) {
        if (!v.is_number() || !std::isfinite(v.get<double>()) || !ok(v.get<double>())) {
            problem(path, "expected " + expectation + ", got " + describeJson(v));
            return std::nullopt;
        }
        return v.get<double>();
    }

    std::optional<long long> integer(const Json& v, const std::string& path, long long min) {
        if (!v.is_number_integer() || v.get<long long>() < min) {
            problem(path, "expected a whole number >= " + std::to_string(min) + ", got " + describeJson(v));
            return std::nullopt;
        }
        return v.get<long long>();
    }

    /// A whole number in [min, max]; above max the problem names the lesson budget
    /// (`what`: "epochs", "iterations").
    std::optional<long long> limited(const Json& v, const std::string& path, long long min, long long max,
                                     const std::string& what) {
        const auto n = integer(v, path, min);
        if (n && *n > max) {
            problem(path, "expected at most " + std::to_string(max) + " " + what +
                              " (the training budget of a lesson), got " + std::to_string(*n));
            return std::nullopt;
        }
        return n;
    }

    std::vector<std::string> strings(const Json& v, const std::string& path) {
        std::vector<std::string> out;
        if (!v.is_array()) {
            problem(path, "expected a list of strings, got " + describeJson(v));
            return out;
        }
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string() || v[i].get<std::string>().empty())
                problem(at(path, i), "expected a non-empty string, got " + describeJson(v[i]));
            else
                out.push_back(v[i].get<std::string>());
        }
        return out;
    }

private:
    std::vector<LessonProblem>& problems_;
    std::string file_;
};

/// True when `file` is `root` or lies under it; both canonical (symlinks resolved).
bool isInside(const std::filesystem::path& file, const std::filesystem::path& root);

/// The folders the files of the pack in `folder` may resolve to: the pack folder and
/// the shared experiments folders that exist, canonical.
std::vector<std::filesystem::path> packRoots(const std::string& folder);

/// The pack being read: its folder, the registry, and experiments already built.
struct PackReader {
    std::string folder;
    const Registry& registry;
    std::vector<LessonProblem>& problems;
    /// packRoots(folder): where every file the pack names must resolve to.
    std::vector<std::filesystem::path> roots;
    /// Experiment files already read, by joined path: the document, or nullopt when
    /// it is broken (reported once).
    std::map<std::string, std::optional<Json>> experimentFiles;
    /// How many "experiment" fields named something unusable. A broken file is reported
    /// once, but every lesson that uses it must be left out of the play-through.
    std::size_t unusableExperiments = 0;

    /// The file `relative` (to the pack folder) that the field at `path` names: its
    /// canonical path when it resolves, symlinks followed, to a regular file inside
    /// `roots`. Otherwise a problem naming `what` ("lesson file") and nullopt: absolute
    /// paths, paths leading outside, symlink loops, missing and special files. Nothing
    /// is opened.
    std::optional<std::string> locate(const std::string& relative, FileCheck& check, const std::string& path,
                                      const std::string& what);
    /// Reads the JSON file `resolved` (from locate()); errors name `shown` (the pack
    /// folder joined with the name in the pack) instead. A problem (and nullopt) when it
    /// cannot be read.
    std::optional<Json> readJson(const std::string& resolved, const std::string& shown);
    /// Builds `doc` through the registry; reports problems under `file`: `base`.
    bool build(const Json& doc, FileCheck& check, const std::string& base);
    /// An "experiment" field: a file relative to the pack folder, or an inline object.
    /// Returns the document and sets `where` to the place errors should name.
    std::optional<Json> experiment(const Json& v, FileCheck& check, const std::string& path, std::string& where);
    /// A Markdown file relative to the pack folder: read, non-empty.
    std::string markdown(const Json& v, FileCheck& check, const std::string& path);

private:
    std::optional<Json> readExperiment(const Json& v, FileCheck& check, const std::string& path, std::string& where);
};

/// Reads the lesson file `relative` (to the pack folder), reporting every problem it
/// finds; nullopt when it holds no lesson object (unreadable JSON, or not an object).
/// `resolved` is its path from PackReader::locate.
std::optional<Lesson> readLesson(PackReader& reader, const std::string& relative, const std::string& resolved);

/// The text of the regular file `file`, at most `maxBytes` long.
/// throws InputError(file, …) for a special file, a file over the limit or a read error.
std::string readTextFile(const std::string& file, std::uint64_t maxBytes);

/// Plays `lesson` through, reporting what cannot be done or found at its step under
/// the lesson's file.
void playThrough(const LessonPack& pack, const Lesson& lesson, const Registry& registry,
                 std::vector<LessonProblem>& problems);

}  // namespace deepstep::lessons_detail
