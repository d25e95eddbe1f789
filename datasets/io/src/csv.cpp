// CSV tables as a TensorDataset.
//
// The text is scanned twice and never split into strings: the first pass checks the
// shape of every record and collects the categories of one-hot columns, the second
// parses each number straight from the text into the tensors, whose size is checked
// against the memory budget in between. Memory is the text plus the floats it holds.

#include "deepstep/data/csv.hpp"

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"
#include "deepstep/random.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>

namespace deepstep::data {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string lineAt(const std::string& where, std::size_t line) {
    return where + ": line " + std::to_string(line);
}

std::string cellAt(const std::string& where, std::size_t line, const std::string& column) {
    return lineAt(where, line) + ", column \"" + column + "\"";
}

// At most 40 bytes of a field, never cut inside a UTF-8 sequence.
std::string shown(std::string_view s) {
    constexpr std::size_t kShown = 40;
    std::size_t n = std::min(kShown, s.size());
    if (n < s.size()) {
        while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    }
    return "\"" + std::string(s.substr(0, n)) + (n < s.size() ? "…" : "") + "\"";
}

// Hash and equality that let a map keyed by std::string be searched with a view.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using TextIndex = std::unordered_map<std::string, std::size_t, TextHash, std::equal_to<>>;

// Walks the text record by record. Quoted fields may hold commas, quotes ("") and line
// breaks; blank lines between records are skipped. A field is handed over as a view of
// the text (or, when it held "" escapes, of a scratch string) valid until the next one.
class Scanner {
public:
    Scanner(std::string_view text, const std::string& where) : text_(text), where_(where) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;  // UTF-8 BOM
    }

    /// Scans the next record that is not blank, calling onField(index, view) for each of
    /// its fields; returns the number of fields, 0 at the end of the text.
    template <typename OnField>
    std::size_t next(OnField&& onField) {
        const std::size_t n = text_.size();
        while (at_ < n) {
            line_ = lineNow_;
            std::size_t count = 0;
            bool sawAnything = false;
            while (true) {
                std::string_view field;
                std::size_t i = at_;
                while (i < n && (text_[i] == ' ' || text_[i] == '\t')) ++i;
                if (i < n && text_[i] == '"') {
                    field = quoted(i + 1);
                    sawAnything = true;
                } else {
                    i = at_;
                    while (i < n && text_[i] != ',' && text_[i] != '\n' && !lineEndAt(i)) ++i;
                    field = text_.substr(at_, i - at_);
                    at_ = i;
                    if (!trim(field).empty()) sawAnything = true;
                }
                if (at_ < n && text_[at_] == ',') {
                    onField(count++, field);
                    sawAnything = true;
                    ++at_;
                    continue;
                }
                // The end of the record: the end of the text, LF or CR LF (a lone CR
                // at the very end counts too).
                if (count > 0 || sawAnything) onField(count++, field);
                if (at_ < n && text_[at_] == '\r') ++at_;
                if (at_ < n) {
                    ++at_;
                    ++lineNow_;
                }
                break;
            }
            if (count > 0) return count;
        }
        return 0;
    }

    /// The line on which the last record returned began (1-based).
    std::size_t line() const { return line_; }

private:
    bool lineEndAt(std::size_t i) const {
        return text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] == '\n');
    }

    // A quoted field whose content starts at `from`; leaves at_ after the closing quote
    // and the spaces after it.
    std::string_view quoted(std::size_t from) {
        const std::size_t n = text_.size();
        const std::size_t openLine = lineNow_;
        bool escaped = false;
        std::size_t segment = from;
        std::size_t i = from;
        std::string_view field;
        while (true) {
            if (i >= n) {
                throw InputError(lineAt(where_, openLine), "expected a closing double quote, got the end of the file");
            }
            if (text_[i] == '"') {
                if (i + 1 < n && text_[i + 1] == '"') {
                    if (!escaped) scratch_.clear();
                    escaped = true;
                    scratch_.append(text_.substr(segment, i + 1 - segment));
                    i += 2;
                    segment = i;
                    continue;
                }
                if (escaped) {
                    scratch_.append(text_.substr(segment, i - segment));
                    field = scratch_;
                } else {
                    field = text_.substr(from, i - from);
                }
                ++i;
                break;
            }
            if (text_[i] == '\n') ++lineNow_;
            ++i;
        }
        // Only spaces may follow a closing quote before the separator.
        while (i < n && (text_[i] == ' ' || text_[i] == '\t')) ++i;
        if (i < n && text_[i] != ',' && text_[i] != '\n' && !lineEndAt(i)) {
            throw InputError(lineAt(where_, lineNow_),
                             "expected a comma after a quoted field, got " + shown(text_.substr(i, 1)));
        }
        at_ = i;
        return field;
    }

    std::string_view text_;
    const std::string& where_;
    std::size_t at_ = 0;
    std::size_t lineNow_ = 1;
    std::size_t line_ = 1;
    std::string scratch_;
};

std::optional<double> number(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// A cell of a numeric column as a float: refused when empty, not a number, not finite,
// or beyond float range (it would become infinity).
float floatAt(std::string_view field, const std::string& where, std::size_t line, const std::string& column) {
    const std::string_view s = trim(field);
    if (s.empty()) {
        throw InputError(cellAt(where, line, column), "expected a number, got an empty field (a missing value)");
    }
    std::string_view digits = s;
    if (digits.front() == '+') digits.remove_prefix(1);
    double v = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    const bool whole = !digits.empty() && end == digits.data() + digits.size();
    if (whole && (ec == std::errc::result_out_of_range ||
                  (ec == std::errc() && std::isfinite(v) && std::abs(v) > std::numeric_limits<float>::max()))) {
        // from_chars also says out of range for a number too close to zero; that one
        // is 0 as a float, and fine.
        if (ec == std::errc::result_out_of_range) {
            double tiny = 0;
            const std::string copy(digits);
            tiny = std::strtod(copy.c_str(), nullptr);
            if (std::abs(tiny) < 1.0) return 0.0F;
        }
        throw InputError(cellAt(where, line, column),
                         "expected a number within float range (at most 3.4e38 in size), got " + shown(s));
    }
    if (ec != std::errc() || !whole || !std::isfinite(v)) {
        throw InputError(cellAt(where, line, column), "expected a number, got " + shown(s));
    }
    return static_cast<float>(v);
}

// "a, b, c", or the first 20 names and how many there are in all.
std::string joined(const std::vector<std::string>& names) {
    constexpr std::size_t kListed = 20;
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < kListed; ++i) text += (i ? ", " : "") + names[i];
    if (names.size() > kListed) text += ", … (" + std::to_string(names.size()) + " columns)";
    return text;
}

// The categories of a one-hot column or a class target.
struct Levels {
    std::vector<std::string> names;  // in order of first appearance, or sorted for a class target
    TextIndex index;                 // name → position in `names`
    bool binary = false;             // a class target with classes "0", "1": one 0/1 column
    std::size_t width() const { return binary ? 1 : names.size(); }
};

// Class targets sorted (numerically when every value is a number), so that class k
// means the same whatever the row order.
void sortLevels(Levels& l) {
    const bool numeric = std::all_of(l.names.begin(), l.names.end(), [](const auto& n) { return number(n).has_value(); });
    if (numeric) {
        std::stable_sort(l.names.begin(), l.names.end(),
                         [](const auto& a, const auto& b) { return *number(a) < *number(b); });
    } else {
        std::sort(l.names.begin(), l.names.end());
    }
    for (std::size_t k = 0; k < l.names.size(); ++k) l.index[l.names[k]] = k;
    l.binary = numeric && l.names.size() == 2 && *number(l.names[0]) == 0.0 && *number(l.names[1]) == 1.0;
}

// Where one column of the file goes.
struct Slot {
    bool target = false;
    bool oneHot = false;
    std::size_t offset = 0;  // first column in the inputs or targets
    std::size_t levels = 0;  // index in the list of Levels, for oneHot
};

}  // namespace

TensorDataset parseCsv(std::string_view text, const CsvOptions& options, const std::string& where) {
    if (options.scale != "none" && options.scale != "standard" && options.scale != "minmax") {
        throw InputError(where, "expected scale none, standard or minmax, got " + shown(options.scale));
    }
    if (options.split != "all" && options.split != "train" && options.split != "test") {
        throw InputError(where, "expected split all, train or test, got " + shown(options.split));
    }
    if (!(options.testFraction >= 0.0 && options.testFraction < 1.0)) {
        throw InputError(where, "expected a test fraction in [0, 1), got " + std::to_string(options.testFraction));
    }
    if (options.split == "test" && options.testFraction == 0.0) {
        throw InputError(where, "expected a test fraction above 0 for the test split, got 0");
    }

    // ---- the header: names, none empty, none twice (a hash set: linear time) ----
    Scanner scanner(text, where);
    std::vector<std::string> header;
    if (scanner.next([&](std::size_t, std::string_view f) { header.emplace_back(trim(f)); }) == 0) {
        throw InputError(where, "expected a header row of column names, got an empty file");
    }
    const std::size_t headerLine = scanner.line();
    const std::size_t columns = header.size();
    std::unordered_map<std::string_view, std::size_t> columnOf;
    columnOf.reserve(columns);
    for (std::size_t c = 0; c < columns; ++c) {
        if (header[c].empty()) {
            throw InputError(lineAt(where, headerLine),
                             "expected a name for column " + std::to_string(c + 1) + ", got an empty field");
        }
        if (!columnOf.emplace(header[c], c).second) {
            throw InputError(lineAt(where, headerLine), "expected distinct column names, got " + shown(header[c]) +
                                                            " twice");
        }
    }

    // ---- what each column is ----
    auto columnIndex = [&](const std::string& name, const char* role) {
        const auto it = columnOf.find(trim(name));
        if (it == columnOf.end()) {
            throw InputError(where, std::string("expected a ") + role + " column among " + joined(header) + ", got " +
                                        shown(name));
        }
        return it->second;
    };
    std::vector<Slot> slots(columns);
    std::vector<std::size_t> targetColumns;
    if (options.targets.empty()) {
        targetColumns.push_back(columns - 1);
    } else {
        for (const auto& t : options.targets) targetColumns.push_back(columnIndex(t, "target"));
    }
    for (std::size_t c : targetColumns) {
        if (slots[c].target) throw InputError(where, "expected each target column once, got " + joined(options.targets));
        slots[c].target = true;
    }
    if (targetColumns.size() == columns) {
        throw InputError(where, "expected at least one feature column besides the targets, got none");
    }
    bool classify = options.classify;
    for (const auto& name : options.categorical) {
        const std::size_t c = columnIndex(name, "categorical");
        slots[c].oneHot = true;
        if (slots[c].target) classify = true;
    }
    if (classify && targetColumns.size() != 1) {
        throw InputError(where, "expected one class target column, got " + std::to_string(targetColumns.size()));
    }
    if (classify) slots[targetColumns.front()].oneHot = true;
    std::vector<Levels> levels;
    for (auto& slot : slots) {
        if (!slot.oneHot) continue;
        slot.levels = levels.size();
        levels.emplace_back();
    }

    // ---- first pass: every record's width, and the categories ----
    std::size_t rows = 0;
    for (std::size_t count = 0;
         (count = scanner.next([&](std::size_t c, std::string_view f) {
              if (c >= columns || !slots[c].oneHot) return;
              const std::string_view value = trim(f);
              if (value.empty()) {
                  throw InputError(cellAt(where, scanner.line(), header[c]),
                                   "expected a category, got an empty field (a missing value)");
              }
              Levels& l = levels[slots[c].levels];
              if (l.index.find(value) == l.index.end()) {
                  l.index.emplace(std::string(value), l.names.size());
                  l.names.emplace_back(value);
              }
          })) != 0;) {
        if (count != columns) {
            throw InputError(lineAt(where, scanner.line()), "expected " + std::to_string(columns) +
                                                                " fields as in the header, got " +
                                                                std::to_string(count));
        }
        ++rows;
    }
    if (rows == 0) {
        throw InputError(where, "expected at least one data row after the header, got none");
    }
    if (classify) sortLevels(levels[slots[targetColumns.front()].levels]);

    // ---- the layout of a row in the inputs and the targets ----
    std::size_t featureWidth = 0;
    std::vector<std::string> featureNames;
    std::vector<std::size_t> numericFeatures;  // offsets of the scalable input columns
    for (std::size_t c = 0; c < columns; ++c) {
        Slot& slot = slots[c];
        if (slot.target) continue;
        slot.offset = featureWidth;
        if (slot.oneHot) {
            for (const auto& l : levels[slot.levels].names) featureNames.push_back(header[c] + "=" + l);
            featureWidth += levels[slot.levels].width();
        } else {
            featureNames.push_back(header[c]);
            numericFeatures.push_back(featureWidth);
            featureWidth += 1;
        }
    }
    std::size_t targetWidth = 0;
    for (std::size_t c : targetColumns) {
        slots[c].offset = targetWidth;
        targetWidth += slots[c].oneHot ? levels[slots[c].levels].width() : 1;
    }

    // Rows of the split, in file order. The test rows are the tail of a seeded permutation.
    std::vector<bool> isTest(rows, false);
    const auto testCount = static_cast<std::size_t>(std::llround(static_cast<double>(rows) * options.testFraction));
    if (testCount > 0) {
        Rng rng(options.seed);
        const std::vector<std::size_t> order = rng.permutation(rows);
        for (std::size_t k = rows - testCount; k < rows; ++k) isTest[order[k]] = true;
    }
    std::vector<std::size_t> chosen;
    std::vector<std::size_t> trainRows;
    for (std::size_t r = 0; r < rows; ++r) {
        if (!isTest[r]) trainRows.push_back(r);
        if (options.split == "all" || (options.split == "test") == isTest[r]) chosen.push_back(r);
    }
    if (chosen.empty()) {
        throw InputError(where, "expected some rows in the " + options.split + " split, got none (" +
                                    std::to_string(rows) + " rows, test fraction " +
                                    std::to_string(options.testFraction) + ")");
    }
    if (trainRows.empty()) {
        throw InputError(where, "expected some rows left for the train split, got none");
    }

    const long double rowFloats = static_cast<long double>(featureWidth) + static_cast<long double>(targetWidth);
    const long double copies = options.split == "all" ? 1.0L : 1.0L + static_cast<long double>(chosen.size()) / rows;
    checkMemoryBudget(static_cast<long double>(rows) * rowFloats * sizeof(float) * copies, where,
                      "the table (" + std::to_string(rows) + " rows of " + std::to_string(featureWidth) + " input and " +
                          std::to_string(targetWidth) + " target values, as 4-byte floats)");

    // ---- second pass: every value, parsed straight into the tensors ----
    // Every numeric value is checked on every row, chosen or not: a bad cell is a bad
    // file whichever split is asked for.
    Tensor inputs(Shape{rows, featureWidth});
    Tensor outputs(Shape{rows, targetWidth});
    Scanner values(text, where);
    values.next([](std::size_t, std::string_view) {});  // the header
    for (std::size_t r = 0; r < rows; ++r) {
        float* in = inputs.data() + r * featureWidth;
        float* out = outputs.data() + r * targetWidth;
        values.next([&](std::size_t c, std::string_view f) {
            const Slot& slot = slots[c];
            float* row = slot.target ? out : in;
            if (!slot.oneHot) {
                row[slot.offset] = floatAt(f, where, values.line(), header[c]);
                return;
            }
            const Levels& l = levels[slot.levels];
            const std::size_t level = l.index.find(trim(f))->second;
            if (l.binary) {
                row[slot.offset] = static_cast<float>(level);
            } else {
                row[slot.offset + level] = 1.0F;
            }
        });
    }

    // Scaling statistics from the train rows only: the test split must not leak into them.
    if (options.scale != "none") {
        for (const std::size_t k : numericFeatures) {
            auto at = [&](std::size_t r) -> float& { return inputs.data()[r * featureWidth + k]; };
            double shift = 0.0;
            double divide = 1.0;
            if (options.scale == "standard") {
                double mean = 0;
                for (std::size_t r : trainRows) mean += at(r);
                mean /= static_cast<double>(trainRows.size());
                double var = 0;
                for (std::size_t r : trainRows) var += (at(r) - mean) * (at(r) - mean);
                var /= static_cast<double>(trainRows.size());
                shift = mean;
                divide = var > 0 ? std::sqrt(var) : 1.0;
            } else {
                double lo = at(trainRows.front());
                double hi = lo;
                for (std::size_t r : trainRows) {
                    lo = std::min<double>(lo, at(r));
                    hi = std::max<double>(hi, at(r));
                }
                shift = lo;
                divide = hi > lo ? hi - lo : 1.0;
            }
            for (std::size_t r = 0; r < rows; ++r) at(r) = static_cast<float>((at(r) - shift) / divide);
        }
    }

    std::vector<std::string> classNames =
        classify ? levels[slots[targetColumns.front()].levels].names : std::vector<std::string>{};
    if (chosen.size() == rows) {
        return TensorDataset(std::move(inputs), std::move(outputs), std::move(classNames), std::move(featureNames));
    }
    const std::size_t m = chosen.size();
    Tensor splitInputs(Shape{m, featureWidth});
    Tensor splitOutputs(Shape{m, targetWidth});
    for (std::size_t i = 0; i < m; ++i) {
        std::copy_n(inputs.data() + chosen[i] * featureWidth, featureWidth, splitInputs.data() + i * featureWidth);
        std::copy_n(outputs.data() + chosen[i] * targetWidth, targetWidth, splitOutputs.data() + i * targetWidth);
    }
    return TensorDataset(std::move(splitInputs), std::move(splitOutputs), std::move(classNames),
                         std::move(featureNames));
}

TensorDataset loadCsv(const std::string& path, const CsvOptions& options) {
    // CSV has no size header to check; the same cap as other files keeps a wrong path
    // (a disk image, say) from being read whole.
    const std::vector<std::uint8_t> bytes = readFileMaybeGzip(path, std::size_t{256} << 20);
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return parseCsv(text, options, path);
}

}  // namespace deepstep::data
