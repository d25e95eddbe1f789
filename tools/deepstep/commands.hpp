#pragma once
// The commands of `deepstep`. Each returns the process exit code:
// 0 ok, 1 runtime failure (diverged, gradient check failed), 2 bad input.
// Bad input and usage errors are thrown (InputError, UsageError) and mapped by main.

#include "args.hpp"

#include "deepstep/device.hpp"
#include "deepstep/optimizer.hpp"
#include "deepstep/trainer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace deepstep {
class Stepper;
}

namespace deepstep::cli {

struct Command {
    CommandSpec spec;
    int (*run)(const Arguments&);
};

/// Every command, in the order the help lists them.
const std::vector<Command>& commands();

CommandSpec pluginsSpec();
int runPlugins(const Arguments& args);

CommandSpec describeSpec();
int runDescribe(const Arguments& args);

// Devices (cmd_devices.cpp): "devices", and the device line other commands print.
CommandSpec devicesSpec();
int runDevices(const Arguments& args);
/// "device: cpu (...)", or why a GPU asked for is not used: one line, translated.
/// The one device line of a run. With a trainer and a usable GPU chosen, puts the
/// trainer on it (Trainer::setDevice) and says what runs where.
std::string deviceNotice(const DeviceChoice& choice, Trainer* trainer = nullptr);
/// An experiment document's "device" ("cpu" when it has none); buildExperiment has
/// checked its form.
std::string experimentDevice(const Json& experiment);
/// A device problem in the current language, the driver's or loader's words after it.
std::string problemLine(DeviceProblem problem, const std::string& detail);

CommandSpec trainSpec();
int runTrain(const Arguments& args);

CommandSpec evalSpec();
int runEval(const Arguments& args);

CommandSpec traceSpec();
int runTrace(const Arguments& args);

CommandSpec demoSpec();
int runDemo(const Arguments& args);

CommandSpec gradcheckSpec();
int runGradcheck(const Arguments& args);

CommandSpec convSpec();
int runConv(const Arguments& args);

CommandSpec raceSpec();
int runRace(const Arguments& args);

// Lesson packs (cmd_lesson.cpp): "lesson list", "lesson check", "lesson run".
CommandSpec lessonListSpec();
int runLessonList(const Arguments& args);
CommandSpec lessonCheckSpec();
int runLessonCheck(const Arguments& args);
CommandSpec lessonRunSpec();
int runLessonRun(const Arguments& args);

// Data (cmd_dataset.cpp): "dataset list", "dataset inspect".
CommandSpec datasetListSpec();
int runDatasetList(const Arguments& args);
CommandSpec datasetInspectSpec();
int runDatasetInspect(const Arguments& args);

CommandSpec predictSpec();
int runPredict(const Arguments& args);

CommandSpec generateSpec();
int runGenerate(const Arguments& args);

CommandSpec forecastSpec();
int runForecast(const Arguments& args);

/// A line typed on standard input, trimmed; nullopt at the end of input (defined in
/// cmd_lesson.cpp, shared by lesson run and lab start).
std::optional<std::string> readLine();
/// Prints a lesson step's `show` item ("param:hidden.weight", "layer:out") as `lesson run`
/// does (defined in cmd_lesson.cpp).
void showLessonItem(Stepper& stepper, const std::string& item);

CommandSpec labBuildSpec();
int runLabBuild(const Arguments& args);
CommandSpec labStartSpec();
int runLabStart(const Arguments& args);
CommandSpec labSubmitSpec();
int runLabSubmit(const Arguments& args);
CommandSpec labGradeSpec();
int runLabGrade(const Arguments& args);

// Shared by train and trace (defined in cmd_train.cpp).
/// Why a run stopped, in words of the current language.
std::string reasonText(StopReason reason);
/// Prints a diverged run's explanation and the learning rate behind it on stderr.
void reportDivergence(const TrainingResult& result, const Optimizer& optimizer);

}  // namespace deepstep::cli
