#pragma once
// Options schemas. Every component (layer, activation, loss, optimizer, dataset)
// declares its options here: name, type, default, range and help text in English and
// Korean. The CLI's `describe`, the Studio's option editors and experiment validation
// are all generated from the schema, so a new plugin needs no changes anywhere else.

#include <nlohmann/json.hpp>

#include <cfloat>
#include <climits>
#include <concepts>
#include <limits>
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

/// Largest magnitude of an Integer option that declares no bound of its own: every
/// integer option then fits an int, whatever its consumer reads it into. An option that
/// needs more declares its max (at most kLargestIntegerOption) and is read into a 64-bit type.
inline constexpr double kIntegerOptionLimit = INT_MAX;
/// Largest magnitude any Integer option may declare: integers up to 2^53 are exact in
/// a double, which is how JSON numbers are compared.
inline constexpr double kLargestIntegerOption = 9007199254740992.0;
/// Largest magnitude of a Number option (and of a NumberList element): DeepStep
/// computes in float, so a value beyond float range would become infinite.
inline constexpr double kNumberOptionLimit = FLT_MAX;

struct OptionSpec {
    std::string name;
    OptionType type = OptionType::Number;
    Json defaultValue;                 ///< null means "required"
    std::optional<double> min;         ///< inclusive, for Integer/Number/NumberList elements
    std::optional<double> max;         ///< inclusive
    std::vector<std::string> choices;  ///< for Choice; for NumberList, words accepted instead of a list ("same")
    Text help;
    /// NumberList only: a single number is accepted as well as a list (a kernel of 3 or [3, 5]).
    bool singleNumber = false;
    /// "positive integer", "number in [0, 1]", "one of sgd, adam" — used in messages.
    std::string expectation() const;
    /// The range a value is checked against: min/max as declared, bounded by what the
    /// type holds (±kIntegerOptionLimit for an Integer without a bound of its own, at
    /// most ±kLargestIntegerOption; ±kNumberOptionLimit for Number and NumberList).
    double lowest() const;
    double highest() const;
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

/// Reads a JSON number as a float for computation.
/// requires nothing. ensures: the result is finite.
/// throws InputError(where, "expected a number within float range ...") for a value
/// that is not a number or whose magnitude exceeds FLT_MAX (1e39 would become inf).
float floatFromJson(const Json& v, const std::string& where);

/// Resolved, validated option values of one component.
class Options {
public:
    Options() = default;
    /// `path` is the JSON place of these options ("model.layers[0]"), for messages.
    explicit Options(Json values, std::string path = {}) : values_(std::move(values)), path_(std::move(path)) {}
    /// An Integer option's value; within the option's range (see OptionSpec::lowest()).
    long long integer(const std::string& name) const;
    /// An Integer option's value as T, checked: no narrowing without a check.
    /// throws InputError naming the option's JSON path when the value does not fit T.
    template <std::integral T>
    T integerAs(const std::string& name) const {
        const long long lo =
            std::is_signed_v<T> ? static_cast<long long>(std::numeric_limits<T>::min()) : 0LL;
        const long long hi = static_cast<unsigned long long>(std::numeric_limits<T>::max()) >
                                     static_cast<unsigned long long>(LLONG_MAX)
                                 ? LLONG_MAX
                                 : static_cast<long long>(std::numeric_limits<T>::max());
        return static_cast<T>(integerWithin(name, lo, hi));
    }
    double number(const std::string& name) const;
    bool flag(const std::string& name) const;
    std::string text(const std::string& name) const;
    std::vector<double> numbers(const std::string& name) const;
    bool has(const std::string& name) const;
    /// The option's JSON value as given (activation and layer specs).
    const Json& value(const std::string& name) const { return get(name); }
    const Json& json() const { return values_; }

    /// The JSON place these options were resolved at (may be empty).
    const std::string& path() const { return path_; }

private:
    const Json& get(const std::string& name) const;
    long long integerWithin(const std::string& name, long long lo, long long hi) const;
    Json values_ = Json::object();
    std::string path_;
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
    /// ensures: every declared option is present and of its declared type and range
    /// (OptionSpec::lowest()..highest()): an Integer without a max fits an int, a
    /// Number is finite and within float range; an integral float (3.0) becomes an integer.
    /// throws InputError naming `path` + ".option" for unknown options, wrong types,
    /// out-of-range values and missing required options.
    Options resolve(const Json& given, const std::string& path) const;

private:
    std::vector<OptionSpec> specs_;
};

/// Short JSON rendering of a value for messages: "ten" → "\"ten\"", 3 → "3".
std::string describeJson(const Json& v);

}  // namespace deepstep
