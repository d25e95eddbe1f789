// deepstep lab build | start | submit | grade: instructor-led labs (docs/labs.md).

#include "commands.hpp"
#include "markdown.hpp"
#include "session.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lab.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/lessons/progress.hpp"
#include "deepstep/stepper.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace deepstep::cli {

CommandSpec labBuildSpec() {
    return {"lab build",
            "FOLDER --out FILE [--seeds N] [--key-file FILE]",
            "cmd.labBuild.summary",
            "cmd.labBuild.description",
            {"FOLDER"},
            {{"out", "FILE", "opt.lab.out"}, {"seeds", "N", "opt.lab.seeds"}, {"key-file", "FILE", "opt.lab.keyFile"}}};
}

CommandSpec labStartSpec() {
    return {"lab start",
            "LAB --student ID [--answers FILE]",
            "cmd.labStart.summary",
            "cmd.labStart.description",
            {"LAB"},
            {{"student", "ID", "opt.lab.student"}, {"answers", "FILE", "opt.lab.answers"}}};
}

CommandSpec labSubmitSpec() {
    return {"lab submit",
            "LAB --student ID [--out FILE]",
            "cmd.labSubmit.summary",
            "cmd.labSubmit.description",
            {"LAB"},
            {{"student", "ID", "opt.lab.student"}, {"out", "FILE", "opt.lab.resultOut"}}};
}

CommandSpec labGradeSpec() {
    return {"lab grade",
            "LAB RESULTS... --out FOLDER",
            "cmd.labGrade.summary",
            "cmd.labGrade.description",
            {"LAB", "RESULTS..."},
            {{"out", "FOLDER", "opt.lab.gradeOut"}}};
}

namespace {

std::string localTime(std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M %Z", &tm);
    return buffer;
}

std::string studentOf(const Arguments& args, const std::string& command) {
    const auto id = args.value("student");
    if (!id) throw UsageError(tr("lab.needStudent"), command);
    if (!isValidStudentId(*id)) throw UsageError(tr("lab.badStudent", {*id}), command);
    return *id;
}

bool isChoice(const Checkpoint& cp) {
    return cp.type == Checkpoint::Type::Choice ||
           (cp.type == Checkpoint::Type::Outcome && cp.input == Checkpoint::Input::Choice);
}

}  // namespace

int runLabBuild(const Arguments& args) {
    const std::string folder = args.positional().at(0);
    const auto out = args.value("out");
    if (!out) throw UsageError(tr("lab.needOut"), "lab build");
    const int seeds = static_cast<int>(args.integer("seeds", 1, 8, 1000));
    std::string key;
    if (const auto keyFile = args.value("key-file")) {
        std::ifstream in(*keyFile, std::ios::binary);
        if (!in) throw InputError(*keyFile, tr("lab.keyUnreadable"));
        std::ostringstream s;
        s << in.rdbuf();
        key = s.str();
        if (key.size() < 16 || key.size() > 4096) throw InputError(*keyFile, tr("lab.keySize", {std::to_string(key.size())}));
    } else {
        std::random_device device;
        for (int i = 0; i < 32; ++i)
            key += static_cast<char>(device() & 0xff);
    }
    Session session;
    std::vector<LabProblem> problems;
    const LabBundle bundle = buildLabBundle(folder, session.registry(), key, seeds, problems);
    if (!problems.empty()) {
        std::string text;
        for (const LabProblem& p : problems)
            text += "\n  " + p.str();
        throw InputError(folder, tr("lab.buildProblems", {std::to_string(problems.size())}) + text);
    }
    writeLabBundle(*out, bundle);
    std::cout << tr("lab.built", {*out, bundle.manifest.id, std::to_string(bundle.manifest.version),
                                  std::to_string(bundle.manifest.lessons.size()), std::to_string(seeds),
                                  bundle.hash.substr(0, 12)})
              << "\n";
    if (!args.value("key-file")) std::cout << tr("lab.newKey") << "\n";
    return 0;
}

int runLabStart(const Arguments& args) {
    const std::string labPath = args.positional().at(0);
    const std::string student = studentOf(args, "lab start");
    Session session;
    const LabBundle lab = readLabBundle(labPath);
    const LessonPack pack = unpackLab(lab, (fs::path(labWorkFolder(lab)) / "pack").string(), session.registry());
    LabResult result = loadLabProgress(lab, student, DEEPSTEP_VERSION);
    if (result.submitted != 0) throw InputError(labPath, tr("lab.alreadySubmitted", {student}));
    const LessonPack variant = labPackFor(pack, lab.manifest, result.seed);
    std::optional<LessonAnswers> answers;
    if (const auto file = args.value("answers")) answers = loadLessonAnswers(*file, variant);

    std::cout << tr("lab.header", {pick(lab.manifest.title), student}) << "\n";
    if (lab.manifest.deadline) std::cout << tr("lab.deadline", {localTime(*lab.manifest.deadline)}) << "\n";
    if (lab.manifest.attempts > 0) std::cout << tr("lab.attempts", {std::to_string(lab.manifest.attempts)}) << "\n";
    const std::size_t width = std::min<std::size_t>(terminalColumns(), 100);
    int right = 0, total = 0;
    for (const Lesson& lesson : variant.lessons) {
        Stepper stepper(session.registry());
        LessonPlayer player(variant, lesson, stepper, session.registry());
        std::cout << "\n== " << pick(lesson.title) << " ==\n";
        for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
            if (i == 0)
                player.start();
            else
                player.next();
            const LessonStep& step = lesson.steps[i];
            if (!answers) {
                std::cout << "\n" << markdownForTerminal(pick(step.text), width);
                // The student's own numbers: the step's `show` items on their variant.
                for (const std::string& item : step.show)
                    showLessonItem(player.stepper(), item);
            }
            for (const Checkpoint& cp : step.checkpoints) {
                ++total;
                LabCheckpointResult& record = result.checkpoint(lesson.id, cp.id);
                const auto allowed = [&] {
                    return lab.manifest.attempts == 0 ||
                           record.answers.size() < static_cast<std::size_t>(lab.manifest.attempts);
                };
                const auto done = [&] {
                    return std::any_of(record.answers.begin(), record.answers.end(), [](const LabAnswer& a) { return a.correct; });
                };
                if (answers) {
                    if (done() || !allowed()) {
                        right += done() ? 1 : 0;
                        continue;
                    }
                    const Json* given = answers->find(lesson.id, cp.id);
                    if (given == nullptr) continue;
                    const bool ok = player.check(cp, *given).correct;
                    record.answers.push_back({*given, utcNow(), ok});
                    saveLabProgress(lab, result);
                    right += ok ? 1 : 0;
                    std::cout << "  " << lesson.id << "/" << cp.id << ": " << (ok ? tr("lesson.correct") : tr("lab.wrong"))
                              << "\n";
                    continue;
                }
                std::cout << "\n" << tr("lesson.question", {pick(cp.question)}) << "\n";
                if (cp.type == Checkpoint::Type::Choice)
                    for (std::size_t k = 0; k < cp.choices.size(); ++k)
                        std::cout << "  " << k + 1 << ". " << pick(cp.choices[k]) << "\n";
                while (!done() && allowed()) {
                    std::cout << tr("lesson.prompt") << " " << std::flush;
                    const auto line = readLine();
                    if (!line || *line == "q") {
                        saveLabProgress(lab, result);
                        std::cout << "\n" << tr("lab.saved", {labPath, student}) << "\n";
                        return 0;
                    }
                    const std::optional<double> n = parseTypedNumber(*line);
                    if (!n) {
                        std::cout << "  " << tr("lesson.typeNumber") << "\n";
                        continue;
                    }
                    const std::size_t choices = cp.type == Checkpoint::Type::Choice ? cp.choices.size() : cp.inputChoices.size();
                    if (isChoice(cp) && (*n != std::floor(*n) || *n < 1 || *n > static_cast<double>(choices))) {
                        std::cout << "  " << tr("lesson.typeChoice", {std::to_string(choices)}) << "\n";
                        continue;
                    }
                    const Json answer = isChoice(cp) ? Json(static_cast<long long>(*n) - 1) : Json(*n);
                    const bool ok = player.check(cp, answer).correct;
                    record.answers.push_back({answer, utcNow(), ok});
                    saveLabProgress(lab, result);
                    std::cout << "  " << (ok ? tr("lesson.correct") : tr("lab.wrong")) << "\n";
                    if (ok) break;
                    if (!allowed()) {
                        std::cout << "  " << tr("lab.noAttempts") << "\n";
                    } else if (const Text* hint = deepstep::LessonPlayer::hintAfter(
                                   cp, static_cast<int>(record.answers.size()))) {
                        std::cout << "  " << tr("lab.hint", {pick(*hint)}) << "\n";
                    }
                }
                right += done() ? 1 : 0;
            }
        }
    }
    saveLabProgress(lab, result);
    std::cout << "\n" << tr("lab.finished", {std::to_string(right), std::to_string(total), labPath, student}) << "\n";
    return 0;
}

int runLabSubmit(const Arguments& args) {
    const std::string labPath = args.positional().at(0);
    const std::string student = studentOf(args, "lab submit");
    const LabBundle lab = readLabBundle(labPath);
    std::error_code ec;
    if (!fs::exists(fs::path(labWorkFolder(lab)) / (student + ".json"), ec))
        throw InputError(labPath, tr("lab.nothingToSubmit", {student}));
    LabResult result = loadLabProgress(lab, student, DEEPSTEP_VERSION);
    const std::string out = args.value("out").value_or(lab.manifest.id + "-" + student + ".json");
    if (const fs::path parent = fs::path(out).parent_path(); !parent.empty()) fs::create_directories(parent, ec);
    writeFileAtomically(out, submitLabResult(lab, result));
    saveLabProgress(lab, result);
    std::cout << tr("lab.submitted", {out, formatUtcTime(result.submitted)}) << "\n";
    if (lab.manifest.deadline && result.submitted > *lab.manifest.deadline)
        std::cout << tr("lab.lateNote", {localTime(*lab.manifest.deadline)}) << "\n";
    return 0;
}

int runLabGrade(const Arguments& args) {
    const std::string labPath = args.positional().at(0);
    const auto out = args.value("out");
    if (!out) throw UsageError(tr("lab.needOut"), "lab grade");
    std::vector<std::string> files;
    for (std::size_t i = 1; i < args.positional().size(); ++i) {
        const fs::path p(args.positional()[i]);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> inside;
            for (const auto& e : fs::directory_iterator(p, ec))
                if (e.path().extension() == ".json" && e.is_regular_file(ec)) inside.push_back(e.path().string());
            std::sort(inside.begin(), inside.end());
            files.insert(files.end(), inside.begin(), inside.end());
        } else {
            files.push_back(p.string());
        }
    }
    if (files.empty()) throw InputError(args.positional()[1], tr("lab.noResults"));
    Session session;
    const LabBundle lab = readLabBundle(labPath);
    const fs::path scratch = fs::path(labWorkFolder(lab)) / "grading";
    const LessonPack pack = unpackLab(lab, scratch.string(), session.registry());
    const LabGrades grades = gradeLab(lab, pack, files, session.registry());
    fs::create_directories(*out);
    writeFileAtomically((fs::path(*out) / "grades.csv").string(), labGradesCsv(grades));
    writeFileAtomically((fs::path(*out) / "report.html").string(), labReportHtml(lab, grades, language()));
    for (const GradedResult* r : grades.students()) {
        const fs::path folder = fs::path(*out) / "gradescope" / r->student;
        fs::create_directories(folder);
        writeFileAtomically((folder / "results.json").string(), labGradescopeResult(*r).dump(2) + "\n");
    }
    std::size_t invalid = 0;
    for (const GradedResult& r : grades.results) {
        if (r.status == GradedResult::Status::Valid || r.status == GradedResult::Status::Superseded) continue;
        ++invalid;
        std::cerr << r.file << ": " << r.problem << "\n";
    }
    std::cout << tr("lab.graded", {std::to_string(files.size()), std::to_string(grades.students().size()),
                                   std::to_string(invalid), *out})
              << "\n";
    return invalid == 0 ? 0 : 2;
}

}  // namespace deepstep::cli
