// deepstep lesson list | check | run: lesson packs in the terminal.
//
// `run` plays a lesson on a Stepper through deepstep::LessonPlayer: the step's text
// (Markdown printed plainly), tables of the values of the moment, and the checkpoints,
// asked on stdin or taken from an answers file (for labs and tests) with a score.

#include "commands.hpp"
#include "markdown.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/lessons/progress.hpp"
#include "deepstep/lessons/lecture_names.hpp"
#include "deepstep/lessons/reference.hpp"
#include "deepstep/stepper.hpp"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;

namespace deepstep::cli {

CommandSpec lessonListSpec() {
    return {"lesson list",
            "[--pack DIR]... [OPTIONS]",
            "cmd.lessonList.summary",
            "cmd.lessonList.description",
            {},
            {{"pack", "DIR", "opt.lesson.packExtra", true}}};
}

CommandSpec lessonCheckSpec() {
    return {"lesson check", "PACK [OPTIONS]", "cmd.lessonCheck.summary", "cmd.lessonCheck.description", {"PACK"}, {}};
}

CommandSpec lessonRunSpec() {
    return {"lesson run",
            "ID [--pack DIR] [--answers FILE] [--reveal] [--restart] [OPTIONS]",
            "cmd.lessonRun.summary",
            "cmd.lessonRun.description",
            {"ID"},
            {{"pack", "DIR", "opt.lesson.pack"},
             {"answers", "FILE", "opt.lesson.answers"},
             {"reveal", "", "opt.lesson.reveal"},
             {"restart", "", "opt.lesson.restart"}}};
}

namespace {

constexpr std::size_t kMaxExamples = 8;

/// A pack's text in the current language, safe for the terminal: a pack comes from
/// anywhere, and its text must not move the cursor or recolour the screen.
std::string shown(const Text& text) {
    return terminalSafe(pick(text));
}
constexpr std::size_t kMaxParameterRows = 16;

// ------------------------------------------------------------------ finding packs

std::string executableFolder() {
    return QCoreApplication::applicationDirPath().toStdString();
}

std::vector<std::string> searchPaths() {
    return lessonSearchPaths(executableFolder(), {DEEPSTEP_SOURCE_LESSONS});
}

bool isPackFolder(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::is_regular_file(fs::path(path) / "pack.json", ec);
}

std::vector<std::string> packIds(const std::vector<LessonPackLocation>& packs) {
    std::vector<std::string> ids;
    for (const auto& p : packs)
        ids.push_back(p.id);
    return ids;
}

/// The pack folder a PACK argument names: a folder, or the id of a pack on the search path.
std::string packFolder(const std::string& name, const std::string& command) {
    if (isPackFolder(name) || fs::is_directory(name)) return name;
    for (const auto& p : findLessonPacks(searchPaths()))
        if (p.id == name) return p.folder;
    const auto ids = packIds(findLessonPacks(searchPaths()));
    throw UsageError(tr("lesson.noPack", {name, ids.empty() ? tr("lesson.nonePacks") : join(ids, ", ")}), command);
}

struct Target {
    std::string folder;
    std::string lesson;  ///< empty: every lesson of the pack
};

Target findTarget(const std::string& id, const std::optional<std::string>& packOption, const Registry& registry) {
    // With --pack, ID is a lesson of that pack, alone or as PACK/LESSON.
    if (packOption) return {*packOption, id.find('/') == std::string::npos ? id : id.substr(id.rfind('/') + 1)};
    if (isPackFolder(id)) return {id, {}};
    const auto packs = findLessonPacks(searchPaths());
    if (const auto slash = id.rfind('/'); slash != std::string::npos) {
        const std::string head = id.substr(0, slash);
        const std::string tail = id.substr(slash + 1);
        if (isPackFolder(head)) return {head, tail};
        for (const auto& p : packs)
            if (p.id == head) return {p.folder, tail};
    }
    for (const auto& p : packs)
        if (p.id == id) return {p.folder, {}};
    // A lesson id alone: look into every pack that reads.
    std::vector<Target> found;
    for (const auto& p : packs) {
        try {
            const LessonPack pack = loadLessonPack(p.folder, registry);
            if (pack.find(id) != nullptr) found.push_back({p.folder, id});
        } catch (const InputError&) {
            // A broken pack cannot hold the lesson; `lesson check` tells what is wrong with it.
        }
    }
    if (found.size() == 1) return found.front();
    if (found.size() > 1) {
        std::vector<std::string> names;
        for (const auto& t : found)
            for (const auto& p : packs)
                if (p.folder == t.folder) names.push_back(p.id + "/" + id);
        throw UsageError(tr("lesson.ambiguous", {id, join(names, ", ")}), "lesson run");
    }
    const auto ids = packIds(packs);
    throw UsageError(tr("lesson.noTarget", {id, ids.empty() ? tr("lesson.nonePacks") : join(ids, ", ")}), "lesson run");
}

// ------------------------------------------------------------------ values of the moment

// One column of a layer's table: its heading and the tensor it reads from the record.
struct LayerColumn {
    std::string heading;
    const Tensor* values;
};

// The columns of `quantity` ("" for the whole layer: input, z, output, dE/d(output)
// and δ) that the stepper has revealed and the layer has.
std::vector<LayerColumn> layerColumns(const LayerRecord& l, bool forward, bool backward, const std::string& quantity) {
    const bool hasZ = !l.preActivation.empty();
    const std::string output =
        hasZ && !l.activation.empty() ? tr("demo.activationOutput", {l.activation}) : tr("demo.output");
    const std::vector<std::tuple<std::string, bool, std::string, const Tensor*>> all{
        {"input", forward, tr("demo.input"), &l.input},
        {"z", forward, tr("demo.z"), &l.preActivation},
        {"output", forward, output, &l.output},
        {"grad_output", backward, tr("demo.gradOutput"), &l.gradOutput},
        {"delta", backward, tr("demo.delta"), &l.gradPreActivation},
        {"grad_input", backward, tr("demo.gradInput"), &l.gradInput},
    };
    std::vector<LayerColumn> columns;
    for (const auto& [name, revealed, heading, values] : all) {
        const bool wanted = quantity.empty() ? name != "grad_input" : name == quantity;
        if (wanted && revealed && !values->empty()) columns.push_back({heading, values});
    }
    return columns;
}

// A layer's values of the current step, example by example: every quantity, or only
// `quantity` ("input" for "layer:NAME.input").
void showLayer(Stepper& stepper, const std::string& name, const std::string& quantity) {
    const int index = stepper.network().indexOf(name);
    const StepRecord* record = stepper.record();
    const bool forward = record != nullptr && stepper.forwardShown(index);
    const bool backward = record != nullptr && stepper.backwardShown(index);
    const LayerRecord* l = record != nullptr ? &record->layers.at(static_cast<std::size_t>(index)) : nullptr;
    const std::string activation = l != nullptr && !l->activation.empty() ? ", " + l->activation : "";
    const std::string type =
        l != nullptr ? l->type : stepper.network().layerSpec(static_cast<std::size_t>(index)).value("type", "");
    std::cout << "\n" << tr("demo.layer", {name, type + activation}) << "\n";
    const std::vector<LayerColumn> columns =
        l != nullptr ? layerColumns(*l, forward, backward, quantity) : std::vector<LayerColumn>{};
    if (columns.empty()) {
        std::cout << "  " << tr("lesson.notShownYet") << "\n";
        return;
    }
    std::vector<std::string> header{tr("demo.example")};
    for (const LayerColumn& c : columns)
        header.push_back(c.heading);
    Table table(header);
    const std::size_t n = std::min(l->input.batch(), kMaxExamples);
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::string> row{
            std::to_string(record->sampleIndices.size() > i ? record->sampleIndices[i] + 1 : i + 1)};
        for (const LayerColumn& c : columns)
            row.push_back(formatSample(*c.values, i));
        table.addRow(std::move(row));
    }
    std::cout << table.render(2, terminalColumns());
    if (l->input.batch() > n)
        std::cout << "  " << tr("demo.moreExamples", {std::to_string(l->input.batch() - n)}) << "\n";
}

void showParameter(Stepper& stepper, const std::string& name) {
    const int layer = stepper.network().indexOf(name.substr(0, name.find('.')));
    const StepRecord* record = stepper.record();
    const ParameterRecord* p = nullptr;
    if (record != nullptr)
        for (const auto& candidate : record->parameters)
            if (candidate.name == name) p = &candidate;
    const bool gradient = p != nullptr && stepper.backwardShown(layer);
    const bool update = p != nullptr && stepper.updateShown();
    const Tensor& value = p != nullptr ? p->value : stepper.network().parameter(name)->value;
    std::cout << "\n" << tr("lesson.parameter", {name, value.shape().str()}) << "\n";
    const LectureNames names(stepper.network());
    std::vector<std::string> header{tr("demo.parameter"), tr("demo.value")};
    if (gradient) header.push_back(tr("demo.gradient"));
    if (update) {
        header.push_back(tr("demo.change"));
        header.push_back(tr("demo.newValue"));
    }
    Table table(header);
    for (std::size_t c = 1; c < header.size(); ++c)
        table.setAlign(c, Table::Align::Right);
    const std::size_t n = std::min(value.size(), kMaxParameterRows);
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::string> row{names.elementLabel(name, value.shape(), i), formatValue(value[i])};
        if (gradient) row.push_back(formatValue(p->grad[i]));
        if (update) {
            row.push_back(formatValue(p->update[i]));
            row.push_back(formatValue(p->valueAfter[i]));
        }
        table.addRow(std::move(row));
    }
    std::cout << table.render(2, terminalColumns());
    if (value.size() > n) std::cout << "  " << tr("demo.moreParameters", {std::to_string(value.size() - n)}) << "\n";
}

// Every internal tensor of a top-level layer (gates, attention weights, a composite's
// inner outputs), example by example, with its gradient once the backward pass is shown.
void showInternals(Stepper& stepper, const std::string& name) {
    const int index = stepper.network().indexOf(name);
    const StepRecord* record = stepper.record();
    std::cout << "\n" << tr("lesson.internals", {name}) << "\n";
    if (record == nullptr || !stepper.forwardShown(index)) {
        std::cout << "  " << tr("lesson.notShownYet") << "\n";
        return;
    }
    const LayerRecord& l = record->layers.at(static_cast<std::size_t>(index));
    if (l.internals.empty()) {
        std::cout << "  " << tr("lesson.noInternals") << "\n";
        return;
    }
    const bool backward = stepper.backwardShown(index);
    Table table(backward ? std::vector<std::string>{tr("lesson.internal"), tr("demo.example"), tr("demo.output"),
                                                    tr("lesson.internalGrad")}
                         : std::vector<std::string>{tr("lesson.internal"), tr("demo.example"), tr("demo.output")});
    for (const InternalRecord& in : l.internals) {
        const std::size_t n = std::min(in.value.batch(), kMaxExamples);
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<std::string> row{i == 0 ? in.name : "",
                                         std::to_string(record->sampleIndices.size() > i ? record->sampleIndices[i] + 1
                                                                                         : i + 1),
                                         formatSample(in.value, i)};
            if (backward) row.push_back(in.grad.empty() ? "-" : formatSample(in.grad, i));
            table.addRow(std::move(row));
        }
    }
    std::cout << table.render(2, terminalColumns());
}

void showItem(Stepper& stepper, const std::string& item) {
    const LessonRef r = parseLessonShow(item);
    switch (r.kind) {
        case LessonRef::Kind::Layer:
            showLayer(stepper, r.layer, r.quantity);
            return;
        case LessonRef::Kind::Parameter:
            showParameter(stepper, r.parameter);
            return;
        case LessonRef::Kind::Internal:
            showInternals(stepper, r.layer);
            return;
        case LessonRef::Kind::Loss: {
            const StepRecord* record = stepper.record();
            if (record != nullptr && stepper.forwardShown(stepper.layerCount() - 1))
                std::cout << "\n" << tr("demo.loss", {formatValue(record->loss)}) << "\n";
            else
                std::cout << "\n" << tr("lesson.lossNotYet") << "\n";
            return;
        }
        case LessonRef::Kind::Eval: {
            const Evaluation ev = stepper.evaluate();
            std::cout << "\n"
                      << tr("lesson.eval",
                            {std::to_string(ev.samples), formatNumber(ev.loss), formatPercent(ev.accuracy)})
                      << "\n";
            return;
        }
        default:
            return;
    }
}

void showTraining(const TrainingResult& result) {
    std::string line = tr("lesson.trained", {std::to_string(result.epochs), reasonText(result.reason)});
    if (!result.history.empty())
        line += " " + tr("lesson.trainedValues", {formatNumber(result.history.back().trainLoss),
                                                  formatPercent(result.history.back().trainAccuracy)});
    std::cout << "\n" << line << "\n";
    if (result.reason == StopReason::Diverged && !shown(result.explanation).empty())
        std::cout << shown(result.explanation) << "\n";
}

/// The table of a `time_devices` action: each device's time, examples per second and
/// final loss, then how many times faster the GPU was, or why no GPU ran.
void showTimings(const std::vector<DeviceTiming>& timings) {
    if (timings.empty()) return;
    Table table({tr("lesson.timing.device"), tr("lesson.timing.seconds"), tr("lesson.timing.rate"),
                 tr("lesson.timing.loss")});
    for (std::size_t c = 1; c < 4; ++c)
        table.setAlign(c, Table::Align::Right);
    for (const DeviceTiming& t : timings) {
        std::string device = t.device.id;
        if (!t.device.name.empty()) device += " (" + terminalSafe(t.device.name) + ")";
        if (!t.ran) {
            table.addRow({device, "-", "-", "-"});
            continue;
        }
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.3f", t.seconds);
        table.addRow({device, seconds, formatNumber(std::round(t.samplesPerSecond()), 9), formatNumber(t.trainLoss)});
    }
    const DeviceTiming& cpu = timings.front();
    std::cout << "\n" << tr("lesson.timing.title", {std::to_string(cpu.epochs)}) << "\n" << table.render();
    if (timings.size() < 2) return;
    const DeviceTiming& gpu = timings[1];
    if (!gpu.ran) {
        std::cout << tr("lesson.timing.noGpu", {problemLine(gpu.device.problem, gpu.device.detail)}) << "\n";
    } else if (cpu.ran && gpu.seconds > 0.0) {
        std::cout << tr("lesson.timing.ratio", {formatNumber(cpu.seconds / gpu.seconds, 3)}) << "\n";
    }
}

// ------------------------------------------------------------------ answers, in words

/// An answer in words. Choices are numbered from 1 on screen; an answers file counts
/// from 0 (`fileIndex`), so what is printed next to it counts from 0 too.
std::string answerText(const Checkpoint& cp, const Json& answer, bool fileIndex = false) {
    if (answer.is_null()) return "-";
    const bool choice = cp.type == Checkpoint::Type::Choice ||
                        (cp.type == Checkpoint::Type::Outcome && cp.input == Checkpoint::Input::Choice);
    if (choice && answer.is_number_integer()) {
        const auto i = answer.get<long long>();
        const auto n =
            static_cast<long long>(cp.type == Checkpoint::Type::Choice ? cp.choices.size() : cp.inputChoices.size());
        if (i >= 0 && i < n) {
            const std::string label = cp.type == Checkpoint::Type::Choice
                                          ? shown(cp.choices[static_cast<std::size_t>(i)])
                                          : terminalSafe(describeJson(cp.inputChoices[static_cast<std::size_t>(i)]));
            return fileIndex ? std::to_string(i) + " (" + label + ")" : std::to_string(i + 1) + ") " + label;
        }
    }
    if (answer.is_number()) return formatNumber(answer.get<double>(), 6);
    return terminalSafe(describeJson(answer));
}

void printChoices(const Checkpoint& cp) {
    if (cp.type == Checkpoint::Type::Choice)
        for (std::size_t i = 0; i < cp.choices.size(); ++i)
            std::cout << "  " << (i + 1) << ") " << shown(cp.choices[i]) << "\n";
    if (cp.type == Checkpoint::Type::Outcome) {
        std::cout << "  " << tr("lesson.outcomeSetup", {cp.set, std::to_string(cp.trainEpochs)}) << "\n";
        for (std::size_t i = 0; i < cp.inputChoices.size(); ++i)
            std::cout << "  " << (i + 1) << ") " << terminalSafe(describeJson(cp.inputChoices[i])) << "\n";
    }
}

void printHint(const Text* hint) {
    if (hint != nullptr) std::cout << "      " << tr("lesson.hint", {shown(*hint)}) << "\n";
}

/// What a student earned: checkpoints answered right in the end and on the first try,
/// and how many answers it took.
struct Score {
    std::size_t right = 0;
    std::size_t firstTry = 0;
    std::size_t attempts = 0;
    std::size_t total = 0;

    void add(const Score& other) {
        right += other.right;
        firstTry += other.firstTry;
        attempts += other.attempts;
        total += other.total;
    }
    std::string str() const {
        return tr("lesson.score", {std::to_string(right), std::to_string(total), std::to_string(firstTry),
                                   std::to_string(attempts)});
    }
};

// ------------------------------------------------------------------ non-interactive

Score playWithAnswers(const LessonPack& pack, const Lesson& lesson, const LessonAnswers& answers,
                      const Registry& registry, bool reveal) {
    Score score;
    std::cout << "\n" << tr("lesson.header", {shown(lesson.title), pack.id + "/" + lesson.id}) << "\n";
    Stepper stepper(registry);
    LessonPlayer player(pack, lesson, stepper, registry);
    player.start();
    while (true) {
        for (const Checkpoint& cp : player.step().checkpoints) {
            const Json* given = answers.find(lesson.id, cp.id);
            const CheckResult result = player.check(cp, given != nullptr ? *given : Json(nullptr));
            ++score.total;
            ++score.attempts;  // an answers file gives each checkpoint one try
            if (result.correct) {
                ++score.right;
                ++score.firstTry;
            }
            std::cout << "  " << tr(result.correct ? "lesson.right" : "lesson.wrong", {cp.id, shown(cp.question)})
                      << "\n";
            if (!result.correct) {
                std::cout << "      "
                          << (result.answered ? tr("lesson.yourAnswer", {answerText(cp, *given, true)})
                                              : tr("lesson.noAnswer"))
                          << "\n";
                if (result.answered && !shown(result.detail).empty())
                    std::cout << "      " << shown(result.detail) << "\n";
                printHint(LessonPlayer::hintAfter(cp, 1));
            }
            if (reveal) std::cout << "      " << tr("lesson.expected", {answerText(cp, result.expected, true)}) << "\n";
        }
        if (!player.next()) break;
    }
    return score;
}

// ------------------------------------------------------------------ interactive

struct Asked {
    enum class Result { Right, Wrong, Quit } result = Result::Quit;
    std::size_t attempts = 0;  ///< answers given (unusable input not counted)
};

/// Reads one line; nullopt at the end of input.

/// The typed answer as the player takes it, or nullopt (with a message) when unusable.
std::optional<Json> parseAnswer(const Checkpoint& cp, const std::string& text) {
    const bool choice = cp.type == Checkpoint::Type::Choice ||
                        (cp.type == Checkpoint::Type::Outcome && cp.input == Checkpoint::Input::Choice);
    const std::optional<double> number = parseTypedNumber(text);
    const bool isNumber = number.has_value();
    const double v = number.value_or(0.0);
    if (choice) {
        const std::size_t n = cp.type == Checkpoint::Type::Choice ? cp.choices.size() : cp.inputChoices.size();
        if (!isNumber || v != std::floor(v) || v < 1 || v > static_cast<double>(n)) {
            std::cout << "  " << tr("lesson.typeChoice", {std::to_string(n)}) << "\n";
            return std::nullopt;
        }
        return Json(static_cast<long long>(v) - 1);  // shown from 1, kept from 0
    }
    if (!isNumber) {
        std::cout << "  " << tr("lesson.typeNumber") << "\n";
        return std::nullopt;
    }
    if (cp.type == Checkpoint::Type::Outcome && cp.input == Checkpoint::Input::Integer) {
        if (v != std::floor(v)) {
            std::cout << "  " << tr("lesson.typeInteger") << "\n";
            return std::nullopt;
        }
        return Json(static_cast<long long>(v));
    }
    return Json(v);
}

Asked ask(LessonPlayer& player, LessonProgress& progress, const Checkpoint& cp, bool reveal) {
    std::cout << "\n" << tr("lesson.question", {shown(cp.question)}) << "\n";
    printChoices(cp);
    if (reveal) {
        // For the one who writes or teaches the lesson: the answer before the student's turn.
        const Json expected =
            cp.type == Checkpoint::Type::Outcome ? cp.exampleAnswer : player.check(cp, Json(nullptr)).expected;
        std::cout << "  " << tr("lesson.expected", {answerText(cp, expected)}) << "\n";
    }
    int wrong = 0;
    std::size_t attempts = 0;
    while (true) {
        std::cout << tr("lesson.prompt") << " " << std::flush;
        const auto line = readLine();
        if (!line || *line == "q") return {Asked::Result::Quit, attempts};
        const auto answer = parseAnswer(cp, *line);
        if (!answer) continue;
        if (cp.type == Checkpoint::Type::Outcome)
            std::cout << "  " << tr("lesson.training", {std::to_string(cp.trainEpochs)}) << std::endl;
        const CheckResult result = player.check(cp, *answer);
        ++attempts;
        progress.recordAnswer(player.pack().id, player.lesson().id, cp.id, *answer, result.correct);
        if (!shown(result.detail).empty()) std::cout << "  " << shown(result.detail) << "\n";
        if (result.correct) {
            std::cout << "  " << tr("lesson.correct") << "\n";
            return {Asked::Result::Right, attempts};
        }
        ++wrong;
        if (const Text* hint = LessonPlayer::hintAfter(cp, wrong)) {
            std::cout << "  " << tr("lesson.notQuite") << "\n";
            printHint(hint);
            continue;
        }
        std::cout << "  " << tr("lesson.theAnswer", {answerText(cp, result.expected)}) << "\n";
        return {Asked::Result::Wrong, attempts};
    }
}

/// Plays one lesson from `first`; false when the student quit.
bool playInteractively(LessonPlayer& player, LessonProgress& progress, const std::string& progressFile,
                       std::size_t first, bool reveal, Score& score) {
    const LessonPack& pack = player.pack();
    const Lesson& lesson = player.lesson();
    std::cout << "\n" << tr("lesson.header", {shown(lesson.title), pack.id + "/" + lesson.id}) << "\n";
    if (!shown(lesson.summary).empty()) std::cout << shown(lesson.summary) << "\n";
    if (first > 0) {
        std::cout << tr("lesson.resuming", {std::to_string(first + 1), std::to_string(player.stepCount())}) << "\n";
        player.goTo(first);
    } else {
        player.start();
    }
    while (true) {
        const std::size_t index = player.stepIndex();
        const LessonStep& step = player.step();
        std::cout << "\n── " << tr("lesson.step", {std::to_string(index + 1), std::to_string(player.stepCount())})
                  << " ──\n\n";
        std::cout << terminalSafe(markdownForTerminal(step.text.in(language()), terminalColumns()));
        if (player.lastTraining()) showTraining(*player.lastTraining());
        showTimings(player.lastTimings());
        for (const auto& item : step.show)
            showItem(player.stepper(), item);
        if (!step.highlight.empty()) {
            // Names as the text uses them: 'layer "out"', not the reference "layer:out".
            std::vector<std::string> names;
            // One parameter element by its lecture name: "w7 (h1→o1)", not "out.weight[0][0]".
            const LectureNames lecture(player.stepper().network());
            for (const auto& item : step.highlight) {
                const LessonRef r = parseLessonHighlight(item);
                names.push_back(r.kind == LessonRef::Kind::Layer ? tr("lesson.layerRef", {r.layer})
                                : r.index.empty()                ? item
                                                                 : lecture.elementLabel(r.parameter, r.index));
            }
            std::cout << "\n" << tr("lesson.lookAt", {terminalSafe(join(names, ", "))}) << "\n";
        }
        for (const Checkpoint& cp : step.checkpoints) {
            const Asked asked = ask(player, progress, cp, reveal);
            if (asked.result == Asked::Result::Quit) {
                progress.save(progressFile);
                return false;
            }
            ++score.total;
            score.attempts += asked.attempts;
            if (asked.result == Asked::Result::Right) ++score.right;
            if (asked.result == Asked::Result::Right && asked.attempts == 1) ++score.firstTry;
        }
        const bool last = index + 1 >= player.stepCount();
        progress.completeStep(pack.id, lesson.id, index, last ? 0 : index + 1);
        if (last) progress.lesson(pack.id, lesson.id).completed = true;
        progress.save(progressFile);
        if (last) {
            std::cout << "\n" << tr("lesson.done", {shown(lesson.title)}) << "\n";
            return true;
        }
        std::cout << "\n" << tr("lesson.continue") << " " << std::flush;
        const auto line = readLine();
        if (!line || *line == "q") return false;
        player.next();
    }
}

}  // namespace

// ------------------------------------------------------------------ commands

int runLessonList(const Arguments& args) {
    Session session(false);
    const auto folders = searchPaths();
    std::cout << tr("lesson.searchPath") << "\n";
    for (const auto& f : folders)
        std::cout << "  " << terminalSafe(f) << "\n";

    std::vector<LessonPackLocation> packs;
    for (const auto& extra : args.values("pack"))
        packs.push_back({fs::path(extra).filename().string(), extra});
    for (auto& found : findLessonPacks(folders))
        packs.push_back(found);

    std::optional<LessonProgress> progress;
    try {
        progress = LessonProgress::load(LessonProgress::defaultFile());
    } catch (const std::exception& e) {
        std::cerr << "deepstep: " << tr("lesson.progressUnreadable", {e.what()}) << "\n";
    }

    if (packs.empty()) std::cout << "\n" << tr("lesson.nonePacks") << "\n";
    std::vector<std::string> listed;
    for (const auto& location : packs) {
        std::cout << "\n";
        LessonPack pack;
        try {
            pack = loadLessonPack(location.folder, session.registry());
        } catch (const LessonPackError& e) {
            std::cout << terminalSafe(location.id) << " - "
                      << terminalSafe(tr("lesson.broken", {std::to_string(e.problems().size()), location.folder}))
                      << "\n";
            continue;
        }
        listed.push_back(pack.id);
        std::cout << pack.id << " - " << shown(pack.title);
        if (pack.lecture > 0) std::cout << " (" << tr("lesson.lecture", {std::to_string(pack.lecture)}) << ")";
        std::cout << "\n";
        if (!shown(pack.summary).empty()) std::cout << "  " << shown(pack.summary) << "\n";
        std::vector<std::string> shippers;
        for (const auto& p : session.host().plugins())
            if (std::find(p.lessons.begin(), p.lessons.end(), pack.id) != p.lessons.end())
                shippers.push_back(terminalSafe(p.loaded ? p.name : p.name + " (" + tr("plugins.refused") + ")"));
        std::cout << "  " << (shippers.empty() ? tr("lesson.ownPack") : tr("lesson.shippedBy", {join(shippers, ", ")}))
                  << "\n";
        std::cout << "  " << terminalSafe(tr("lesson.folder", {location.folder})) << "\n";
        if (!pack.requiredPlugins.empty())
            std::cout << "  " << terminalSafe(tr("lesson.requires", {join(pack.requiredPlugins, ", ")})) << "\n";
        Table table({tr("col.lesson"), tr("col.title"), tr("col.steps"), tr("col.progress")});
        for (const Lesson& l : pack.lessons) {
            const LessonProgress::LessonState* state = progress ? progress->find(pack.id, l.id) : nullptr;
            std::string status = "-";
            if (state != nullptr && state->completed)
                status = tr("lesson.completed");
            else if (state != nullptr)
                status = tr("lesson.atStep", {std::to_string(state->step + 1), std::to_string(l.steps.size())});
            table.addRow({l.id, shown(l.title), std::to_string(l.steps.size()), status});
        }
        std::cout << table.render(2, terminalColumns());
    }
    // A plugin that promises a pack that is nowhere to be found is worth a word.
    for (const auto& p : session.host().plugins())
        for (const auto& id : p.lessons)
            if (std::find(listed.begin(), listed.end(), id) == listed.end() &&
                std::none_of(packs.begin(), packs.end(), [&](const LessonPackLocation& l) { return l.id == id; }))
                std::cout << "\n" << terminalSafe(tr("lesson.missingPack", {p.name, id})) << "\n";
    return 0;
}

int runLessonCheck(const Arguments& args) {
    const std::string folder = packFolder(args.positional().at(0), "lesson check");
    Session session;
    const auto problems = checkLessonPack(folder, session.registry(), LessonCheck::Full);
    if (!problems.empty()) {
        // Problems are diagnostics: stderr, like every other error, so that a script
        // can keep them apart from what a command produces.
        for (const auto& p : problems)
            std::cerr << terminalSafe(p.str()) << "\n";
        std::cerr << terminalSafe(tr("lesson.problems", {std::to_string(problems.size()), folder})) << "\n";
        return 2;
    }
    const LessonPack pack = loadLessonPack(folder, session.registry());
    std::size_t steps = 0;
    std::size_t checkpoints = 0;
    for (const Lesson& l : pack.lessons) {
        steps += l.steps.size();
        checkpoints += l.checkpointCount();
    }
    std::cout << terminalSafe(tr("lesson.valid", {folder, pack.id, std::to_string(pack.lessons.size()),
                                                  std::to_string(steps), std::to_string(checkpoints)}))
              << "\n";
    return 0;
}

int runLessonRun(const Arguments& args) {
    Session session;
    const Target target = findTarget(args.positional().at(0), args.value("pack"), session.registry());
    const LessonPack pack = loadLessonPack(target.folder, session.registry());
    std::vector<const Lesson*> lessons;
    if (target.lesson.empty() || target.lesson == pack.id) {
        for (const Lesson& l : pack.lessons)
            lessons.push_back(&l);
    } else if (const Lesson* l = pack.find(target.lesson)) {
        lessons.push_back(l);
    } else {
        std::vector<std::string> ids;
        for (const Lesson& l : pack.lessons)
            ids.push_back(l.id);
        throw UsageError(tr("lesson.noLesson", {target.lesson, pack.id, join(ids, ", ")}), "lesson run");
    }
    const bool reveal = args.has("reveal");
    Score score;
    // Nothing a lesson prints is wider than the terminal.
    const WrappedOutput wrappedOutput(terminalColumns());

    if (const auto file = args.value("answers")) {
        const LessonAnswers answers = loadLessonAnswers(*file, pack);
        for (const Lesson* l : lessons) {
            score.add(playWithAnswers(pack, *l, answers, session.registry(), reveal));
        }
        std::cout << "\n" << score.str() << "\n";
        return 0;
    }

    const std::string progressFile = LessonProgress::defaultFile();
    LessonProgress progress = LessonProgress::load(progressFile);
    const bool restart = args.has("restart");
    std::cout << shown(pack.title) << " (" << pack.id << ")\n";
    for (const Lesson* l : lessons) {
        LessonProgress::LessonState& state = progress.lesson(pack.id, l->id);
        if (restart) state = {};
        // Playing a whole pack skips what is done; a lesson asked for by name plays again.
        if (state.completed && lessons.size() > 1) {
            std::cout << "\n" << tr("lesson.skipDone", {pack.id + "/" + l->id}) << "\n";
            continue;
        }
        const std::size_t first = state.completed || state.step >= l->steps.size() ? 0 : state.step;
        if (state.completed) state = {};
        Stepper stepper(session.registry());
        LessonPlayer player(pack, *l, stepper, session.registry());
        if (!playInteractively(player, progress, progressFile, first, reveal, score)) {
            std::cout << "\n" << tr("lesson.saved", {progressFile}) << "\n";
            break;
        }
    }
    if (score.total > 0) std::cout << "\n" << score.str() << "\n";
    return 0;
}

std::optional<std::string> readLine() {
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : line.substr(first);
}

void showLessonItem(Stepper& stepper, const std::string& item) { showItem(stepper, item); }

}  // namespace deepstep::cli
