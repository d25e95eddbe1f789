// deepstep: the command line. main() only dispatches; each command lives in its
// own cmd_*.cpp file.

#include "args.hpp"
#include "commands.hpp"
#include "text.hpp"

#include "deepstep/blas.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/plugin.hpp"

#include <QCoreApplication>

#include <malloc.h>

#include <algorithm>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace deepstep::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {demoSpec(), runDemo}, {pluginsSpec(), runPlugins}, {describeSpec(), runDescribe},   {trainSpec(), runTrain},
        {evalSpec(), runEval}, {traceSpec(), runTrace},     {gradcheckSpec(), runGradcheck}, {raceSpec(), runRace},
        {convSpec(), runConv},   {devicesSpec(), runDevices},
        {lessonListSpec(), runLessonList}, {lessonCheckSpec(), runLessonCheck}, {lessonRunSpec(), runLessonRun},
        {datasetListSpec(), runDatasetList}, {datasetInspectSpec(), runDatasetInspect}, {predictSpec(), runPredict},
        {generateSpec(), runGenerate}, {forecastSpec(), runForecast},
        {labBuildSpec(), runLabBuild}, {labStartSpec(), runLabStart}, {labSubmitSpec(), runLabSubmit},
        {labGradeSpec(), runLabGrade},
    };
    return all;
}

namespace {

std::string optionLabel(const OptionDef& o) {
    std::string label = o.name == "help" ? "-h, --help" : "--" + o.name;
    if (!o.metavar.empty()) label += " " + o.metavar;
    return label;
}

std::string optionList(const std::vector<OptionDef>& options) {
    std::size_t width = 0;
    for (const auto& o : options)
        width = std::max(width, displayWidth(optionLabel(o)));
    std::string out;
    for (const auto& o : options)
        out += "  " + padRight(optionLabel(o), width) + "  " + tr(o.helpId) + "\n";
    return out;
}

std::string programUsage() {
    std::string out = tr("app.usage") + " deepstep COMMAND [OPTIONS]\n\n" + tr("app.description") + "\n\n" +
                      tr("app.commands") + "\n";
    std::size_t width = 0;
    for (const auto& c : commands())
        width = std::max(width, c.spec.name.size());
    for (const auto& c : commands())
        out += "  " + padRight(c.spec.name, width) + "  " + tr(c.spec.summaryId) + "\n";
    out += "\n" + tr("app.globalOptions") + "\n" +
           optionList({{"help", "", "opt.help"}, {"version", "", "opt.version"}, {"lang", "en|ko", "opt.lang"}}) +
           "\n" + tr("app.more") + "\n";
    return out;
}

std::string commandSynopsis(const CommandSpec& spec) {
    return tr("app.usage") + " deepstep " + spec.name + (spec.synopsis.empty() ? "" : " " + spec.synopsis) + "\n";
}

std::string commandHelp(const CommandSpec& spec) {
    std::vector<OptionDef> options = spec.options;
    options.insert(options.end(), commonOptions().begin(), commonOptions().end());
    return commandSynopsis(spec) + "\n" + tr(spec.descriptionId) + "\n\n" + tr("app.options") + "\n" +
           optionList(options);
}

const Command* findCommand(const std::string& name) {
    for (const auto& c : commands())
        if (c.spec.name == name) return &c;
    return nullptr;
}

/// The language must be known before anything is printed, errors included, so
/// --lang is looked for anywhere on the line first.
void chooseLanguage(const std::vector<std::string>& args) {
    std::string lang = languageFromEnvironment();
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--") break;
        std::string value;
        if (args[i] == "--lang" && i + 1 < args.size())
            value = args[i + 1];
        else if (args[i].starts_with("--lang="))
            value = args[i].substr(7);
        else
            continue;
        if (value != "en" && value != "ko") {
            setLanguage("en");
            throw UsageError(tr("err.badLang", {value}));
        }
        lang = value;
    }
    setLanguage(lang);
}

int dispatch(const std::vector<std::string>& args) {
    chooseLanguage(args);

    // Global options may come before the command.
    bool help = false;
    bool version = false;
    std::size_t i = 0;
    for (; i < args.size() && args[i].starts_with("-") && args[i] != "-"; ++i) {
        if (args[i] == "--help" || args[i] == "-h")
            help = true;
        else if (args[i] == "--version")
            version = true;
        else if (args[i] == "--lang")
            ++i;
        else if (!args[i].starts_with("--lang="))
            throw UsageError(tr("err.unknownGlobalOption", {args[i]}));
    }
    if (i >= args.size()) {
        if (version) {
            std::cout << tr("app.version", {DEEPSTEP_VERSION, std::to_string(kPluginAbiVersion)}) << "\n";
            return 0;
        }
        if (help) {
            std::cout << programUsage();
            return 0;
        }
        throw UsageError(tr("err.noCommand"));
    }

    const Command* command = findCommand(args[i]);
    // Commands of two words ("lesson run"): a group's word, then the command's.
    if (command == nullptr && i + 1 < args.size()) {
        command = findCommand(args[i] + " " + args[i + 1]);
        if (command != nullptr) ++i;
    }
    if (command == nullptr) {
        std::vector<std::string> members;
        for (const auto& c : commands())
            if (c.spec.name.starts_with(args[i] + " ")) members.push_back(c.spec.name.substr(args[i].size() + 1));
        const bool helpAsked = help || (i + 1 < args.size() && (args[i + 1] == "--help" || args[i + 1] == "-h"));
        if (!members.empty() && helpAsked) {
            std::cout << programUsage();
            return 0;
        }
        if (!members.empty()) throw UsageError(tr("err.groupCommand", {args[i], join(members, ", ")}));
        throw UsageError(tr("err.unknownCommand", {args[i]}));
    }

    const std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
    const Arguments parsed = parseArguments(command->spec, rest);
    if (help || parsed.has("help")) {
        std::cout << commandHelp(command->spec);
        return 0;
    }
    checkPositionals(command->spec, parsed);
    return command->run(parsed);
}

}  // namespace

int run(const std::vector<std::string>& args) {
    try {
        return dispatch(args);
    } catch (const UsageError& e) {
        std::cout.flush();
        std::cerr << "deepstep: " << terminalSafe(e.what()) << "\n";
        if (const Command* c = e.command().empty() ? nullptr : findCommand(e.command()))
            std::cerr << commandSynopsis(c->spec) << tr("err.seeHelp", {c->spec.name}) << "\n";
        else
            std::cerr << "\n" << programUsage();
        return 2;
    } catch (const InputError& e) {
        std::cout.flush();
        std::cerr << "deepstep: " << terminalSafe(e.what()) << "\n";
        return 2;
    } catch (const RuntimeFailure& e) {
        std::cout.flush();
        std::cerr << "deepstep: " << terminalSafe(e.what()) << "\n";
        return 1;
    } catch (const Json::exception& e) {
        // A JSON value of the wrong kind that a reader did not check at its place.
        std::cout.flush();
        std::cerr << "deepstep: " << terminalSafe(tr("err.jsonValue", {e.what()})) << "\n";
        return 2;
    } catch (const std::bad_alloc&) {
        std::cout.flush();
        std::cerr << "deepstep: " << tr("err.outOfMemory") << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "deepstep: " << terminalSafe(tr("err.internal", {e.what()})) << "\n";
        return 1;
    }
}

}  // namespace deepstep::cli

int main(int argc, char** argv) {
    // Before any plugin brings OpenBLAS in: it picks its kernels when it loads.
    deepstep::preferBlasDefaults();
    // Training allocates and frees tensors of the same large sizes every batch; by
    // default glibc hands such blocks back to the kernel (mmap above 128 KiB, trimming
    // the heap's top) and the next batch faults every page in again: a quarter of a
    // LeNet-5 epoch (bench/README.md). Freed memory stays in the process instead.
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    // Copied before QCoreApplication sees argv: it may consume arguments it knows.
    std::vector<std::string> args(argv + 1, argv + argc);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("deepstep"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DEEPSTEP_VERSION));
    return deepstep::cli::run(args);
}
