// Reading one lesson file of a pack: its steps, actions, highlight and show items and
// checkpoints, with the experiments and Markdown files they name. Every problem is
// reported with its file and JSON path, and reading goes on after each.

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/reference.hpp"
#include "deepstep/lessons/setting.hpp"
#include "pack_reading.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace deepstep::lessons_detail {

namespace {

/// Replaces `resolved` at the start of an error's place by `shown`.
std::string shownPlace(const std::string& where, const std::string& resolved, const std::string& shown) {
    return where.starts_with(resolved) ? shown + where.substr(resolved.size()) : where;
}

}  // namespace

std::optional<Json> PackReader::readJson(const std::string& resolved, const std::string& shown) {
    try {
        return readJsonFile(resolved);
    } catch (const InputError& e) {
        problems.push_back({shownPlace(e.where(), resolved, shown), "", e.message()});
        return std::nullopt;
    }
}

bool PackReader::build(const Json& doc, FileCheck& check, const std::string& base) {
    try {
        (void)buildExperiment(doc, registry);
        return true;
    } catch (const InputError& e) {
        check.problem(e.where().empty() ? base : sub(base, e.where()), e.message());
        return false;
    }
}

std::optional<Json> PackReader::experiment(const Json& v, FileCheck& check, const std::string& path,
                                           std::string& where) {
    std::optional<Json> doc = readExperiment(v, check, path, where);
    if (!doc) ++unusableExperiments;
    return doc;
}

std::optional<Json> PackReader::readExperiment(const Json& v, FileCheck& check, const std::string& path,
                                               std::string& where) {
    if (v.is_object()) {
        where = check.file() + ": " + path;
        return build(v, check, path) ? std::optional<Json>(v) : std::nullopt;
    }
    if (!v.is_string() || v.get<std::string>().empty()) {
        check.problem(path,
                      "expected an experiment file (relative to the pack folder) or an experiment object, "
                      "got " +
                          describeJson(v));
        return std::nullopt;
    }
    const std::string file = joined(folder, v.get<std::string>());
    where = file;
    const std::optional<std::string> resolved = locate(v.get<std::string>(), check, path, "experiment file");
    if (!resolved) return std::nullopt;
    auto it = experimentFiles.find(file);
    if (it == experimentFiles.end()) {
        std::optional<Json> doc = readJson(*resolved, file);
        if (doc) {
            FileCheck experimentCheck(problems, file);
            if (!build(*doc, experimentCheck, "")) doc.reset();
        }
        it = experimentFiles.emplace(file, std::move(doc)).first;
    }
    return it->second;
}

std::string PackReader::markdown(const Json& v, FileCheck& check, const std::string& path) {
    if (!v.is_string() || v.get<std::string>().empty()) {
        check.problem(path, "expected a Markdown file relative to the pack folder, got " + describeJson(v));
        return {};
    }
    const std::optional<std::string> resolved = locate(v.get<std::string>(), check, path, "Markdown file");
    if (!resolved) return {};
    std::string content;
    try {
        content = readTextFile(*resolved, kMaxLessonTextBytes);
    } catch (const InputError& e) {
        check.problem(path, e.message());
        return {};
    }
    if (content.find_first_not_of(" \t\r\n") == std::string::npos)
        check.problem(path, "expected Markdown text, " + inQuotes(v.get<std::string>()) + " is empty");
    return content;
}

namespace {

void readAction(const Json& v, FileCheck& check, const std::string& path, LessonStep& step) {
    if (!v.is_object()) {
        check.problem(path, "expected an action object such as {\"do\": \"forward_layer\"}, got " + describeJson(v));
        return;
    }
    static const std::vector<std::string> kinds{"forward_layer", "backward_layer", "update", "iteration",
                                                "train",         "set",            "reset",  "time_devices"};
    const auto what = check.string(v, "do", path, true, "one of " + listed(kinds));
    if (!what) return;
    LessonAction a;
    a.place = path;
    if (*what == "forward_layer" || *what == "backward_layer" || *what == "update" || *what == "reset") {
        check.knownKeys(v, path, {"do"});
        a.kind = *what == "forward_layer"    ? LessonAction::Kind::ForwardLayer
                 : *what == "backward_layer" ? LessonAction::Kind::BackwardLayer
                 : *what == "update"         ? LessonAction::Kind::Update
                                             : LessonAction::Kind::Reset;
    } else if (*what == "iteration") {
        check.knownKeys(v, path, {"do", "count"});
        a.kind = LessonAction::Kind::Iteration;
        if (const Json* c = check.field(v, "count", path, false)) {
            const auto n = check.limited(*c, sub(path, "count"), 1, kLessonMaxIterations, "iterations");
            if (!n) return;
            a.count = static_cast<int>(*n);
        }
    } else if (*what == "train" || *what == "time_devices") {
        check.knownKeys(v, path, {"do", "epochs"});
        // Without "epochs": train the experiment's own (0), time one.
        const bool train = *what == "train";
        a.kind = train ? LessonAction::Kind::Train : LessonAction::Kind::TimeDevices;
        a.count = train ? 0 : 1;
        if (const Json* e = check.field(v, "epochs", path, false)) {
            const auto n = check.limited(*e, sub(path, "epochs"), 1, kLessonMaxEpochs, "epochs");
            if (!n) return;
            a.count = static_cast<int>(*n);
        }
    } else if (*what == "set") {
        check.knownKeys(v, path, {"do", "path", "value"});
        a.kind = LessonAction::Kind::Set;
        const auto setting = check.string(v, "path", path, true, "the setting to change");
        const Json* value = check.field(v, "value", path, true, "the new value");
        if (!setting || value == nullptr) return;
        // Only the form is checked here; a layer index is checked against the model when
        // the step runs.
        if (!isLessonSetting(*setting)) {
            check.problem(sub(path, "path"), lessonSettingExpected(*setting));
            return;
        }
        a.path = *setting;
        a.value = *value;
    } else {
        check.problem(sub(path, "do"), "expected one of " + listed(kinds) + ", got " + inQuotes(*what));
        return;
    }
    step.actions.push_back(std::move(a));
}

void readCheckpoint(const Json& v, FileCheck& check, const std::string& path, std::set<std::string>& ids,
                    LessonStep& step) {
    if (!v.is_object()) {
        check.problem(path, "expected a checkpoint object, got " + describeJson(v));
        return;
    }
    Checkpoint cp;
    cp.place = path;
    bool ok = true;
    const auto id = check.id(v, path);
    if (id && !ids.insert(*id).second) {
        check.problem(sub(path, "id"), "expected a unique checkpoint id, " + inQuotes(*id) + " is used twice");
        ok = false;
    }
    ok = ok && id.has_value();
    if (id) cp.id = *id;
    const auto type = check.string(v, "type", path, true, "number, choice or outcome");
    if (const auto q = check.text(v, "question", path, true))
        cp.question = *q;
    else
        ok = false;
    if (const Json* h = check.field(v, "hints", path, true, "at least one hint, shown after a wrong answer")) {
        const std::size_t before = h->is_array() ? h->size() : 0;
        cp.hints = check.texts(*h, sub(path, "hints"), 1, "hint");
        ok = ok && !cp.hints.empty() && cp.hints.size() == before;
    } else {
        ok = false;
    }
    if (!type) return;

    if (*type == "number") {
        cp.type = Checkpoint::Type::Number;
        check.knownKeys(v, path, {"id", "type", "question", "hints", "answer", "tolerance"});
        const Json* answer =
            check.field(v, "answer", path, true, "a number checkpoint needs {\"ref\": …} or {\"value\": …}");
        if (answer == nullptr) return;
        const std::string ap = sub(path, "answer");
        if (!answer->is_object() || answer->size() != 1 || !(answer->contains("ref") || answer->contains("value"))) {
            check.problem(ap, "expected {\"ref\": REFERENCE} or {\"value\": NUMBER}, got " + describeJson(*answer));
            return;
        }
        if (answer->contains("ref")) {
            const auto ref = check.string(*answer, "ref", ap, true);
            if (!ref) return;
            try {
                (void)parseLessonReference(*ref);
                cp.reference = *ref;
            } catch (const InputError& e) {
                check.problem(sub(ap, "ref"), e.message());
                return;
            }
        } else {
            const auto c = check.number((*answer)["value"], sub(ap, "value"), "a number", [](double) { return true; });
            if (!c) return;
            cp.constant = *c;
        }
        if (const Json* t = check.field(v, "tolerance", path, false)) {
            const auto tol =
                check.number(*t, sub(path, "tolerance"), "a positive number", [](double x) { return x > 0; });
            if (!tol) return;
            cp.tolerance = *tol;
        }
    } else if (*type == "choice") {
        cp.type = Checkpoint::Type::Choice;
        check.knownKeys(v, path, {"id", "type", "question", "hints", "choices", "answer"});
        const Json* choices = check.field(v, "choices", path, true);
        const Json* answer = check.field(v, "answer", path, true, "the 0-based index of the right choice");
        if (choices == nullptr) return;
        cp.choices = check.texts(*choices, sub(path, "choices"), 2, "choices");
        if (cp.choices.size() != choices->size() || answer == nullptr) return;
        const auto a = check.integer(*answer, sub(path, "answer"), 0);
        if (!a) return;
        if (*a >= static_cast<long long>(cp.choices.size())) {
            check.problem(sub(path, "answer"), "expected the 0-based index of one of the " +
                                                   std::to_string(cp.choices.size()) + " choices, got " +
                                                   std::to_string(*a));
            return;
        }
        cp.answer = static_cast<int>(*a);
    } else if (*type == "outcome") {
        cp.type = Checkpoint::Type::Outcome;
        check.knownKeys(
            v, path,
            {"id", "type", "question", "hints", "set", "input", "choices", "train", "expect", "example_answer"});
        bool good = true;
        if (const auto s = check.string(v, "set", path, true, "the setting the student chooses")) {
            if (!isLessonSetting(*s)) {
                check.problem(sub(path, "set"), lessonSettingExpected(*s));
                good = false;
            }
            cp.set = *s;
        } else {
            good = false;
        }
        const std::string input = check.string(v, "input", path, false).value_or("number");
        if (input == "number" || input == "integer") {
            cp.input = input == "number" ? Checkpoint::Input::Number : Checkpoint::Input::Integer;
            if (v.contains("choices")) {
                check.problem(sub(path, "choices"), "expected no choices: the input is a " + input);
                good = false;
            }
        } else if (input == "choice") {
            cp.input = Checkpoint::Input::Choice;
            const Json* c = check.field(v, "choices", path, true, "the values offered");
            if (c != nullptr && c->is_array() && c->size() >= 2 &&
                std::all_of(c->begin(), c->end(), [](const Json& x) { return x.is_primitive() && !x.is_null(); })) {
                cp.inputChoices.assign(c->begin(), c->end());
            } else {
                if (c != nullptr)
                    check.problem(sub(path, "choices"),
                                  "expected a list of at least 2 values, got " + describeJson(*c));
                good = false;
            }
        } else {
            check.problem(sub(path, "input"), "expected number, integer or choice, got " + inQuotes(input));
            good = false;
        }
        if (const Json* t = check.field(v, "train", path, true, "{\"epochs\": N}")) {
            const std::string tp = sub(path, "train");
            if (!t->is_object()) {
                check.problem(tp, "expected {\"epochs\": N}, got " + describeJson(*t));
                good = false;
            } else {
                check.knownKeys(*t, tp, {"epochs"});
                const Json* e = check.field(*t, "epochs", tp, true);
                const auto n =
                    e != nullptr ? check.limited(*e, sub(tp, "epochs"), 1, kLessonMaxEpochs, "epochs") : std::nullopt;
                if (n)
                    cp.trainEpochs = static_cast<int>(*n);
                else
                    good = false;
            }
        } else {
            good = false;
        }
        if (const Json* x = check.field(v, "expect", path, true, "{\"metric\": …, \"at_least\": …}")) {
            const std::string xp = sub(path, "expect");
            if (!x->is_object()) {
                check.problem(xp,
                              "expected {\"metric\": \"accuracy\" or \"loss\", \"at_least\": …, \"at_most\": …}, "
                              "got " +
                                  describeJson(*x));
                good = false;
            } else {
                check.knownKeys(*x, xp, {"metric", "at_least", "at_most"});
                const auto m = check.string(*x, "metric", xp, true, "accuracy or loss");
                if (m && *m != "accuracy" && *m != "loss") {
                    check.problem(sub(xp, "metric"), "expected \"accuracy\" or \"loss\", got " + inQuotes(*m));
                    good = false;
                }
                if (m) cp.metric = *m;
                const auto any = [](double) { return true; };
                if (const Json* lo = check.field(*x, "at_least", xp, false)) {
                    cp.atLeast = check.number(*lo, sub(xp, "at_least"), "a number", any);
                    good = good && cp.atLeast.has_value();
                }
                if (const Json* hi = check.field(*x, "at_most", xp, false)) {
                    cp.atMost = check.number(*hi, sub(xp, "at_most"), "a number", any);
                    good = good && cp.atMost.has_value();
                }
                if (!x->contains("at_least") && !x->contains("at_most")) {
                    check.problem(xp, "expected \"at_least\" or \"at_most\" (or both): the goal to reach");
                    good = false;
                }
                good = good && m.has_value();
            }
        } else {
            good = false;
        }
        const Json* example =
            check.field(v, "example_answer", path, true, "an answer that passes, verified by the full check");
        if (example == nullptr) return;
        const std::string ep = sub(path, "example_answer");
        if (cp.input == Checkpoint::Input::Choice) {
            const auto i = check.integer(*example, ep, 0);
            if (!i) return;
            if (!cp.inputChoices.empty() && *i >= static_cast<long long>(cp.inputChoices.size())) {
                check.problem(ep, "expected the 0-based index of one of the " + std::to_string(cp.inputChoices.size()) +
                                      " choices, got " + std::to_string(*i));
                return;
            }
        } else if (cp.input == Checkpoint::Input::Integer) {
            if (!example->is_number_integer()) {
                check.problem(ep, "expected a whole number, got " + describeJson(*example));
                return;
            }
        } else if (!check.number(*example, ep, "a number", [](double) { return true; })) {
            return;
        }
        cp.exampleAnswer = *example;
        if (!good) return;
    } else {
        check.problem(sub(path, "type"), "expected number, choice or outcome, got " + inQuotes(*type));
        return;
    }
    if (ok) step.checkpoints.push_back(std::move(cp));
}

void readStep(PackReader& reader, const Json& v, FileCheck& check, const std::string& path,
              std::set<std::string>& checkpointIds, Lesson& lesson) {
    if (!v.is_object()) {
        check.problem(path, "expected a step object, got " + describeJson(v));
        return;
    }
    check.knownKeys(v, path, {"text", "experiment", "actions", "highlight", "show", "checkpoints"});
    LessonStep step;
    step.place = path;
    if (const Json* t = check.field(v, "text", path, true, "Markdown files {\"en\": …, \"ko\": …}")) {
        const std::string tp = sub(path, "text");
        if (!t->is_object()) {
            check.problem(tp, "expected Markdown files {\"en\": …, \"ko\": …}, got " + describeJson(*t));
        } else {
            check.knownKeys(*t, tp, {"en", "ko"});
            for (const char* lang : {"en", "ko"}) {
                const Json* f = check.field(*t, lang, tp, true, "every step needs a Markdown file for en and for ko");
                if (f == nullptr) continue;
                const std::string content = reader.markdown(*f, check, sub(tp, lang));
                std::string& slot = std::string(lang) == "en" ? step.text.en : step.text.ko;
                std::string& fileSlot = std::string(lang) == "en" ? step.textFiles.en : step.textFiles.ko;
                slot = content;
                if (f->is_string()) fileSlot = f->get<std::string>();
            }
        }
    }
    if (const Json* e = check.field(v, "experiment", path, false))
        step.experiment = reader.experiment(*e, check, sub(path, "experiment"), step.experimentWhere);
    if (const Json* a = check.field(v, "actions", path, false)) {
        if (!a->is_array())
            check.problem(sub(path, "actions"), "expected a list of actions, got " + describeJson(*a));
        else
            for (std::size_t i = 0; i < a->size(); ++i)
                readAction((*a)[i], check, at(sub(path, "actions"), i), step);
    }
    // Items are parsed here; the play-through checks what they name.
    const auto items = [&](const char* key, std::vector<std::string>& out, LessonRef (*parse)(const std::string&)) {
        const Json* list = check.field(v, key, path, false);
        if (list == nullptr) return;
        out = check.strings(*list, sub(path, key));
        for (std::size_t i = 0; i < out.size(); ++i) {
            try {
                (void)parse(out[i]);
            } catch (const InputError& e) {
                check.problem(at(sub(path, key), i), e.message());
            }
        }
    };
    items("highlight", step.highlight, parseLessonHighlight);
    items("show", step.show, parseLessonShow);
    if (const Json* c = check.field(v, "checkpoints", path, false)) {
        if (!c->is_array())
            check.problem(sub(path, "checkpoints"), "expected a list of checkpoints, got " + describeJson(*c));
        else
            for (std::size_t i = 0; i < c->size(); ++i)
                readCheckpoint((*c)[i], check, at(sub(path, "checkpoints"), i), checkpointIds, step);
    }
    lesson.steps.push_back(std::move(step));
}

}  // namespace

std::optional<Lesson> readLesson(PackReader& reader, const std::string& relative, const std::string& resolved) {
    const std::string file = joined(reader.folder, relative);
    const std::optional<Json> doc = reader.readJson(resolved, file);
    if (!doc) return std::nullopt;
    FileCheck check(reader.problems, file);
    if (!doc->is_object()) {
        check.problem("", "expected a lesson object, got " + describeJson(*doc));
        return std::nullopt;
    }
    check.knownKeys(*doc, "", {"format", "version", "id", "title", "summary", "experiment", "steps"});
    if (doc->contains("format") && (*doc)["format"] != "deepstep.lesson")
        check.problem("format", "expected \"deepstep.lesson\", got " + describeJson((*doc)["format"]));
    if (doc->contains("version")) (void)check.integer((*doc)["version"], "version", 1);
    Lesson lesson;
    lesson.file = file;
    if (const auto id = check.id(*doc, "")) lesson.id = *id;
    if (const auto t = check.text(*doc, "title", "", true)) lesson.title = *t;
    if (const auto s = check.text(*doc, "summary", "", false)) lesson.summary = *s;
    if (const Json* e = check.field(*doc, "experiment", "", false))
        lesson.experiment = reader.experiment(*e, check, "experiment", lesson.experimentWhere);
    const Json* steps = check.field(*doc, "steps", "", true, "the lesson's steps");
    if (steps != nullptr && (!steps->is_array() || steps->empty())) {
        check.problem("steps", "expected a non-empty list of steps, got " + describeJson(*steps));
    } else if (steps != nullptr) {
        std::set<std::string> checkpointIds;
        for (std::size_t i = 0; i < steps->size(); ++i)
            readStep(reader, (*steps)[i], check, at("steps", i), checkpointIds, lesson);
    }
    return lesson;
}

}  // namespace deepstep::lessons_detail
