// A student's progress through lessons, kept in the user's data folder.

#include "deepstep/lessons/progress.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lesson.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace deepstep {

std::string userDataFolder() {
    const auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v != nullptr ? std::string(v) : std::string();
    };
    if (const std::string own = env("DEEPSTEP_DATA_HOME"); !own.empty()) return own;
    // The XDG base directory rules: a relative XDG_DATA_HOME is to be ignored.
    if (const std::string xdg = env("XDG_DATA_HOME"); !xdg.empty() && fs::path(xdg).is_absolute())
        return (fs::path(xdg) / "deepstep").string();
    if (const std::string home = env("HOME"); !home.empty())
        return (fs::path(home) / ".local" / "share" / "deepstep").string();
    throw RuntimeFailure("cannot tell where to keep your progress: set DEEPSTEP_DATA_HOME (or HOME) to a folder");
}

std::string LessonProgress::defaultFile() {
    return (fs::path(userDataFolder()) / "progress.json").string();
}

namespace {

std::string key(const std::string& packId, const std::string& lessonId) {
    return packId + "/" + lessonId;
}

}  // namespace

LessonProgress::LessonState& LessonProgress::lesson(const std::string& packId, const std::string& lessonId) {
    return lessons_[key(packId, lessonId)];
}

const LessonProgress::LessonState* LessonProgress::find(const std::string& packId, const std::string& lessonId) const {
    const auto it = lessons_.find(key(packId, lessonId));
    return it == lessons_.end() ? nullptr : &it->second;
}

void LessonProgress::completeStep(const std::string& packId, const std::string& lessonId, std::size_t step,
                                  std::size_t next) {
    LessonState& s = lesson(packId, lessonId);
    s.completedSteps.insert(step);
    s.step = next;
}

void LessonProgress::recordAnswer(const std::string& packId, const std::string& lessonId,
                                  const std::string& checkpointId, const Json& answer, bool correct) {
    Answer& a = lesson(packId, lessonId).answers[checkpointId];
    a.answer = answer;
    a.correct = correct;
    ++a.attempts;
}

LessonScore lessonScore(const Lesson& lesson, const LessonProgress::LessonState* state) {
    LessonScore score;
    for (const LessonStep& step : lesson.steps)
        for (const Checkpoint& cp : step.checkpoints) {
            ++score.total;
            if (state == nullptr) continue;
            const auto found = state->answers.find(cp.id);
            if (found == state->answers.end()) continue;
            const LessonProgress::Answer& a = found->second;
            score.attempts += static_cast<std::size_t>(std::max(a.attempts, 0));
            if (a.correct) ++score.right;
            if (a.correct && a.attempts == 1) ++score.firstTry;
        }
    return score;
}

Json LessonProgress::toJson() const {
    Json lessons = Json::object();
    for (const auto& [name, s] : lessons_) {
        Json answers = Json::object();
        for (const auto& [id, a] : s.answers)
            answers[id] = Json{{"answer", a.answer}, {"correct", a.correct}, {"attempts", a.attempts}};
        lessons[name] =
            Json{{"step", s.step},
                 {"completed_steps", Json(std::vector<std::size_t>(s.completedSteps.begin(), s.completedSteps.end()))},
                 {"completed", s.completed},
                 {"answers", std::move(answers)}};
    }
    return Json{
        {"format", "deepstep.lesson-progress"}, {"version", kLessonProgressVersion}, {"lessons", std::move(lessons)}};
}

LessonProgress LessonProgress::fromJson(const Json& doc, const std::string& where) {
    const auto fail = [&](const std::string& path, const std::string& message) {
        throw InputError(where.empty() ? path : (path.empty() ? where : where + ": " + path), message);
    };
    const auto count = [&](const Json& v, const std::string& path) -> std::size_t {
        if (!v.is_number_integer() || v.get<long long>() < 0)
            fail(path, "expected a whole number >= 0, got " + describeJson(v));
        return v.get<std::size_t>();
    };
    if (!doc.is_object()) fail("", "expected a progress object, got " + describeJson(doc));
    if (!doc.contains("format") || doc["format"] != "deepstep.lesson-progress")
        fail("format", "expected \"deepstep.lesson-progress\", got " +
                           (doc.contains("format") ? describeJson(doc["format"]) : std::string("nothing")));
    if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<long long>() < 1)
        fail("version", "expected a positive integer, got " +
                            (doc.contains("version") ? describeJson(doc["version"]) : std::string("nothing")));
    if (doc["version"].get<long long>() > kLessonProgressVersion)
        fail("version", "this progress file is format version " + std::to_string(doc["version"].get<long long>()) +
                            ", newer than this DeepStep reads (" + std::to_string(kLessonProgressVersion) +
                            "); update DeepStep");
    LessonProgress progress;
    if (!doc.contains("lessons")) return progress;
    const Json& lessons = doc["lessons"];
    if (!lessons.is_object()) fail("lessons", "expected an object of lessons, got " + describeJson(lessons));
    for (const auto& [name, s] : lessons.items()) {
        const std::string p = "lessons." + name;
        if (!s.is_object()) fail(p, "expected a lesson's progress object, got " + describeJson(s));
        LessonState state;
        if (s.contains("step")) state.step = count(s["step"], p + ".step");
        if (s.contains("completed")) {
            if (!s["completed"].is_boolean())
                fail(p + ".completed", "expected true or false, got " + describeJson(s["completed"]));
            state.completed = s["completed"].get<bool>();
        }
        if (s.contains("completed_steps")) {
            const Json& done = s["completed_steps"];
            if (!done.is_array())
                fail(p + ".completed_steps", "expected a list of step numbers, got " + describeJson(done));
            for (std::size_t i = 0; i < done.size(); ++i)
                state.completedSteps.insert(count(done[i], p + ".completed_steps[" + std::to_string(i) + "]"));
        }
        if (s.contains("answers")) {
            const Json& answers = s["answers"];
            if (!answers.is_object())
                fail(p + ".answers", "expected an object of answers, got " + describeJson(answers));
            for (const auto& [id, a] : answers.items()) {
                const std::string ap = p + ".answers." + id;
                if (!a.is_object())
                    fail(ap, "expected {\"answer\": …, \"correct\": …, \"attempts\": …}, got " + describeJson(a));
                Answer answer;
                answer.answer = a.contains("answer") ? a["answer"] : Json(nullptr);
                if (a.contains("correct")) {
                    if (!a["correct"].is_boolean())
                        fail(ap + ".correct", "expected true or false, got " + describeJson(a["correct"]));
                    answer.correct = a["correct"].get<bool>();
                }
                if (a.contains("attempts"))
                    answer.attempts =
                        static_cast<int>(std::min<std::size_t>(count(a["attempts"], ap + ".attempts"), 1'000'000));
                state.answers.emplace(id, std::move(answer));
            }
        }
        progress.lessons_.emplace(name, std::move(state));
    }
    return progress;
}

LessonProgress LessonProgress::load(const std::string& file) {
    // Only a missing file means "no progress yet"; anything else that cannot be read (a
    // symlink loop, a FIFO, a folder) is refused by readJsonFile, so that saving later
    // does not silently replace it.
    std::error_code ec;
    if (fs::symlink_status(file, ec).type() == fs::file_type::not_found) return {};
    return fromJson(readJsonFile(file), file);
}

void LessonProgress::save(const std::string& file) const {
    const fs::path folder = fs::path(file).parent_path();
    if (!folder.empty()) {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec) throw RuntimeFailure("cannot create the folder " + folder.string() + ": " + ec.message());
    }
    writeFileAtomically(file, toJson().dump(2) + "\n");
}

}  // namespace deepstep
