// Every lesson pack played through `deepstep lesson run`: the packs of lessons/ (the
// course content) and data/lessons_sample/. Each must pass `lesson check`, earn full
// marks with its answers/full.json, and print every first hint when every answer is
// wrong. The sample pack also drives the interactive player through stdin: prompts,
// hints in order, the answer after the last hint, plain Markdown, saved progress and
// resuming.

#include "support/cli_runner.hpp"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using Json = nlohmann::json;

namespace {

using deepstep::test::CliResult;

CliResult runCli(const QStringList& args, const QByteArray& input = {}, const QMap<QString, QString>& env = {}) {
    return deepstep::test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), args, {{}, env, input, 600000});
}

QString dataFolder(const QString& name) {
    return qEnvironmentVariable("DEEPSTEP_TEST_DATA", QStringLiteral("tests/data")) + "/" + name;
}

Json readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return nullptr;
    return Json::parse(file.readAll().toStdString(), nullptr, false);
}

/// Terminal columns a line takes: East Asian wide and full-width characters two,
/// combining marks none, everything else one.
int displayColumns(const QString& line) {
    int columns = 0;
    for (const char32_t c : line.toUcs4()) {
        const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
                          (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
                          (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
                          (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                          (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                          (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
        const bool combining = QChar::category(c) == QChar::Mark_NonSpacing;
        columns += combining ? 0 : wide ? 2 : 1;
    }
    return columns;
}

void writeJson(const QString& path, const Json& doc) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(QByteArray::fromStdString(doc.dump(2)));
}

struct CheckpointInfo {
    std::string lesson;
    std::string id;
    Json source;
};

/// Every checkpoint of a pack, read straight from its files.
std::vector<CheckpointInfo> checkpointsOf(const QString& folder) {
    std::vector<CheckpointInfo> out;
    const Json pack = readJson(folder + "/pack.json");
    for (const auto& file : pack.at("lessons")) {
        const Json lesson = readJson(folder + "/" + QString::fromStdString(file.get<std::string>()));
        for (const auto& step : lesson.at("steps"))
            if (step.contains("checkpoints"))
                for (const auto& cp : step["checkpoints"])
                    out.push_back({lesson.at("id").get<std::string>(), cp.at("id").get<std::string>(), cp});
    }
    return out;
}

/// Answers that are all wrong: numbers far off, the next choice, outcomes left out.
Json wrongAnswers(const std::vector<CheckpointInfo>& checkpoints) {
    Json answers = Json::object();
    for (const auto& cp : checkpoints) {
        const std::string type = cp.source.at("type").get<std::string>();
        if (type == "number")
            answers[cp.lesson][cp.id] = 123456789.0;
        else if (type == "choice")
            answers[cp.lesson][cp.id] =
                (cp.source.at("answer").get<int>() + 1) % static_cast<int>(cp.source.at("choices").size());
    }
    return Json{{"format", "deepstep.lesson-answers"}, {"version", 1}, {"answers", answers}};
}

}  // namespace

class TestLessonPlay : public QObject {
    Q_OBJECT

    QTemporaryDir home_;
    QMap<QString, QString> env() const { return {{"DEEPSTEP_DATA_HOME", home_.path()}}; }

private slots:
    void everyPack_data() {
        QTest::addColumn<QString>("folder");
        QTest::newRow("sample") << dataFolder("lessons_sample");
        const QDir lessons(QStringLiteral(DEEPSTEP_LESSONS_DIR));
        for (const QString& name : lessons.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            if (QFile::exists(lessons.filePath(name + "/pack.json")))
                QTest::newRow(qPrintable(name)) << lessons.filePath(name);
    }

    void everyPack() {
        QFETCH(QString, folder);
#ifdef DEEPSTEP_SANITIZED
        // `lesson check` trains every outcome checkpoint, as the run with the full answers
        // below does again. Under the sanitizers each takes two minutes for the cnn pack's
        // LeNet-5 trainings, and both together pass QtTest's five minutes a function: there
        // the run below trains them (checked for memory errors), and the optimised build
        // runs the check.
        const bool check = !folder.endsWith(QStringLiteral("/cnn"));
#else
        const bool check = true;
#endif
        if (check) {
            const CliResult checked = runCli({"lesson", "check", folder});
            QVERIFY2(checked.exitCode == 0, qPrintable(checked.out + checked.err));
        }

        const auto checkpoints = checkpointsOf(folder);
        const QString total = QString::number(checkpoints.size());
        QVERIFY(!checkpoints.empty());
        QVERIFY2(QFile::exists(folder + "/answers/full.json"), "every pack ships answers/full.json");

        const CliResult full = runCli({"lesson", "run", folder, "--answers", folder + "/answers/full.json"}, {}, env());
        QVERIFY2(full.exitCode == 0, qPrintable(full.out + full.err));
        QVERIFY2(full.out.contains("Score: " + total + "/" + total), qPrintable(full.out));
        QVERIFY2(!full.out.contains("[wrong]"), qPrintable(full.out));
        QCOMPARE(full.out.count("[right]"), static_cast<int>(checkpoints.size()));

        QTemporaryDir dir;
        writeJson(dir.filePath("wrong.json"), wrongAnswers(checkpoints));
        const CliResult wrong = runCli({"lesson", "run", folder, "--answers", dir.filePath("wrong.json")}, {}, env());
        QVERIFY2(wrong.exitCode == 0, qPrintable(wrong.out + wrong.err));
        QVERIFY2(wrong.out.contains("Score: 0/" + total), qPrintable(wrong.out));
        QCOMPARE(wrong.out.count("[wrong]"), static_cast<int>(checkpoints.size()));
        // Long hints are wrapped to the terminal's width: read them with the lines joined.
        const auto unwrapped = [](QString out) { return out.replace(QRegularExpression("\n +"), " "); };
        for (const auto& cp : checkpoints) {
            const QString hint = QString::fromStdString(cp.source.at("hints").at(0).at("en").get<std::string>());
            QVERIFY2(unwrapped(wrong.out).contains("Hint: " + hint), qPrintable(QString::fromStdString(cp.id) + ": " + hint));
        }

        // The same in Korean.
        const CliResult ko =
            runCli({"lesson", "run", folder, "--answers", dir.filePath("wrong.json"), "--lang", "ko"}, {}, env());
        QCOMPARE(ko.exitCode, 0);
        QVERIFY2(ko.out.contains("점수: 0/" + total), qPrintable(ko.out));
        const QString hint =
            QString::fromStdString(checkpoints.front().source.at("hints").at(0).at("ko").get<std::string>());
        QVERIFY2(unwrapped(ko.out).contains("힌트: " + hint), qPrintable(ko.out));
    }

    void answersModeReportsEachResult() {
        QTemporaryDir dir;
        writeJson(dir.filePath("some.json"), Json::parse(R"({"answers": {"forward": {"h1": 0.4013, "direction": 0},
                                                           "training": {"rate": 0.001}}})"));
        const CliResult r =
            runCli({"lesson", "run", dataFolder("lessons_sample"), "--answers", dir.filePath("some.json"), "--reveal"},
                   {}, env());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Lesson: One iteration, layer by layer (sample/forward)"), qPrintable(r.out));
        QVERIFY(r.out.contains("[right] h1: What does the first hidden unit output for the input (0, 1)?"));
        QVERIFY(
            r.out.contains("[wrong] direction: Which way do values flow in a forward pass?\n"
                           "      your answer: 0 (From the output to the input)\n"
                           "      Hint: It is called forward for a reason.\n"
                           "      expected: 1 (From the input to the output)\n"));
        QVERIFY(r.out.contains("[wrong] loss: What is the loss of this batch? (4 decimal places)\n      no answer given\n"));
        QVERIFY(r.out.contains("      expected: 0.133311\n"));
        QVERIFY2(r.out.contains("your answer: 0.001\n      accuracy 50% after 2000 epochs (at least 100% needed)\n"
                                "      Hint: A rate of 0.001 moves the weights far too little.\n"),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains("Score: 1/8 (right on the first try: 1/8; answers given: 8)"), qPrintable(r.out));
    }

    void badAnswersFilesAreRefused() {
        QTemporaryDir dir;
        writeJson(dir.filePath("bad.json"), Json::parse(R"({"answers": {"forward": {"zzz": 1}}})"));
        const CliResult r =
            runCli({"lesson", "run", dataFolder("lessons_sample"), "--answers", dir.filePath("bad.json")}, {}, env());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(dir.filePath("bad.json") + ": answers.forward.zzz: expected a checkpoint of lesson "
                                                           "\"forward\""),
                 qPrintable(r.err));
        const CliResult missing =
            runCli({"lesson", "run", dataFolder("lessons_sample"), "--answers", dir.filePath("none.json")}, {}, env());
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("cannot open the file"), qPrintable(missing.err));
    }

    void lessonsAreFoundByName() {
        QMap<QString, QString> e = env();
        e.insert("DEEPSTEP_LESSON_PATH", dataFolder(""));
        const QString answers = dataFolder("lessons_sample/answers/full.json");
        for (const QString& id : {QStringLiteral("sample/forward"), QStringLiteral("forward")}) {
            const CliResult r = runCli({"lesson", "run", id, "--answers", answers}, {}, e);
            QVERIFY2(r.exitCode == 0, qPrintable(id + r.err));
            QVERIFY2(r.out.contains("Score: 5/5"), qPrintable(r.out));
        }
        const CliResult pack = runCli({"lesson", "run", "sample", "--answers", answers}, {}, e);
        QVERIFY2(pack.out.contains("Score: 8/8"), qPrintable(pack.out));
        const CliResult folder =
            runCli({"lesson", "run", dataFolder("lessons_sample") + "/training", "--answers", answers}, {}, e);
        QVERIFY2(folder.out.contains("Score: 3/3"), qPrintable(folder.out));
        const CliResult option = runCli(
            {"lesson", "run", "training", "--pack", dataFolder("lessons_sample"), "--answers", answers}, {}, env());
        QVERIFY2(option.out.contains("Score: 3/3"), qPrintable(option.out + option.err));
        const CliResult both = runCli(
            {"lesson", "run", "sample/training", "--pack", dataFolder("lessons_sample"), "--answers", answers}, {}, env());
        QVERIFY2(both.out.contains("Score: 3/3"), qPrintable(both.out + both.err));

        const CliResult none = runCli({"lesson", "run", "nope"}, {}, e);
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("no lesson pack or lesson is called 'nope' (packs: sample"), qPrintable(none.err));
        const CliResult noLesson = runCli({"lesson", "run", "sample/nope"}, {}, e);
        QCOMPARE(noLesson.exitCode, 2);
        QVERIFY2(noLesson.err.contains("pack 'sample' has no lesson 'nope' (lessons: forward, training)"),
                 qPrintable(noLesson.err));
    }

    void listShowsPacksAndProgress() {
        QMap<QString, QString> e = env();
        e.insert("DEEPSTEP_LESSON_PATH", dataFolder(""));
        const CliResult r = runCli({"lesson", "list"}, {}, e);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("sample - A sample pack for the lesson engine's tests"), qPrintable(r.out));
        QVERIFY(r.out.contains("a pack of its own (no plugin ships it)"));
        QVERIFY(r.out.contains("uses plugins: backprop, toy_datasets"));
        QVERIFY(r.out.contains("forward   One iteration, layer by layer"));
        // The plugins declare the course packs; the source tree has them, or the list says so.
        const QDir lessons(QStringLiteral(DEEPSTEP_LESSONS_DIR));
        for (const char* id : {"perceptron", "backprop", "cnn", "rnn"}) {
            if (lessons.exists(QString(id) + "/pack.json"))
                QVERIFY2(r.out.contains(QString("shipped with plugin ") + id), qPrintable(r.out));
            else
                QVERIFY2(r.out.contains(QString("Plugin %1 ships the lesson pack '%1'").arg(id)), qPrintable(r.out));
        }
    }

    void interactivePlay() {
        QTemporaryDir home;
        const QMap<QString, QString> e{{"DEEPSTEP_DATA_HOME", home.path()}};
        const QByteArray input =
            "1\n2\n"           // a wrong choice, then the right one
            "\n"               // next step
            "0.5\n0.6\n0.7\n"  // three wrong numbers: two hints, then the answer
            "\n"
            "abc\n0.1333\n"  // not a number, then right
            "\n"
            "0.0157\n0.25\n";  // both right; the lesson ends
        const CliResult r = runCli({"lesson", "run", dataFolder("lessons_sample") + "/forward"}, input, e);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        // Markdown printed plainly: emphasis gone, paragraphs reflowed to the width (80
        // columns without a terminal), tables drawn as columns, code kept.
        QVERIFY2(r.out.contains("The network\n===========\n"), qPrintable(r.out));
        QVERIFY(r.out.contains("A 2-2-1 network learns XOR: two inputs, two hidden units, one output. The option\n"
                               "learning_rate sets the step size; a * b stays as it is.\n"));
        QVERIFY(r.out.contains("input  target\n-----  ------\n0 0    0\n0 1    1\n"));
        QVERIFY(r.out.contains("    y = sigmoid(h W + b)\n"));
        QVERIFY(r.out.contains("then sigmoid(z)."));
        // Questions, hints in order, the answer after the last hint.
        QVERIFY(
            r.out.contains("Question: Which way do values flow in a forward pass?\n  1) From the output to the "
                           "input\n  2) From the input to the output\n"));
        QVERIFY(r.out.contains("Not quite.\n      Hint: It is called forward for a reason.\n"));
        const int first = r.out.indexOf("Hint: z = 0 · 0.6 + 1 · (-0.4)");
        const int second = r.out.indexOf("Hint: sigmoid(-0.4) = 1 / (1 + e^0.4)");
        QVERIFY(first > 0 && second > first);
        QVERIFY(r.out.contains("The answer: 0.401312\n"));
        QVERIFY(r.out.contains("Please type a number, for example 0.25, -0.25, 1/2 or 50%."));
        QCOMPARE(r.out.count("Right!"), 4);
        // Tables of the values of the moment.
        QVERIFY2(r.out.contains("Layer \"hidden\" (dense, sigmoid)"), qPrintable(r.out));
        QVERIFY(r.out.contains("0.4013, 0.6682"));
        QVERIFY(r.out.contains("Loss E = 0.1333"));
        // Parameter elements by the lectures' names: the 2-2-1 network's weights are
        // w1..w4 (x→h, row by row: w1 = x1→h1, w2 = x1→h2, w3 = x2→h1) and w5, w6 (h→o).
        QVERIFY2(r.out.contains("w5 (h1→o1)") && r.out.contains("w6 (h2→o1)"), qPrintable(r.out));
        QVERIFY(!r.out.contains("out.weight[0][0]"));
        QVERIFY(r.out.contains("0.01570") || r.out.contains("0.0157"));
        // Not the reference "layer:hidden", nor the engine's "hidden.weight[1][0]".
        QVERIFY2(r.out.contains("Look at: layer \"hidden\", w3 (x2→h1)"), qPrintable(r.out));
        QVERIFY(r.out.contains("Lesson done: One iteration, layer by layer"));
        // Right in the end 4 of 5; on the first try only loss, grad and slope; direction
        // took 2 answers, h1 3, the others 1 each ("abc" is no answer).
        QVERIFY2(r.out.contains("Score: 4/5 (right on the first try: 3/5; answers given: 8)"), qPrintable(r.out));

        const Json progress = readJson(home.filePath("progress.json"));
        QCOMPARE(progress["format"].get<std::string>(), std::string("deepstep.lesson-progress"));
        const Json& forward = progress["lessons"]["sample/forward"];
        QVERIFY(forward["completed"].get<bool>());
        QCOMPARE(forward["completed_steps"], Json::parse("[0, 1, 2, 3]"));
        QCOMPARE(forward["answers"]["h1"]["attempts"].get<int>(), 3);
        QVERIFY(!forward["answers"]["h1"]["correct"].get<bool>());
        QCOMPARE(forward["answers"]["direction"]["attempts"].get<int>(), 2);
        QVERIFY(forward["answers"]["direction"]["correct"].get<bool>());
        QCOMPARE(forward["answers"]["direction"]["answer"].get<int>(), 1);
    }

    // "layer:NAME.input" prints the values a layer receives and nothing else: the
    // output layer's inputs are the hidden layer's outputs, without the output's z.
    void showLayerInputsAlone() {
        QTemporaryDir dir;
        const QString pack = dir.filePath("sample");
        const QString source = dataFolder("lessons_sample");
        QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString target = pack + "/" + QDir(source).relativeFilePath(file);
            QVERIFY(QDir().mkpath(QFileInfo(target).path()));
            QVERIFY(QFile::copy(file, target));
        }
        Json lesson = readJson(pack + "/01-forward.json");
        lesson["steps"][2]["show"] = Json::array({"layer:out.input", "loss"});
        QFile::remove(pack + "/01-forward.json");
        writeJson(pack + "/01-forward.json", lesson);
        const CliResult check = runCli({"lesson", "check", pack}, {}, env());
        QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
        // Played as a student does (show items are printed in interactive play), every answer right.
        QTemporaryDir home;
        const CliResult r = runCli({"lesson", "run", pack + "/forward"}, "2\n\n0.4013\n\n0.1333\n\n0.0157\n0.25\n",
                                   {{"DEEPSTEP_DATA_HOME", home.path()}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const int hidden = r.out.indexOf("Layer \"hidden\" (dense, sigmoid)");
        const int out = r.out.indexOf("Layer \"out\" (dense, sigmoid)");
        const int loss = r.out.indexOf("Loss E = ", out);
        QVERIFY2(hidden > 0 && out > hidden && loss > out, qPrintable(r.out));
        const QString hiddenTable = r.out.mid(hidden, out - hidden);
        const QString outTable = r.out.mid(out, loss - out);
        // Example 2 is (0, 1): h = (σ(−0.4), σ(0.7)), computed here, not read from the engine.
        const auto sigmoid = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
        const QString h = QString::number(sigmoid(-0.4), 'f', 4) + ", " + QString::number(sigmoid(0.7), 'f', 4);
        QVERIFY2(hiddenTable.contains(h), qPrintable(h + "\n" + hiddenTable));
        QVERIFY2(outTable.contains(h), qPrintable(h + "\n" + outTable));
        QVERIFY2(outTable.contains("input"), qPrintable(outTable));
        QVERIFY2(!outTable.contains("z = xW + b") && !outTable.contains("output"), qPrintable(outTable));
        QVERIFY2(hiddenTable.contains("z = xW + b"), qPrintable(hiddenTable));
    }

    // Numbers as the lessons print them and as a Korean keyboard types them.
    void typedNumbers() {
        QTemporaryDir home;
        const QMap<QString, QString> e{{"DEEPSTEP_DATA_HOME", home.path()}};
        // Hex escapes are cut where a digit follows, so that "\x92" "0.4" stays two things.
        const QByteArray input = "2\n\n"                               // direction: right; next step
                                 "\xE2\x88\x92" "0.4\n"                  // h1: "−0.4" is a number (a wrong one)
                                 "\xEF\xBC\x90.\xEF\xBC\x94" "013\n\n"    // "０.４013": right; next step
                                 "\xE2\x88\x92\n"                       // loss: "−" alone is refused
                                 "13.33%\n\n"                          // 0.1333: right; next step
                                 "1.57e-2\n"                            // grad: right
                                 "\xEF\xBC\x91/\xEF\xBC\x94\n";         // slope: "１/４" = 0.25, right
        const CliResult r = runCli({"lesson", "run", dataFolder("lessons_sample") + "/forward"}, input, e);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(r.out.count("Please type a number, for example 0.25, -0.25, 1/2 or 50%."), 1);
        QCOMPARE(r.out.count("Right!"), 5);
        QCOMPARE(r.out.count("Not quite."), 1);
        QVERIFY2(r.out.contains("Score: 5/5 (right on the first try: 4/5; answers given: 6)"), qPrintable(r.out));
        const Json progress = readJson(home.filePath("progress.json"));
        QCOMPARE(progress["lessons"]["sample/forward"]["answers"]["slope"]["answer"].get<double>(), 0.25);

        const CliResult ko =
            runCli({"lesson", "run", dataFolder("lessons_sample") + "/forward", "--restart", "--lang", "ko"},
                   "2\n\nzero\n", e);
        QVERIFY2(ko.out.contains(QString::fromUtf8("숫자를 입력하세요. 예: 0.25, -0.25, 1/2, 50%")), qPrintable(ko.out));
    }

    // Every lesson of both packs, played with its answers file and interactively, in
    // English and Korean, fits an 80- and a 60-column terminal: Markdown reflowed,
    // tables drawn as columns, no emphasis markers or Markdown table rules left.
    void linesFitTheTerminal_data() {
        QTest::addColumn<QString>("pack");
        QTest::addColumn<QString>("lang");
        QTest::addColumn<int>("columns");
        for (const char* pack : {"perceptron", "backprop", "cnn", "rnn"})
            for (const char* lang : {"en", "ko"})
                for (const int columns : {80, 60})
                    QTest::addRow("%s %s %d", pack, lang, columns) << pack << lang << columns;
    }
    void linesFitTheTerminal() {
        QFETCH(QString, pack);
        QFETCH(QString, lang);
        QFETCH(int, columns);
        const QString folder = QStringLiteral(DEEPSTEP_LESSONS_DIR) + "/" + pack;
        if (!QFile::exists(folder + "/pack.json")) QSKIP("the pack is not in the source tree");
#ifdef DEEPSTEP_SANITIZED
        // Each play of the cnn pack trains its outcome checkpoints' LeNet-5 and
        // depthwise-separable networks, minutes apiece under the sanitizers: there,
        // everyPack(cnn) plays it once with its answers, and the optimised build
        // (DEEPSTEP_PRESET=default scripts/test.sh) checks its line widths.
        if (pack == "cnn") QSKIP("the cnn pack's line widths are checked in the optimised build");
#endif
        QTemporaryDir home;
        const QMap<QString, QString> e{{"DEEPSTEP_DATA_HOME", home.path()}, {"COLUMNS", QString::number(columns)}};
        const CliResult graded =
            runCli({"lesson", "run", folder, "--answers", folder + "/answers/full.json", "--reveal", "--lang", lang}, {},
                   e);
        QVERIFY2(graded.exitCode == 0, qPrintable(graded.err));
        // "1" answers everything: a number (mostly wrong, so every hint shows), the first
        // choice, the next step.
        QByteArray ones;
        for (int i = 0; i < 3000; ++i)
            ones += "1\n";
        const CliResult played = runCli({"lesson", "run", folder, "--lang", lang}, ones, e);
        QVERIFY2(played.exitCode == 0, qPrintable(played.err));
        QVERIFY(played.out.contains(lang == "en" ? "Score: " : QString::fromUtf8("점수: ")));
        for (const CliResult* r : {&graded, &played}) {
            for (const QString& line : r->out.split('\n'))
                QVERIFY2(displayColumns(line) <= columns,
                         qPrintable(QString("%1 columns: %2").arg(displayColumns(line)).arg(line)));
            QVERIFY(!r->out.contains("**"));
            QVERIFY(!r->out.contains("| ---"));
            QVERIFY(!r->out.contains(QChar(0x1B)));
        }
    }

    // --reveal in play shows each answer under its question, before the prompt.
    void interactiveReveal() {
        QTemporaryDir home;
        const QMap<QString, QString> e{{"DEEPSTEP_DATA_HOME", home.path()}};
        const CliResult r =
            runCli({"lesson", "run", dataFolder("lessons_sample") + "/forward", "--reveal"}, "2\n\nq\n", e);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("  2) From the input to the output\n  expected: 2) From the input to the output\n"),
                 qPrintable(r.out));
        // sigmoid(-0.4), the first hidden unit's output for (0, 1)
        const double h1 = 1.0 / (1.0 + std::exp(0.4));
        QVERIFY2(r.out.contains("  expected: " + QString::number(h1, 'g', 6) + "\n"), qPrintable(r.out));
    }

    void interactivePlayResumes() {
        QTemporaryDir home;
        const QMap<QString, QString> e{{"DEEPSTEP_DATA_HOME", home.path()}};
        const QString lesson = dataFolder("lessons_sample") + "/training";
        const CliResult first = runCli({"lesson", "run", lesson}, "100\nq\n", e);
        QCOMPARE(first.exitCode, 0);
        QVERIFY2(first.out.contains("Trained 100 epochs"), qPrintable(first.out));
        QVERIFY(first.out.contains("On all 4 examples: loss"));
        QVERIFY(first.out.contains("Your progress is saved in " + home.filePath("progress.json")));
        QCOMPARE(readJson(home.filePath("progress.json"))["lessons"]["sample/training"]["step"].get<int>(), 1);

        const CliResult second = runCli({"lesson", "run", lesson}, "0.001\n2\n2\n", e);
        QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
        QVERIFY2(second.out.contains("Resuming at step 2 of 2"), qPrintable(second.out));
        QVERIFY(!second.out.contains("Step 1 of 2"));
        QVERIFY(second.out.contains("(your value sets optimizer.learning_rate; the network then trains 2000 epochs)"));
        QVERIFY(second.out.contains("accuracy 50% after 2000 epochs (at least 100% needed)"));
        QVERIFY(second.out.contains("Hint: A rate of 0.001 moves the weights far too little."));
        QVERIFY(second.out.contains("  1) 0.01\n  2) 3.0\n"));
        QCOMPARE(second.out.count("Right!"), 2);
        QVERIFY(readJson(home.filePath("progress.json"))["lessons"]["sample/training"]["completed"].get<bool>());

        // Started over on request; quitting at the first question keeps the place.
        const CliResult third = runCli({"lesson", "run", lesson, "--restart"}, "q\n", e);
        QCOMPARE(third.exitCode, 0);
        QVERIFY(third.out.contains("Step 1 of 2"));
        QVERIFY(!third.out.contains("Resuming"));
    }
};

QTEST_APPLESS_MAIN(TestLessonPlay)
#include "tst_lesson_play.moc"
