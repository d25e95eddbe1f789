// deepstep race: every registered optimizer on one 2-D loss surface, side by side.

#include "commands.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/loss_surface.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>

namespace deepstep::cli {

namespace {

constexpr int kMapWidth = 60;
constexpr int kMapHeight = 20;
// The background shades the surface by rank of the value, so the saddle's negative
// values and Rosenbrock's steep walls both spread over every shade.
constexpr char kShades[] = {' ', '.', ':', '-', '='};
constexpr int kShadeCount = static_cast<int>(sizeof(kShades));

char laneLetter(std::size_t i) {
    return i < 26 ? static_cast<char>('A' + i) : static_cast<char>('a' + (i - 26) % 26);
}

std::string point(double x, double y) {
    return "(" + formatNumber(x, 4) + ", " + formatNumber(y, 4) + ")";
}

int column(const LossSurface& s, double x) {
    return static_cast<int>(std::lround((x - s.xMin) / (s.xMax - s.xMin) * (kMapWidth - 1)));
}
int row(const LossSurface& s, double y) {
    return static_cast<int>(std::lround((s.yMax - y) / (s.yMax - s.yMin) * (kMapHeight - 1)));
}

std::string renderMap(const LossSurface& s, const std::vector<RaceLane>& lanes) {
    std::vector<std::string> grid(kMapHeight, std::string(kMapWidth, ' '));
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(kMapWidth * kMapHeight));
    const auto cellX = [&](int c) { return s.xMin + (s.xMax - s.xMin) * c / (kMapWidth - 1); };
    const auto cellY = [&](int r) { return s.yMax - (s.yMax - s.yMin) * r / (kMapHeight - 1); };
    for (int r = 0; r < kMapHeight; ++r)
        for (int c = 0; c < kMapWidth; ++c)
            values.push_back(s.value(cellX(c), cellY(r)));
    const std::vector<std::size_t> ranks = rankOfEach(values);
    for (int r = 0; r < kMapHeight; ++r)
        for (int c = 0; c < kMapWidth; ++c) {
            const auto rank = static_cast<long>(ranks[static_cast<std::size_t>(r * kMapWidth + c)]);
            const auto shade = static_cast<int>(rank * kShadeCount / static_cast<long>(values.size()));
            grid[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = kShades[std::min(shade, kShadeCount - 1)];
        }

    const auto plot = [&](int c, int r, char mark) {
        if (c >= 0 && c < kMapWidth && r >= 0 && r < kMapHeight)
            grid[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = mark;
    };
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const auto& path = lanes[i].path;
        for (std::size_t k = 1; k < path.size(); ++k) {
            // Segments are filled in so that a long jump still reads as a line.
            const int c0 = column(s, path[k - 1][0]);
            const int r0 = row(s, path[k - 1][1]);
            const int c1 = column(s, path[k][0]);
            const int r1 = row(s, path[k][1]);
            const int n = std::min(std::max(std::abs(c1 - c0), std::abs(r1 - r0)), 2 * kMapWidth);
            for (int j = 1; j <= n; ++j)
                plot(c0 + (c1 - c0) * j / n, r0 + (r1 - r0) * j / n, laneLetter(i));
        }
    }
    plot(column(s, s.startX), row(s, s.startY), 'o');
    if (s.minX != s.startX || s.minY != s.startY) plot(column(s, s.minX), row(s, s.minY), '*');

    std::string out = "  y = " + formatNumber(s.yMax, 4) + "\n";
    for (const std::string& line : grid)
        out += "  |" + line + "|\n";
    out += "  y = " + formatNumber(s.yMin, 4) + ", x = " + formatNumber(s.xMin, 4) + " .. " + formatNumber(s.xMax, 4) +
           "\n";
    return out;
}

int listSurfaces() {
    std::cout << tr("race.surfaces") << "\n\n";
    Table table({tr("col.name"), tr("col.start"), tr("col.minimum"), tr("col.rate"), tr("col.description")});
    for (const LossSurface& s : lossSurfaces()) {
        const bool hasMinimum = s.name != "saddle";
        table.addRow({s.name, point(s.startX, s.startY), hasMinimum ? point(s.minX, s.minY) : "-",
                      formatNumber(s.learningRate), pick(s.title)});
    }
    std::cout << table.render(2) << "\n" << tr("race.usage") << "\n";
    return 0;
}

}  // namespace

namespace {
constexpr long long kMaxRaceSteps = 1'000'000;
}  // namespace

CommandSpec raceSpec() {
    return {"race",
            "[SURFACE] [--steps N] [--learning-rate LR] [--out FILE.json] [OPTIONS]",
            "cmd.race.summary",
            "cmd.race.description",
            {"[SURFACE]"},
            {{"steps", "N", "opt.raceStepsRange"},
             {"learning-rate", "LR", "opt.raceRate"},
             {"out", "FILE.json", "opt.raceOut"}}};
}

int runRace(const Arguments& args) {
    if (args.positional().empty()) return listSurfaces();
    const std::string name = args.positional().front();
    const LossSurface* surface = findLossSurface(name);
    if (surface == nullptr) {
        std::vector<std::string> known;
        for (const LossSurface& s : lossSurfaces())
            known.push_back(s.name);
        throw InputError("race", tr("race.unknown", {name, join(known, ", ")}));
    }
    // Every step of every lane is kept for the table and --out: a bounded count.
    const int steps = static_cast<int>(args.integer("steps", 1, 200, kMaxRaceSteps));
    const double rate = args.positiveNumber("learning-rate", surface->learningRate);

    Session session;
    const std::vector<RaceLane> lanes = raceOptimizers(*surface, session.registry(), steps, rate);

    std::cout << tr("race.header", {pick(surface->title), point(surface->startX, surface->startY), formatNumber(rate),
                                    std::to_string(steps)})
              << "\n\n";

    // Finished lanes by final loss, diverged ones after them.
    std::vector<std::size_t> order(lanes.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (lanes[a].diverged != lanes[b].diverged) return !lanes[a].diverged;
        return lanes[a].path.back()[2] < lanes[b].path.back()[2];
    });
    const bool hasMinimum = surface->name != "saddle";
    Table table({"", tr("col.optimizer"), tr("col.finalX"), tr("col.finalY"), tr("col.finalLoss"),
                 tr(hasMinimum ? "col.toMinimum" : "col.travelled")});
    for (std::size_t c = 2; c < 6; ++c)
        table.setAlign(c, Table::Align::Right);
    for (const std::size_t i : order) {
        const RaceLane& lane = lanes[i];
        const auto& last = lane.path.back();
        const std::string distance =
            lane.diverged ? tr("race.diverged", {std::to_string(lane.path.size() - 1)})
                          : formatNumber(std::hypot(last[0] - surface->minX, last[1] - surface->minY), 4);
        table.addRow({std::string(1, laneLetter(i)), lane.optimizer, formatNumber(last[0], 5), formatNumber(last[1], 5),
                      formatNumber(last[2], 5), distance});
    }
    std::cout << table.render(2) << "\n" << renderMap(*surface, lanes) << "\n  ";
    std::vector<std::string> legend;
    for (std::size_t i = 0; i < lanes.size(); ++i)
        legend.push_back(std::string(1, laneLetter(i)) + " " + lanes[i].optimizer);
    std::cout << join(legend, "  ") << "\n  " << tr(hasMinimum ? "race.legend" : "race.legendSaddle") << "\n";

    if (const auto out = args.value("out")) {
        Json lanesJson = Json::array();
        for (const RaceLane& lane : lanes)
            lanesJson.push_back({{"optimizer", lane.optimizer}, {"diverged", lane.diverged}, {"path", lane.path}});
        Json doc = {{"surface", surface->name},
                    {"steps", steps},
                    {"learning_rate", rate},
                    {"start", {surface->startX, surface->startY}},
                    {"lanes", lanesJson}};
        if (hasMinimum) doc["minimum"] = {surface->minX, surface->minY};
        createParentFolder(*out);
        writeFileAtomically(*out, doc.dump(1) + "\n");
        std::cout << "\n" << tr("race.written", {*out}) << "\n";
    }
    return 0;
}

}  // namespace deepstep::cli
