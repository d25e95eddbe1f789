// Reading and checking lesson packs, answers files, and finding packs on disk.
//
// The reader never stops at the first problem: every field it can check is checked and
// every problem is collected with its file and JSON path, so that an author fixes a
// pack in one pass. The full check then plays every lesson through, which is the only
// way to know that a reference names a value that exists at the moment of its question.

#include "deepstep/lessons/lesson.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/lessons/reference.hpp"
#include "deepstep/lessons/setting.hpp"
#include "deepstep/stepper.hpp"
#include "wording.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace deepstep {

using lessons_detail::inQuotes;
using lessons_detail::listed;

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

std::string sub(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

std::string at(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

bool isId(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::string joined(const std::string& folder, const std::string& relative) {
    return (fs::path(folder) / relative).lexically_normal().string();
}

std::string readText(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
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

/// The pack being read: its folder, the registry, and experiments already built.
struct PackReader {
    std::string folder;
    const Registry& registry;
    std::vector<LessonProblem>& problems;
    /// Experiment files already read, by joined path: the document, or nullopt when
    /// it is broken (reported once).
    std::map<std::string, std::optional<Json>> experimentFiles;
    /// How many "experiment" fields named something unusable. A broken file is reported
    /// once, but every lesson that uses it must be left out of the play-through.
    std::size_t unusableExperiments = 0;

    std::optional<Json> readJson(const std::string& file) {
        try {
            return readJsonFile(file);
        } catch (const InputError& e) {
            problems.push_back({e.where(), "", e.message()});
            return std::nullopt;
        }
    }

    /// Builds `doc` through the registry; reports problems under `file`: `base`.
    bool build(const Json& doc, FileCheck& check, const std::string& base) {
        try {
            (void)buildExperiment(doc, registry);
            return true;
        } catch (const InputError& e) {
            check.problem(e.where().empty() ? base : sub(base, e.where()), e.message());
            return false;
        }
    }

    /// An "experiment" field: a file relative to the pack folder, or an inline object.
    /// Returns the document and sets `where` to the place errors should name.
    std::optional<Json> experiment(const Json& v, FileCheck& check, const std::string& path, std::string& where) {
        std::optional<Json> doc = readExperiment(v, check, path, where);
        if (!doc) ++unusableExperiments;
        return doc;
    }

    std::optional<Json> readExperiment(const Json& v, FileCheck& check, const std::string& path, std::string& where) {
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
        if (!fs::is_regular_file(file)) {
            check.problem(path, "expected an existing experiment file, " + inQuotes(v.get<std::string>()) +
                                    " not found (looked for " + file + ")");
            return std::nullopt;
        }
        auto it = experimentFiles.find(file);
        if (it == experimentFiles.end()) {
            std::optional<Json> doc = readJson(file);
            if (doc) {
                FileCheck experimentCheck(problems, file);
                if (!build(*doc, experimentCheck, "")) doc.reset();
            }
            it = experimentFiles.emplace(file, std::move(doc)).first;
        }
        return it->second;
    }

    /// A Markdown file relative to the pack folder: read, non-empty.
    std::string markdown(const Json& v, FileCheck& check, const std::string& path) {
        if (!v.is_string() || v.get<std::string>().empty()) {
            check.problem(path, "expected a Markdown file relative to the pack folder, got " + describeJson(v));
            return {};
        }
        const std::string file = joined(folder, v.get<std::string>());
        if (!fs::is_regular_file(file)) {
            check.problem(path, "expected an existing Markdown file, " + inQuotes(v.get<std::string>()) +
                                    " not found (looked for " + file + ")");
            return {};
        }
        std::string content = readText(file);
        if (content.find_first_not_of(" \t\r\n") == std::string::npos)
            check.problem(path, "expected Markdown text, " + inQuotes(v.get<std::string>()) + " is empty");
        return content;
    }
};

void readAction(const Json& v, FileCheck& check, const std::string& path, LessonStep& step) {
    if (!v.is_object()) {
        check.problem(path, "expected an action object such as {\"do\": \"forward_layer\"}, got " + describeJson(v));
        return;
    }
    static const std::vector<std::string> kinds{"forward_layer", "backward_layer", "update", "iteration", "train",
                                                "set",           "reset"};
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
            const auto n = check.integer(*c, sub(path, "count"), 1);
            if (!n) return;
            a.count = static_cast<int>(std::min<long long>(*n, 1'000'000));
        }
    } else if (*what == "train") {
        check.knownKeys(v, path, {"do", "epochs"});
        a.kind = LessonAction::Kind::Train;
        a.count = 0;
        if (const Json* e = check.field(v, "epochs", path, false)) {
            const auto n = check.integer(*e, sub(path, "epochs"), 1);
            if (!n) return;
            a.count = static_cast<int>(std::min<long long>(*n, 1'000'000));
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
                const auto n = e != nullptr ? check.integer(*e, sub(tp, "epochs"), 1) : std::nullopt;
                if (n)
                    cp.trainEpochs = static_cast<int>(std::min<long long>(*n, 1'000'000));
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
    if (const Json* h = check.field(v, "highlight", path, false)) {
        step.highlight = check.strings(*h, sub(path, "highlight"));
        for (std::size_t i = 0; i < step.highlight.size(); ++i) {
            try {
                (void)parseLessonHighlight(step.highlight[i]);
            } catch (const InputError& e) {
                check.problem(at(sub(path, "highlight"), i), e.message());
            }
        }
    }
    if (const Json* s = check.field(v, "show", path, false)) {
        step.show = check.strings(*s, sub(path, "show"));
        for (std::size_t i = 0; i < step.show.size(); ++i) {
            try {
                (void)parseLessonShow(step.show[i]);
            } catch (const InputError& e) {
                check.problem(at(sub(path, "show"), i), e.message());
            }
        }
    }
    if (const Json* c = check.field(v, "checkpoints", path, false)) {
        if (!c->is_array())
            check.problem(sub(path, "checkpoints"), "expected a list of checkpoints, got " + describeJson(*c));
        else
            for (std::size_t i = 0; i < c->size(); ++i)
                readCheckpoint((*c)[i], check, at(sub(path, "checkpoints"), i), checkpointIds, step);
    }
    lesson.steps.push_back(std::move(step));
}

std::optional<Lesson> readLesson(PackReader& reader, const std::string& relative) {
    const std::string file = joined(reader.folder, relative);
    const std::optional<Json> doc = reader.readJson(file);
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

/// Plays `lesson` through, reporting what cannot be done or found at its step.
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

LessonPack readPack(const std::string& folder, const Registry& registry, LessonCheck level,
                    std::vector<LessonProblem>& problems) {
    PackReader reader{folder, registry, problems, {}};
    LessonPack pack;
    pack.folder = folder;
    const std::string index = joined(folder, "pack.json");
    if (!fs::is_directory(folder)) {
        problems.push_back({folder, "", "expected a lesson pack folder, but there is no such folder"});
        return pack;
    }
    if (!fs::is_regular_file(index)) {
        problems.push_back({index, "", "expected the pack's index, pack.json, but the file does not exist"});
        return pack;
    }
    const std::optional<Json> doc = reader.readJson(index);
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
        if (!fs::is_regular_file(joined(folder, relative))) {
            check.problem(path, "expected an existing lesson file, " + inQuotes(relative) + " not found (looked for " +
                                    joined(folder, relative) + ")");
            continue;
        }
        const std::size_t before = problems.size();
        const std::size_t unusableBefore = reader.unusableExperiments;
        std::optional<Lesson> lesson = readLesson(reader, relative);
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
    const std::string answers = joined(folder, "answers");
    if (complete) {
        if (fs::is_directory(answers)) {
            std::vector<std::string> files;
            for (const auto& entry : fs::directory_iterator(answers))
                if (entry.is_regular_file() && entry.path().extension() == ".json")
                    files.push_back(entry.path().lexically_normal().string());
            std::sort(files.begin(), files.end());
            for (const auto& file : files) {
                try {
                    (void)loadLessonAnswers(file, pack);
                } catch (const InputError& e) {
                    const std::string where = e.where();
                    if (where.starts_with(file + ": "))
                        problems.push_back({file, where.substr(file.size() + 2), e.message()});
                    else
                        problems.push_back({where, "", e.message()});
                }
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

// ---------------------------------------------------------------- answers files

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
            try {
                const Json doc = readJsonFile((candidate / "pack.json").string());
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
