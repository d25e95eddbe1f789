#include "args.hpp"

#include "deepstep/limits.hpp"

#include "text.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace deepstep::cli {

const std::vector<OptionDef>& commonOptions() {
    static const std::vector<OptionDef> options = {
        {"lang", "en|ko", "opt.lang", false},
        {"help", "", "opt.help", false},
    };
    return options;
}

std::optional<std::string> Arguments::value(const std::string& option) const {
    const auto it = values_.find(option);
    if (it == values_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Arguments::values(const std::string& option) const {
    const auto it = values_.find(option);
    return it == values_.end() ? std::vector<std::string>{} : it->second;
}

long long Arguments::integer(const std::string& option, long long min, long long fallback, long long max) const {
    const auto text = value(option);
    if (!text) return fallback;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text->c_str(), &end, 10);
    if (text->empty() || *end != '\0') {
        throw UsageError(tr("err.badInteger", {"--" + option, std::to_string(min), *text}), command);
    }
    // strtoll clamps a number beyond long long to its limits (ERANGE): still out of range.
    if (errno == ERANGE || v < min || v > max) {
        throw UsageError(tr("err.integerRange", {"--" + option, std::to_string(min), std::to_string(max), *text}),
                         command);
    }
    return v;
}

double Arguments::positiveNumber(const std::string& option, double fallback) const {
    const auto text = value(option);
    if (!text) return fallback;
    char* end = nullptr;
    const double v = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !std::isfinite(v) || v <= 0.0)
        throw UsageError(tr("err.badNumber", {"--" + option, *text}), command);
    return v;
}

Json Arguments::keyValues(const std::string& option) const {
    Json options = Json::object();
    for (const std::string& kv : values(option)) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
            throw UsageError(tr("eval.badOption", {kv}), command);
        }
        const std::string text = kv.substr(eq + 1);
        // A value that is not JSON is taken as a string; one that looks like nested JSON
        // must be valid and within the nesting limit.
        Json v = Json::parse(text, nullptr, false);
        if (!v.is_discarded() && (v.is_array() || v.is_object() || v.is_number()))
            v = parseJsonText(text, "--" + option + " " + kv.substr(0, eq));
        options[kv.substr(0, eq)] = v.is_discarded() ? Json(text) : v;
    }
    return options;
}

namespace {

const OptionDef* findOption(const CommandSpec& spec, const std::string& name) {
    for (const auto& o : spec.options)
        if (o.name == name) return &o;
    for (const auto& o : commonOptions())
        if (o.name == name) return &o;
    return nullptr;
}

}  // namespace

Arguments parseArguments(const CommandSpec& spec, const std::vector<std::string>& args) {
    Arguments parsed;
    parsed.command = spec.name;
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg == "-" || !arg.starts_with("-")) {
            parsed.positional_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        if (arg == "-h") {
            parsed.values_["help"].push_back({});
            continue;
        }
        if (!arg.starts_with("--")) throw UsageError(tr("err.unknownOption", {arg, spec.name}), spec.name);

        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.resize(eq);
        }
        const OptionDef* def = findOption(spec, name);
        if (def == nullptr) throw UsageError(tr("err.unknownOption", {"--" + name, spec.name}), spec.name);

        std::string value;
        if (def->metavar.empty()) {
            if (inlineValue) throw UsageError(tr("err.unexpectedValue", {"--" + name}), spec.name);
        } else if (inlineValue) {
            value = *inlineValue;
        } else if (i + 1 < args.size()) {
            // A value may itself start with '-' (a negative number): the option asks for one.
            value = args[++i];
        } else {
            throw UsageError(tr("err.missingValue", {"--" + name, def->metavar}), spec.name);
        }
        auto& slot = parsed.values_[name];
        if (!slot.empty() && !def->repeatable && name != "lang" && name != "help")
            throw UsageError(tr("err.repeated", {"--" + name}), spec.name);
        slot.push_back(value);
    }
    return parsed;
}

void checkPositionals(const CommandSpec& spec, const Arguments& args) {
    const auto& given = args.positional();
    // Optional positionals are written "[NAME]" and come after the required ones.
    const auto required = static_cast<std::size_t>(
        std::count_if(spec.positionals.begin(), spec.positionals.end(),
                      [](const std::string& name) { return name.empty() || name.front() != '['; }));
    if (given.size() < required)
        throw UsageError(tr("err.missingArgument", {spec.positionals[given.size()]}), spec.name);
    // A last positional "NAME..." takes every argument left.
    const bool variadic = !spec.positionals.empty() && spec.positionals.back().ends_with("...");
    if (given.size() > spec.positionals.size() && !variadic)
        throw UsageError(tr("err.extraArgument", {given[spec.positionals.size()]}), spec.name);
}

}  // namespace deepstep::cli
