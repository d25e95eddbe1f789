// deepstep dataset list / dataset inspect: what data there is, and what one data set
// holds — sizes, shapes, classes, value ranges and a few examples (images as text).

#include "ascii_image.hpp"
#include "commands.hpp"
#include "progress.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/data/open.hpp"
#include "deepstep/errors.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

namespace deepstep::cli {

CommandSpec datasetListSpec() {
    return {"dataset list", "[OPTIONS]", "cmd.datasetList.summary", "cmd.datasetList.description", {}, {}};
}

CommandSpec datasetInspectSpec() {
    return {"dataset inspect",
            "NAME|PATH [--option K=V]... [--samples K]",
            "cmd.datasetInspect.summary",
            "cmd.datasetInspect.description",
            {"NAME|PATH"},
            {{"option", "K=V", "opt.option", true}, {"samples", "K", "opt.samples"}}};
}

namespace {

std::size_t outputColumns() {
    return isatty(fileno(stdout)) != 0 ? ProgressBar::terminalColumns() : 0;
}

// ---- list ----

std::string pluginSummary(Session& session, const std::string& plugin) {
    if (plugin == "core") return tr("plugins.builtin");
    for (const auto& p : session.host().plugins())
        if (p.name == plugin) return pick(p.summary);
    return {};
}

// ---- inspect ----

/// Height and width of the images a dataset holds, when its inputs are images: a rank
/// of at least 2 whose last two extents are 8 or more (channels first), or 784 plain
/// features (28 × 28, MNIST flattened).
struct ImageGeometry {
    std::size_t channels = 1;
    std::size_t height = 0;
    std::size_t width = 0;
};

std::optional<ImageGeometry> imageGeometry(const Shape& input) {
    if (input.rank() >= 2 && input[input.rank() - 2] >= 8 && input[input.rank() - 1] >= 8) {
        const std::size_t h = input[input.rank() - 2];
        const std::size_t w = input[input.rank() - 1];
        return ImageGeometry{input.elements() / (h * w), h, w};
    }
    if (input.elements() == 784) return ImageGeometry{1, 28, 28};
    return std::nullopt;
}

/// The class of a target row: the 1 of a one-hot row, or a 0/1 single value; nullopt
/// for anything else (then the data is not classification data).
std::optional<std::size_t> classOf(const std::vector<float>& target) {
    if (target.size() == 1) {
        if (target[0] == 0.0F) return 0;
        if (target[0] == 1.0F) return 1;
        return std::nullopt;
    }
    std::optional<std::size_t> hot;
    for (std::size_t j = 0; j < target.size(); ++j) {
        if (target[j] == 1.0F && !hot)
            hot = j;
        else if (target[j] != 0.0F)
            return std::nullopt;
    }
    return hot;
}

struct Range {
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
    double sum = 0.0;
    double sumOfSquares = 0.0;
    std::size_t count = 0;

    void add(const std::vector<float>& values) {
        for (float v : values) {
            min = std::min(min, v);
            max = std::max(max, v);
            sum += v;
            sumOfSquares += static_cast<double>(v) * v;
        }
        count += values.size();
    }
    // The standard deviation is what a `standardize` layer needs beside the mean.
    std::string text() const {
        if (count == 0) return "-";
        const double n = static_cast<double>(count);
        const double mean = sum / n;
        const double variance = std::max(0.0, sumOfSquares / n - mean * mean);
        return tr("inspect.range",
                  {formatValue(min), formatValue(max), formatValue(mean), formatValue(std::sqrt(variance))});
    }
};

/// One pass over every example: value ranges, and the classes when every target is one.
struct Survey {
    Range inputs;
    Range targets;
    bool classification = true;
    std::vector<std::size_t> counts;  ///< examples per class (when classification)
};

Survey survey(const Dataset& data) {
    const std::size_t inSize = data.inputShape().elements();
    const std::size_t targetSize = data.targetShape().elements();
    std::vector<float> input(inSize);
    std::vector<float> target(targetSize);
    Survey s;
    s.classification = targetSize > 0;
    s.counts.assign(targetSize == 1 ? 2 : targetSize, 0);
    for (std::size_t i = 0; i < data.size(); ++i) {
        data.copyExample(i, input.data(), target.data());
        s.inputs.add(input);
        s.targets.add(target);
        if (!s.classification) continue;
        if (const auto c = classOf(target))
            ++s.counts[*c];
        else
            s.classification = false;
    }
    if (data.size() == 0) s.classification = false;
    return s;
}

std::vector<std::string> classLabels(const Dataset& data, std::size_t classes) {
    auto names = data.classNames();
    if (names.size() == classes) return names;
    names.clear();
    for (std::size_t c = 0; c < classes; ++c)
        names.push_back(std::to_string(c));
    return names;
}

/// "label: 7" for classes, "target: 0.25, 1.5" otherwise.
std::string targetText(const std::vector<float>& target, const Survey& s, const std::vector<std::string>& labels) {
    if (s.classification)
        if (const auto c = classOf(target); c && *c < labels.size()) return labels[*c];
    const Tensor t(Shape{1, target.size()}, target);
    return formatSample(t, 0);
}

void printFacts(const std::vector<std::pair<std::string, std::string>>& facts) {
    std::size_t width = 0;
    for (const auto& [label, value] : facts)
        width = std::max(width, displayWidth(label));
    for (const auto& [label, value] : facts)
        std::cout << "  " << padRight(label, width) << "  " << value << "\n";
}

void printImageSamples(const Dataset& data, const Survey& s, const ImageGeometry& g, std::size_t shown,
                       const std::vector<std::string>& labels) {
    std::vector<float> input(data.inputShape().elements());
    std::vector<float> target(data.targetShape().elements());
    // Four columns of indent and the frame on both sides.
    const std::size_t columns = outputColumns();
    const std::size_t room = columns > 16 ? columns - 6 : 74;
    const std::size_t plane = g.height * g.width;
    for (std::size_t i = 0; i < shown; ++i) {
        data.copyExample(i, input.data(), target.data());
        // Several channels are shown as their mean: the shapes matter here, not the colour.
        std::vector<float> grey(plane, 0.0F);
        for (std::size_t c = 0; c < g.channels; ++c)
            for (std::size_t k = 0; k < plane; ++k)
                grey[k] += input[c * plane + k] / static_cast<float>(g.channels);
        const auto lines = asciiImage(grey, g.height, g.width, s.inputs.min, s.inputs.max, room);
        const std::string rule = "    +" + std::string(lines.empty() ? 0 : lines.front().size(), '-') + "+\n";
        std::cout << "  #" << i << "  " << tr(s.classification ? "inspect.label" : "inspect.target")
                  << " " << targetText(target, s, labels) << "\n"
                  << rule;
        for (const auto& line : lines)
            std::cout << "    |" << line << "|\n";
        std::cout << rule;
    }
}

void printTableSamples(const Dataset& data, const Survey& s, std::size_t shown,
                       const std::vector<std::string>& labels) {
    const Shape inShape = data.inputShape();
    Table table({"#", tr(s.classification ? "col.class" : "inspect.targetColumn"), tr("inspect.inputColumn")});
    table.setAlign(0, Table::Align::Right);
    std::vector<float> input(inShape.elements());
    std::vector<float> target(data.targetShape().elements());
    for (std::size_t i = 0; i < shown; ++i) {
        data.copyExample(i, input.data(), target.data());
        const Tensor row(Shape{1, input.size()}, input);
        table.addRow({std::to_string(i), targetText(target, s, labels), formatSample(row, 0)});
    }
    std::cout << table.render(2);
}

void inspect(const Dataset& data, const std::string& title, const std::string& summary, std::size_t samples) {
    std::cout << title << "\n";
    if (!summary.empty()) std::cout << summary << "\n";
    std::cout << "\n";

    const Survey s = survey(data);
    const std::size_t classes = s.counts.size();
    const auto labels = classLabels(data, classes);
    std::vector<std::pair<std::string, std::string>> facts = {
        {tr("inspect.examples"), std::to_string(data.size())},
        {tr("inspect.inputShape"), data.inputShape().str()},
        {tr("inspect.targetShape"), data.targetShape().str()},
        {tr("inspect.task"), s.classification ? tr("inspect.classification", {std::to_string(classes)})
                                              : tr("inspect.regression")},
    };
    if (const auto features = data.featureNames(); !features.empty()) {
        std::vector<std::string> shown(features.begin(), features.begin() + std::min<std::ptrdiff_t>(
                                                                                 8, std::ssize(features)));
        if (features.size() > shown.size()) shown.push_back(tr("inspect.more", {std::to_string(features.size() - 8)}));
        facts.emplace_back(tr("inspect.features"), join(shown, ", "));
    }
    facts.emplace_back(tr("inspect.inputValues"), s.inputs.text());
    if (!s.classification) facts.emplace_back(tr("inspect.targetValues"), s.targets.text());
    printFacts(facts);

    if (s.classification) {
        std::cout << "\n" << tr("inspect.classes") << "\n";
        Table table({tr("col.class"), tr("col.support"), tr("inspect.share")});
        table.setAlign(1, Table::Align::Right);
        table.setAlign(2, Table::Align::Right);
        for (std::size_t c = 0; c < classes; ++c)
            table.addRow({labels[c], std::to_string(s.counts[c]),
                          formatPercent(static_cast<double>(s.counts[c]) / static_cast<double>(data.size()))});
        std::cout << table.render(2);
    }

    const std::size_t shown = std::min(samples, data.size());
    if (shown == 0) return;
    std::cout << "\n" << tr("inspect.samples", {std::to_string(shown), std::to_string(data.size())}) << "\n";
    if (const auto g = imageGeometry(data.inputShape()))
        printImageSamples(data, s, *g, shown, labels);
    else
        printTableSamples(data, s, shown, labels);
}

[[noreturn]] void unknownDataset(const Registry& registry, const std::string& name) {
    std::vector<std::string> known;
    for (const ComponentInfo* c : registry.list(Kind::Dataset))
        known.push_back(c->name);
    throw InputError("", tr("inspect.unknown", {name, known.empty() ? "-" : join(known, ", ")}));
}

}  // namespace

int runDatasetList(const Arguments&) {
    Session session;
    const auto all = session.registry().list(Kind::Dataset);
    if (all.empty()) {
        std::cout << tr("datasetList.none") << "\n";
        return 0;
    }
    // Grouped by plugin, in the order the plugins were loaded; the core's own last.
    std::vector<std::string> plugins;
    for (const auto& p : session.host().plugins())
        if (p.loaded) plugins.push_back(p.name);
    for (const ComponentInfo* c : all)
        if (std::find(plugins.begin(), plugins.end(), c->plugin) == plugins.end()) plugins.push_back(c->plugin);

    std::cout << tr("datasetList.count", {std::to_string(all.size())}) << "\n";
    const std::size_t columns = outputColumns();
    for (const auto& plugin : plugins) {
        // Options are left to `describe`: their names alone would crowd out the descriptions.
        Table table({tr("col.name"), tr("col.description")});
        for (const ComponentInfo* c : all)
            if (c->plugin == plugin) table.addRow({c->name, pick(c->summary)});
        if (table.rows() == 0) continue;
        std::cout << "\n" << (plugin == "core" ? tr("plugins.builtin") : plugin);
        if (const std::string summary = pluginSummary(session, plugin); !summary.empty() && plugin != "core")
            std::cout << " - " << summary;
        std::cout << "\n" << table.render(2, columns);
    }
    std::cout << "\n" << tr("datasetList.hint") << "\n";
    return 0;
}

int runDatasetInspect(const Arguments& args) {
    const std::string target = args.positional().at(0);
    const auto samples = static_cast<std::size_t>(args.integer("samples", 0, 3));
    const Json options = args.keyValues("option");

    Session session;
    const Registry& registry = session.registry();
    // Dataset names are lower_snake_case: a slash or a dot makes it a path, and so
    // does an existing file that no dataset is named after.
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const ComponentInfo* info = registry.find(Kind::Dataset, target)) {
        const auto data = registry.makeDataset(target, options, target);
        inspect(*data, tr("inspect.title", {target, info->plugin}), pick(info->summary), samples);
        return 0;
    }
    const bool looksLikePath = target.find_first_of("/\\.") != std::string::npos || fs::exists(target, ec);
    if (!looksLikePath) unknownDataset(registry, target);
    if (args.has("option")) throw UsageError(tr("inspect.optionNeedsName"), "dataset inspect");
    if (!fs::exists(target, ec)) throw InputError(target, tr("inspect.noFile"));
    if (fs::is_directory(target, ec)) throw InputError(target, tr("inspect.folder"));
    const auto data = data::openDatasetFile(target);
    inspect(*data, tr("inspect.fileTitle", {target}), {}, samples);
    return 0;
}

}  // namespace deepstep::cli
