// Answers files: a lab's or a test's answers to the checkpoints of a pack.

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "wording.hpp"

namespace deepstep {

using lessons_detail::inQuotes;
using lessons_detail::listed;

const Json* LessonAnswers::find(const std::string& lessonId, const std::string& checkpointId) const {
    const auto l = answers.find(lessonId);
    if (l == answers.end()) return nullptr;
    const auto c = l->second.find(checkpointId);
    return c == l->second.end() ? nullptr : &c->second;
}

LessonAnswers loadLessonAnswers(const std::string& file, const LessonPack& pack) {
    const Json doc = readJsonFile(file);
    const auto fail = [&](const std::string& path, const std::string& message) {
        throw InputError(path.empty() ? file : file + ": " + path, message);
    };
    if (!doc.is_object()) fail("", "expected an answers object, got " + describeJson(doc));
    for (const auto& [key, value] : doc.items())
        if (key != "format" && key != "version" && key != "pack" && key != "answers")
            fail(key, "unknown field (expected one of format, version, pack, answers)");
    if (doc.contains("format") && doc["format"] != "deepstep.lesson-answers")
        fail("format", "expected \"deepstep.lesson-answers\", got " + describeJson(doc["format"]));
    if (doc.contains("version")) {
        const Json& v = doc["version"];
        if (!v.is_number_integer() || v.get<long long>() < 1)
            fail("version", "expected a positive integer, got " + describeJson(v));
        if (v.get<long long>() > kLessonAnswersVersion)
            fail("version", "this answers file is format version " + std::to_string(v.get<long long>()) +
                                ", newer than this DeepStep reads (" + std::to_string(kLessonAnswersVersion) + ")");
    }
    if (doc.contains("pack") && doc["pack"] != pack.id)
        fail("pack", "expected " + inQuotes(pack.id) + " (the pack being played), got " + describeJson(doc["pack"]));
    if (!doc.contains("answers")) fail("answers", "required field is missing");
    const Json& all = doc["answers"];
    if (!all.is_object())
        fail("answers", "expected {\"LESSON\": {\"CHECKPOINT\": answer, …}}, got " + describeJson(all));
    LessonAnswers out;
    for (const auto& [lessonId, answers] : all.items()) {
        const std::string lp = "answers." + lessonId;
        const Lesson* lesson = pack.find(lessonId);
        if (lesson == nullptr) {
            std::vector<std::string> known;
            for (const auto& l : pack.lessons)
                known.push_back(l.id);
            fail(lp, "expected a lesson of pack " + inQuotes(pack.id) + " (" + listed(known) + "), got " +
                         inQuotes(lessonId));
        }
        if (!answers.is_object()) fail(lp, "expected {\"CHECKPOINT\": answer, …}, got " + describeJson(answers));
        for (const auto& [checkpointId, answer] : answers.items()) {
            const std::string cpath = lp + "." + checkpointId;
            const Checkpoint* cp = lesson->findCheckpoint(checkpointId);
            if (cp == nullptr) {
                std::vector<std::string> known;
                for (const auto& s : lesson->steps)
                    for (const auto& c : s.checkpoints)
                        known.push_back(c.id);
                fail(cpath, "expected a checkpoint of lesson " + inQuotes(lessonId) + " (" + listed(known) + "), got " +
                                inQuotes(checkpointId));
            }
            const bool choice = cp->type == Checkpoint::Type::Choice ||
                                (cp->type == Checkpoint::Type::Outcome && cp->input == Checkpoint::Input::Choice);
            if (choice && !answer.is_number_integer())
                fail(cpath, "expected the 0-based index of a choice, got " + describeJson(answer));
            if (!choice && !answer.is_number()) fail(cpath, "expected a number, got " + describeJson(answer));
            out.answers[lessonId][checkpointId] = answer;
        }
    }
    return out;
}

}  // namespace deepstep
