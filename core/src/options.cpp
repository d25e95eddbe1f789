#include "deepstep/options.hpp"

#include "deepstep/errors.hpp"

#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
#include <limits>
#include <sstream>

namespace deepstep {

std::string toString(OptionType t) {
    switch (t) {
        case OptionType::Integer:
            return "integer";
        case OptionType::Number:
            return "number";
        case OptionType::Boolean:
            return "boolean";
        case OptionType::String:
            return "string";
        case OptionType::Choice:
            return "choice";
        case OptionType::NumberList:
            return "number list";
        case OptionType::Activation:
            return "activation";
        case OptionType::Layers:
            return "layer list";
    }
    return "?";
}

namespace {
/// Appends a short rendering of `v` to `out`, stopping at `budget` characters and
/// three levels deep, so that quoting hostile input in a message costs little. Compact,
/// like Json::dump(): [1,2,3], {"a":1}.
void describeInto(const Json& v, std::string& out, std::size_t budget, int depth) {
    if (out.size() >= budget) return;
    if (v.is_array() || v.is_object()) {
        if (depth >= 3) {
            out += v.is_array() ? "[...]" : "{...}";
            return;
        }
        out += v.is_array() ? '[' : '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (out.size() >= budget) return;
            if (!first) out += ',';
            first = false;
            if (v.is_object()) out += Json(it.key()).dump(-1, ' ', false, Json::error_handler_t::replace) + ":";
            describeInto(*it, out, budget, depth + 1);
        }
        out += v.is_array() ? ']' : '}';
        return;
    }
    if (v.is_string()) {
        const auto& text = v.get_ref<const std::string&>();
        // Only the start of a long string is quoted.
        const Json head = text.size() > budget ? Json(text.substr(0, budget)) : v;
        out += head.dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
    }
    out += v.dump();
}
}  // namespace

std::string describeJson(const Json& v) {
    std::string s;
    describeInto(v, s, 64, 0);
    if (s.size() > 60) {
        s = s.substr(0, 57);
        // Do not cut a UTF-8 sequence in half.
        while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();
        if (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
        s += "...";
    }
    return s;
}

namespace {
std::string num(double v) {
    std::ostringstream os;
    os << v;
    return os.str();
}

std::string rangeText(const OptionSpec& s) {
    if (s.min && s.max) {
        return " in [" + num(*s.min) + ", " + num(*s.max) + "]";
    }
    if (s.min) {
        return " >= " + num(*s.min);
    }
    if (s.max) {
        return " <= " + num(*s.max);
    }
    return "";
}
}  // namespace

std::string OptionSpec::expectation() const {
    switch (type) {
        case OptionType::Integer: {
            // A max of kLargestIntegerOption only says "as large as a 64-bit size holds".
            const bool unbounded = !max || *max >= kLargestIntegerOption;
            if (min && *min == 1 && unbounded) {
                return "a positive integer";
            }
            if (min && *min == 0 && unbounded) {
                return "a non-negative integer";
            }
            return "an integer" + rangeText(*this);
        }
        case OptionType::Number:
            return "a number" + rangeText(*this);
        case OptionType::Boolean:
            return "true or false";
        case OptionType::String:
            return "a string";
        case OptionType::Choice: {
            std::string s = "one of ";
            for (std::size_t i = 0; i < choices.size(); ++i) {
                s += (i ? ", " : "") + ("\"" + choices[i] + "\"");
            }
            return s;
        }
        case OptionType::NumberList: {
            std::string s = (singleNumber ? "a number or a list of numbers" : "a list of numbers") + rangeText(*this);
            for (const auto& word : choices) {
                s += ", or \"" + word + "\"";
            }
            return s;
        }
        case OptionType::Activation:
            return "an activation name or an object like {\"type\": \"leaky_relu\", \"alpha\": 0.1}";
        case OptionType::Layers:
            return "a non-empty list of layers (each a name or an object with \"type\")";
    }
    return "?";
}

namespace {
OptionSpec makeOption(std::string name, OptionType type, Json defaultValue, std::optional<double> min,
                      std::optional<double> max, Text help) {
    OptionSpec s;
    s.name = std::move(name);
    s.type = type;
    s.defaultValue = std::move(defaultValue);
    s.min = min;
    s.max = max;
    s.help = std::move(help);
    return s;
}
}  // namespace

OptionSpec integerOption(std::string name, Json defaultValue, std::optional<double> min, std::optional<double> max,
                         Text help) {
    return makeOption(std::move(name), OptionType::Integer, std::move(defaultValue), min, max, std::move(help));
}

OptionSpec numberOption(std::string name, Json defaultValue, std::optional<double> min, std::optional<double> max,
                        Text help) {
    return makeOption(std::move(name), OptionType::Number, std::move(defaultValue), min, max, std::move(help));
}

OptionSpec flagOption(std::string name, bool defaultValue, Text help) {
    return makeOption(std::move(name), OptionType::Boolean, defaultValue, std::nullopt, std::nullopt, std::move(help));
}

OptionSpec textOption(std::string name, Json defaultValue, Text help) {
    return makeOption(std::move(name), OptionType::String, std::move(defaultValue), std::nullopt, std::nullopt,
                      std::move(help));
}

OptionSpec choiceOption(std::string name, std::string defaultValue, std::vector<std::string> choices, Text help) {
    OptionSpec s = makeOption(std::move(name), OptionType::Choice, std::move(defaultValue), std::nullopt, std::nullopt,
                              std::move(help));
    s.choices = std::move(choices);
    return s;
}

OptionSpec activationOption(std::string name, Json defaultValue, Text help) {
    return makeOption(std::move(name), OptionType::Activation, std::move(defaultValue), std::nullopt, std::nullopt,
                      std::move(help));
}

OptionSpec layersOption(std::string name, Text help) {
    return makeOption(std::move(name), OptionType::Layers, nullptr, std::nullopt, std::nullopt, std::move(help));
}

Schema& Schema::add(OptionSpec spec) {
    specs_.push_back(std::move(spec));
    return *this;
}

const OptionSpec* Schema::find(const std::string& name) const {
    for (const auto& s : specs_) {
        if (s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

double OptionSpec::lowest() const {
    switch (type) {
        case OptionType::Integer:
            return std::max(min.value_or(-kIntegerOptionLimit), -kLargestIntegerOption);
        case OptionType::Number:
        case OptionType::NumberList:
            return std::max(min.value_or(-kNumberOptionLimit), -kNumberOptionLimit);
        default:
            return -std::numeric_limits<double>::infinity();
    }
}

double OptionSpec::highest() const {
    switch (type) {
        case OptionType::Integer:
            return std::min(max.value_or(kIntegerOptionLimit), kLargestIntegerOption);
        case OptionType::Number:
        case OptionType::NumberList:
            return std::min(max.value_or(kNumberOptionLimit), kNumberOptionLimit);
        default:
            return std::numeric_limits<double>::infinity();
    }
}

float floatFromJson(const Json& v, const std::string& where) {
    if (!v.is_number()) {
        throw InputError(where, "expected a number, got " + describeJson(v));
    }
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::fabs(d) > static_cast<double>(FLT_MAX)) {
        throw InputError(where, "expected a number within float range (magnitude at most " + num(FLT_MAX) + "), got " +
                                    describeJson(v));
    }
    return static_cast<float>(d);
}

namespace {
// Within the declared range and within what the option's type holds. NaN is never in range.
bool inRange(const OptionSpec& s, double v) {
    return v >= s.lowest() && v <= s.highest();
}

// Within the declared range only: a value that passes this but not inRange() is beyond
// the type's own bound, which the message then states.
bool inDeclaredRange(const OptionSpec& s, double v) {
    return (!s.min || v >= *s.min) && (!s.max || v <= *s.max);
}

// A component given as "name" or {"type": "name", ...}; its options are checked by
// the registry when it is built.
bool isComponentSpec(const Json& v) {
    if (v.is_string()) {
        return !v.get<std::string>().empty();
    }
    if (!v.is_object()) {
        return false;
    }
    auto t = v.find("type");
    return t != v.end() && t->is_string() && !t->get<std::string>().empty();
}

bool valid(const OptionSpec& s, const Json& v) {
    switch (s.type) {
        case OptionType::Integer:
            if (v.is_number_integer()) {
                return inRange(s, v.get<double>());
            }
            // 3.0 is an integer to a student; 3.5 is not.
            if (v.is_number_float()) {
                const double d = v.get<double>();
                return std::isfinite(d) && std::floor(d) == d && inRange(s, d);
            }
            return false;
        case OptionType::Number:
            return v.is_number() && std::isfinite(v.get<double>()) && inRange(s, v.get<double>());
        case OptionType::Boolean:
            return v.is_boolean();
        case OptionType::String:
            return v.is_string();
        case OptionType::Choice:
            if (!v.is_string()) {
                return false;
            }
            for (const auto& c : s.choices) {
                if (c == v.get<std::string>()) {
                    return true;
                }
            }
            return false;
        case OptionType::NumberList:
            if (v.is_string()) {
                return std::find(s.choices.begin(), s.choices.end(), v.get<std::string>()) != s.choices.end();
            }
            if (s.singleNumber && v.is_number()) {
                return std::isfinite(v.get<double>()) && inRange(s, v.get<double>());
            }
            if (!v.is_array()) {
                return false;
            }
            for (const auto& e : v) {
                if (!e.is_number() || !std::isfinite(e.get<double>()) || !inRange(s, e.get<double>())) {
                    return false;
                }
            }
            return true;
        case OptionType::Activation:
            return isComponentSpec(v);
        case OptionType::Layers:
            if (!v.is_array() || v.empty()) {
                return false;
            }
            for (const auto& e : v) {
                if (!isComponentSpec(e)) {
                    return false;
                }
            }
            return true;
    }
    return false;
}
}  // namespace

namespace {
// ", at most 2147483647" when `value` is refused only for exceeding the bound of the
// option's type, which the expectation (e.g. "a positive integer") does not state.
std::string beyondTypeBound(const OptionSpec& s, const Json& value) {
    if (!value.is_number()) {
        return "";
    }
    if (s.type == OptionType::NumberList) {
        return "";
    }
    const double v = value.get<double>();
    if (s.type == OptionType::Integer && value.is_number_float() && (!std::isfinite(v) || std::floor(v) != v)) {
        return "";
    }
    if (!inDeclaredRange(s, v) || (s.type != OptionType::Integer && s.type != OptionType::Number)) {
        return "";
    }
    if (s.type == OptionType::Number) {
        return " within float range (magnitude at most " + num(kNumberOptionLimit) + ")";
    }
    return v > 0 ? ", at most " + std::to_string(static_cast<long long>(s.highest()))
                 : ", at least " + std::to_string(static_cast<long long>(s.lowest()));
}
}  // namespace

Options Schema::resolve(const Json& given, const std::string& path) const {
    if (!given.is_null() && !given.is_object()) {
        throw InputError(path, "expected an object of options, got " + describeJson(given));
    }
    Json out = Json::object();
    if (given.is_object()) {
        for (const auto& [key, value] : given.items()) {
            const OptionSpec* spec = find(key);
            const std::string where = path.empty() ? key : path + "." + key;
            if (!spec) {
                std::string known;
                for (const auto& s : specs_) {
                    known += (known.empty() ? "" : ", ") + s.name;
                }
                throw InputError(where,
                                 "unknown option" + (known.empty() ? std::string(" (this component has no options)")
                                                                   : " (known: " + known + ")"));
            }
            if (!valid(*spec, value)) {
                throw InputError(where, "expected " + spec->expectation() + beyondTypeBound(*spec, value) + ", got " +
                                            describeJson(value));
            }
            // Validated: an Integer is integral and within ±2^53, so the conversion is exact.
            out[key] = spec->type == OptionType::Integer ? Json(static_cast<long long>(value.get<double>())) : value;
        }
    }
    for (const auto& s : specs_) {
        if (!out.contains(s.name)) {
            if (s.defaultValue.is_null()) {
                throw InputError(path.empty() ? s.name : path + "." + s.name,
                                 "required option is missing (expected " + s.expectation() + ")");
            }
            out[s.name] = s.defaultValue;
        }
    }
    return Options(std::move(out), path);
}

const Json& Options::get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) {
        throw std::out_of_range("option \"" + name + "\" is not declared");
    }
    return *it;
}

long long Options::integer(const std::string& name) const {
    const Json& v = get(name);
    if (v.is_number_unsigned() && v.get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX)) {
        throw InputError(path_.empty() ? name : path_ + "." + name,
                         "expected an integer of at most " + std::to_string(LLONG_MAX) + ", got " + describeJson(v));
    }
    if (!v.is_number_integer()) {
        throw InputError(path_.empty() ? name : path_ + "." + name, "expected an integer, got " + describeJson(v));
    }
    return v.get<long long>();
}

long long Options::integerWithin(const std::string& name, long long lo, long long hi) const {
    const long long v = integer(name);
    if (v < lo || v > hi) {
        throw InputError(path_.empty() ? name : path_ + "." + name, "expected an integer in [" + std::to_string(lo) +
                                                                        ", " + std::to_string(hi) + "], got " +
                                                                        std::to_string(v));
    }
    return v;
}
double Options::number(const std::string& name) const {
    return get(name).get<double>();
}
bool Options::flag(const std::string& name) const {
    return get(name).get<bool>();
}
std::string Options::text(const std::string& name) const {
    return get(name).get<std::string>();
}
std::vector<double> Options::numbers(const std::string& name) const {
    return get(name).get<std::vector<double>>();
}
bool Options::has(const std::string& name) const {
    return values_.contains(name);
}

}  // namespace deepstep
