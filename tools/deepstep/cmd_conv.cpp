// deepstep conv: the convolution calculator. From an input size and a window (kernel,
// stride, padding, dilation, groups, filters) it works out the output size with the
// formula written out with the numbers, the receptive field of one output and the
// parameter count; --depthwise-separable sets the separable block's count against the
// plain convolution's, --pool and --gap do the same for pooling windows. Only core's
// conv_arithmetic.hpp does the arithmetic: no plugin is loaded.

#include "commands.hpp"
#include "text.hpp"

#include "deepstep/conv_arithmetic.hpp"

#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <utility>

namespace deepstep::cli {

namespace {

// Large enough for any image a student would try, small enough that every parameter
// count (filters · channels · kh · kw) fits in 64 bits.
constexpr long long kMaxSize = 100000;

struct Pair {
    std::size_t h = 0;
    std::size_t w = 0;
};

// A whole number in [least, kMaxSize], or nullopt.
std::optional<std::size_t> wholeNumber(const std::string& text, long long least) {
    if (text.empty() || text.size() > 7) return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    const long long v = std::stoll(text);
    if (v < least || v > kMaxSize) return std::nullopt;
    return static_cast<std::size_t>(v);
}

// "3" (both axes) or "3x5" / "3,5" (height, width).
std::optional<Pair> pairOf(const std::string& text, long long least) {
    const std::size_t cut = text.find_first_of("x,");
    if (cut == std::string::npos) {
        const auto v = wholeNumber(text, least);
        if (!v) return std::nullopt;
        return Pair{*v, *v};
    }
    const auto h = wholeNumber(text.substr(0, cut), least);
    const auto w = wholeNumber(text.substr(cut + 1), least);
    if (!h || !w) return std::nullopt;
    return Pair{*h, *w};
}

Pair pairOption(const Arguments& args, const std::string& option, long long least, Pair fallback) {
    const auto text = args.value(option);
    if (!text) return fallback;
    const auto v = pairOf(*text, least);
    if (!v)
        throw UsageError(tr("conv.err.pair", {"--" + option, std::to_string(least), std::to_string(kMaxSize), *text}),
                         "conv");
    return *v;
}

std::size_t positional(const Arguments& args, std::size_t index, const std::string& name) {
    const std::string& text = args.positional().at(index);
    const auto v = wholeNumber(text, 1);
    if (!v) throw UsageError(tr("conv.err.size", {name, std::to_string(kMaxSize), text}), "conv");
    return *v;
}

std::string n(std::uint64_t v) {
    return std::to_string(v);
}

std::string byTimes(std::size_t a, std::size_t b) {
    return n(a) + " × " + n(b);
}

std::string sizeText(std::size_t h, std::size_t w, std::size_t c) {
    return n(h) + " × " + n(w) + " × " + n(c);
}

std::string paddingText(const conv::Axis& a) {
    return a.padBefore == a.padAfter ? n(a.padBefore) : n(a.padBefore) + "+" + n(a.padAfter);
}

}  // namespace

CommandSpec convSpec() {
    return {"conv",
            "H W [C] --kernel K [--stride S] [--padding P|same] [--dilation D] [--groups G] [--filters F] "
            "[--depthwise-separable | --pool | --gap]",
            "cmd.conv.summary",
            "cmd.conv.description",
            {"H", "W", "[C]"},
            {{"kernel", "K", "opt.conv.kernel"},
             {"stride", "S", "opt.conv.stride"},
             {"padding", "P", "opt.conv.padding"},
             {"dilation", "D", "opt.conv.dilation"},
             {"groups", "G", "opt.conv.groups"},
             {"filters", "F", "opt.conv.filters"},
             {"depthwise-separable", "", "opt.conv.separable"},
             {"pool", "", "opt.conv.pool"},
             {"gap", "", "opt.conv.gap"}}};
}

int runConv(const Arguments& args) {
    const std::size_t height = positional(args, 0, "H");
    const std::size_t width = positional(args, 1, "W");
    const std::size_t channels = args.positional().size() > 2 ? positional(args, 2, "C") : 1;

    const bool separable = args.has("depthwise-separable");
    const bool pool = args.has("pool");
    const bool gap = args.has("gap");
    if (static_cast<int>(separable) + static_cast<int>(pool) + static_cast<int>(gap) > 1)
        throw UsageError(tr("conv.err.modes"), "conv");
    if (gap) {
        for (const char* option : {"kernel", "stride", "padding", "dilation", "groups", "filters"})
            if (args.has(option)) throw UsageError(tr("conv.err.gapWindow", {std::string("--") + option}), "conv");
    } else if (!args.has("kernel")) {
        throw UsageError(tr("conv.err.noKernel"), "conv");
    }
    if (pool && (args.has("groups") || args.has("filters")))
        throw UsageError(tr("conv.err.poolChannels", {args.has("groups") ? "--groups" : "--filters"}), "conv");

    const Pair kernel = gap ? Pair{height, width} : pairOption(args, "kernel", 1, {});
    const Pair stride = pairOption(args, "stride", 1, {1, 1});
    const Pair dilation = pairOption(args, "dilation", 1, {1, 1});
    const bool same = args.value("padding") == std::optional<std::string>("same");
    const Pair padding = same ? Pair{} : pairOption(args, "padding", 0, {0, 0});
    const auto groups = static_cast<std::size_t>(args.integer("groups", 1, 1, kMaxSize));
    const auto filters =
        static_cast<std::size_t>(args.integer("filters", 1, static_cast<long long>(channels), kMaxSize));
    if (separable && groups != 1) throw UsageError(tr("conv.err.separableGroups"), "conv");
    if (channels % groups != 0)
        throw UsageError(tr("conv.err.groupsChannels", {n(groups), n(channels)}), "conv");
    if (filters % groups != 0) throw UsageError(tr("conv.err.groupsFilters", {n(groups), n(filters)}), "conv");

    conv::Axis rows = conv::axis(height, kernel.h, stride.h, padding.h, dilation.h);
    conv::Axis cols = conv::axis(width, kernel.w, stride.w, padding.w, dilation.w);
    if (same) {
        rows = conv::samePadding(rows);
        cols = conv::samePadding(cols);
    }
    for (const auto& [axis, name] : {std::pair{rows, "conv.height"}, std::pair{cols, "conv.width"}}) {
        if (conv::outputSize(axis) < 1)
            throw UsageError(tr("conv.err.noFit", {tr(name), conv::outputSizeWorked(axis)}), "conv");
    }
    const auto outHeight = static_cast<std::size_t>(conv::outputSize(rows));
    const auto outWidth = static_cast<std::size_t>(conv::outputSize(cols));
    const std::size_t outChannels = pool || gap ? channels : filters;

    const char* title = gap ? "conv.title.gap" : pool ? "conv.title.pool" : "conv.title.conv";
    std::cout << tr(title, {sizeText(height, width, channels), sizeText(outHeight, outWidth, outChannels)}) << "\n";
    std::cout << "  "
              << tr("conv.window", {byTimes(kernel.h, kernel.w), byTimes(stride.h, stride.w),
                                    paddingText(rows) + " × " + paddingText(cols) + (same ? " (same)" : ""),
                                    byTimes(dilation.h, dilation.w)});
    if (!pool && !gap) std::cout << ", " << tr("conv.groupsFilters", {n(groups), n(filters)});
    std::cout << "\n\n" << tr("conv.formula", {pick(conv::outputSizeFormula())}) << "\n";
    std::cout << "  " << padRight(tr("conv.height") + ":", 8) << conv::outputSizeWorked(rows) << "\n";
    std::cout << "  " << padRight(tr("conv.width") + ":", 8) << conv::outputSizeWorked(cols) << "\n";

    const conv::ReceptiveField fieldRows = conv::receptiveFieldAfter({}, kernel.h, stride.h, dilation.h);
    const conv::ReceptiveField fieldCols = conv::receptiveFieldAfter({}, kernel.w, stride.w, dilation.w);
    std::cout << tr("conv.receptive",
                    {byTimes(fieldRows.size, fieldCols.size),
                     n(dilation.h) + "·(" + n(kernel.h) + " − 1) + 1 = " + n(fieldRows.size),
                     byTimes(fieldRows.jump, fieldCols.jump)})
              << "\n";

    if (pool || gap) {
        std::cout << tr("conv.noParameters") << "\n";
        if (gap) std::cout << tr("conv.gapValues", {n(channels)}) << "\n";
        return 0;
    }
    const std::uint64_t taps = std::uint64_t{kernel.h} * kernel.w;
    const std::uint64_t perFilter = channels / groups * taps;
    const std::uint64_t plain = conv::convolutionParameters(channels, filters, kernel.h, kernel.w, groups);
    std::cout << tr("conv.parameters", {n(filters) + " · " + n(channels / groups) + " · " + n(kernel.h) + " · " +
                                            n(kernel.w) + " = " + n(filters * perFilter),
                                        n(filters), n(plain)})
              << "\n";
    if (!separable) return 0;
    // Depthwise: one k×k filter per channel (groups = C); pointwise: filters 1×1 over C.
    const conv::ParameterComparison counts = conv::compareParameters(channels, filters, kernel.h, kernel.w);
    const std::uint64_t depthwise = counts.depthwise;
    const std::uint64_t pointwise = counts.separable - counts.depthwise;
    const std::uint64_t total = counts.separable;
    std::cout << "\n" << tr("conv.separable") << "\n";
    std::cout << "  "
              << tr("conv.depthwise", {n(channels) + " · " + n(kernel.h) + " · " + n(kernel.w) + " + " + n(channels) +
                                           " = " + n(depthwise)})
              << "\n";
    std::cout << "  "
              << tr("conv.pointwise",
                    {n(filters) + " · " + n(channels) + " + " + n(filters) + " = " + n(pointwise)})
              << "\n";
    std::cout << "  "
              << tr("conv.separableTotal",
                    {n(total), n(plain), formatNumber(static_cast<double>(plain) / static_cast<double>(total), 3)})
              << "\n";
    return 0;
}

}  // namespace deepstep::cli
