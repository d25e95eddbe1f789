// The full check of a pack: every lesson played through, so that each action runs
// and each reference, highlight and show item is resolved at the moment of its step.

#include "deepstep/errors.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/stepper.hpp"
#include "pack_reading.hpp"

#include <cmath>
#include <optional>
#include <regex>
#include <sstream>

namespace deepstep::lessons_detail {

namespace {

/// The decimal places a question asks for: "(4 decimal places)", "(give 6 decimals)";
/// nullopt when it names none.
std::optional<int> statedDecimals(const std::string& question) {
    static const std::regex pattern(R"((\d+) decimal(s| place))");
    std::smatch m;
    if (!std::regex_search(question, m, pattern)) return std::nullopt;
    return std::stoi(m[1].str());
}

/// How many decimal places a student answers with when the question does not say.
constexpr int kImpliedDecimals = 2;

/// A problem when a number checkpoint refuses an answer written as its question asks:
/// the expected value rounded to the decimals the question states (or, when it states
/// none, to two) must pass the tolerance.
std::optional<std::string> toleranceProblem(const Checkpoint& cp, double expected) {
    const std::optional<int> stated = statedDecimals(cp.question.en);
    const int decimals = stated.value_or(kImpliedDecimals);
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(expected * scale) / scale;
    // A little slack for the binary representation of the rounded value.
    if (std::abs(rounded - expected) <= cp.tolerance * (1 + 1e-9) + 1e-12) return std::nullopt;
    std::ostringstream out;
    out << "expected a tolerance that accepts the answer rounded to " << decimals << " decimal places ("
        << rounded << " for " << expected << "), but it is " << cp.tolerance << ": "
        << (stated ? "loosen the tolerance" : "say in the question how many decimal places to give (in every language), or loosen the tolerance");
    return out.str();
}

}  // namespace

void playThrough(const LessonPack& pack, const Lesson& lesson, const Registry& registry,
                 std::vector<LessonProblem>& problems) {
    FileCheck check(problems, lesson.file);
    // The player names places "FILE: PATH"; the problem keeps the file apart.
    const auto report = [&](const std::string& path, const InputError& e) {
        std::string where = e.where();
        if (where.starts_with(lesson.file + ": ")) where = where.substr(lesson.file.size() + 2);
        check.problem(where.empty() ? path : where, e.message());
    };
    Stepper stepper(registry);
    LessonPlayer player(pack, lesson, stepper, registry);
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps[i];
        try {
            if (i == 0)
                player.start();
            else
                player.next();
        } catch (const InputError& e) {
            report("", e);
            return;  // later steps depend on this one
        }
        for (std::size_t k = 0; k < step.highlight.size(); ++k) {
            try {
                player.validateHighlight(step.highlight[k]);
            } catch (const InputError& e) {
                check.problem(at(sub(step.place, "highlight"), k), e.message());
            }
        }
        for (std::size_t k = 0; k < step.show.size(); ++k) {
            try {
                player.validateShow(step.show[k]);
            } catch (const InputError& e) {
                check.problem(at(sub(step.place, "show"), k), e.message());
            }
        }
        for (const Checkpoint& cp : step.checkpoints) {
            try {
                if (cp.type == Checkpoint::Type::Number) {
                    const double expected = cp.reference.empty() ? cp.constant : player.resolve(cp.reference);
                    if (const auto problem = toleranceProblem(cp, expected))
                        check.problem(sub(cp.place, "tolerance"), *problem);
                } else if (cp.type == Checkpoint::Type::Outcome) {
                    const CheckResult r = player.check(cp, cp.exampleAnswer);
                    if (!r.correct)
                        check.problem(sub(cp.place, "example_answer"), "expected an answer that passes, but " +
                                                                           describeJson(cp.exampleAnswer) +
                                                                           " does not: " + r.detail.en);
                }
            } catch (const InputError& e) {
                const std::string path =
                    cp.type == Checkpoint::Type::Number ? sub(cp.place, "answer.ref") : sub(cp.place, "set");
                if (e.where() == cp.reference) {
                    check.problem(path, e.message());
                } else {
                    report(path, e);
                }
            }
        }
    }
}

}  // namespace deepstep::lessons_detail
