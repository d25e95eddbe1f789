// Labs (deepstep/lessons/lab.hpp): the digests against FIPS 180-4 and RFC 4231, UTC
// times, the manifest's refusals, variants that differ between students and that the
// grader recomputes, and a whole round: a lab built, 40 simulated students (right,
// wrong, wrong until the attempts ran out, late, one tampered, one submitting twice, one
// copying a classmate's numbers, one for another version of the lab), graded, and the
// CSV, the Gradescope results and the report checked against scores computed here.
#include "support/cli_runner.hpp"

#include "deepstep/file_io.hpp"
#include "deepstep/lessons/digest.hpp"
#include "deepstep/lessons/lab.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/plugin_host.hpp"
#include "deepstep/stepper.hpp"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

using namespace deepstep;
namespace fs = std::filesystem;

namespace {

void writeText(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

const char* kPack = R"({"format": "deepstep.lesson-pack", "version": 1, "id": "labtest", "lecture": 2,
  "title": {"en": "Lab test", "ko": "실습 시험"}, "summary": {"en": "A test.", "ko": "시험입니다."},
  "requires": ["backprop"], "lessons": ["forward.json"]})";

const char* kNet = R"({"format": "deepstep.experiment", "version": 1, "seed": 1,
  "model": {"input": [2], "layers": [
    {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid", "use_bias": false,
     "parameters": {"weight": [[0.1, 0.2], [0.3, 0.4]]}},
    {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid", "use_bias": false,
     "parameters": {"weight": [[0.5], [0.6]]}}]},
  "loss": {"type": "mse", "half": true}, "optimizer": {"type": "sgd", "learning_rate": 0.5},
  "dataset": {"type": "inline", "inputs": [[1.0, 0.5]], "targets": [[1.0]]},
  "training": {"batch_size": 1, "shuffle": false}})";

std::string lessonJson(const std::string& extraAction = {}) {
    return R"J({"format": "deepstep.lesson", "version": 1, "id": "forward",
  "title": {"en": "Forward", "ko": "순전파"}, "summary": {"en": "Forward.", "ko": "순전파."},
  "experiment": "experiments/net.json",
  "steps": [
    {"text": {"en": "text/en/1.md", "ko": "text/ko/1.md"},
     "actions": [{"do": "forward_layer"}, {"do": "forward_layer"})J" + extraAction + R"J(],
     "show": ["param:hidden.weight", "layer:hidden"],
     "checkpoints": [
       {"id": "h0", "type": "number", "question": {"en": "h0? (4 decimal places)", "ko": "h0? (소수 넷째 자리까지)"},
        "answer": {"ref": "layer:hidden.output[0][0]"}, "tolerance": 0.0005, "hints": [{"en": "Look again.", "ko": "다시 보세요."}]},
       {"id": "o", "type": "number", "question": {"en": "o? (4 decimal places)", "ko": "o? (소수 넷째 자리까지)"},
        "answer": {"ref": "layer:out.output[0][0]"}, "tolerance": 0.0005, "hints": [{"en": "Look again.", "ko": "다시 보세요."}]}]},
    {"text": {"en": "text/en/2.md", "ko": "text/ko/2.md"},
     "actions": [{"do": "backward_layer"}],
     "checkpoints": [
       {"id": "g", "type": "number", "question": {"en": "g? (4 decimal places)", "ko": "g? (소수 넷째 자리까지)"},
        "answer": {"ref": "param:out.weight.grad[0][0]"}, "tolerance": 0.0005, "hints": [{"en": "Look again.", "ko": "다시 보세요."}]},
       {"id": "c", "type": "choice", "question": {"en": "Which?", "ko": "어느 것?"},
        "choices": [{"en": "a", "ko": "가"}, {"en": "b", "ko": "나"}], "answer": 1, "hints": [{"en": "Look again.", "ko": "다시 보세요."}]}]}]})J";
}

const char* kManifest = R"({"format": "deepstep.lab", "version": 1, "id": "labtest", "lab_version": 3,
  "title": {"en": "A test lab", "ko": "시험 실습"}, "lessons": ["forward"],
  "locked": {"optimizer.learning_rate": 0.5},
  "variables": [
    {"lesson": "forward", "path": "model.layers[0].parameters.weight[0][0]", "min": -1, "max": 1, "step": 0.1},
    {"lesson": "forward", "path": "dataset.inputs[0][1]", "min": 0, "max": 2, "step": 0.25}],
  "points": {"default": 1, "forward/o": 2}, "attempts": 2,
  "deadline": "2026-12-20T23:59:00Z", "late_credit": 0.5, "key_id": "test"})";

void writeLab(const fs::path& folder, const std::string& manifest = kManifest, const std::string& lesson = lessonJson()) {
    writeText(folder / "pack.json", kPack);
    writeText(folder / "forward.json", lesson);
    writeText(folder / "experiments/net.json", kNet);
    for (const char* lang : {"en", "ko"})
        for (const char* n : {"1", "2"})
            writeText(folder / "text" / lang / (std::string(n) + ".md"), std::string("# Step ") + n + "\n\nYour numbers are below.\n");
    writeText(folder / "lab.json", manifest);
}

const std::string kKey = "0123456789abcdef0123456789abcdef";
constexpr std::int64_t kDeadline = 1797811140;  // 2026-12-20T23:59:00Z

/// The right answers of a student's variant, by checkpoint id.
std::map<std::string, Json> rightAnswers(const LessonPack& variant, const Registry& registry) {
    std::map<std::string, Json> out;
    const Lesson& lesson = variant.lessons.at(0);
    Stepper stepper(registry);
    LessonPlayer player(variant, lesson, stepper, registry);
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        if (i == 0)
            player.start();
        else
            player.next();
        for (const Checkpoint& cp : lesson.steps[i].checkpoints)
            out[cp.id] = player.expectedAnswer(cp);
    }
    return out;
}

std::vector<std::string> splitCsvLine(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (const char c : line) {
        if (c == ',') {
            cells.push_back(cell);
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.push_back(cell);
    return cells;
}

}  // namespace

class TestLab : public QObject {
    Q_OBJECT

    Registry registry_;
    std::unique_ptr<PluginHost> host_;

private slots:
    void initTestCase() {
        host_ = std::make_unique<PluginHost>(registry_);
        host_->load({DEEPSTEP_PLUGIN_DIR});
        QVERIFY(host_->isLoaded("backprop"));
    }

    void digestsMatchTheStandards() {
        QCOMPARE(toHex(sha256("")), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(toHex(sha256("abc")), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(toHex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(toHex(sha256(std::string(1000000, 'a'))),
                 std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
        // 55 and 56 bytes: the length still fits the last block, or needs one more.
        QCOMPARE(toHex(sha256(std::string(55, 'a'))), std::string("9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"));
        QCOMPARE(toHex(sha256(std::string(56, 'a'))), std::string("b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"));
        // RFC 4231, test cases 1, 2 and 6 (a key longer than a block).
        QCOMPARE(toHex(hmacSha256(std::string(20, '\x0b'), "Hi There")),
                 std::string("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        QCOMPARE(toHex(hmacSha256("Jefe", "what do ya want for nothing?")),
                 std::string("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        QCOMPARE(toHex(hmacSha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
                 std::string("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
        QCOMPARE(fromHex("00ff10Ab"), std::string("\x00\xff\x10\xab", 4));
        QVERIFY(fromHex("abc").empty());
        QVERIFY(fromHex("zz").empty());
    }

    void studentIds() {
        for (const char* ok : {"s01", "kim.s2026001", "a-b_c@d.e", "7"})
            QVERIFY2(isValidStudentId(ok), ok);
        for (const char* bad : {"", ".", "..", "...", "a b", "a/b", "../x", "é", "x\n"})
            QVERIFY2(!isValidStudentId(bad), bad);
        QVERIFY(!isValidStudentId(std::string(65, 'a')));
    }

    void utcTimes() {
        QCOMPARE(parseUtcTime("1970-01-01T00:00:00Z"), std::optional<std::int64_t>(0));
        QCOMPARE(parseUtcTime("2000-01-01T00:00:00Z"), std::optional<std::int64_t>(946684800));
        QCOMPARE(parseUtcTime("2026-12-20T23:59:00Z"), std::optional<std::int64_t>(kDeadline));
        QCOMPARE(parseUtcTime("2024-02-29T12:00:00Z"), std::optional<std::int64_t>(1709208000));
        QCOMPARE(formatUtcTime(kDeadline), std::string("2026-12-20T23:59:00Z"));
        QCOMPARE(formatUtcTime(1709208000), std::string("2024-02-29T12:00:00Z"));
        for (const char* bad : {"2026-02-30T00:00:00Z", "2026-12-20 23:59:00Z", "2026-12-20T23:59:00+01:00",
                                "2026-12-20T24:00:00Z", "2026-13-01T00:00:00Z", "", "1969-12-31T23:59:59Z"})
            QVERIFY2(!parseUtcTime(bad).has_value(), bad);
    }

    void manifestRefusals_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("message");
        QTest::newRow("no lessons") << R"({"lessons": []})" << "lessons: expected at least one lesson id";
        QTest::newRow("a bad id") << R"({"id": "my lab"})" << "id: expected 1 to 64 letters";
        QTest::newRow("a local deadline") << R"({"deadline": "2026-12-20T23:59:00+09:00"})"
                                          << "deadline: expected a time in UTC";
        QTest::newRow("late credit above 1") << R"({"late_credit": 2})" << "late_credit: expected a share from 0 to 1";
        QTest::newRow("a locked path that is no setting") << R"({"locked": {"weights": 1}})" << "locked.weights: expected a setting";
        QTest::newRow("max below min")
            << R"({"variables": [{"lesson": "forward", "path": "seed", "min": 2, "max": 1, "step": 1}]})"
            << "variables[0].max: expected at least min";
        QTest::newRow("a step of 0")
            << R"({"variables": [{"lesson": "forward", "path": "seed", "min": 0, "max": 1, "step": 0}]})"
            << "variables[0].step: expected a number above 0";
        QTest::newRow("an unknown field") << R"({"grading": 1})" << "grading: unknown field";
        QTest::newRow("negative points") << R"({"points": {"default": -1}})" << "points.default: expected a number of points";
    }

    void manifestRefusals() {
        QFETCH(QString, change);
        QFETCH(QString, message);
        Json doc = Json::parse(kManifest);
        doc.merge_patch(Json::parse(change.toStdString()));
        try {
            readLabManifest(doc, "lab.json");
            QFAIL("accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(message), e.what());
        }
    }

    // Build refuses a lab whose lesson sets a locked setting, a variable that names no
    // number, points for no checkpoint.
    void buildRefusals() {
        QTemporaryDir dir;
        const fs::path a = fs::path(dir.path().toStdString()) / "a";
        writeLab(a, kManifest, lessonJson(R"(, {"do": "set", "path": "optimizer.learning_rate", "value": 0.1})"));
        std::vector<LabProblem> problems;
        buildLabBundle(a.string(), registry_, kKey, 2, problems);
        QVERIFY(!problems.empty());
        QVERIFY2(problems.front().str().find("sets optimizer.learning_rate, which the lab locks") != std::string::npos,
                 problems.front().str().c_str());

        Json m = Json::parse(kManifest);
        m["variables"][0]["path"] = "model.layers[0].parameters.weight[5][0]";
        m["points"]["forward/nothing"] = 1;
        const fs::path b = fs::path(dir.path().toStdString()) / "b";
        writeLab(b, m.dump());
        problems.clear();
        buildLabBundle(b.string(), registry_, kKey, 2, problems);
        std::string all;
        for (const LabProblem& p : problems)
            all += p.str() + "\n";
        QVERIFY2(all.find("points.forward/nothing: expected \"LESSON/CHECKPOINT\"") != std::string::npos, all.c_str());
        // The variable's path is checked against the lesson's experiment before anything plays.
        m["points"].erase("forward/nothing");
        writeLab(b, m.dump());
        problems.clear();
        buildLabBundle(b.string(), registry_, kKey, 2, problems);
        all.clear();
        for (const LabProblem& p : problems)
            all += p.str() + "\n";
        QVERIFY2(all.find("lab.json: variables[0].path: expected a number of lesson forward's experiment, got "
                          "\"model.layers[0].parameters.weight[5][0]\"") != std::string::npos,
                 all.c_str());
        QVERIFY2(all.find("/tmp/deepstep-lab-") == std::string::npos, all.c_str());  // no scratch paths
    }

    void wholeRound() {
        QTemporaryDir dir;
        const fs::path root(dir.path().toStdString());
        writeLab(root / "lab");
        std::vector<LabProblem> problems;
        const LabBundle built = buildLabBundle((root / "lab").string(), registry_, kKey, 6, problems);
        for (const LabProblem& p : problems)
            qWarning("%s", p.str().c_str());
        QVERIFY(problems.empty());
        writeLabBundle((root / "lab.dslab").string(), built);
        const LabBundle bundle = readLabBundle((root / "lab.dslab").string());
        QCOMPARE(bundle.hash, built.hash);
        QCOMPARE(bundle.key, kKey);
        QCOMPARE(bundle.manifest.version, 3);
        // An edited lab file (a locked setting changed in its experiment) is refused.
        {
            Json doc = readJsonFile((root / "lab.dslab").string());
            std::string net = doc["files"]["experiments/net.json"];
            net.replace(net.find("\"learning_rate\": 0.5"), 20, "\"learning_rate\": 5.0");
            doc["files"]["experiments/net.json"] = net;
            try {
                labBundleFromJson(doc, "edited.dslab");
                QFAIL("an edited lab was read");
            } catch (const InputError& e) {
                QVERIFY2(std::string(e.what()).find("changed after `deepstep lab build` wrote it") != std::string::npos, e.what());
            }
        }
        const LessonPack pack = unpackLab(bundle, (root / "unpacked").string(), registry_);

        // Two students' numbers differ, and so do their answers.
        const auto seedOf = [&](const std::string& s) { return labVariantSeed("labtest", s); };
        QVERIFY(seedOf("s01") != seedOf("s02"));
        QCOMPARE(seedOf("s01"), labVariantSeed("labtest", "s01"));
        std::set<std::vector<double>> variants;
        std::map<std::string, std::map<std::string, Json>> right;
        std::vector<std::string> ids;
        for (int k = 1; k <= 40; ++k) {
            char id[8];
            std::snprintf(id, sizeof id, "s%02d", k);
            ids.push_back(id);
            const std::vector<double> values = labVariableValues(bundle.manifest, seedOf(id));
            QCOMPARE(values.size(), std::size_t{2});
            QVERIFY(values[0] >= -1 - 1e-12 && values[0] <= 1 + 1e-12);
            QVERIFY(values[1] >= 0 && values[1] <= 2);
            // On the grid: -1 + 0.1·k and 0.25·k.
            QVERIFY(std::abs(values[0] * 10 - std::round(values[0] * 10)) < 1e-9);
            QVERIFY(std::abs(values[1] * 4 - std::round(values[1] * 4)) < 1e-9);
            variants.insert(values);
            const LessonPack variant = labPackFor(pack, bundle.manifest, seedOf(id));
            QCOMPARE(variant.lessons.at(0).experiment->at("model").at("layers").at(0).at("parameters").at("weight").at(0).at(0).get<double>(),
                     values[0]);
            right[id] = rightAnswers(variant, registry_);
        }
        QVERIFY(variants.size() >= 30);  // 21 × 9 = 189 variants for 40 students
        QVERIFY(right["s01"]["o"] != right["s02"]["o"] || right["s01"]["h0"] != right["s02"]["h0"]);
        // h0 = σ(w00·x0 + w10·x1) with x0 = 1, w10 = 0.3: computed here from the variables.
        for (const std::string& id : ids) {
            const std::vector<double> v = labVariableValues(bundle.manifest, seedOf(id));
            const double h0 = 1.0 / (1.0 + std::exp(-(v[0] * 1.0 + 0.3 * v[1])));
            QVERIFY(std::abs(right[id]["h0"].get<double>() - h0) < 1e-5);
        }

        // The class: what each student answers, and the score expected from that.
        const std::int64_t before = kDeadline - 3600;
        const std::int64_t after = kDeadline + 3600;
        const std::map<std::string, double> points{{"h0", 1}, {"o", 2}, {"g", 1}, {"c", 1}};
        std::map<std::string, double> expected;
        std::map<std::string, bool> late;
        std::vector<std::string> files;
        const auto wrongOf = [](const Json& v) { return Json(v.get<double>() + 0.5); };
        const auto submit = [&](const std::string& id, const std::map<std::string, std::vector<Json>>& answers,
                                std::int64_t when, const std::string& fileName, const std::string& hash) {
            LabResult r;
            r.labId = "labtest";
            r.labVersion = 3;
            r.labHash = hash;
            r.keyId = labKeyFingerprint(kKey);
            r.student = id;
            r.seed = seedOf(id);
            r.app = "test";
            r.started = when - 600;
            r.submitted = when;
            for (const auto& [cp, list] : answers) {
                LabCheckpointResult& c = r.checkpoint("forward", cp);
                for (const Json& a : list) {
                    const bool ok = (id == "s11" && cp == "h0") ||  // s11's program claims its wrong h0 right
                                    (cp == "c" ? a == right[id][cp] : std::abs(a.get<double>() - right[id][cp].get<double>()) <= 0.0005);
                    c.answers.push_back({a, when - 60, ok});
                }
            }
            r.mac = labResultMac(r, kKey);
            const fs::path file = root / "results" / fileName;
            writeText(file, labResultToJson(r).dump(1));
            files.push_back(file.string());
            return file;
        };
        for (int k = 1; k <= 40; ++k) {
            const std::string id = ids[static_cast<std::size_t>(k - 1)];
            std::map<std::string, std::vector<Json>> a;
            for (const auto& [cp, v] : right[id])
                a[cp] = {v};
            double score = 5;
            switch (k % 4) {
                case 1:  // wrong, then right on the second (last allowed) attempt
                    a["o"] = {wrongOf(right[id]["o"]), right[id]["o"]};
                    break;
                case 2:  // right only on the third attempt: too late
                    a["o"] = {wrongOf(right[id]["o"]), wrongOf(right[id]["o"]), right[id]["o"]};
                    score -= 2;
                    break;
                case 3:  // h0 wrong, the choice never answered
                    a["h0"] = {wrongOf(right[id]["h0"])};
                    a.erase("c");
                    score -= 2;
                    break;
                default: break;
            }
            const bool isLate = k == 5 || k == 10 || k == 15;
            if (k == 13) {
                // Copies s14's numbers: the choice (the same for all) scores, and a number
                // only where the two variants happen to agree within the tolerance.
                score = 0;
                for (auto& [cp, list] : a) {
                    list = {right["s14"][cp]};
                    const bool same = cp == "c" || std::abs(right["s14"][cp].get<double>() - right[id][cp].get<double>()) <= 0.0005;
                    score += same ? points.at(cp) : 0;
                }
                QVERIFY(score < 5);
            }
            late[id] = isLate;
            expected[id] = isLate ? score * 0.5 : score;
            if (k == 12) {
                // Twice: an earlier file with everything wrong, then the one above.
                std::map<std::string, std::vector<Json>> wrong;
                for (const auto& [cp, v] : right[id])
                    wrong[cp] = {cp == "c" ? Json(0) : wrongOf(v)};
                submit(id, wrong, before - 7200, "s12-first.json", bundle.hash);
            }
            const fs::path file = submit(id, a, isLate ? after : before, id + ".json", bundle.hash);
            if (k == 7) {
                // Edited after submitting: the wrong h0 of nobody made right, the MAC now stale.
                Json doc = readJsonFile(file.string());
                doc["checkpoints"][0]["answers"][0]["value"] = 0.1234;
                writeText(file, doc.dump(1));
                expected.erase(id);
            }
        }
        // A result made for another content of the lab (a rebuilt, edited copy).
        submit("s41", {}, before, "s41.json", std::string(64, '0'));
        // A result from a lab file of another build (the same content, another key).
        {
            const fs::path other = submit("s42", {}, before, "s42.json", bundle.hash);
            Json doc = readJsonFile(other.string());
            LabResult r = labResultFromJson(doc, "s42");
            r.keyId = labKeyFingerprint("another key of 16+ bytes");
            r.mac = labResultMac(r, "another key of 16+ bytes");
            writeText(other, labResultToJson(r).dump());
        }
        // And a file that is no result at all.
        writeText(root / "results" / "notes.json", "{\"hello\": 1}");
        files.push_back((root / "results" / "notes.json").string());

        const LabGrades grades = gradeLab(bundle, pack, files, registry_);
        QCOMPARE(grades.maxScore, 5.0);
        QVERIFY(!grades.allValid());
        std::map<std::string, const GradedResult*> byFile;
        for (const GradedResult& r : grades.results)
            byFile[fs::path(r.file).filename().string()] = &r;
        QCOMPARE(byFile["s07.json"]->status, GradedResult::Status::Tampered);
        QVERIFY(byFile["s07.json"]->problem.find("MAC does not match") != std::string::npos);
        QCOMPARE(byFile["s12-first.json"]->status, GradedResult::Status::Superseded);
        QCOMPARE(byFile["s12.json"]->status, GradedResult::Status::Valid);
        QCOMPARE(byFile["s41.json"]->status, GradedResult::Status::OtherLab);
        QCOMPARE(byFile["s42.json"]->status, GradedResult::Status::OtherLab);
        QVERIFY(byFile["s42.json"]->problem.find("signed with another key") != std::string::npos);
        QCOMPARE(byFile["notes.json"]->status, GradedResult::Status::Unreadable);
        QVERIFY2(byFile["notes.json"]->problem.find("expected a lab result") != std::string::npos,
                 byFile["notes.json"]->problem.c_str());

        const auto students = grades.students();
        QCOMPARE(students.size(), std::size_t{39});  // 40 less the tampered one
        for (const GradedResult* r : students) {
            QVERIFY2(std::abs(r->score - expected.at(r->student)) < 1e-9,
                     qPrintable(QStringLiteral("%1: %2 against %3").arg(QString::fromStdString(r->student)).arg(r->score).arg(expected.at(r->student))));
            QCOMPARE(r->late, late.at(r->student));
            QCOMPARE(r->maxScore, 5.0);
        }
        // First tries and claims: student 1 got o right only on the second try.
        const GradedResult* s01 = byFile["s01.json"];
        for (const GradedCheckpoint& c : s01->checkpoints) {
            QVERIFY(!c.claimsDiffer);
            if (c.checkpoint == "o") {
                QVERIFY(c.correct && !c.firstTry);
                QCOMPARE(c.attempts, 2);
            }
        }

        // The CSV: a row per graded student with the score computed here, then the files
        // that do not count.
        const std::string csv = labGradesCsv(grades);
        std::istringstream lines(csv);
        std::string line;
        std::getline(lines, line);
        QCOMPARE(line, std::string("student,score,max_score,percent,late,submitted,status,file,claims_differ,forward/h0,forward/o,forward/g,forward/c"));
        std::size_t rows = 0, others = 0;
        while (std::getline(lines, line)) {
            const auto cells = splitCsvLine(line);
            if (cells[6] != "valid") {
                ++others;
                continue;
            }
            ++rows;
            QVERIFY(std::abs(std::stod(cells[1]) - expected.at(cells[0])) < 1e-9);
            QCOMPARE(cells[4], std::string(late.at(cells[0]) ? "yes" : "no"));
            QCOMPARE(cells[8], std::string(cells[0] == "s11" ? "1" : "0"));
            double sum = 0;
            for (std::size_t i = 9; i < cells.size(); ++i)
                sum += std::stod(cells[i]);
            QVERIFY(std::abs(sum - expected.at(cells[0])) < 1e-9);
        }
        QCOMPARE(rows, std::size_t{39});
        QCOMPARE(others, std::size_t{5});  // tampered, superseded, another lab, another key, unreadable

        // Gradescope: the late student 5's results.
        const Json gs = labGradescopeResult(*byFile["s05.json"]);
        QCOMPARE(gs["score"].get<double>(), expected.at("s05"));
        QCOMPARE(gs["max_score"].get<double>(), 5.0);
        QCOMPARE(gs["tests"].size(), std::size_t{4});
        QVERIFY(gs["output"].get<std::string>().find("after the deadline") != std::string::npos);

        // The report: the share right of "o", computed here, and the files that do not count.
        int oRight = 0;
        for (const std::string& id : ids) {
            if (id == "s07") continue;
            const int k = std::stoi(id.substr(1));
            const bool copiedRight = std::abs(right["s14"]["o"].get<double>() - right["s13"]["o"].get<double>()) <= 0.0005;
            oRight += (k % 4 != 2 && (k != 13 || copiedRight)) ? 1 : 0;
        }
        char share[32];
        std::snprintf(share, sizeof share, "%.3g %%", 100.0 * oRight / 39.0);
        const std::string html = labReportHtml(bundle, grades, "en");
        QVERIFY2(html.find(std::string("<td>forward/o</td><td>2</td><td>") + share) != std::string::npos, share);
        QVERIFY(html.find("s07.json") != std::string::npos);
        QVERIFY(html.find("tampered") != std::string::npos);
        QVERIFY(html.find("<svg") != std::string::npos);
        QVERIFY(html.find("answers marked right that are wrong") != std::string::npos);
        const std::string ko = labReportHtml(bundle, grades, "ko");
        QVERIFY(ko.find("변조됨") != std::string::npos);
        QVERIFY(ko.find("Students graded") == std::string::npos);
    }

    // The sample lab of docs/labs.md builds: every sampled variant passable.
    void sampleLabBuilds() {
        std::vector<LabProblem> problems;
        const LabBundle b =
            buildLabBundle(std::string(DEEPSTEP_LABS_DIR) + "/lecture2-forward-backward", registry_, kKey, 4, problems);
        for (const LabProblem& p : problems)
            qWarning("%s", p.str().c_str());
        QVERIFY(problems.empty());
        QCOMPARE(b.manifest.lessons.size(), std::size_t{2});
        QVERIFY(!b.manifest.variables.empty());
        QVERIFY(b.manifest.deadline.has_value());
    }

    // The command line: build, a student's start with an answers file, submit, grade;
    // a tampered file makes grading exit with 2.
    void commandLineRound() {
        QTemporaryDir dir;
        const fs::path root(dir.path().toStdString());
        writeLab(root / "lab");
        writeText(root / "key", kKey);
        test::CliRun run;
        run.env[QStringLiteral("DEEPSTEP_DATA_HOME")] = QString::fromStdString((root / "data").string());
        const auto cli = [&](const QStringList& args) { return test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), args, run); };
        const QString lab = QString::fromStdString((root / "lab.dslab").string());
        test::CliResult r = cli({"lab", "build", QString::fromStdString((root / "lab").string()), "--out", lab, "--seeds", "3",
                                 "--key-file", QString::fromStdString((root / "key").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("lab labtest version 3")));

        // Student s01's right answers, computed from the lab as the grader will.
        const LabBundle bundle = readLabBundle(lab.toStdString());
        const LessonPack pack = unpackLab(bundle, (root / "unpacked").string(), registry_);
        const std::map<std::string, Json> answers = rightAnswers(labPackFor(pack, bundle.manifest, labVariantSeed("labtest", "s01")), registry_);
        Json file{{"format", "deepstep.lesson-answers"}, {"version", 1}, {"answers", {{"forward", Json::object()}}}};
        for (const auto& [cp, v] : answers)
            file["answers"]["forward"][cp] = v;
        writeText(root / "answers.json", file.dump());
        r = cli({"lab", "start", lab, "--student", "s01", "--answers", QString::fromStdString((root / "answers.json").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("4 of 4 right")), qPrintable(r.out));
        const QString result = QString::fromStdString((root / "out" / "s01.json").string());
        fs::create_directories(root / "out");
        r = cli({"lab", "submit", lab, "--student", "s01", "--out", result});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Submitted once: starting again is refused.
        r = cli({"lab", "start", lab, "--student", "s01"});
        QCOMPARE(r.exitCode, 2);
        r = cli({"lab", "grade", lab, QString::fromStdString((root / "out").string()), "--out",
                 QString::fromStdString((root / "grades").string())});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const std::string csv = [&] {
            std::ifstream in(root / "grades" / "grades.csv");
            std::stringstream s;
            s << in.rdbuf();
            return s.str();
        }();
        QVERIFY2(csv.find("\ns01,5,5,100,") != std::string::npos, csv.c_str());
        QVERIFY(fs::exists(root / "grades" / "report.html"));
        QVERIFY(fs::exists(root / "grades" / "gradescope" / "s01" / "results.json"));
        // Edited: exit 2, the file named.
        Json doc = readJsonFile(result.toStdString());
        doc["student"] = "s02";
        writeText(result.toStdString(), doc.dump());
        r = cli({"lab", "grade", lab, result, "--out", QString::fromStdString((root / "grades2").string())});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("s01.json: the MAC does not match")), qPrintable(r.err));
        // Usage errors.
        QCOMPARE(cli({"lab", "start", lab, "--student", "no spaces"}).exitCode, 2);
        QCOMPARE(cli({"lab", "submit", lab, "--student", "s09"}).exitCode, 2);  // never started
        QCOMPARE(cli({"lab", "grade", lab, result}).exitCode, 2);                 // no --out
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
