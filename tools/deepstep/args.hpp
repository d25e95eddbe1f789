#pragma once
// A small command-line parser: GNU-style long options ("--out DIR", "--out=DIR"),
// flags, repeatable options and positional arguments, checked against a declared
// command so that a typo is reported instead of silently ignored.

#include "deepstep/options.hpp"

#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace deepstep::cli {

/// Bad command-line usage. `command` names the command whose usage to show
/// (empty: the program's). The CLI maps it to exit code 2.
class UsageError : public std::runtime_error {
public:
    UsageError(const std::string& message, std::string command = {})
        : std::runtime_error(message), command_(std::move(command)) {}
    const std::string& command() const { return command_; }

private:
    std::string command_;
};

struct OptionDef {
    std::string name;     ///< without the leading "--"
    std::string metavar;  ///< empty for a flag that takes no value
    std::string helpId;   ///< string-table id of its help line
    bool repeatable = false;
};

struct CommandSpec {
    std::string name;
    std::string synopsis;                  ///< after "deepstep NAME", e.g. "EXP.json [OPTIONS]"
    std::string summaryId;                 ///< one line for the command list
    std::string descriptionId;             ///< a paragraph for --help
    std::vector<std::string> positionals;  ///< names of the positional arguments; "[NAME]" is optional (last)
    std::vector<OptionDef> options;        ///< --help and --lang are added by the parser
};

class Arguments {
public:
    const std::vector<std::string>& positional() const { return positional_; }
    bool has(const std::string& option) const { return values_.count(option) != 0; }
    /// The value of an option given once, or nullopt.
    std::optional<std::string> value(const std::string& option) const;
    /// Every value of a repeatable option, in order.
    std::vector<std::string> values(const std::string& option) const;

    /// A whole number in [min, max]; `fallback` when the option is absent. `max`
    /// defaults to INT_MAX, so that the value fits an int wherever a command keeps it.
    /// throws UsageError naming the option and the range for anything else (a number
    /// beyond the range, beyond long long, with a fraction or trailing text).
    long long integer(const std::string& option, long long min, long long fallback,
                      long long max = std::numeric_limits<int>::max()) const;
    /// A finite number > 0; `fallback` when absent. throws UsageError otherwise.
    double positiveNumber(const std::string& option, double fallback) const;
    /// Every K=V value of a repeatable option as one JSON object. V is read as JSON
    /// when it is JSON ("3" → 3, "true" → true, "[1,2]" → [1, 2]) and as a string
    /// otherwise, so that --option name=moons needs no quotes.
    /// throws UsageError for a value without "=" or with an empty key.
    Json keyValues(const std::string& option) const;

    std::string command;  ///< for error messages

private:
    friend Arguments parseArguments(const CommandSpec&, const std::vector<std::string>&);
    std::vector<std::string> positional_;
    std::map<std::string, std::vector<std::string>> values_;
};

/// The options every command accepts besides its own.
const std::vector<OptionDef>& commonOptions();

/// Parses the arguments after the command name.
/// throws UsageError for an unknown option, a missing or unexpected value, or an
/// option repeated that is not repeatable. Positional counts are checked by
/// checkPositionals(), after --help has had its chance.
Arguments parseArguments(const CommandSpec& spec, const std::vector<std::string>& args);
void checkPositionals(const CommandSpec& spec, const Arguments& args);

}  // namespace deepstep::cli
