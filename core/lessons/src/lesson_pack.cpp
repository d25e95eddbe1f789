// Reading and checking lesson packs, and finding packs on disk.
//
// The reader never stops at the first problem: every field it can check is checked and
// every problem is collected with its file and JSON path, so that an author fixes a
// pack in one pass. The full check then plays every lesson through, which is the only
// way to know that a reference names a value that exists at the moment of its question.
// Reading a lesson file is lesson_reader.cpp, playing it through lesson_playthrough.cpp.

#include "deepstep/lessons/lesson.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "pack_reading.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace deepstep {

using lessons_detail::at;
using lessons_detail::FileCheck;
using lessons_detail::inQuotes;
using lessons_detail::isId;
using lessons_detail::joined;
using lessons_detail::PackReader;
using lessons_detail::playThrough;
using lessons_detail::readLesson;

std::string LessonProblem::str() const {
    std::string out = file;
    if (!path.empty()) out += (out.empty() ? "" : ": ") + path;
    if (!message.empty()) out += (out.empty() ? "" : ": ") + message;
    return out;
}

namespace {

std::string problemList(const std::vector<LessonProblem>& problems) {
    std::string out = std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
    for (const auto& p : problems)
        out += "\n  " + p.str();
    return out;
}

}  // namespace

LessonPackError::LessonPackError(const std::string& folder, std::vector<LessonProblem> problems)
    : InputError(folder, "the lesson pack is not valid: " + problemList(problems)), problems_(std::move(problems)) {}

const Checkpoint* Lesson::findCheckpoint(const std::string& checkpointId) const {
    for (const auto& s : steps)
        for (const auto& c : s.checkpoints)
            if (c.id == checkpointId) return &c;
    return nullptr;
}

std::size_t Lesson::checkpointCount() const {
    std::size_t n = 0;
    for (const auto& s : steps)
        n += s.checkpoints.size();
    return n;
}

const Lesson* LessonPack::find(const std::string& lessonId) const {
    for (const auto& l : lessons)
        if (l.id == lessonId) return &l;
    return nullptr;
}

namespace {

LessonPack readPack(const std::string& folder, const Registry& registry, LessonCheck level,
                    std::vector<LessonProblem>& problems) {
    PackReader reader{folder, registry, problems, lessons_detail::packRoots(folder), {}};
    LessonPack pack;
    pack.folder = folder;
    const std::string index = joined(folder, "pack.json");
    std::error_code ec;
    if (!fs::is_directory(folder, ec) || reader.roots.empty()) {
        problems.push_back({folder, "", "expected a lesson pack folder, but there is no such folder"});
        return pack;
    }
    if (fs::symlink_status(index, ec).type() == fs::file_type::not_found) {
        problems.push_back({index, "", "expected the pack's index, pack.json, but the file does not exist"});
        return pack;
    }
    FileCheck folderCheck(problems, index);
    const std::optional<std::string> resolvedIndex = reader.locate("pack.json", folderCheck, "", "pack index");
    if (!resolvedIndex) return pack;
    const std::optional<Json> doc = reader.readJson(*resolvedIndex, index);
    if (!doc) return pack;
    FileCheck check(problems, index);
    if (!doc->is_object()) {
        check.problem("", "expected a lesson pack object, got " + describeJson(*doc));
        return pack;
    }
    check.knownKeys(*doc, "", {"format", "version", "id", "lecture", "title", "summary", "requires", "lessons"});
    if (const auto f = check.string(*doc, "format", "", true, "\"deepstep.lesson-pack\"");
        f && *f != "deepstep.lesson-pack")
        check.problem("format", "expected \"deepstep.lesson-pack\", got " + inQuotes(*f));
    if (const Json* v = check.field(*doc, "version", "", true, "1")) {
        const auto n = check.integer(*v, "version", 1);
        if (n && *n > kLessonPackVersion)
            check.problem("version", "this pack is format version " + std::to_string(*n) +
                                         ", newer than this DeepStep reads (" + std::to_string(kLessonPackVersion) +
                                         "); update DeepStep");
    }
    if (const auto id = check.id(*doc, "")) pack.id = *id;
    if (const Json* l = check.field(*doc, "lecture", "", false))
        if (const auto n = check.integer(*l, "lecture", 0))
            pack.lecture = static_cast<int>(std::min<long long>(*n, 1000));
    if (const auto t = check.text(*doc, "title", "", true)) pack.title = *t;
    if (const auto s = check.text(*doc, "summary", "", false)) pack.summary = *s;
    if (const Json* r = check.field(*doc, "requires", "", false)) pack.requiredPlugins = check.strings(*r, "requires");
    const Json* lessons = check.field(*doc, "lessons", "", true, "the lesson files, in teaching order");
    if (lessons == nullptr) return pack;
    if (!lessons->is_array() || lessons->empty()) {
        check.problem("lessons", "expected a non-empty list of lesson files, got " + describeJson(*lessons));
        return pack;
    }
    std::set<std::string> files;
    std::map<std::string, std::string> ids;  // lesson id → file
    for (std::size_t i = 0; i < lessons->size(); ++i) {
        const Json& entry = (*lessons)[i];
        const std::string path = at("lessons", i);
        if (!entry.is_string() || entry.get<std::string>().empty()) {
            check.problem(path, "expected a lesson file relative to the pack folder, got " + describeJson(entry));
            continue;
        }
        const std::string relative = entry.get<std::string>();
        if (!files.insert(joined(folder, relative)).second) {
            check.problem(path, "expected each lesson once, " + inQuotes(relative) + " is listed twice");
            continue;
        }
        const std::optional<std::string> resolved = reader.locate(relative, check, path, "lesson file");
        if (!resolved) continue;
        const std::size_t before = problems.size();
        const std::size_t unusableBefore = reader.unusableExperiments;
        std::optional<Lesson> lesson = readLesson(reader, relative, *resolved);
        if (!lesson) continue;
        if (!lesson->id.empty()) {
            const auto [it, fresh] = ids.emplace(lesson->id, relative);
            if (!fresh)
                FileCheck(problems, lesson->file)
                    .problem("id", "expected a unique lesson id within the pack, " + inQuotes(lesson->id) +
                                       " is also the id of " + it->second);
        }
        // Playing a lesson with problems would only repeat them: it is left out.
        if (problems.size() == before && reader.unusableExperiments == unusableBefore)
            pack.lessons.push_back(std::move(*lesson));
    }
    if (level != LessonCheck::Full) return pack;
    const bool complete = problems.empty();
    for (const Lesson& lesson : pack.lessons)
        playThrough(pack, lesson, registry, problems);
    // Answers files shipped with the pack must fit it; checked against a complete pack
    // only, where a missing lesson means a wrong id and not a broken file.
    if (complete) {
        std::error_code ec;
        std::vector<std::string> names;
        const std::string answers = joined(folder, "answers");
        if (fs::is_directory(answers, ec)) {
            for (const auto& entry : fs::directory_iterator(answers, ec))
                if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
            if (ec) problems.push_back({answers, "", "cannot list the folder (" + ec.message() + ")"});
        }
        std::sort(names.begin(), names.end());
        for (const auto& name : names) {
            const std::string file = joined(folder, "answers/" + name);
            FileCheck answersCheck(problems, file);
            const std::optional<std::string> resolved = reader.locate("answers/" + name, answersCheck, "", "answers file");
            if (!resolved) continue;
            try {
                (void)loadLessonAnswers(*resolved, pack);
            } catch (const InputError& e) {
                std::string where = e.where();
                if (where.starts_with(*resolved)) where = file + where.substr(resolved->size());
                if (where.starts_with(file + ": "))
                    problems.push_back({file, where.substr(file.size() + 2), e.message()});
                else
                    problems.push_back({where, "", e.message()});
            }
        }
    }
    return pack;
}

}  // namespace

std::vector<LessonProblem> checkLessonPack(const std::string& folder, const Registry& registry, LessonCheck level) {
    std::vector<LessonProblem> problems;
    (void)readPack(folder, registry, level, problems);
    return problems;
}

LessonPack loadLessonPack(const std::string& folder, const Registry& registry, LessonCheck level) {
    std::vector<LessonProblem> problems;
    LessonPack pack = readPack(folder, registry, level, problems);
    if (!problems.empty()) throw LessonPackError(folder, std::move(problems));
    return pack;
}

// ---------------------------------------------------------------- finding packs

std::vector<std::string> lessonSearchPaths(const std::string& executableFolder, const std::vector<std::string>& extra) {
    std::vector<std::string> out;
    if (const char* env = std::getenv("DEEPSTEP_LESSON_PATH")) {
        std::string list = env;
        std::size_t start = 0;
        while (start <= list.size()) {
            const std::size_t colon = list.find(':', start);
            const std::string part = list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
            if (!part.empty()) out.push_back(part);
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
    }
    if (!executableFolder.empty())
        out.push_back(
            (fs::path(executableFolder) / ".." / "share" / "deepstep" / "lessons").lexically_normal().string());
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

std::vector<LessonPackLocation> findLessonPacks(const std::vector<std::string>& folders) {
    std::vector<LessonPackLocation> out;
    std::set<std::string> seen;
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec)) continue;
        std::vector<fs::path> candidates;
        for (const auto& entry : fs::directory_iterator(folder, ec))
            if (entry.is_directory(ec) && fs::is_regular_file(entry.path() / "pack.json", ec))
                candidates.push_back(entry.path());
        std::sort(candidates.begin(), candidates.end());
        for (const auto& candidate : candidates) {
            std::string id = candidate.filename().string();
            // An index that leads out of its folder names no id: it is never read.
            std::error_code indexError;
            std::error_code rootError;
            const fs::path index = fs::canonical(candidate / "pack.json", indexError);
            const fs::path root = fs::canonical(candidate, rootError);
            try {
                if (indexError || rootError || !lessons_detail::isInside(index, root))
                    throw InputError(candidate.string(), "pack.json leads outside the pack");
                const Json doc = readJsonFile(index.string());
                if (doc.is_object() && doc.contains("id") && doc["id"].is_string() &&
                    isId(doc["id"].get<std::string>()))
                    id = doc["id"].get<std::string>();
            } catch (const InputError&) {
                // A broken index still names a pack, so that `lesson check` can be pointed at it.
            }
            if (seen.insert(id).second) out.push_back({id, candidate.lexically_normal().string()});
        }
    }
    return out;
}

}  // namespace deepstep
