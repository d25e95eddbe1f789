// CSV tables as a TensorDataset.

#include "deepstep/data/csv.hpp"

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace deepstep::data {

namespace {

struct Record {
    std::size_t line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

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

std::string shown(std::string_view s) {
    constexpr std::size_t kShown = 40;
    std::string text(s.substr(0, kShown));
    return "\"" + text + (s.size() > kShown ? "…" : "") + "\"";
}

// Splits the text into records. Quoted fields may hold commas, quotes ("") and line
// breaks; blank lines between records are skipped.
std::vector<Record> tokenize(std::string_view text, const std::string& where) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
    std::vector<Record> records;
    std::size_t line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        Record record;
        record.line = line;
        std::string field;
        bool endOfRecord = false;
        bool sawAnything = false;
        while (!endOfRecord) {
            if (i < text.size() && text[i] == '"' && trim(field).empty()) {
                // A quoted field: everything up to the closing quote, "" being a quote.
                const std::size_t openLine = line;
                field.clear();
                ++i;
                while (true) {
                    if (i >= text.size()) {
                        throw InputError(lineAt(where, openLine),
                                         "expected a closing double quote, got the end of the file");
                    }
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (text[i] == '\n') ++line;
                    field += text[i++];
                }
                sawAnything = true;
                // Only spaces may follow a closing quote before the separator.
                while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    throw InputError(lineAt(where, line),
                                     "expected a comma after a quoted field, got " + shown(text.substr(i, 1)));
                }
                continue;
            }
            if (i >= text.size() || text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] == '\n'))) {
                record.fields.push_back(std::move(field));
                field.clear();
                if (i < text.size() && text[i] == '\r') ++i;
                if (i < text.size()) {
                    ++i;
                    ++line;
                }
                endOfRecord = true;
            } else if (text[i] == ',') {
                record.fields.push_back(std::move(field));
                field.clear();
                sawAnything = true;
                ++i;
            } else {
                field += text[i++];
                if (field.back() != ' ' && field.back() != '\t') sawAnything = true;
            }
        }
        const bool blank = !sawAnything && record.fields.size() == 1;
        if (!blank) records.push_back(std::move(record));
    }
    return records;
}

std::optional<double> number(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

double numberAt(std::string_view field, const std::string& where, std::size_t line, const std::string& column) {
    if (trim(field).empty()) {
        throw InputError(cellAt(where, line, column), "expected a number, got an empty field (a missing value)");
    }
    const auto v = number(field);
    if (!v) throw InputError(cellAt(where, line, column), "expected a number, got " + shown(trim(field)));
    return *v;
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
    return text;
}

// One output block: a numeric column, a one-hot categorical column, or a class target.
struct Column {
    std::size_t source = 0;             // index in the header
    bool oneHot = false;
    std::vector<std::string> levels;    // categories, for oneHot
    std::map<std::string, std::size_t> levelIndex;
    bool binary = false;                // a class target with classes "0", "1": one 0/1 column
    std::size_t width() const { return oneHot && !binary ? levels.size() : 1; }
};

// Categories in order of first appearance; class targets sorted (numerically when
// every value is a number), so that class k means the same whatever the row order.
void collectLevels(Column& c, const std::vector<Record>& rows, const std::vector<std::string>& header,
                   const std::string& where, bool sortLevels) {
    for (const auto& r : rows) {
        const std::string value(trim(r.fields[c.source]));
        if (value.empty()) {
            throw InputError(cellAt(where, r.line, header[c.source]),
                             "expected a category, got an empty field (a missing value)");
        }
        if (c.levelIndex.emplace(value, c.levels.size()).second) c.levels.push_back(value);
    }
    if (!sortLevels) return;
    const bool numeric = std::all_of(c.levels.begin(), c.levels.end(), [](const auto& l) { return number(l).has_value(); });
    if (numeric) {
        std::stable_sort(c.levels.begin(), c.levels.end(),
                         [](const auto& a, const auto& b) { return *number(a) < *number(b); });
    } else {
        std::sort(c.levels.begin(), c.levels.end());
    }
    for (std::size_t k = 0; k < c.levels.size(); ++k) c.levelIndex[c.levels[k]] = k;
    c.binary = numeric && c.levels.size() == 2 && *number(c.levels[0]) == 0.0 && *number(c.levels[1]) == 1.0;
}

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

    std::vector<Record> records = tokenize(text, where);
    if (records.empty()) {
        throw InputError(where, "expected a header row of column names, got an empty file");
    }
    std::vector<std::string> header;
    for (const auto& f : records.front().fields) header.emplace_back(trim(f));
    const std::size_t headerLine = records.front().line;
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c].empty()) {
            throw InputError(lineAt(where, headerLine),
                             "expected a name for column " + std::to_string(c + 1) + ", got an empty field");
        }
        for (std::size_t d = 0; d < c; ++d) {
            if (header[d] == header[c]) {
                throw InputError(lineAt(where, headerLine), "expected distinct column names, got \"" + header[c] +
                                                                "\" twice");
            }
        }
    }
    const std::vector<Record> rows(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
    if (rows.empty()) {
        throw InputError(where, "expected at least one data row after the header, got none");
    }
    for (const auto& r : rows) {
        if (r.fields.size() != header.size()) {
            throw InputError(lineAt(where, r.line), "expected " + std::to_string(header.size()) +
                                                        " fields as in the header, got " +
                                                        std::to_string(r.fields.size()));
        }
    }

    auto columnIndex = [&](const std::string& name, const char* role) {
        const auto it = std::find(header.begin(), header.end(), std::string(trim(name)));
        if (it == header.end()) {
            throw InputError(where, std::string("expected a ") + role + " column among " + joined(header) + ", got " +
                                        shown(name));
        }
        return static_cast<std::size_t>(it - header.begin());
    };
    std::vector<std::size_t> targetColumns;
    if (options.targets.empty()) {
        targetColumns.push_back(header.size() - 1);
    } else {
        for (const auto& t : options.targets) targetColumns.push_back(columnIndex(t, "target"));
    }
    std::set<std::size_t> categorical;
    for (const auto& c : options.categorical) categorical.insert(columnIndex(c, "categorical"));
    const std::set<std::size_t> targetSet(targetColumns.begin(), targetColumns.end());
    if (targetSet.size() != targetColumns.size()) {
        throw InputError(where, "expected each target column once, got " + joined(options.targets));
    }
    if (targetSet.size() == header.size()) {
        throw InputError(where, "expected at least one feature column besides the targets, got none");
    }
    const bool classify =
        options.classify || std::any_of(targetColumns.begin(), targetColumns.end(),
                                        [&](std::size_t c) { return categorical.count(c) > 0; });
    if (classify && targetColumns.size() != 1) {
        throw InputError(where, "expected one class target column, got " + std::to_string(targetColumns.size()));
    }

    std::vector<Column> features;
    for (std::size_t c = 0; c < header.size(); ++c) {
        if (targetSet.count(c) > 0) continue;
        Column column;
        column.source = c;
        column.oneHot = categorical.count(c) > 0;
        if (column.oneHot) collectLevels(column, rows, header, where, false);
        features.push_back(std::move(column));
    }
    std::vector<Column> targets;
    for (std::size_t c : targetColumns) {
        Column column;
        column.source = c;
        column.oneHot = classify;
        if (classify) collectLevels(column, rows, header, where, true);
        targets.push_back(std::move(column));
    }

    // Rows of the split, in file order. The test rows are the tail of a seeded permutation.
    const std::size_t n = rows.size();
    std::vector<bool> isTest(n, false);
    const auto testCount = static_cast<std::size_t>(std::llround(static_cast<double>(n) * options.testFraction));
    if (testCount > 0) {
        Rng rng(options.seed);
        const std::vector<std::size_t> order = rng.permutation(n);
        for (std::size_t k = n - testCount; k < n; ++k) isTest[order[k]] = true;
    }
    std::vector<std::size_t> chosen;
    std::vector<std::size_t> trainRows;
    for (std::size_t r = 0; r < n; ++r) {
        if (!isTest[r]) trainRows.push_back(r);
        if (options.split == "all" || (options.split == "test") == isTest[r]) chosen.push_back(r);
    }
    if (chosen.empty()) {
        throw InputError(where, "expected some rows in the " + options.split + " split, got none (" +
                                    std::to_string(n) + " rows, test fraction " +
                                    std::to_string(options.testFraction) + ")");
    }
    if (trainRows.empty()) {
        throw InputError(where, "expected some rows left for the train split, got none");
    }

    std::size_t featureWidth = 0;
    std::vector<std::string> featureNames;
    for (const auto& f : features) {
        featureWidth += f.width();
        if (f.oneHot) {
            for (const auto& l : f.levels) featureNames.push_back(header[f.source] + "=" + l);
        } else {
            featureNames.push_back(header[f.source]);
        }
    }
    std::size_t targetWidth = 0;
    for (const auto& t : targets) targetWidth += t.width();

    // Every numeric value is checked on every row, chosen or not: a bad cell is a bad
    // file whichever split is asked for.
    std::vector<std::vector<double>> numeric(features.size());
    for (std::size_t k = 0; k < features.size(); ++k) {
        if (features[k].oneHot) continue;
        numeric[k].reserve(n);
        for (const auto& r : rows) {
            numeric[k].push_back(numberAt(r.fields[features[k].source], where, r.line, header[features[k].source]));
        }
    }
    std::vector<std::vector<double>> targetValues(targets.size());
    for (std::size_t k = 0; k < targets.size(); ++k) {
        if (targets[k].oneHot) continue;
        for (const auto& r : rows) {
            targetValues[k].push_back(numberAt(r.fields[targets[k].source], where, r.line, header[targets[k].source]));
        }
    }

    // Scaling statistics from the train rows only: the test split must not leak into them.
    std::vector<double> shift(features.size(), 0.0);
    std::vector<double> divide(features.size(), 1.0);
    if (options.scale != "none") {
        for (std::size_t k = 0; k < features.size(); ++k) {
            if (features[k].oneHot) continue;
            const auto& v = numeric[k];
            if (options.scale == "standard") {
                double mean = 0;
                for (std::size_t r : trainRows) mean += v[r];
                mean /= static_cast<double>(trainRows.size());
                double var = 0;
                for (std::size_t r : trainRows) var += (v[r] - mean) * (v[r] - mean);
                var /= static_cast<double>(trainRows.size());
                shift[k] = mean;
                divide[k] = var > 0 ? std::sqrt(var) : 1.0;
            } else {
                double lo = v[trainRows.front()];
                double hi = lo;
                for (std::size_t r : trainRows) {
                    lo = std::min(lo, v[r]);
                    hi = std::max(hi, v[r]);
                }
                shift[k] = lo;
                divide[k] = hi > lo ? hi - lo : 1.0;
            }
        }
    }

    const std::size_t m = chosen.size();
    Tensor inputs(Shape{m, featureWidth});
    Tensor outputs(Shape{m, targetWidth});
    for (std::size_t i = 0; i < m; ++i) {
        const std::size_t r = chosen[i];
        float* in = inputs.data() + i * featureWidth;
        for (std::size_t k = 0; k < features.size(); ++k) {
            const Column& f = features[k];
            if (f.oneHot) {
                in[f.levelIndex.at(std::string(trim(rows[r].fields[f.source])))] = 1.0F;
            } else {
                in[0] = static_cast<float>((numeric[k][r] - shift[k]) / divide[k]);
            }
            in += f.width();
        }
        float* out = outputs.data() + i * targetWidth;
        for (std::size_t k = 0; k < targets.size(); ++k) {
            const Column& t = targets[k];
            const std::size_t level = t.oneHot ? t.levelIndex.at(std::string(trim(rows[r].fields[t.source]))) : 0;
            if (t.binary) {
                out[0] = static_cast<float>(level);
            } else if (t.oneHot) {
                out[level] = 1.0F;
            } else {
                out[0] = static_cast<float>(targetValues[k][r]);
            }
            out += t.width();
        }
    }
    std::vector<std::string> classNames = classify ? targets.front().levels : std::vector<std::string>{};
    return TensorDataset(std::move(inputs), std::move(outputs), std::move(classNames), std::move(featureNames));
}

TensorDataset loadCsv(const std::string& path, const CsvOptions& options) {
    // CSV has no size header to check; the same cap as other files keeps a wrong path
    // (a disk image, say) from being read whole.
    const std::vector<std::uint8_t> bytes = readFileMaybeGzip(path, std::size_t{256} << 20);
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return parseCsv(text, options, path);
}

}  // namespace deepstep::data
