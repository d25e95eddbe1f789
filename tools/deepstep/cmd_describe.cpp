// deepstep describe: a component's summary and its options table, from its Schema;
// or, given an experiment file, its model layer by layer: output shapes, parameter
// tensors and counts, frozen layers, totals.

#include "commands.hpp"
#include "progress.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/composite.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace deepstep::cli {

CommandSpec describeSpec() {
    return {"describe",
            "NAME|EXP.json [OPTIONS]",
            "cmd.describe.summary",
            "cmd.describe.description",
            {"NAME|EXP.json"},
            {{"kind", "KIND", "opt.kind"}}};
}

namespace {

std::string typeName(OptionType type) {
    switch (type) {
        case OptionType::Integer:
            return tr("type.integer");
        case OptionType::Number:
            return tr("type.number");
        case OptionType::Boolean:
            return tr("type.boolean");
        case OptionType::String:
            return tr("type.string");
        case OptionType::Choice:
            return tr("type.choice");
        case OptionType::NumberList:
            return tr("type.numberlist");
        case OptionType::Activation:
            return tr("type.activation");
        case OptionType::Layers:
            return tr("type.layers");
    }
    return toString(type);
}

std::string defaultText(const OptionSpec& spec) {
    if (spec.defaultValue.is_null()) return tr("describe.required");
    if (spec.defaultValue.is_string()) return spec.defaultValue.get<std::string>();
    if (spec.defaultValue.is_number_float()) return formatNumber(spec.defaultValue.get<double>(), 6);
    return spec.defaultValue.dump();
}

std::string allowedText(const OptionSpec& spec) {
    if (spec.type == OptionType::Choice) return join(spec.choices, " | ");
    if (spec.type == OptionType::Boolean) return "true | false";
    if (spec.min && spec.max) return "[" + formatNumber(*spec.min) + ", " + formatNumber(*spec.max) + "]";
    if (spec.min) return ">= " + formatNumber(*spec.min);
    if (spec.max) return "<= " + formatNumber(*spec.max);
    return "";
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

[[noreturn]] void unknownComponent(const Registry& registry, const std::string& name, std::optional<Kind> kind) {
    std::vector<std::string> known;
    for (Kind k : allKinds()) {
        if (kind && k != *kind) continue;
        for (const ComponentInfo* c : registry.list(k))
            known.push_back(c->name);
    }
    std::sort(known.begin(), known.end());
    known.erase(std::unique(known.begin(), known.end()), known.end());

    std::vector<std::string> close;
    for (const auto& k : known)
        if (editDistance(k, name) <= 2) close.push_back("'" + k + "'");

    std::string message = kind ? tr("describe.unknownOfKind", {name, tr("kind1." + toString(*kind)), join(known, ", ")})
                               : tr("describe.unknown", {name});
    if (!close.empty())
        message += "; " + tr("describe.didYouMean", {join(close, ", ")});
    else if (!kind && !known.empty())
        message += "; " + tr("describe.known", {join(known, ", ")});
    throw InputError("", message);
}

// ---- An experiment's model ----

// What the counts add up to over the whole model.
struct ParameterTotals {
    std::size_t trainable = 0;
    std::size_t frozen = 0;
    std::size_t statistics = 0;  ///< saved but never trained (running means and variances)
};

/// An experiment argument rather than a component name: names of components have
/// neither a folder nor a ".json".
bool looksLikeExperiment(const std::string& argument) {
    if (argument.find('/') != std::string::npos) return true;
    if (argument.size() > 5 && argument.compare(argument.size() - 5, 5, ".json") == 0) return true;
    std::error_code ec;
    return std::filesystem::is_regular_file(argument, ec);
}

/// [1, 28, 28] → "1×28×28"; [120] → "120".
std::string sampleShapeText(const Shape& shape) {
    std::string out;
    for (std::size_t d : shape.dims())
        out += (out.empty() ? "" : "×") + std::to_string(d);
    return out;
}

/// The trained numbers of `layer` and of its children, to any depth.
std::size_t trainedNumbers(Layer& layer) {
    std::size_t n = 0;
    for (const Parameter* p : layer.parameters())
        if (p->trainable) n += p->value.shape().elements();
    for (const ChildLayer& c : layer.children())
        n += trainedNumbers(*c.layer);
    return n;
}

// Adds one row for `layer` (name indented two spaces per level), one row per parameter
// tensor under it, then its children, and counts them into `totals`. A layer is frozen
// when it or a composite around it is.
void addLayerRows(Table& table, ParameterTotals& totals, Layer& layer, const std::string& name,
                  const std::string& outputShape, int depth, bool insideFrozen) {
    const bool frozen = insideFrozen || !layer.trainable();
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    const std::string mark = frozen && (depth == 0 || !insideFrozen) ? tr("describe.model.frozen") : "";
    table.addRow({indent + terminalSafe(name), terminalSafe(layer.type()), outputShape, "", "",
                  std::to_string(trainedNumbers(layer)), mark});
    for (const Parameter* p : layer.parameters()) {
        const std::size_t n = p->value.shape().elements();
        std::string note;
        if (!p->trainable) {
            totals.statistics += n;
            note = tr("describe.model.statistics");
        } else if (frozen) {
            totals.frozen += n;
        } else {
            totals.trainable += n;
        }
        table.addRow({"", "", "", terminalSafe(p->name), p->value.shape().str(), p->trainable ? std::to_string(n) : "",
                      note});
    }
    const auto children = layer.children();
    const auto* sequential = dynamic_cast<const SequentialLayer*>(&layer);
    for (std::size_t i = 0; i < children.size(); ++i) {
        const std::string shape =
            sequential && i < sequential->size() ? sampleShapeText(sequential->childOutputShape(i)) : "";
        addLayerRows(table, totals, *children[i].layer, children[i].name, shape, depth + 1, frozen);
    }
}

int describeExperiment(const std::string& path) {
    Session session;
    BuiltExperiment ex = loadExperiment(path, session.registry());
    Network& net = ex.network;

    std::cout << tr("describe.model.title", {experimentTitle(ex.name, path), terminalSafe(path)}) << "\n";
    std::cout << tr("describe.model.input", {sampleShapeText(net.inputShape())}) << "\n\n";

    Table table({tr("col.layer"), tr("col.type"), tr("col.outputShape"), tr("col.tensor"), tr("col.shape"),
                 tr("col.parameters"), ""});
    table.setAlign(5, Table::Align::Right);
    ParameterTotals totals;
    for (std::size_t i = 0; i < net.layerCount(); ++i)
        addLayerRows(table, totals, net.layer(i), net.layerName(i), sampleShapeText(net.layerOutputShape(i)), 0,
                     false);
    std::cout << table.render(2) << "\n";
    std::cout << tr("describe.model.totals", {std::to_string(totals.trainable), std::to_string(totals.frozen),
                                              std::to_string(totals.trainable + totals.frozen)})
              << "\n";
    if (totals.statistics > 0)
        std::cout << tr("describe.model.statisticsTotal", {std::to_string(totals.statistics)}) << "\n";
    return 0;
}

}  // namespace

int runDescribe(const Arguments& args) {
    std::optional<Kind> kind;
    if (const auto k = args.value("kind")) {
        try {
            kind = kindFromString(*k);
        } catch (const std::invalid_argument&) {
            throw UsageError(tr("err.badKind", {*k}), "describe");
        }
    }
    const std::string& name = args.positional().at(0);
    if (looksLikeExperiment(name)) {
        if (kind) throw UsageError(tr("describe.model.noKind"), "describe");
        return describeExperiment(name);
    }

    Session session;
    const Registry& registry = session.registry();
    std::vector<const ComponentInfo*> found;
    for (Kind k : allKinds()) {
        if (kind && k != *kind) continue;
        if (const ComponentInfo* c = registry.find(k, name)) found.push_back(c);
    }
    if (found.empty()) unknownComponent(registry, name, kind);
    if (found.size() > 1) {
        std::vector<std::string> kinds;
        for (const ComponentInfo* c : found)
            kinds.push_back(toString(c->kind));
        throw UsageError(tr("describe.ambiguous", {name, join(kinds, ", ")}), "describe");
    }

    const ComponentInfo& info = *found.front();
    // Names, summaries and help come from plugins: they may hold terminal escapes.
    std::cout << terminalSafe(tr("describe.title", {info.name, tr("kind1." + toString(info.kind)), info.plugin}))
              << "\n";
    const std::string summary = pick(info.summary);
    if (!summary.empty()) std::cout << terminalSafe(summary) << "\n";
    // What the component is declared for, where it is not the default (gradients).
    if (info.signal == LearningSignal::ErrorDriven && (info.kind == Kind::Optimizer || info.kind == Kind::Layer))
        std::cout << tr(info.kind == Kind::Optimizer ? "describe.errorDrivenOptimizer" : "describe.errorDrivenLayer")
                  << "\n";
    std::cout << "\n";

    const auto& specs = info.schema.specs();
    if (specs.empty()) {
        std::cout << tr("describe.noOptions") << "\n";
        return 0;
    }
    std::cout << tr("app.options") << "\n";
    Table table({tr("col.name"), tr("col.type"), tr("col.default"), tr("col.range"), tr("col.help")});
    for (const OptionSpec& spec : specs)
        table.addRow({terminalSafe(spec.name), typeName(spec.type), terminalSafe(defaultText(spec)),
                      terminalSafe(allowedText(spec)), terminalSafe(pick(spec.help))});
    // Wrap the help column on a terminal; keep one row per option in files and pipes.
    std::cout << table.render(2, isatty(fileno(stdout)) != 0 ? ProgressBar::terminalColumns() : 0);
    return 0;
}

}  // namespace deepstep::cli
