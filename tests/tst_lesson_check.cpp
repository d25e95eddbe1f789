// `deepstep lesson check` and the checker behind it, on the broken packs of
// data/lessons_broken/: every problem is reported, each naming the file, the JSON path
// and what was expected, and the command exits with 2. The sample pack passes.

#include "support/cli_runner.hpp"

#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "deepstep/plugin_host.hpp"

#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

#include <QTemporaryDir>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include <sys/stat.h>

using namespace deepstep;

namespace {

std::string dataFolder(const std::string& name) {
    const char* data = std::getenv("DEEPSTEP_TEST_DATA");
    return std::string(data != nullptr ? data : "tests/data") + "/" + name;
}

using deepstep::test::CliResult;

CliResult runCli(const QStringList& args) {
    return deepstep::test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), args, {{}, {}, {}, 300000});
}

QStringList lines(const std::vector<LessonProblem>& problems) {
    QStringList out;
    for (const auto& p : problems)
        out << QString::fromStdString(p.str());
    return out;
}

namespace fs = std::filesystem;

void writeFile(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

/// A pack of one lesson, "h.json", in `root`/pack: its text in text/, the sample's XOR
/// experiment as exp.json, and beside the pack a canary file no problem may quote.
/// `lesson` is the lesson file's text; "{TEXT}" in it stands for a valid text field.
fs::path hostilePack(const fs::path& root, const std::string& lesson) {
    const fs::path pack = root / "pack";
    writeFile(pack / "pack.json", R"({"format": "deepstep.lesson-pack", "version": 1, "id": "h",
        "title": {"en": "H", "ko": "H"}, "lessons": ["h.json"]})");
    writeFile(pack / "text/en.md", "# Text\n");
    writeFile(pack / "text/ko.md", "# 글\n");
    fs::copy_file(dataFolder("lessons_sample/experiments/xor.json"), pack / "exp.json");
    writeFile(root / "canary.md", "CANARY-TEXT\n");
    writeFile(root / "canary.json", R"({"CANARY-KEY": "CANARY-VALUE"})");
    std::string text = lesson;
    const std::string valid = R"({"en": "text/en.md", "ko": "text/ko.md"})";
    for (std::size_t at = text.find("{TEXT}"); at != std::string::npos; at = text.find("{TEXT}"))
        text.replace(at, 6, valid);
    writeFile(pack / "h.json", text);
    return pack;
}

}  // namespace

class TestLessonCheck : public QObject {
    Q_OBJECT

    Registry registry_;
    std::unique_ptr<PluginHost> host_;

    /// The problems of a broken pack, with its folder written as {F}.
    QStringList problemsOf(const std::string& pack) {
        const std::string folder = dataFolder("lessons_broken/" + pack);
        QStringList out = lines(checkLessonPack(folder, registry_));
        out.replaceInStrings(QString::fromStdString(folder), QStringLiteral("{F}"));
        return out;
    }

private slots:
    void initTestCase() {
        host_ = std::make_unique<PluginHost>(registry_);
        host_->load({DEEPSTEP_PLUGIN_DIR});
        QVERIFY(host_->isLoaded("backprop"));
        QVERIFY(host_->isLoaded("toy_datasets"));
    }

    void missingFiles() {
        QCOMPARE(
            problemsOf("missing_file"),
            (QStringList{
                "{F}/lesson.json: experiment: expected an existing experiment file, \"experiments/none.json\" not "
                "found (looked for {F}/experiments/none.json)",
                "{F}/lesson.json: steps[0].text.ko: expected an existing Markdown file, \"text/ko/missing.md\" not "
                "found (looked for {F}/text/ko/missing.md)",
            }));
    }

    void badReferences() {
        // The syntax is checked when the files are read; names and indexes when the
        // lesson is played through, at the step of each question.
        QCOMPARE(problemsOf("bad_reference"),
                 (QStringList{
                     "{F}/syntax.json: steps[0].checkpoints[0].answer.ref: expected one of input, z, output, "
                     "grad_output, delta, grad_input after the layer's name, got \"outptu\"",
                     "{F}/lesson.json: steps[0].checkpoints[0].answer.ref: expected a layer of the experiment (out), "
                     "got \"hiden\"",
                     "{F}/lesson.json: steps[0].checkpoints[1].answer.ref: expected an index below 4 in position 1 "
                     "(the value has shape [4, 1]), got [9][0]",
                 }));
    }

    void unknownComponentNames() {
        // two.json uses the broken experiment file too: reported once, and not played.
        const QStringList problems = problemsOf("unknown_component");
        QCOMPARE(problems.size(), 2);
        // Inline: the lesson file, the path down into the experiment. From a file: that file.
        QVERIFY2(problems[0].startsWith("{F}/lesson.json: experiment.model.layers[0]: unknown layer \"dense2\" "
                                        "(known: activation, "),
                 qPrintable(problems[0]));
        QVERIFY2(problems[0].contains(", dense, "), qPrintable(problems[0]));
        QVERIFY2(problems[1].startsWith("{F}/experiments/bad.json: loss: unknown loss \"mse2\" (known: "),
                 qPrintable(problems[1]));
        QVERIFY2(problems[1].contains(", mse"), qPrintable(problems[1]));
    }

    void missingLanguages() {
        QCOMPARE(problemsOf("missing_language"),
                 (QStringList{
                     "{F}/lesson.json: title.ko: required field is missing (every text needs en and ko)",
                     "{F}/lesson.json: steps[0].text.ko: required field is missing (every step needs a Markdown file "
                     "for en and for ko)",
                     "{F}/lesson.json: steps[0].checkpoints[0].choices[1].ko: required field is missing (every text "
                     "needs en and ko)",
                 }));
    }

    void checkpointsWithoutAnswers() {
        QCOMPARE(problemsOf("no_answer"),
                 (QStringList{
                     "{F}/lesson.json: steps[0].checkpoints[0].answer: required field is missing (a number "
                     "checkpoint needs {\"ref\": …} or {\"value\": …})",
                     "{F}/lesson.json: steps[0].checkpoints[1].answer: required field is missing (the 0-based index "
                     "of the right choice)",
                     "{F}/lesson.json: steps[0].checkpoints[2].example_answer: required field is missing (an answer "
                     "that passes, verified by the full check)",
                 }));
    }

    void malformedJsonNamesTheLine() {
        const QStringList problems = problemsOf("malformed_json");
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems[0].startsWith("{F}/lesson.json line 5 column 3: not valid JSON: "), qPrintable(problems[0]));
    }

    void everyProblemIsCollected() {
        QCOMPARE(problemsOf("many_problems"),
                 (QStringList{
                     "{F}/pack.json: version: this pack is format version 2, newer than this DeepStep reads (1); "
                     "update DeepStep",
                     "{F}/a.json: steps[0].checkpoint: unknown field (expected one of text, experiment, actions, "
                     "highlight, show, checkpoints)",
                     "{F}/a.json: steps[0].actions[0].do: expected one of forward_layer, backward_layer, update, "
                     "iteration, train, set, reset, time_devices, got \"fly\"",
                     "{F}/a.json: steps[0].actions[1].path: expected a setting such as \"optimizer.learning_rate\", "
                     "\"training.batch_size\", \"loss.OPTION\", \"optimizer.OPTION\", \"dataset.OPTION\", "
                     "\"model.layers[i].OPTION\" or \"seed\", got \"optimiser.rate\"",
                     "{F}/a.json: steps[0].show[0]: expected \"layer:NAME\", \"layer:NAME.Q\" (Q: input, z, output, grad_output, "
                     "delta or grad_input), \"param:LAYER.PARAM\", \"internal:LAYER\", \"loss\" or "
                     "\"eval\", got \"weights\"",
                     "{F}/a.json: steps[0].checkpoints[0].answer: expected the 0-based index of one of the 2 choices, "
                     "got 2",
                     "{F}/a.json: steps[0].checkpoints[1].id: expected a unique checkpoint id, \"x\" is used twice",
                     "{F}/a.json: steps[0].checkpoints[1].hints: expected a list of at least 1 hint {\"en\": …, "
                     "\"ko\": …}, got []",
                     "{F}/a.json: steps[0].checkpoints[1].tolerance: expected a positive number, got -1",
                     "{F}/pack.json: lessons[2]: expected an existing lesson file, \"c.json\" not found (looked for "
                     "{F}/c.json)",
                     // b.json reads cleanly; playing it through finds the rest.
                     "{F}/b.json: steps[0].show[0]: expected a layer of the experiment (out), got \"nope\"",
                     "{F}/b.json: steps[0].show[1]: expected an iteration on display, but none has been computed at "
                     "this step (after training none is shown): run forward_layer or iteration first",
                     "{F}/b.json: steps[0].checkpoints[0].example_answer: expected an answer that passes, but 0.0001 "
                     "does not: accuracy 50% after 5 epochs (at least 100% needed)",
                     "{F}/b.json: steps[1].actions[0]: backward_layer cannot run now: no iteration is on display; the "
                     "forward pass must show every layer first (forward_layer)",
                 }));
    }

    void loadingThrowsWithEveryProblem() {
        const std::string folder = dataFolder("lessons_broken/missing_language");
        try {
            (void)loadLessonPack(folder, registry_);
            QFAIL("a broken pack was loaded");
        } catch (const LessonPackError& e) {
            QCOMPARE(e.problems().size(), std::size_t{3});
            QCOMPARE(e.where(), folder);
            const std::string message = e.what();
            QVERIFY2(message.find("3 problems\n  " + folder + "/lesson.json: title.ko: required field is missing") !=
                         std::string::npos,
                     message.c_str());
        }
        // Not a pack at all.
        const auto none = checkLessonPack(dataFolder("lessons_broken"), registry_);
        QCOMPARE(none.size(), std::size_t{1});
        QCOMPARE(
            QString::fromStdString(none[0].str()),
            QString::fromStdString(dataFolder("lessons_broken") +
                                   "/pack.json: expected the pack's index, pack.json, but the file does not exist"));
        const auto missing = checkLessonPack(dataFolder("no_such_pack"), registry_);
        QCOMPARE(QString::fromStdString(missing.at(0).str()),
                 QString::fromStdString(dataFolder("no_such_pack") +
                                        ": expected a lesson pack folder, but there is no such folder"));
    }

    void filesOutsideThePackAreNeverRead_data() {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QString>("expected");
        const QString step = R"({"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [%1]})";
        QTest::newRow("markdown ../") << step.arg(R"({"text": {"en": "../canary.md", "ko": "text/ko.md"}})") << ""
                                      << "h.json: steps[0].text.en: expected a Markdown file inside the pack folder "
                                         "or the experiments folder, but \"../canary.md\" leads outside them";
        QTest::newRow("markdown absolute")
            << step.arg(R"({"text": {"en": "text/en.md", "ko": "{ROOT}/canary.md"}})") << ""
            << "h.json: steps[0].text.ko: expected a Markdown file relative to the pack folder, got the absolute path";
        QTest::newRow("markdown symlink out")
            << step.arg(R"({"text": {"en": "text/link.md", "ko": "text/ko.md"}})") << "symlink text/link.md ../../canary.md"
            << "h.json: steps[0].text.en: expected a Markdown file inside the pack folder or the experiments folder, "
               "but \"text/link.md\" leads outside them";
        QTest::newRow("experiment symlink out")
            << step.arg(R"({"text": {TEXT}, "experiment": "exp2.json"})") << "symlink exp2.json ../canary.json"
            << "h.json: steps[0].experiment: expected an experiment file inside the pack folder";
        QTest::newRow("experiment non-JSON outside")
            << step.arg(R"({"text": {TEXT}, "experiment": "../canary.md"})") << ""
            << "h.json: steps[0].experiment: expected an experiment file inside the pack folder";
        QTest::newRow("symlink loop") << step.arg(R"({"text": {"en": "loop.md", "ko": "text/ko.md"}})")
                                      << "loop loop.md"
                                      << "h.json: steps[0].text.en: expected a Markdown file that can be found, but "
                                         "\"loop.md\" cannot be followed";
        QTest::newRow("FIFO") << step.arg(R"({"text": {"en": "fifo.md", "ko": "text/ko.md"}})") << "fifo fifo.md"
                              << "h.json: steps[0].text.en: expected a Markdown file that is a regular file, but "
                                 "\"fifo.md\" is a FIFO";
        QTest::newRow("lesson file symlink out") << "{}" << "symlink h.json ../canary.json"
                                                 << "pack.json: lessons[0]: expected a lesson file inside the pack "
                                                    "folder or the experiments folder, but \"h.json\" leads outside";
        QTest::newRow("answers symlink out")
            << step.arg(R"({"text": {TEXT}})") << "symlink answers/a.json ../../canary.json"
            << "answers/a.json: expected an answers file inside the pack folder or the experiments folder";
    }

    void filesOutsideThePackAreNeverRead() {
        QFETCH(QString, lesson);
        QFETCH(QString, setup);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString());
        const fs::path pack = hostilePack(root, lesson.replace("{ROOT}", dir.path()).toStdString());
        const QStringList how = setup.split(' ', Qt::SkipEmptyParts);
        if (!how.isEmpty()) {
            const fs::path at = pack / how[1].toStdString();
            fs::create_directories(at.parent_path());
            fs::remove(at);
            if (how[0] == "symlink") fs::create_symlink(how[2].toStdString(), at);
            if (how[0] == "loop") fs::create_symlink(at.filename(), at);
            if (how[0] == "fifo") QCOMPARE(::mkfifo(at.c_str(), 0644), 0);
        }
        const QStringList problems = lines(checkLessonPack(pack.string(), registry_));
        const QString all = problems.join('\n');
        QVERIFY2(all.contains(expected), qPrintable(all));
        QVERIFY2(!all.contains("CANARY"), qPrintable(all));
        // The loader used by `lesson run` and the Studio refuses the same pack (it never
        // looks at the pack's answers folder).
        if (QByteArray(QTest::currentDataTag()) != "answers symlink out")
            QVERIFY_THROWS_EXCEPTION(LessonPackError, (void)loadLessonPack(pack.string(), registry_));
    }

    void symlinksWithinThePackAndTheExperimentsFolderAreFollowed() {
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString());
        const fs::path experiments = fs::path(lessonExperimentFolders().back());
        const std::string shared = fs::relative(experiments / "perceptron_xor.json", root / "pack").string();
        const fs::path pack = hostilePack(
            root, R"({"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": ")" + shared +
                      R"(", "steps": [{"text": {"en": "text/link.md", "ko": "text/ko.md"}, "experiment": "x.json"}]})");
        fs::create_symlink("en.md", pack / "text/link.md");
        fs::create_symlink("exp.json", pack / "x.json");
        QCOMPARE(lines(checkLessonPack(pack.string(), registry_, LessonCheck::Structure)), QStringList{});
    }

    void trainingHasABudget() {
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString());
        // Epochs are bounded when the pack is read, whatever the data.
        const fs::path many = hostilePack(
            root / "many", R"({"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [
                {"text": {TEXT}, "actions": [{"do": "train", "epochs": 1000000}, {"do": "iteration", "count": 1000000},
                 {"do": "time_devices", "epochs": 1000000}, {"do": "time_devices", "epochs": 0},
                 {"do": "time_devices", "device": "cuda"}]}]})");
        const QString h = QString::fromStdString(many.string()) + "/h.json: steps[0].actions";
        QCOMPARE(lines(checkLessonPack(many.string(), registry_, LessonCheck::Structure)),
                 (QStringList{h + "[0].epochs: expected at most 100000 epochs (the training budget of a lesson), got "
                                  "1000000",
                              h + "[1].count: expected at most 100000 iterations (the training budget of a lesson), "
                                  "got 1000000",
                              h + "[2].epochs: expected at most 100000 epochs (the training budget of a lesson), got "
                                  "1000000",
                              h + "[3].epochs: expected a whole number >= 1, got 0",
                              h + "[4].device: unknown field (expected one of do, epochs)"}));
        // Epochs × examples are bounded when the lesson is played: the experiment's own
        // 10^7 epochs of 4 examples go over the budget of 2·10^7 example passes.
        Json experiment = readJsonFile(dataFolder("lessons_sample/experiments/xor.json"));
        experiment["training"]["epochs"] = 10'000'000;
        const fs::path big = hostilePack(
            root / "big", R"({"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "big.json", "steps": [
                {"text": {TEXT}, "actions": [{"do": "train"}]}]})");
        writeFile(big / "big.json", experiment.dump());
        QCOMPARE(lines(checkLessonPack(big.string(), registry_)),
                 QStringList{QString::fromStdString(big.string()) +
                             "/h.json: steps[0].actions[0]: expected training within the lesson budget of 20000000 "
                             "example passes (epochs × training examples), but this asks for 10000000 epochs × 4 "
                             "examples = 40000000 example passes"});
    }

    // A number checkpoint must accept its value written as the question asks: rounded to
    // the decimals the question states, or to two decimals when it states none.
    void tolerancesMatchTheQuestion() {
        QTemporaryDir dir;
        const fs::path pack = hostilePack(fs::path(dir.path().toStdString()), R"json({"id": "l",
            "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {TEXT}, "checkpoints": [
              {"id": "silent", "type": "number", "question": {"en": "What is it?", "ko": "얼마입니까?"},
               "answer": {"value": 0.3292}, "tolerance": 0.0005, "hints": [{"en": "h", "ko": "h"}]},
              {"id": "stated", "type": "number",
               "question": {"en": "What is it? (4 decimal places)", "ko": "얼마입니까? (소수 넷째 자리까지)"},
               "answer": {"value": 0.3292}, "tolerance": 0.0005, "hints": [{"en": "h", "ko": "h"}]},
              {"id": "exact", "type": "number", "question": {"en": "What is it?", "ko": "얼마입니까?"},
               "answer": {"value": 0.25}, "tolerance": 0.0001, "hints": [{"en": "h", "ko": "h"}]},
              {"id": "tight", "type": "number",
               "question": {"en": "What is it? (give 5 decimals)", "ko": "얼마입니까? (소수 다섯째 자리까지)"},
               "answer": {"value": 0.123456}, "tolerance": 0.000001, "hints": [{"en": "h", "ko": "h"}]}]}]})json");
        // 0.3292 → 0.33 is 0.0008 away; 0.123456 → 0.12346 is 0.000004 away.
        const QString f = QString::fromStdString(pack.string());
        QCOMPARE(lines(checkLessonPack(pack.string(), registry_)),
                 (QStringList{f + "/h.json: steps[0].checkpoints[0].tolerance: expected a tolerance that accepts the "
                                  "answer rounded to 2 decimal places (0.33 for 0.3292), but it is 0.0005: say in the "
                                  "question how many decimal places to give (in every language), or loosen the "
                                  "tolerance",
                              f + "/h.json: steps[0].checkpoints[3].tolerance: expected a tolerance that accepts the "
                                  "answer rounded to 5 decimal places (0.12346 for 0.123456), but it is 1e-06: loosen "
                                  "the tolerance"}));
    }

    void theSamplePackPasses() {
        QCOMPARE(lines(checkLessonPack(dataFolder("lessons_sample"), registry_)), QStringList{});
    }

    void commandLineRejectsEveryBrokenPack_data() {
        QTest::addColumn<QString>("pack");
        for (const char* pack : {"missing_file", "bad_reference", "unknown_component", "missing_language", "no_answer",
                                 "malformed_json", "many_problems"})
            QTest::newRow(pack) << pack;
    }

    void commandLineRejectsEveryBrokenPack() {
        QFETCH(QString, pack);
        const std::string folder = dataFolder("lessons_broken/" + pack.toStdString());
        const QStringList expected = lines(checkLessonPack(folder, registry_));
        const CliResult r = runCli({"lesson", "check", QString::fromStdString(folder)});
        QCOMPARE(r.exitCode, 2);
        // Problems are diagnostics: all of them on stderr, nothing on stdout.
        QCOMPARE(r.out, QString());
        const QStringList out = r.err.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(out.size(), expected.size() + 1);
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(out[i], expected[i]);
        QCOMPARE(out.last(),
                 QStringLiteral("%1 problem(s) in %2").arg(expected.size()).arg(QString::fromStdString(folder)));
    }

    void commandLineAcceptsTheSamplePack() {
        const CliResult r = runCli({"lesson", "check", QString::fromStdString(dataFolder("lessons_sample"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("lesson pack 'sample' is valid (2 lessons, 6 steps, 8 checkpoints)"),
                 qPrintable(r.out));
        const CliResult ko =
            runCli({"lesson", "check", QString::fromStdString(dataFolder("lessons_sample")), "--lang", "ko"});
        QCOMPARE(ko.exitCode, 0);
        QVERIFY2(ko.out.contains("레슨 팩 'sample'에 문제가 없습니다"), qPrintable(ko.out));
    }

    void commandLineNeedsAPack() {
        const CliResult none = runCli({"lesson", "check"});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("missing argument PACK"), qPrintable(none.err));
        const CliResult unknown = runCli({"lesson", "check", "no-such-pack"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("no lesson pack is called 'no-such-pack'"), qPrintable(unknown.err));
        const CliResult group = runCli({"lesson"});
        QCOMPARE(group.exitCode, 2);
        QVERIFY2(group.err.contains("'lesson' needs one of these commands: list, check, run"), qPrintable(group.err));
        const CliResult help = runCli({"lesson", "--help"});
        QCOMPARE(help.exitCode, 0);
        // The command column is as wide as the longest command name.
        QVERIFY2(QRegularExpression("\\n  lesson check +check a lesson pack\\n").match(help.out).hasMatch(),
                 qPrintable(help.out));
    }
};

QTEST_APPLESS_MAIN(TestLessonCheck)
#include "tst_lesson_check.moc"
