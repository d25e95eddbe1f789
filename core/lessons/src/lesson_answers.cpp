// Answers files: a lab's or a test's answers to the checkpoints of a pack.

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "deepstep/lessons/player.hpp"
#include "wording.hpp"

#include <charconv>
#include <cmath>

namespace deepstep {

using lessons_detail::inQuotes;
using lessons_detail::listed;

namespace {

/// `text` with full-width forms (U+FF01..U+FF5E) as their ASCII twins, the Unicode minus
/// (U+2212) as '-', tabs and the ideographic space as spaces; nullopt when a character
/// is outside of ASCII otherwise.
std::optional<std::string> asciiNumber(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            out += b == '\t' ? ' ' : static_cast<char>(b);
            ++i;
            continue;
        }
        if (b != 0xE2 && b != 0xEF) return std::nullopt;
        if (i + 3 > text.size()) return std::nullopt;
        const char32_t c = (static_cast<char32_t>(b & 0x0F) << 12) |
                           (static_cast<char32_t>(static_cast<unsigned char>(text[i + 1]) & 0x3F) << 6) |
                           (static_cast<unsigned char>(text[i + 2]) & 0x3F);
        if (c == 0x2212)
            out += '-';
        else if (c >= 0xFF01 && c <= 0xFF5E)
            out += static_cast<char>(c - 0xFF01 + 0x21);
        else if (c == 0x3000)
            out += ' ';
        else
            return std::nullopt;
        i += 3;
    }
    return out;
}

/// A plain decimal number: optional sign, digits with at most one point, optional
/// exponent; spaces around it are ignored.
std::optional<double> plainNumber(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (s.empty() || s.find_first_not_of("0123456789+-.eE") != std::string_view::npos) return std::nullopt;
    if (s.front() == '+') s.remove_prefix(1);
    if (s.empty() || s.front() == '+') return std::nullopt;
    double v = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
    if (error != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

}  // namespace

std::optional<double> parseTypedNumber(std::string_view text) {
    const auto ascii = asciiNumber(text);
    if (!ascii) return std::nullopt;
    std::string s = *ascii;
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    if (s.empty()) return std::nullopt;
    if (s.back() == '%') {
        const auto v = plainNumber(std::string_view(s).substr(0, s.size() - 1));
        if (!v) return std::nullopt;
        return *v / 100.0;
    }
    if (const std::size_t slash = s.find('/'); slash != std::string::npos) {
        const auto a = plainNumber(std::string_view(s).substr(0, slash));
        const auto b = plainNumber(std::string_view(s).substr(slash + 1));
        if (!a || !b || *b == 0.0) return std::nullopt;
        const double v = *a / *b;
        return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
    }
    return plainNumber(s);
}

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
