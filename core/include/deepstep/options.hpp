#pragma once
// Options schemas. Every component (layer, activation, loss, optimizer, dataset)
// declares its options here: name, type, default, range and help text in English and
// Korean. The CLI's `describe`, the Studio's option editors and experiment validation
// are all generated from the schema, so a new plugin needs no changes anywhere else.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace deepstep {

using Json = nlohmann::json;

/// A user-visible text in both shipped languages.
struct Text {
    std::string en;
    std::string ko;
    /// The text in `lang` ("ko" or "en"); English when the language is missing.
    const std::string& in(const std::string& lang) const { return (lang == "ko" && !ko.empty()) ? ko : en; }
};

/// Activation: a registered activation, by name ("relu") or with its options
/// ({"type": "leaky_relu", "alpha": 0.1}). Layers: a list of layer specs (each a name
/// or an object with "type"), the children of a composite layer.
enum class OptionType { Integer, Number, Boolean, String, Choice, NumberList, Activation, Layers };
std::string toString(OptionType t);

struct OptionSpec {
    std::string name;
    OptionType type = OptionType::Number;
    Json defaultValue;                 ///< null means "required"
    std::optional<double> min;         ///< inclusive, for Integer/Number/NumberList elements
    std::optional<double> max;         ///< inclusive
    std::vector<std::string> choices;  ///< for Choice
    Text help;
    /// "positive integer", "number in [0, 1]", "one of sgd, adam" — used in messages.
    std::string expectation() const;
};

/// One-line builders for the option kinds. `defaultValue` null means "required".
OptionSpec integerOption(std::string name, Json defaultValue, std::optional<double> min, std::optional<double> max,
                         Text help);
OptionSpec numberOption(std::string name, Json defaultValue, std::optional<double> min, std::optional<double> max,
                        Text help);
OptionSpec flagOption(std::string name, bool defaultValue, Text help);
OptionSpec textOption(std::string name, Json defaultValue, Text help);
OptionSpec choiceOption(std::string name, std::string defaultValue, std::vector<std::string> choices, Text help);
/// An activation by name or {"type": name, ...its options} (`defaultValue` null: required);
/// build it with
/// Registry::makeActivation(options.value(name)).
OptionSpec activationOption(std::string name, Json defaultValue, Text help);
/// A non-empty list of layer specs (required): the children of a composite layer;
/// build them with Registry::makeLayers(options.value(name)).
OptionSpec layersOption(std::string name, Text help);

/// Resolved, validated option values of one component.
class Options {
public:
    Options() = default;
    explicit Options(Json values) : values_(std::move(values)) {}
    long long integer(const std::string& name) const;
    double number(const std::string& name) const;
    bool flag(const std::string& name) const;
    std::string text(const std::string& name) const;
    std::vector<double> numbers(const std::string& name) const;
    bool has(const std::string& name) const;
    /// The option's JSON value as given (activation and layer specs).
    const Json& value(const std::string& name) const { return get(name); }
    const Json& json() const { return values_; }

private:
    const Json& get(const std::string& name) const;
    Json values_ = Json::object();
};

class Schema {
public:
    Schema() = default;
    Schema(std::initializer_list<OptionSpec> specs) : specs_(specs) {}
    Schema& add(OptionSpec spec);
    const std::vector<OptionSpec>& specs() const { return specs_; }
    const OptionSpec* find(const std::string& name) const;

    /// Checks `given` (a JSON object, or null for "all defaults") against the schema
    /// and fills in defaults.
    /// ensures: every declared option is present and of its declared type and range.
    /// throws InputError naming `path` + ".option" for unknown options, wrong types,
    /// out-of-range values and missing required options.
    Options resolve(const Json& given, const std::string& path) const;

private:
    std::vector<OptionSpec> specs_;
};

/// Short JSON rendering of a value for messages: "ten" → "\"ten\"", 3 → "3".
std::string describeJson(const Json& v);

}  // namespace deepstep
