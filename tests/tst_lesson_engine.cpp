// The lesson engine: references resolved against the Stepper's values of the moment,
// number / choice / outcome answers checked, hints in order, actions run, settings
// changed, answers files read, packs found, and progress saved and read back.
//
// The golden numbers are the first iteration of the sample pack's 2-2-1 XOR network
// (weights [[0.6, -0.5], [-0.4, 0.7]], [[0.5], [0.5]], no biases, ½ MSE, SGD at 2.0,
// the four examples in one batch), worked out independently in plain Python.

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/lessons/concealment.hpp"
#include "deepstep/lessons/lecture_names.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "deepstep/lessons/player.hpp"
#include "deepstep/lessons/progress.hpp"
#include "deepstep/lessons/reference.hpp"
#include "deepstep/lessons/setting.hpp"
#include "deepstep/plugin_host.hpp"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

using namespace deepstep;
namespace fs = std::filesystem;

namespace {

std::string dataFolder(const std::string& name) {
    const char* data = std::getenv("DEEPSTEP_TEST_DATA");
    return std::string(data != nullptr ? data : "tests/data") + "/" + name;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The message of the InputError `f` throws, or "" when it throws none.
template <typename F>
std::string inputError(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

void writeFile(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

/// A pack of one lesson built in code: one step per list of actions, on `experiment`.
struct CodePack {
    LessonPack pack;
    explicit CodePack(const Json& experiment, const std::vector<std::vector<LessonAction>>& steps) {
        pack.id = "code";
        Lesson lesson;
        lesson.id = "lesson";
        lesson.file = "code.json";
        lesson.experiment = experiment;
        lesson.experimentWhere = "code.json: experiment";
        for (std::size_t i = 0; i < steps.size(); ++i) {
            LessonStep s;
            s.place = "steps[" + std::to_string(i) + "]";
            s.actions = steps[i];
            for (std::size_t k = 0; k < s.actions.size(); ++k)
                s.actions[k].place = s.place + ".actions[" + std::to_string(k) + "]";
            lesson.steps.push_back(std::move(s));
        }
        pack.lessons.push_back(std::move(lesson));
    }
};

LessonAction action(LessonAction::Kind kind, int count = 1) {
    LessonAction a;
    a.kind = kind;
    a.count = count;
    return a;
}

Json xorExperiment(const std::string& optimizer) {
    return Json::parse(R"({
      "seed": 42,
      "model": {"input": [2], "layers": [
        {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid",
         "parameters": {"weight": [[0.6, -0.5], [-0.4, 0.7]], "bias": [0.0, 0.0]}},
        {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid",
         "parameters": {"weight": [[0.5], [0.5]], "bias": [0.0]}}]},
      "loss": {"type": "mse", "half": true},
      "optimizer": {"type": ")" +
                       optimizer + R"(", "learning_rate": 2.0},
      "dataset": "xor",
      "training": {"epochs": 10, "batch_size": 4, "shuffle": false}})");
}

/// A layer whose parameter has a name of two parts, as the parameters of a layer inside
/// a composite layer have ("inner.weight", so "block.inner.weight" in the network):
/// y = x · W with W of 2 × 2, no activation.
class NestedNameLayer final : public Layer {
public:
    std::string type() const override { return "test_nested_name"; }
    Shape build(const Shape& inputSample, Rng& /*rng*/) override {
        weight_.name = "inner.weight";
        weight_.value = Tensor(Shape{inputSample[0], 2});
        weight_.grad = Tensor(weight_.value.shape());
        return Shape{2};
    }
    Tensor forward(const Tensor& x, Mode /*mode*/) override {
        x_ = x;
        Tensor y(Shape{x.batch(), 2});
        for (std::size_t n = 0; n < x.batch(); ++n)
            for (std::size_t j = 0; j < 2; ++j)
                for (std::size_t i = 0; i < x.dim(1); ++i)
                    y.at({n, j}) += x.at({n, i}) * weight_.value.at({i, j});
        return y;
    }
    Tensor backward(const Tensor& dy) override {
        Tensor dx(x_.shape());
        weight_.grad.fill(0.0F);
        for (std::size_t n = 0; n < x_.batch(); ++n)
            for (std::size_t j = 0; j < 2; ++j)
                for (std::size_t i = 0; i < x_.dim(1); ++i) {
                    weight_.grad.at({i, j}) += x_.at({n, i}) * dy.at({n, j});
                    dx.at({n, i}) += dy.at({n, j}) * weight_.value.at({i, j});
                }
        return dx;
    }
    std::vector<Parameter*> parameters() override { return {&weight_}; }

private:
    Parameter weight_;
    Tensor x_;
};

/// XOR through a "block" whose weight is named "block.inner.weight", then "out".
Json nestedNameExperiment() {
    return Json::parse(R"({
      "seed": 42,
      "model": {"input": [2], "layers": [
        {"type": "test_nested_name", "name": "block",
         "parameters": {"inner.weight": [[0.6, -0.5], [-0.4, 0.7]]}},
        {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid",
         "parameters": {"weight": [[0.5], [0.5]], "bias": [0.0]}}]},
      "loss": {"type": "mse", "half": true},
      "optimizer": {"type": "momentum", "learning_rate": 2.0},
      "dataset": "xor",
      "training": {"epochs": 10, "batch_size": 4, "shuffle": false}})");
}

/// Sets or unsets an environment variable for the lifetime of the guard.
class EnvGuard {
public:
    EnvGuard(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value != nullptr)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~EnvGuard() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

class TestLessonEngine : public QObject {
    Q_OBJECT

    Registry registry_;
    std::unique_ptr<PluginHost> host_;
    LessonPack sample_;

    const Lesson& lesson(const std::string& id) {
        const Lesson* l = sample_.find(id);
        if (l == nullptr) qFatal("the sample pack has no lesson %s", id.c_str());
        return *l;
    }

private slots:
    void initTestCase() {
        host_ = std::make_unique<PluginHost>(registry_);
        host_->load({DEEPSTEP_PLUGIN_DIR});
        QVERIFY(host_->isLoaded("backprop"));
        QVERIFY(host_->isLoaded("toy_datasets"));
        registry_.addLayer(
            componentInfo(Kind::Layer, "test_nested_name",
                          Text{"a layer whose parameter is named inner.weight", "매개변수 이름이 inner.weight인 층"}),
            [](const Options&) { return std::make_unique<NestedNameLayer>(); });
        sample_ = loadLessonPack(dataFolder("lessons_sample"), registry_);
    }

    void samplePackIsRead() {
        QCOMPARE(sample_.id, std::string("sample"));
        QCOMPARE(sample_.requiredPlugins, (std::vector<std::string>{"backprop", "toy_datasets"}));
        QCOMPARE(sample_.lessons.size(), std::size_t{2});
        const Lesson& forward = lesson("forward");
        QCOMPARE(forward.steps.size(), std::size_t{4});
        QCOMPARE(forward.checkpointCount(), std::size_t{5});
        QVERIFY(contains(forward.steps[0].text.en, "**2-2-1 network**"));
        QVERIFY(contains(forward.steps[0].text.ko, "**2-2-1 신경망**"));
        QCOMPARE(forward.steps[0].textFiles.ko, std::string("text/ko/01-forward-1.md"));
        QCOMPARE(forward.steps[3].actions.size(), std::size_t{3});
        QVERIFY(forward.steps[3].actions[2].kind == LessonAction::Kind::Update);
        const Checkpoint* h1 = forward.findCheckpoint("h1");
        QVERIFY(h1 != nullptr);
        QCOMPARE(h1->reference, std::string("layer:hidden.output[1][0]"));
        QCOMPARE(h1->tolerance, 0.001);
        QCOMPARE(h1->hints.size(), std::size_t{2});
        QCOMPARE(h1->place, std::string("steps[1].checkpoints[0]"));
        const Checkpoint* pick = lesson("training").findCheckpoint("pick");
        QVERIFY(pick->input == Checkpoint::Input::Choice);
        QCOMPARE(pick->inputChoices.size(), std::size_t{2});
        QCOMPARE(pick->metric, std::string("loss"));
        QVERIFY(!pick->atLeast.has_value());
        QCOMPARE(*pick->atMost, 0.05);
        QVERIFY(lesson("training").experiment.has_value());  // inline
    }

    void referencesReadTheValuesOfTheMoment() {
        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("forward"), stepper, registry_);
        player.start();
        // Step 1: nothing computed yet. A weight reads as the network holds it.
        QCOMPARE(player.resolve("param:hidden.weight.value[1][0]"), -0.4F * 1.0);
        QVERIFY(contains(inputError([&] { player.resolve("layer:hidden.output[0][0]"); }),
                         "expected an iteration on display, but none has been computed"));
        QVERIFY(contains(inputError([&] { player.resolve("loss"); }), "none has been computed"));
        QCOMPARE(player.resolve("optimizer:step"), 0.0);

        // Step 2: forward_layer reveals the hidden layer.
        QVERIFY(player.next());
        QCOMPARE(stepper.phase(), Stepper::Phase::Forward);
        QCOMPARE(stepper.revealed(), 1);
        QVERIFY(std::fabs(player.resolve("layer:hidden.output[1][0]") - 0.401312339887548) < 1e-6);
        QVERIFY(std::fabs(player.resolve("layer:hidden.output[2][0]") - 0.6456563062257954) < 1e-6);
        QVERIFY(std::fabs(player.resolve("layer:hidden.z[1][0]") - (-0.4)) < 1e-6);
        QCOMPARE(player.resolve("layer:hidden.input[2][0]"), 1.0);
        // Exactly the Stepper's record, not a recomputation.
        QCOMPARE(player.resolve("layer:hidden.output[1][1]"),
                 static_cast<double>(stepper.record()->layers[0].output.at({1, 1})));

        // Step 3: the output layer and the loss.
        QVERIFY(player.next());
        QVERIFY(std::fabs(player.resolve("layer:out.output[3][0]") - 0.6340970762609854) < 1e-6);
        QVERIFY(std::fabs(player.resolve("loss") - 0.1333109294446941) < 1e-6);

        // Step 4: backward twice and the update.
        QVERIFY(player.next());
        QCOMPARE(stepper.phase(), Stepper::Phase::Updated);
        QVERIFY(std::fabs(player.resolve("layer:out.grad_output[0][0]") - 0.15561483280046365) < 1e-6);
        QVERIFY(std::fabs(player.resolve("layer:out.delta[1][0]") - (-0.02151314368705725)) < 1e-6);
        QVERIFY(std::fabs(player.resolve("layer:hidden.delta[1][1]") - (-0.002384870450212486)) < 1e-7);
        QVERIFY(std::fabs(player.resolve("param:out.weight.grad[0][0]") - 0.015697509425201477) < 1e-6);
        QVERIFY(std::fabs(player.resolve("param:out.weight.grad[1][0]") - 0.015843408784378586) < 1e-6);
        QVERIFY(std::fabs(player.resolve("param:out.bias.grad[0]") - 0.02987960192825908) < 1e-6);
        QVERIFY(std::fabs(player.resolve("param:out.weight.value[0][0]") - 0.5) < 1e-7);
        QVERIFY(std::fabs(player.resolve("param:out.weight.value_after[0][0]") - 0.46860498114959703) < 1e-6);
        QVERIFY(std::fabs(player.resolve("param:hidden.weight.update[1][0]") - (-0.003935014347461971)) < 1e-7);
        QCOMPARE(player.resolve("optimizer:step"), 1.0);
        // The whole dataset with the updated weights (shown now).
        QVERIFY(std::fabs(player.resolve("eval:loss") - 0.13065743112403883) < 1e-6);
        QCOMPARE(player.resolve("eval:accuracy"), 0.5);
        QVERIFY(!player.next());  // the last step
    }

    // What a checkpoint asks for is hidden from viewers (the Studio's step views): the
    // asked element and what gives it away, nothing else; the engine's record is untouched.
    void concealmentHidesTheAskedValueAndItsGiveaways() {
        QVERIFY(isConcealed(concealedValue()));
        QVERIFY(isConcealed(static_cast<double>(concealedValue())));
        QVERIFY(isConcealed(-static_cast<double>(concealedValue())));
        QVERIFY(!isConcealed(std::nan("")));  // a diverged run's NaN is not "hidden"
        QVERIFY(!isConcealed(0.25));

        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("forward"), stepper, registry_);
        player.start();
        for (int i = 0; i < 3; ++i) QVERIFY(player.next());  // backward and update done
        const StepRecord& engine = *stepper.record();
        const auto hidden = [](const Tensor& t, std::initializer_list<std::size_t> at) { return isConcealed(t.at(at)); };

        // The hidden layer's output of example 1, unit 0: also the out layer's input.
        AnswerConcealment c;
        c.add(stepper, parseLessonReference("layer:hidden.output[1][0]"));
        StepRecord shown = engine;
        c.apply(shown);
        QVERIFY(hidden(shown.layers[0].output, {1, 0}));
        QVERIFY(hidden(shown.layers[1].input, {1, 0}));
        QVERIFY(!hidden(shown.layers[0].output, {1, 1}));
        QVERIFY(!hidden(shown.layers[0].output, {0, 0}));
        QVERIFY(!hidden(shown.layers[0].preActivation, {1, 0}));  // z: sigmoid(z) is the exercise
        QCOMPARE(shown.layers[0].output.at({2, 0}), engine.layers[0].output.at({2, 0}));
        QVERIFY(!isConcealed(shown.loss));
        QVERIFY(!isConcealed(engine.layers[0].output.at({1, 0})));  // the engine's own copy

        // The last layer's output: ∂E/∂o and δ are o − t up to a factor.
        c.clear();
        c.add(stepper, parseLessonReference("layer:out.output[3][0]"));
        shown = engine;
        c.apply(shown);
        QVERIFY(hidden(shown.layers[1].output, {3, 0}));
        QVERIFY(hidden(shown.layers[1].gradOutput, {3, 0}));
        QVERIFY(hidden(shown.layers[1].gradPreActivation, {3, 0}));
        QVERIFY(!hidden(shown.layers[1].gradPreActivation, {2, 0}));

        // δ of unit 1: its bias's gradient, update and new value.
        c.clear();
        c.add(stepper, parseLessonReference("layer:hidden.delta[1][1]"));
        shown = engine;
        c.apply(shown);
        QVERIFY(hidden(shown.layers[0].gradPreActivation, {1, 1}));
        QVERIFY(!hidden(shown.layers[0].gradPreActivation, {1, 0}));
        const auto parameter = [&shown](const std::string& name) -> ParameterRecord& {
            for (ParameterRecord& p : shown.parameters)
                if (p.name == name) return p;
            qFatal("no parameter %s", name.c_str());
        };
        QVERIFY(hidden(parameter("hidden.bias").grad, {1}));
        QVERIFY(hidden(parameter("hidden.bias").update, {1}));
        QVERIFY(hidden(parameter("hidden.bias").valueAfter, {1}));
        QVERIFY(!hidden(parameter("hidden.bias").grad, {0}));
        QVERIFY(!hidden(parameter("hidden.bias").value, {1}));  // the old value gives nothing away

        // A gradient: the update and the new value too, as shown after the update.
        c.clear();
        c.add(stepper, parseLessonReference("param:out.weight.grad[1][0]"));
        shown = engine;
        c.apply(shown);
        QVERIFY(hidden(parameter("out.weight").grad, {1, 0}));
        QVERIFY(hidden(parameter("out.weight").update, {1, 0}));
        QVERIFY(hidden(parameter("out.weight").valueAfter, {1, 0}));
        QVERIFY(!hidden(parameter("out.weight").grad, {0, 0}));
        QVERIFY(c.hidesParameterValue("out.weight"));
        QVERIFY(!c.hidesParameterValue("hidden.weight"));
        Tensor after = *stepper.shownValue("out.weight");
        c.applyToParameterValue("out.weight", true, after);
        QVERIFY(hidden(after, {1, 0}));
        QVERIFY(!hidden(after, {0, 0}));
        Tensor before = engine.parameters[0].value;
        c.applyToParameterValue("out.weight", false, before);  // the value before the update stays
        QVERIFY(!isConcealed(before.at({1, 0})));

        // The loss, the step count and an optimizer's slot.
        c.clear();
        QVERIFY(c.empty());
        c.add(stepper, parseLessonReference("loss"));
        c.add(stepper, parseLessonReference("optimizer:step"));
        c.add(stepper, parseLessonReference("eval:accuracy"));  // no step view shows it
        QVERIFY(c.hidesLoss() && c.hidesStepCount());
        shown = engine;
        c.apply(shown);
        QVERIFY(isConcealed(shown.loss));
        Json state{{"type", "momentum"},
                   {"step", 3},
                   {"parameters", {{"out.weight", {{"velocity", {{"shape", {2, 1}}, {"data", {0.5, -0.25}}}}}}}}};
        c.add(stepper, parseLessonReference("optimizer:out.weight.velocity[1]"));
        c.applyToOptimizerState(state);
        QVERIFY(!state.contains("step"));
        const auto data = state["parameters"]["out.weight"]["velocity"]["data"].get<std::vector<float>>();
        QCOMPARE(data[0], 0.5F);
        QVERIFY(isConcealed(data[1]));

        // Names the experiment does not know hide nothing.
        c.clear();
        c.add(stepper, parseLessonReference("layer:nothing.output[0][0]"));
        QVERIFY(c.empty());
    }

    void badReferencesSayWhatWasExpected_data() {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("message");
        QTest::newRow("no index") << "layer:hidden.output"
                                  << "layer:hidden.output: expected a reference such as \"loss\"";
        QTest::newRow("quantity") << "layer:hidden.outptu[0][0]"
                                  << "expected one of input, z, output, grad_output, delta, grad_input after the "
                                     "layer's name, got \"outptu\"";
        QTest::newRow("layer") << "layer:hiden.output[0][0]"
                               << "layer:hiden.output[0][0]: expected a layer of the experiment (hidden, out), got "
                                  "\"hiden\"";
        QTest::newRow("parameter") << "param:hidden.weights.grad[0][0]"
                                   << "expected a parameter of the experiment (hidden.weight, hidden.bias, "
                                      "out.weight, out.bias), got \"hidden.weights\"";
        QTest::newRow("row") << "layer:hidden.output[4][0]"
                             << "expected an index below 4 in position 1 (the value has shape [4, 2]), got [4][0]";
        QTest::newRow("rank") << "layer:hidden.output[0]"
                              << "expected 2 indexes (the value has shape [4, 2]), got [0]";
        QTest::newRow("1-d") << "param:out.bias.grad[0][0]"
                             << "expected 1 index (the value has shape [1]), got [0][0]";
        QTest::newRow("slot") << "optimizer:out.weight.velocity[0]"
                              << "expected a state slot of the optimizer (sgd) for out.weight (it keeps none at "
                                 "this step), got \"velocity\"";
        QTest::newRow("eval") << "eval:precision"
                              << "expected a reference such as";
    }

    void badReferencesSayWhatWasExpected() {
        QFETCH(QString, reference);
        QFETCH(QString, message);
        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("forward"), stepper, registry_);
        player.goTo(3);
        const std::string error = inputError([&] { player.resolve(reference.toStdString()); });
        QVERIFY2(contains(error, message.toStdString()), error.c_str());
    }

    void optimizerSlotsAreRead() {
        CodePack code(xorExperiment("momentum"), {{action(LessonAction::Kind::Iteration, 1)}});
        Stepper stepper(registry_);
        LessonPlayer player(code.pack, code.pack.lessons[0], stepper, registry_);
        player.start();
        // After one step from rest the velocity is -η·g (g as worked out above).
        QVERIFY(std::fabs(player.resolve("optimizer:out.weight.velocity[0]") - (-2.0 * 0.015697509425201477)) < 1e-6);
        QVERIFY(std::fabs(player.resolve("optimizer:out.weight.velocity[1][0]") - (-2.0 * 0.015843408784378586)) <
                1e-6);
        QCOMPARE(player.resolve("optimizer:step"), 1.0);
        QVERIFY(contains(inputError([&] { player.resolve("optimizer:out.weight.m[0]"); }),
                         "(momentum) for out.weight (velocity), got \"m\""));
    }

    void numbersAreCheckedWithinTheTolerance() {
        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("forward"), stepper, registry_);
        player.goTo(1);
        const Checkpoint& h1 = *lesson("forward").findCheckpoint("h1");
        QVERIFY(player.check(h1, 0.4013).correct);
        QVERIFY(player.check(h1, 0.4023).correct);   // 0.00099 away
        QVERIFY(!player.check(h1, 0.4025).correct);  // 0.00119 away
        QVERIFY(!player.check(h1, -0.4013).correct);
        const CheckResult r = player.check(h1, 0.5);
        QVERIFY(!r.correct && r.answered);
        QVERIFY(std::fabs(r.expected.get<double>() - 0.401312339887548) < 1e-6);
        const CheckResult text = player.check(h1, "0.4013");
        QVERIFY(!text.correct);
        QCOMPARE(text.detail.en, std::string("expected a number"));
        const CheckResult none = player.check(h1, nullptr);
        QVERIFY(!none.correct && !none.answered);
        // A constant answer.
        const Checkpoint& slope = *lesson("forward").findCheckpoint("slope");
        QVERIFY(player.check(slope, 0.2505).correct);
        QVERIFY(!player.check(slope, 0.26).correct);
        QCOMPARE(player.expectedAnswer(slope).get<double>(), 0.25);
    }

    void choicesAreCheckedByIndex() {
        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("forward"), stepper, registry_);
        player.start();
        const Checkpoint& direction = *lesson("forward").findCheckpoint("direction");
        QVERIFY(player.check(direction, 1).correct);
        QVERIFY(player.check(direction, 1.0).correct);
        QVERIFY(!player.check(direction, 0).correct);
        const CheckResult outside = player.check(direction, 2);
        QVERIFY(!outside.correct);
        QCOMPARE(outside.detail.en, std::string("expected the number of one of the 2 choices"));
        QCOMPARE(player.expectedAnswer(direction).get<int>(), 1);
    }

    void outcomesTrainAFreshCopy() {
        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("training"), stepper, registry_);
        player.goTo(1);
        const double stepsBefore = player.resolve("optimizer:step");
        const Checkpoint& rate = *lesson("training").findCheckpoint("rate");
        const CheckResult good = player.check(rate, 2.0);
        QVERIFY2(good.correct, good.detail.en.c_str());
        QVERIFY2(contains(good.detail.en, "accuracy 100% after"), good.detail.en.c_str());
        QVERIFY(contains(good.detail.ko, "정확도 100%"));
        const CheckResult slow = player.check(rate, 0.001);
        QVERIFY(!slow.correct);
        QVERIFY2(contains(slow.detail.en, "after 2000 epochs (at least 100% needed)"), slow.detail.en.c_str());
        const CheckResult negative = player.check(rate, -1.0);
        QVERIFY(!negative.correct);
        QVERIFY2(contains(negative.detail.en, "this value cannot be used: optimizer.learning_rate"),
                 negative.detail.en.c_str());
        // The choice of values: index 1 is 3.0, index 0 is 0.01.
        const Checkpoint& pick = *lesson("training").findCheckpoint("pick");
        QVERIFY(player.check(pick, 1).correct);
        const CheckResult tiny = player.check(pick, 0);
        QVERIFY(!tiny.correct);
        QVERIFY2(contains(tiny.detail.en, "(at most 0.05 needed)"), tiny.detail.en.c_str());
        QVERIFY(!player.check(pick, 2).correct);
        // The student's stepper was left alone.
        QCOMPARE(player.resolve("optimizer:step"), stepsBefore);
    }

    // The training observer sees the epochs of `train` actions and outcome checks, with
    // the epochs planned, and stops them when it answers false.
    void trainingObserverSeesAndStops() {
        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("training"), stepper, registry_);
        int calls = 0;
        int planned = 0;
        player.setTrainingObserver([&](const EpochInfo& e, int epochs) {
            ++calls;
            planned = epochs;
            return e.epoch < 10;
        });
        player.start();  // set optimizer.learning_rate 2.0, then train 100 epochs: stopped at 10
        QVERIFY(player.lastTraining().has_value());
        QVERIFY(player.lastTraining()->reason == StopReason::Cancelled);
        QCOMPARE(player.lastTraining()->epochs, 10);
        QCOMPARE(calls, 10);
        QCOMPARE(planned, 100);
        const CheckResult stopped = player.check(*lesson("training").findCheckpoint("rate"), 2.0);
        QVERIFY(!stopped.correct);
        QVERIFY(!stopped.answered);
        QCOMPARE(stopped.detail.en, std::string("the check was cancelled"));
        QCOMPARE(planned, 2000);
    }

    void hintsComeOneAfterAnother() {
        const Checkpoint& h1 = *lesson("forward").findCheckpoint("h1");
        QVERIFY(LessonPlayer::hintAfter(h1, 0) == nullptr);
        QCOMPARE(LessonPlayer::hintAfter(h1, 1), &h1.hints[0]);
        QCOMPARE(LessonPlayer::hintAfter(h1, 2), &h1.hints[1]);
        QVERIFY(LessonPlayer::hintAfter(h1, 3) == nullptr);
    }

    void actionsSetAndTrain() {
        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("training"), stepper, registry_);
        player.start();
        // set optimizer.learning_rate 2.0, then train 100 epochs of one batch each.
        QCOMPARE(stepper.optimizer().learningRate(), 2.0);
        QCOMPARE(player.experiment()["optimizer"]["learning_rate"].get<double>(), 2.0);
        QVERIFY(player.lastTraining().has_value());
        QCOMPARE(player.lastTraining()->epochs, 100);
        QCOMPARE(player.resolve("optimizer:step"), 100.0);
        QVERIFY(stepper.record() == nullptr);
        // The next step has no actions: no training result of its own.
        QVERIFY(player.next());
        QVERIFY(!player.lastTraining().has_value());
    }

    // time_devices trains fresh copies (CPU, then a GPU where one can be used) from the
    // experiment's initial weights with every set so far, and leaves the stepper alone.
    void timeDevicesTrainsCopiesAndLeavesTheStepperAlone() {
        LessonPack pack = sample_;
        Lesson* training = nullptr;
        for (Lesson& l : pack.lessons) {
            if (l.id == "training") training = &l;
        }
        QVERIFY(training != nullptr);
        LessonAction timeThem;
        timeThem.kind = LessonAction::Kind::TimeDevices;
        timeThem.count = 3;
        timeThem.place = "steps[1].actions[0]";
        training->steps.at(1).actions = {timeThem};
        Stepper stepper(registry_);
        LessonPlayer player(pack, *training, stepper, registry_);
        int calls = 0;
        int planned = 0;
        player.setTrainingObserver([&](const EpochInfo& e, int epochs) {
            ++calls;
            planned = epochs;
            return e.epoch <= epochs;
        });
        player.start();  // set optimizer.learning_rate 2.0, then train 100 epochs
        QVERIFY(player.lastTimings().empty());
        calls = 0;
        QVERIFY(player.next());
        // The stepper still holds the first step's 100 updates.
        QCOMPARE(player.resolve("optimizer:step"), 100.0);
        const std::vector<DeviceTiming>& timings = player.lastTimings();
        QCOMPARE(timings.size(), std::size_t{2});
        const DeviceTiming& cpu = timings[0];
        QCOMPARE(cpu.device.id, std::string("cpu"));
        QVERIFY(cpu.ran);
        QCOMPARE(cpu.epochs, 3);
        QCOMPARE(cpu.samples, std::size_t{12});  // 3 epochs of the 4 XOR examples
        QVERIFY(cpu.seconds > 0.0);
        QCOMPARE(cpu.samplesPerSecond(), 12.0 / cpu.seconds);
        // The same three epochs by hand, from the initial weights at rate 2.0.
        Json doc = player.experiment();
        QCOMPARE(doc["optimizer"]["learning_rate"].get<double>(), 2.0);
        BuiltExperiment ex = buildExperiment(doc, registry_);
        TrainingSettings settings = ex.training;
        settings.epochs = 3;
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, settings);
        const TrainingResult byHand = trainer.fit(*ex.dataset);
        QCOMPARE(cpu.trainLoss, byHand.history.back().trainLoss);
        const DeviceTiming& gpu = timings[1];
        if (gpu.ran) {
            QCOMPARE(planned, 6);
            QCOMPARE(calls, 6);
            QVERIFY(std::fabs(gpu.trainLoss - cpu.trainLoss) < 1e-5);
        } else {
            // No GPU: the entry says why, and only the CPU's epochs were observed.
            QVERIFY(gpu.device.problem != DeviceProblem::None);
            QCOMPARE(gpu.device.id.rfind("cuda", 0), std::size_t{0});
            QCOMPARE(gpu.samplesPerSecond(), 0.0);
            QCOMPARE(planned, 3);
            QCOMPARE(calls, 3);
        }
        // A cancelled timing reports nothing (the first step's 100 epochs go on).
        player.setTrainingObserver([](const EpochInfo&, int epochs) { return epochs == 100; });
        player.goTo(1);
        QVERIFY(player.lastTimings().empty());
        QCOMPARE(player.resolve("optimizer:step"), 100.0);
    }

    void goToReplaysTheLesson() {
        Stepper a(registry_);
        LessonPlayer stepped(sample_, lesson("forward"), a, registry_);
        stepped.start();
        while (stepped.next()) {
        }
        Stepper b(registry_);
        LessonPlayer jumped(sample_, lesson("forward"), b, registry_);
        jumped.goTo(3);
        QCOMPARE(jumped.stepIndex(), std::size_t{3});
        QCOMPARE(jumped.resolve("param:hidden.weight.update[0][1]"),
                 stepped.resolve("param:hidden.weight.update[0][1]"));
        // Going back replays from the start.
        jumped.goTo(1);
        QCOMPARE(b.phase(), Stepper::Phase::Forward);
        QCOMPARE(b.revealed(), 1);
        QVERIFY(contains(inputError([&] { jumped.goTo(4); }), "expected a step below 4"));
    }

    void actionsThatCannotRunNameTheirPlace() {
        CodePack code(xorExperiment("sgd"),
                      {{action(LessonAction::Kind::ForwardLayer)}, {action(LessonAction::Kind::Update)}});
        Stepper stepper(registry_);
        LessonPlayer player(code.pack, code.pack.lessons[0], stepper, registry_);
        player.start();
        const std::string error = inputError([&] { player.next(); });
        QVERIFY2(contains(error,
                          "code.json: steps[1].actions[0]: update cannot run now: the forward pass shows 1 of "
                          "2 layers"),
                 error.c_str());

        LessonAction set;
        set.kind = LessonAction::Kind::Set;
        set.path = "model.layers[0].units";
        set.value = 0;
        CodePack bad(xorExperiment("sgd"), {{set}});
        Stepper s2(registry_);
        LessonPlayer p2(bad.pack, bad.pack.lessons[0], s2, registry_);
        const std::string setError = inputError([&] { p2.start(); });
        QVERIFY2(contains(setError, "code.json: steps[0].actions[0].value: model.layers[0].units: expected"),
                 setError.c_str());

        CodePack none(nullptr, {{action(LessonAction::Kind::ForwardLayer)}});
        none.pack.lessons[0].experiment.reset();
        Stepper s3(registry_);
        LessonPlayer p3(none.pack, none.pack.lessons[0], s3, registry_);
        QVERIFY(contains(inputError([&] { p3.start(); }), "expected an experiment to act on"));
    }

    void setRebuildsExceptTheLearningRate() {
        LessonAction rate;
        rate.kind = LessonAction::Kind::Set;
        rate.path = "optimizer.learning_rate";
        rate.value = 0.5;
        LessonAction units;
        units.kind = LessonAction::Kind::Set;
        units.path = "training.batch_size";
        units.value = 2;
        CodePack code(xorExperiment("sgd"),
                      {{action(LessonAction::Kind::Iteration, 3), rate}, {units}, {action(LessonAction::Kind::Reset)}});
        Stepper stepper(registry_);
        LessonPlayer player(code.pack, code.pack.lessons[0], stepper, registry_);
        player.start();
        // The rate changes in place: three steps done, the weights kept.
        QCOMPARE(player.resolve("optimizer:step"), 3.0);
        QCOMPARE(stepper.optimizer().learningRate(), 0.5);
        // Any other setting rebuilds from the initial weights, keeping the new rate.
        player.next();
        QCOMPARE(player.resolve("optimizer:step"), 0.0);
        QCOMPARE(stepper.training().batchSize, std::size_t{2});
        QCOMPARE(stepper.optimizer().learningRate(), 0.5);
        QCOMPARE(player.resolve("param:out.weight.value[0][0]"), 0.5);
        player.next();
        QCOMPARE(stepper.training().batchSize, std::size_t{2});
        QCOMPARE(stepper.optimizer().learningRate(), 0.5);
    }

    void settingsAreApplied() {
        const Json doc = Json::parse(R"({"loss": "mse", "model": {"layers": [{"type": "dense"}, "softmax"]}})");
        QCOMPARE(applySetting(doc, "loss.half", false)["loss"], Json::parse(R"({"type": "mse", "half": false})"));
        QCOMPARE(applySetting(doc, "model.layers[0].units", 3)["model"]["layers"][0]["units"].get<int>(), 3);
        QCOMPARE(applySetting(doc, "model.layers[1].axis", 1)["model"]["layers"][1],
                 Json::parse(R"({"type": "softmax", "axis": 1})"));
        QCOMPARE(applySetting(doc, "training.epochs", 7)["training"]["epochs"].get<int>(), 7);
        QCOMPARE(applySetting(doc, "seed", 3)["seed"].get<int>(), 3);
        QVERIFY(contains(inputError([&] { applySetting(doc, "model.layers[2].units", 1); }),
                         "model.layers[2].units: expected a layer index below 2"));
        QVERIFY(contains(inputError([&] { applySetting(doc, "optimiser.rate", 1); }), "expected a setting such as"));
        QVERIFY(isLessonSetting("dataset.noise"));
        QVERIFY(!isLessonSetting("model.layers[x].units"));
        QVERIFY(!isLessonSetting("loss."));
        QVERIFY(!isLessonSetting("training.Epochs"));
    }

    void highlightAndShowItemsAreParsed() {
        LessonRef r = parseLessonHighlight("hidden.weight[0][1]");
        QVERIFY(r.kind == LessonRef::Kind::Parameter);
        QCOMPARE(r.parameter, std::string("hidden.weight"));
        QCOMPARE(r.index, (std::vector<std::size_t>{0, 1}));
        QVERIFY(parseLessonHighlight("layer:out").kind == LessonRef::Kind::Layer);
        QVERIFY(parseLessonShow("eval").kind == LessonRef::Kind::Eval);
        QCOMPARE(parseLessonShow("param:out.bias").parameter, std::string("out.bias"));
        QVERIFY(contains(inputError([] { parseLessonShow("param:out.bias[0]"); }), "expected \"layer:NAME\""));
        QVERIFY(contains(inputError([] { parseLessonHighlight("hidden[0]"); }), "expected \"layer:NAME\""));
        QVERIFY(contains(inputError([] { parseLessonReference("layer:out.output[0][x]"); }),
                         "expected a reference such as"));

        Stepper stepper(registry_);
        LessonPlayer player(sample_, lesson("forward"), stepper, registry_);
        player.start();
        player.validateHighlight("hidden.weight[1][1]");
        QVERIFY(contains(inputError([&] { player.validateHighlight("hidden.weight[2][0]"); }),
                         "expected an index below 2 in position 1"));
        QVERIFY(contains(inputError([&] { player.validateShow("layer:output"); }),
                         "expected a layer of the experiment (hidden, out), got \"output\""));
        // "layer:NAME.Q" shows one quantity alone: the inputs without z.
        const LessonRef inputs = parseLessonShow("layer:out.input");
        QVERIFY(inputs.kind == LessonRef::Kind::Layer);
        QCOMPARE(inputs.layer, std::string("out"));
        QCOMPARE(inputs.quantity, std::string("input"));
        QCOMPARE(parseLessonShow("layer:out").quantity, std::string());
        QCOMPARE(parseLessonShow("layer:out.grad_input").quantity, std::string("grad_input"));
        player.validateShow("layer:out.input");
        player.validateShow("layer:hidden.z");
        QVERIFY(contains(inputError([&] { player.validateShow("layer:outt.input"); }),
                         "expected a layer of the experiment (hidden, out), got \"outt\""));
        QVERIFY(contains(inputError([] { parseLessonShow("layer:out.input[0]"); }), "\"layer:NAME.Q\" (Q: input, z,"));
        // z and δ only where the layer has an activation.
        Stepper noZ(registry_);
        noZ.load(Json::parse(R"({"model": {"input": [2], "layers": [
                                   {"type": "dropout", "name": "drop", "rate": 0.5},
                                   {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
                                 "loss": "mse", "optimizer": "sgd", "dataset": "xor"})"));
        checkLessonShow(noZ, parseLessonShow("layer:drop.input"));
        QVERIFY(contains(inputError([&] { checkLessonShow(noZ, parseLessonShow("layer:drop.z")); }),
                         "layer \"drop\" has no z (it has no activation)"));
        // A name of two parts is a layer's name as far as the grammar goes; the
        // experiment has no such layer.
        QVERIFY(contains(inputError([&] { player.validateHighlight("layer:out.weight"); }),
                         "expected a layer of the experiment (hidden, out), got \"out.weight\""));
    }

    // The lecture's 3-2-2 example: w1..w6 from the inputs to the hidden units, row by
    // row (w1 = x1→h1, w2 = x1→h2, …), w7..w10 to the outputs (zo1 = h1·w7 + h2·w9).
    void lectureNamesNumberTheWeights() {
        auto network = [&](const char* layers) {
            Json doc = Json::parse(R"({"loss": "mse", "optimizer": "sgd",
                "dataset": {"type": "inline", "inputs": [[1, 2, 3]], "targets": [[0, 1]]}})");
            doc["model"] = Json{{"input", {3}}, {"layers", Json::parse(layers)}};
            return buildExperiment(doc, registry_);
        };
        BuiltExperiment ex = network(R"([{"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid"},
                                         {"type": "dense", "name": "out", "units": 2, "activation": "sigmoid"}])");
        const LectureNames names(ex.network);
        // "-" where there is no lecture name.
        const auto text = [](const std::optional<std::string>& name) { return QString::fromStdString(name.value_or("-")); };
        QVERIFY(names.available());
        const std::vector<std::pair<std::vector<std::size_t>, std::string>> hidden{
            {{0, 0}, "w1"}, {{0, 1}, "w2"}, {{1, 0}, "w3"}, {{1, 1}, "w4"}, {{2, 0}, "w5"}, {{2, 1}, "w6"}};
        for (const auto& [index, name] : hidden) QCOMPARE(text(names.elementName("hidden.weight", index)), QString::fromStdString(name));
        QCOMPARE(text(names.elementName("out.weight", {0, 0})), QStringLiteral("w7"));
        QCOMPARE(text(names.elementName("out.weight", {0, 1})), QStringLiteral("w8"));
        QCOMPARE(text(names.elementName("out.weight", {1, 0})), QStringLiteral("w9"));
        QCOMPARE(text(names.elementName("out.weight", {1, 1})), QStringLiteral("w10"));
        QCOMPARE(text(names.connection("out.weight", {1, 0})), QStringLiteral("h2→o1"));
        QCOMPARE(text(names.connection("hidden.weight", {2, 1})), QStringLiteral("x3→h2"));
        QCOMPARE(text(names.elementName("out.bias", {1})), QStringLiteral("b_o2"));
        QCOMPARE(text(names.connection("out.bias", {1})), QStringLiteral("-"));
        QCOMPARE(text(names.elementName("out.weight", {2, 0})), QStringLiteral("-"));  // out of range
        QCOMPARE(text(names.elementName("out.weight", {0})), QStringLiteral("-"));
        QCOMPARE(text(names.elementName("nothing.weight", {0, 0})), QStringLiteral("-"));
        QCOMPARE(names.unitName(-1, 2), std::string("x3"));
        // Table labels: the lecture's name and link, or the engine's name.
        QCOMPARE(names.elementLabel("out.weight", {1, 0}), std::string("w9 (h2→o1)"));
        QCOMPARE(names.elementLabel("hidden.weight", Shape{3, 2}, 5), std::string("w6 (x3→h2)"));
        QCOMPARE(names.elementLabel("out.bias", Shape{2}, 1), std::string("b_o2"));

        // Two hidden layers: h{layer}_{unit}; a layer without weights (dropout) keeps the count going.
        BuiltExperiment deep = network(R"([{"type": "dense", "name": "a", "units": 2, "activation": "relu"},
                                           {"type": "dropout", "name": "d", "rate": 0.5},
                                           {"type": "dense", "name": "out", "units": 2, "activation": "sigmoid"}])");
        const LectureNames deepNames(deep.network);
        QCOMPARE(text(deepNames.connection("out.weight", {1, 0})), QStringLiteral("h2_2→o1"));
        QCOMPARE(text(deepNames.elementName("out.weight", {0, 0})), QStringLiteral("w7"));

        // Too wide to number: no lecture names.
        BuiltExperiment wide = network(R"([{"type": "dense", "name": "hidden", "units": 11, "activation": "relu"},
                                           {"type": "dense", "name": "out", "units": 2, "activation": "sigmoid"}])");
        const LectureNames wideNames(wide.network);
        QVERIFY(!wideNames.available());
        QCOMPARE(text(wideNames.elementName("out.weight", {0, 0})), QStringLiteral("-"));
        QCOMPARE(wideNames.elementLabel("out.weight", Shape{11, 2}, 3), std::string("out.weight[1][1]"));
    }

    void namesOfAnyDepthAreParsed() {
        // The parameters of a layer inside a composite layer: "block.inner.weight".
        const LessonRef p = parseLessonReference("param:block.inner.weight.grad[0][1]");
        QVERIFY(p.kind == LessonRef::Kind::Parameter);
        QCOMPARE(p.parameter, std::string("block.inner.weight"));
        QCOMPARE(p.layer, std::string("block"));
        QCOMPARE(p.quantity, std::string("grad"));
        QCOMPARE(p.index, (std::vector<std::size_t>{0, 1}));
        QCOMPARE(p.path, (std::vector<std::string>{"block", "inner", "weight", "grad"}));

        const LessonRef l = parseLessonReference("layer:block.inner.output[0][1]");
        QVERIFY(l.kind == LessonRef::Kind::Layer);
        QCOMPARE(l.layer, std::string("block.inner"));
        QCOMPARE(l.quantity, std::string("output"));

        const LessonRef o = parseLessonReference("optimizer:block.inner.weight.velocity[3]");
        QVERIFY(o.kind == LessonRef::Kind::OptimizerSlot);
        QCOMPARE(o.parameter, std::string("block.inner.weight"));
        QCOMPARE(o.quantity, std::string("velocity"));
        QCOMPARE(o.index, (std::vector<std::size_t>{3}));

        const LessonRef h = parseLessonHighlight("block.inner.weight[0][1]");
        QVERIFY(h.kind == LessonRef::Kind::Parameter);
        QCOMPARE(h.parameter, std::string("block.inner.weight"));
        QCOMPARE(h.layer, std::string("block"));
        QCOMPARE(h.index, (std::vector<std::size_t>{0, 1}));
        QCOMPARE(parseLessonHighlight("layer:block.inner").layer, std::string("block.inner"));
        QCOMPARE(parseLessonShow("param:block.inner.weight").parameter, std::string("block.inner.weight"));
        QCOMPARE(parseLessonShow("layer:block.inner").layer, std::string("block.inner"));

        // Names of two parts read as they always did.
        const LessonRef two = parseLessonReference("param:out.weight.value_after[1][0]");
        QCOMPARE(two.parameter, std::string("out.weight"));
        QCOMPARE(two.quantity, std::string("value_after"));
        QCOMPARE(parseLessonReference("layer:hidden.grad_input[0][1]").layer, std::string("hidden"));

        // The field after the name is still checked, and a parameter's name has two parts.
        QVERIFY(contains(inputError([] { parseLessonReference("param:block.inner.weight.grads[0][0]"); }),
                         "after the parameter's name, got \"grads\""));
        QVERIFY(contains(inputError([] { parseLessonReference("layer:block.inner.outptu[0]"); }),
                         "after the layer's name, got \"outptu\""));
        QVERIFY(
            contains(inputError([] { parseLessonReference("param:out.grad[0]"); }), "expected a reference such as"));
        QVERIFY(contains(inputError([] { parseLessonShow("param:block"); }), "expected \"layer:NAME\""));
    }

    void namesOfAnyDepthAreResolved() {
        CodePack code(nestedNameExperiment(), {{action(LessonAction::Kind::Iteration, 1)}});
        Stepper stepper(registry_);
        LessonPlayer player(code.pack, code.pack.lessons[0], stepper, registry_);
        player.start();
        const StepRecord* rec = stepper.record();
        QVERIFY(rec != nullptr);
        const ParameterRecord* weight = nullptr;
        for (const ParameterRecord& pr : rec->parameters)
            if (pr.name == "block.inner.weight") weight = &pr;
        QVERIFY(weight != nullptr);
        QVERIFY(weight->grad.maxAbs() > 0.0F);

        QCOMPARE(player.resolve("param:block.inner.weight.value[1][0]"), static_cast<double>(-0.4F));
        QCOMPARE(player.resolve("param:block.inner.weight.grad[0][1]"), static_cast<double>(weight->grad.at({0, 1})));
        QCOMPARE(player.resolve("param:block.inner.weight.value_after[1][1]"),
                 static_cast<double>(weight->valueAfter.at({1, 1})));
        // After one step from rest the velocity is -η·g.
        QVERIFY(std::fabs(player.resolve("optimizer:block.inner.weight.velocity[1][0]") -
                          (-2.0 * weight->grad.at({1, 0}))) < 1e-6);
        QCOMPARE(player.resolve("layer:block.output[2][1]"), static_cast<double>(rec->layers[0].output.at({2, 1})));
        QCOMPARE(player.resolve("layer:out.input[2][1]"), static_cast<double>(rec->layers[0].output.at({2, 1})));
        player.validateHighlight("block.inner.weight[1][1]");
        player.validateShow("param:block.inner.weight");

        QVERIFY(contains(inputError([&] { player.resolve("param:block.inner.weights.grad[0][0]"); }),
                         "expected a parameter of the experiment (block.inner.weight, out.weight, out.bias), got "
                         "\"block.inner.weights\""));
        QVERIFY(contains(inputError([&] { player.resolve("optimizer:block.inner.weight.m[0]"); }),
                         "(momentum) for block.inner.weight (velocity), got \"m\""));
        // The record keeps the network's layers: the layer inside is not one of them.
        QVERIFY(contains(inputError([&] { player.resolve("layer:block.inner.output[0][0]"); }),
                         "expected a layer of the experiment (block, out), got \"block.inner\""));
        QVERIFY(contains(inputError([&] { player.validateHighlight("block.inner.weight[2][0]"); }),
                         "expected an index below 2 in position 1"));
    }

    // A recurrent layer's states are its output: h_t of the last step hides with the
    // layer's output and the next layer's input, and the reverse; an earlier step's h_t
    // hides alone; with return_sequences every step is in the output.
    void recurrentStatesHideWithTheOutput() {
        if (!host_->isLoaded("rnn")) QSKIP("the rnn plugin is not built");
        for (const bool sequences : {false, true}) {
            Json experiment = Json::parse(R"({
              "seed": 1,
              "model": {"input": [3, 1], "layers": [
                {"type": "simple_rnn", "name": "rnn", "units": 2},
                {"type": "dense", "name": "out", "units": 1}]},
              "loss": "mse", "optimizer": "sgd",
              "dataset": {"type": "inline", "steps": 3, "inputs": [[1, 0, -1], [0.5, 0.5, 2]], "targets": [[0.5], [1]]},
              "training": {"batch_size": 2, "shuffle": false}})");
            if (sequences) {
                experiment["model"]["layers"][0]["return_sequences"] = true;
                // A second recurrent layer reads every step of the first.
                experiment["model"]["layers"][1] = Json{{"type", "simple_rnn"}, {"name", "out"}, {"units", 1}};
            }
            CodePack code(experiment, {{action(LessonAction::Kind::Iteration, 1)}});
            Stepper stepper(registry_);
            LessonPlayer player(code.pack, code.pack.lessons[0], stepper, registry_);
            player.start();
            const StepRecord& engine = *stepper.record();
            const auto states = [](StepRecord& r) -> InternalRecord& {
                for (InternalRecord& in : r.layers[0].internals)
                    if (in.name == "hidden_states") return in;
                qFatal("no hidden_states");
            };
            const auto hidden = [](const Tensor& t, std::initializer_list<std::size_t> at) { return isConcealed(t.at(at)); };

            // h_3 of sequence 1, unit 0: the output and the next input.
            AnswerConcealment c;
            c.add(stepper, parseLessonReference("internal:rnn.hidden_states.value[1][2][0]"));
            StepRecord shown = engine;
            c.apply(shown);
            QVERIFY(hidden(states(shown).value, {1, 2, 0}));
            if (sequences) {
                QVERIFY(hidden(shown.layers[0].output, {1, 2, 0}));
                QVERIFY(hidden(shown.layers[1].input, {1, 2, 0}));
                QVERIFY(!hidden(shown.layers[0].output, {1, 1, 0}));
            } else {
                QVERIFY(hidden(shown.layers[0].output, {1, 0}));
                QVERIFY(hidden(shown.layers[1].input, {1, 0}));
                QVERIFY(!hidden(shown.layers[0].output, {0, 0}));
                QVERIFY(!hidden(shown.layers[0].output, {1, 1}));
            }
            QVERIFY(!hidden(states(shown).value, {1, 1, 0}));

            // h_2: in the output only when the layer returns sequences.
            c.clear();
            c.add(stepper, parseLessonReference("internal:rnn.hidden_states.value[0][1][1]"));
            shown = engine;
            c.apply(shown);
            QVERIFY(hidden(states(shown).value, {0, 1, 1}));
            if (sequences) {
                QVERIFY(hidden(shown.layers[0].output, {0, 1, 1}));
            } else {
                for (const float v : shown.layers[0].output.values()) QVERIFY(!isConcealed(v));
            }

            // ∂E/∂h_3 is ∂E/∂output there.
            c.clear();
            c.add(stepper, parseLessonReference("internal:rnn.hidden_states.grad[0][2][1]"));
            shown = engine;
            c.apply(shown);
            QVERIFY(hidden(states(shown).grad, {0, 2, 1}));
            QVERIFY(hidden(shown.layers[0].gradOutput, sequences ? std::initializer_list<std::size_t>{0, 2, 1}
                                                                 : std::initializer_list<std::size_t>{0, 1}));
            QVERIFY(!hidden(states(shown).value, {0, 2, 1}));

            // The reverse: asking for the layer's output hides the state behind it.
            c.clear();
            c.add(stepper, parseLessonReference(sequences ? "layer:rnn.output[1][2][1]" : "layer:rnn.output[1][1]"));
            shown = engine;
            c.apply(shown);
            QVERIFY(hidden(states(shown).value, {1, 2, 1}));
            QVERIFY(!hidden(states(shown).value, {1, 1, 1}));
        }
    }

    void internalsAreReferenced() {
        Json experiment = Json::parse(R"({
          "seed": 3,
          "model": {"input": [2], "layers": [
            {"type": "residual", "name": "block", "layers": [
              {"type": "dense", "name": "inner", "units": 3, "activation": "tanh"},
              {"type": "dense", "name": "back", "units": 2, "activation": "identity"}]},
            {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
          "loss": {"type": "mse", "half": true},
          "optimizer": {"type": "sgd", "learning_rate": 0.5},
          "dataset": "xor",
          "training": {"batch_size": 4, "shuffle": false}})");
        CodePack code(experiment, {{action(LessonAction::Kind::Iteration, 1)}});
        Stepper stepper(registry_);
        LessonPlayer player(code.pack, code.pack.lessons[0], stepper, registry_);
        player.start();
        const LayerRecord& block = stepper.record()->layers.at(0);
        QCOMPARE(block.internals.size(), std::size_t{2});
        QCOMPARE(block.internals[0].name, std::string("inner.output"));
        QCOMPARE(player.resolve("internal:block.inner.output.value[2][1]"),
                 static_cast<double>(block.internals[0].value.at({2, 1})));
        QCOMPARE(player.resolve("internal:block.inner.output.grad[3][2]"),
                 static_cast<double>(block.internals[0].grad.at({3, 2})));
        QVERIFY(block.internals[0].grad.maxAbs() > 0.0F);
        // f(x) = y − x for the last child of a residual block.
        QCOMPARE(player.resolve("internal:block.back.output.value[1][0]"),
                 static_cast<double>(block.output.at({1, 0}) - block.input.at({1, 0})));

        QVERIFY(contains(inputError([&] { player.resolve("internal:block.gate.value[0][0]"); }),
                         "expected an internal of layer \"block\" (inner.output, back.output), got \"gate\""));
        QVERIFY(contains(inputError([&] { player.resolve("internal:out.output.value[0][0]"); }), "(it has none)"));
        QVERIFY(contains(inputError([&] { player.resolve("internal:block.inner.output.value[4][0]"); }),
                         "expected an index below 4"));
        QVERIFY(contains(inputError([] { parseLessonReference("internal:block.inner.output.delta[0][0]"); }),
                         "expected value or grad after the internal's name, got \"delta\""));
        QVERIFY(parseLessonShow("internal:block").kind == LessonRef::Kind::Internal);
        player.validateShow("internal:block");
        QVERIFY(contains(inputError([&] { player.validateShow("internal:nothing"); }), "nothing"));
    }

    void answersFilesAreCheckedAgainstThePack_data() {
        QTest::addColumn<QString>("answers");
        QTest::addColumn<QString>("message");
        QTest::newRow("lesson") << R"({"answers": {"forwards": {}}})"
                                << "answers.forwards: expected a lesson of pack \"sample\" (forward, training), got "
                                   "\"forwards\"";
        QTest::newRow("checkpoint")
            << R"({"answers": {"forward": {"h2": 1}}})"
            << "answers.forward.h2: expected a checkpoint of lesson \"forward\" (direction, h1, "
               "loss, grad, slope), got \"h2\"";
        QTest::newRow("number") << R"({"answers": {"forward": {"h1": "0.4"}}})"
                                << "answers.forward.h1: expected a number, got \"0.4\"";
        QTest::newRow("choice") << R"({"answers": {"training": {"pick": 0.5}}})"
                                << "answers.training.pick: expected the 0-based index of a choice, got 0.5";
        QTest::newRow("format") << R"({"format": "deepstep.answers", "answers": {}})"
                                << "format: expected \"deepstep.lesson-answers\"";
        QTest::newRow("pack") << R"({"pack": "other", "answers": {}})"
                              << "pack: expected \"sample\" (the pack being played), got \"other\"";
        QTest::newRow("syntax") << "{\"answers\": {\n}"
                                << "line 2 column 2: not valid JSON";
    }

    void answersFilesAreCheckedAgainstThePack() {
        QFETCH(QString, answers);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string file = dir.filePath("answers.json").toStdString();
        writeFile(file, answers.toStdString());
        const std::string error = inputError([&] { loadLessonAnswers(file, sample_); });
        QVERIFY2(contains(error, file), error.c_str());
        QVERIFY2(contains(error, message.toStdString()), error.c_str());
    }

    void answersFileIsRead() {
        const LessonAnswers answers = loadLessonAnswers(dataFolder("lessons_sample/answers/full.json"), sample_);
        QVERIFY(answers.find("forward", "h1") != nullptr);
        QCOMPARE(answers.find("forward", "h1")->get<double>(), 0.4013);
        QVERIFY(answers.find("forward", "nope") == nullptr);
        QVERIFY(answers.find("nope", "h1") == nullptr);
    }

    void packsAreFoundOnTheSearchPath() {
        QTemporaryDir dir;
        const std::string first = dir.filePath("first").toStdString();
        const std::string second = dir.filePath("second").toStdString();
        writeFile(first + "/b/pack.json", R"({"id": "beta"})");
        writeFile(first + "/a/pack.json", R"({"id": "alpha"})");
        writeFile(first + "/not-a-pack/readme.md", "no index here");
        writeFile(second + "/other/pack.json", R"({"id": "alpha"})");  // shadowed
        writeFile(second + "/broken/pack.json", "{ not json");         // named by its folder
        const auto packs = findLessonPacks({first, dir.filePath("missing").toStdString(), second});
        QCOMPARE(packs.size(), std::size_t{3});
        QCOMPARE(packs[0].id, std::string("alpha"));
        QCOMPARE(packs[0].folder, first + "/a");
        QCOMPARE(packs[1].id, std::string("beta"));
        QCOMPARE(packs[2].id, std::string("broken"));

        const EnvGuard env("DEEPSTEP_LESSON_PATH", (first + ":" + second).c_str());
        const auto paths = lessonSearchPaths("/opt/deepstep/bin", {"/src/lessons"});
        QCOMPARE(paths,
                 (std::vector<std::string>{first, second, "/opt/deepstep/share/deepstep/lessons", "/src/lessons"}));
    }

    void userDataFolderFollowsTheEnvironment() {
        {
            const EnvGuard own("DEEPSTEP_DATA_HOME", "/data/mine");
            QCOMPARE(userDataFolder(), std::string("/data/mine"));
            QCOMPARE(LessonProgress::defaultFile(), std::string("/data/mine/progress.json"));
        }
        const EnvGuard own("DEEPSTEP_DATA_HOME", nullptr);
        const EnvGuard home("HOME", "/home/student");
        {
            const EnvGuard xdg("XDG_DATA_HOME", "/xdg");
            QCOMPARE(userDataFolder(), std::string("/xdg/deepstep"));
        }
        {
            const EnvGuard xdg("XDG_DATA_HOME", "relative/path");  // ignored, as the XDG rules say
            QCOMPARE(userDataFolder(), std::string("/home/student/.local/share/deepstep"));
        }
        const EnvGuard xdg("XDG_DATA_HOME", nullptr);
        QCOMPARE(userDataFolder(), std::string("/home/student/.local/share/deepstep"));
        const EnvGuard noHome("HOME", nullptr);
        QVERIFY_THROWS_EXCEPTION(RuntimeFailure, userDataFolder());
    }

    void progressRoundTrips() {
        QTemporaryDir dir;
        const std::string folder = dir.filePath("new/folder").toStdString();
        const std::string file = folder + "/progress.json";
        QVERIFY(LessonProgress::load(file).find("sample", "forward") == nullptr);  // no file yet: empty

        LessonProgress progress;
        progress.completeStep("sample", "forward", 0, 1);
        progress.completeStep("sample", "forward", 1, 2);
        progress.recordAnswer("sample", "forward", "h1", 0.5, false);
        progress.recordAnswer("sample", "forward", "h1", 0.4013, true);
        progress.lesson("sample", "training").completed = true;
        progress.save(file);

        // Written whole, with its format, and no temporary file left behind.
        const Json doc = readJsonFile(file);
        QCOMPARE(doc["format"].get<std::string>(), std::string("deepstep.lesson-progress"));
        QCOMPARE(doc["version"].get<int>(), 1);
        QCOMPARE(static_cast<int>(std::distance(fs::directory_iterator(folder), fs::directory_iterator())), 1);

        const LessonProgress back = LessonProgress::load(file);
        QCOMPARE(back.toJson(), progress.toJson());
        const auto* forward = back.find("sample", "forward");
        QVERIFY(forward != nullptr);
        QCOMPARE(forward->step, std::size_t{2});
        QCOMPARE(forward->completedSteps, (std::set<std::size_t>{0, 1}));
        QVERIFY(!forward->completed);
        QCOMPARE(forward->answers.at("h1").attempts, 2);
        QVERIFY(forward->answers.at("h1").correct);
        QCOMPARE(forward->answers.at("h1").answer.get<double>(), 0.4013);
        QVERIFY(back.find("sample", "training")->completed);

        // Saving again replaces the file.
        progress.completeStep("sample", "forward", 2, 3);
        progress.save(file);
        QCOMPARE(LessonProgress::load(file).find("sample", "forward")->step, std::size_t{3});
    }

    // The score counts the first try apart from the eventual success.
    void scoreFromProgress() {
        const Lesson& forward = lesson("forward");  // direction, h1, loss, grad, slope
        const LessonScore none = lessonScore(forward, nullptr);
        QCOMPARE(none.total, std::size_t{5});
        QCOMPARE(none.right + none.firstTry + none.attempts, std::size_t{0});

        LessonProgress progress;
        progress.recordAnswer("sample", "forward", "direction", 1, true);  // right at once
        progress.recordAnswer("sample", "forward", "h1", 0.5, false);      // wrong, then right
        progress.recordAnswer("sample", "forward", "h1", 0.4013, true);
        progress.recordAnswer("sample", "forward", "loss", 1.0, false);  // wrong three times
        progress.recordAnswer("sample", "forward", "loss", 2.0, false);
        progress.recordAnswer("sample", "forward", "loss", 3.0, false);
        progress.recordAnswer("sample", "forward", "gone", 3.0, true);  // no such checkpoint: ignored
        const LessonScore s = lessonScore(forward, progress.find("sample", "forward"));
        QCOMPARE(s.total, std::size_t{5});
        QCOMPARE(s.right, std::size_t{2});
        QCOMPARE(s.firstTry, std::size_t{1});
        QCOMPARE(s.attempts, std::size_t{6});
    }

    void badProgressFilesAreRefused_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("newer") << R"({"format": "deepstep.lesson-progress", "version": 9})"
                               << "version: this progress file is format version 9, newer than this DeepStep reads";
        QTest::newRow("format") << R"({"format": "deepstep.model", "version": 1})"
                                << "format: expected \"deepstep.lesson-progress\", got \"deepstep.model\"";
        QTest::newRow("step") << R"({"format": "deepstep.lesson-progress", "version": 1,
                                    "lessons": {"p/l": {"step": -1}}})"
                              << "lessons.p/l.step: expected a whole number >= 0, got -1";
        QTest::newRow("syntax") << "{\"format\": "
                                << "line 1 column 12: not valid JSON";
        QTest::newRow("deep") << R"({"format": "deepstep.lesson-progress", "version": 1, "lessons": )" +
                                     QString(100000, '[')
                              << "line 1 column 164: nested deeper than 100 levels";
        QTest::newRow("attempts") << R"({"format": "deepstep.lesson-progress", "version": 1,
                                        "lessons": {"p/l": {"answers": {"a": {"attempts": "many"}}}}})"
                                  << "lessons.p/l.answers.a.attempts: expected a whole number >= 0, got \"many\"";
    }

    void badProgressFilesAreRefused() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string file = dir.filePath("progress.json").toStdString();
        writeFile(file, text.toStdString());
        const std::string error = inputError([&] { LessonProgress::load(file); });
        QVERIFY2(contains(error, file) && contains(error, message.toStdString()), error.c_str());
    }
    // What a student types for a number checkpoint, as the lessons themselves print numbers.
    void typedNumbers_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<double>("value");
        QTest::newRow("plain") << "0.25" << 0.25;
        QTest::newRow("ascii minus") << "-0.25" << -0.25;
        QTest::newRow("plus, spaces") << "  +3 " << 3.0;
        QTest::newRow("exponent") << "2.5e-3" << 0.0025;
        QTest::newRow("unicode minus") << QString::fromUtf8("\u22120.25") << -0.25;
        QTest::newRow("full-width") << QString::fromUtf8("\uFF10\uFF0E\uFF15") << 0.5;
        QTest::newRow("full-width minus") << QString::fromUtf8("\uFF0D\uFF11") << -1.0;
        QTest::newRow("full-width plus") << QString::fromUtf8("\uFF0B\uFF12") << 2.0;
        QTest::newRow("percent") << "50%" << 0.5;
        QTest::newRow("percent with space") << "12.5 %" << 0.125;
        QTest::newRow("full-width percent") << QString::fromUtf8("\uFF17\uFF15\uFF05") << 0.75;
        QTest::newRow("fraction") << "1/2" << 0.5;
        QTest::newRow("negative fraction") << QString::fromUtf8("\u22123 / 4") << -0.75;
        QTest::newRow("full-width fraction") << QString::fromUtf8("\uFF11\uFF0F\uFF14") << 0.25;
    }
    void typedNumbers() {
        QFETCH(QString, typed);
        QFETCH(double, value);
        const std::optional<double> v = parseTypedNumber(typed.toStdString());
        QVERIFY2(v.has_value(), qPrintable(typed));
        QCOMPARE(*v, value);
    }

    void garbageIsNotANumber_data() {
        QTest::addColumn<QString>("typed");
        for (const char* t : {"", "abc", "0.5x", "1/0", "nan", "inf", "0x10", "1/2/3", "50%%", "%", "--1", "1 2",
                              "\xE2\x88\x92", "\xEF\xBC\x8D\xEF\xBC\x8D\xEF\xBC\x91", "\xEC\x98\x81"})
            QTest::newRow(t[0] == '\0' ? "empty" : t) << QString::fromUtf8(t);
    }
    void garbageIsNotANumber() {
        QFETCH(QString, typed);
        QVERIFY2(!parseTypedNumber(typed.toStdString()).has_value(), qPrintable(typed));
    }
};

QTEST_APPLESS_MAIN(TestLessonEngine)
#include "tst_lesson_engine.moc"
