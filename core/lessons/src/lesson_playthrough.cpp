// The full check of a pack: every lesson played through, so that each action runs
// and each reference, highlight and show item is resolved at the moment of its step.

#include "deepstep/errors.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/stepper.hpp"
#include "pack_reading.hpp"

namespace deepstep::lessons_detail {

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
                if (cp.type == Checkpoint::Type::Number && !cp.reference.empty()) {
                    (void)player.resolve(cp.reference);
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
