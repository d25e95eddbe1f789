#include "deepstep/toy/toy_datasets.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"
#include "deepstep/random.hpp"

#include <cmath>
#include <functional>
#include <numbers>
#include <optional>
#include <utility>
#include <vector>

namespace deepstep::toy {

namespace {

constexpr float kTwoPi = 2.0F * std::numbers::pi_v<float>;

std::vector<std::string> binaryClasses() {
    return {"0", "1"};
}
std::vector<std::string> playgroundClasses() {
    return {"orange", "blue"};
}
std::vector<std::string> planeFeatures() {
    return {"x1", "x2"};
}

void checkPlayground(const std::string& dataset, const PlaygroundOptions& o) {
    if (o.samples < 2 || o.samples % 2 != 0) {
        throw InputError(dataset + ".samples", "expected an even number of at least 2 (each class gets half), got " +
                                                   std::to_string(o.samples));
    }
    if (!(o.noise >= 0.0 && o.noise <= 50.0)) {
        throw InputError(dataset + ".noise", "expected a percentage in [0, 50], got " + std::to_string(o.noise));
    }
}

using PointMaker = std::function<std::pair<float, float>(std::size_t cls, std::size_t k, Rng& rng)>;

// Fills N×2 inputs and N×1 targets. Example i belongs to class i % 2 and is the
// k = i / 2-th point `point` draws for that class.
TensorDataset generate(const std::string& dataset, const PlaygroundOptions& o, const PointMaker& point) {
    checkMemoryBudget(static_cast<long double>(o.samples) * 3 * sizeof(float), dataset + ".samples",
                      std::to_string(o.samples) + " points (2 inputs and 1 target each, as 4-byte floats)");
    Tensor inputs(Shape{o.samples, 2});
    Tensor targets(Shape{o.samples, 1});
    Rng rng(o.seed);
    for (std::size_t i = 0; i < o.samples; ++i) {
        const std::size_t cls = i % 2;
        const auto [x, y] = point(cls, i / 2, rng);
        inputs[2 * i] = x;
        inputs[2 * i + 1] = y;
        targets[i] = static_cast<float>(cls);
    }
    return TensorDataset(std::move(inputs), std::move(targets), playgroundClasses(), planeFeatures());
}

float fraction(const PlaygroundOptions& o) {
    return static_cast<float>(o.noise / 100.0);
}

// Largest shift per coordinate: ±1 at 50%, enough to mix the classes near their border.
float shiftOf(const PlaygroundOptions& o) {
    return static_cast<float>(o.noise / 50.0);
}

// Always one draw, whatever the shift, so that the same seed gives the same points
// at every noise level and the noise slider only moves them.
float jitter(Rng& rng, float shift) {
    return shift * rng.uniform(-1.0F, 1.0F);
}

// ---- registration helpers ----

OptionSpec samplesSpec() {
    return integerOption("samples", 200, 2, 100000,
                         {"Number of points, even: half orange (class 0), half blue (class 1).",
                          "점의 개수(짝수). 절반은 주황(클래스 0), 절반은 파랑(클래스 1)입니다."});
}

OptionSpec noiseSpec() {
    return numberOption(
        "noise", 0, 0, 50,
        {"Noise in percent (0–50), like the playground's slider: more noise blurs the border between "
         "the classes.",
         "노이즈 비율(0–50%). 플레이그라운드의 슬라이더처럼, 값이 클수록 두 클래스의 경계가 흐려집니다."});
}

OptionSpec seedSpec() {
    // 2^53: the largest whole number an option holds exactly; no seed wraps or overflows.
    return integerOption("seed", 0, 0, kLargestIntegerOption,
                         {"Random seed: the same seed always gives the same points.",
                          "난수 시드. 같은 시드는 언제나 같은 점들을 만듭니다."});
}

PlaygroundOptions playgroundOptions(const Options& o) {
    PlaygroundOptions p;
    p.samples = static_cast<std::size_t>(o.integer("samples"));
    p.noise = o.number("noise");
    p.seed = static_cast<std::uint64_t>(o.integer("seed"));
    return p;
}

}  // namespace

std::string gateName(Gate gate) {
    switch (gate) {
        case Gate::And:
            return "and";
        case Gate::Or:
            return "or";
        case Gate::Nand:
            return "nand";
        case Gate::Nor:
            return "nor";
        case Gate::Xor:
            return "xor";
    }
    return {};
}

int gateOutput(Gate gate, int a, int b) {
    switch (gate) {
        case Gate::And:
            return a & b;
        case Gate::Or:
            return a | b;
        case Gate::Nand:
            return 1 - (a & b);
        case Gate::Nor:
            return 1 - (a | b);
        case Gate::Xor:
            return a ^ b;
    }
    return 0;
}

TensorDataset truthTable(Gate gate, std::size_t repeat) {
    if (repeat == 0) {
        throw InputError(gateName(gate) + ".repeat", "expected a positive integer, got 0");
    }
    checkMemoryBudget(static_cast<long double>(repeat) * 4 * 3 * sizeof(float), gateName(gate) + ".repeat",
                      "the truth table repeated " + std::to_string(repeat) + " times (as 4-byte floats)");
    const std::size_t n = 4 * repeat;
    Tensor inputs(Shape{n, 2});
    Tensor targets(Shape{n, 1});
    for (std::size_t i = 0; i < n; ++i) {
        const int a = static_cast<int>((i % 4) / 2);
        const int b = static_cast<int>(i % 2);
        inputs[2 * i] = static_cast<float>(a);
        inputs[2 * i + 1] = static_cast<float>(b);
        targets[i] = static_cast<float>(gateOutput(gate, a, b));
    }
    return TensorDataset(std::move(inputs), std::move(targets), binaryClasses(), planeFeatures());
}

TensorDataset circle(const PlaygroundOptions& o) {
    checkPlayground("circle", o);
    const float shift = shiftOf(o);
    return generate("circle", o, [shift](std::size_t cls, std::size_t, Rng& rng) {
        const float r = cls == kBlue ? rng.uniform(0.0F, kCircleInner) : rng.uniform(kCircleOuterMin, kCircleOuterMax);
        const float angle = rng.uniform(0.0F, kTwoPi);
        const float dx = jitter(rng, shift);
        const float dy = jitter(rng, shift);
        return std::pair{r * std::sin(angle) + dx, r * std::cos(angle) + dy};
    });
}

TensorDataset xor2d(const PlaygroundOptions& o) {
    checkPlayground("xor_2d", o);
    constexpr float padding = 0.3F;
    const float shift = shiftOf(o);
    return generate("xor_2d", o, [shift](std::size_t cls, std::size_t, Rng& rng) {
        float x = rng.uniform(padding, 5.0F);
        float y = rng.uniform(padding, 5.0F);
        // Blue: same signs (quadrants I, III); orange: opposite signs (II, IV).
        const bool flipX = rng.uniform() < 0.5F;
        if (flipX) {
            x = -x;
        }
        if ((cls == kBlue) == flipX) {
            y = -y;
        }
        const float dx = jitter(rng, shift);
        const float dy = jitter(rng, shift);
        return std::pair{x + dx, y + dy};
    });
}

TensorDataset gauss(const PlaygroundOptions& o) {
    checkPlayground("gauss", o);
    const float variance = 0.5F + 3.5F * fraction(o) / 0.5F;
    const float stddev = std::sqrt(variance);
    return generate("gauss", o, [stddev](std::size_t cls, std::size_t, Rng& rng) {
        const float centre = cls == kBlue ? 2.0F : -2.0F;
        const float x = rng.normal(centre, stddev);
        const float y = rng.normal(centre, stddev);
        return std::pair{x, y};
    });
}

TensorDataset spiral(const PlaygroundOptions& o) {
    checkPlayground("spiral", o);
    const std::size_t perClass = o.samples / 2;
    const float shift = shiftOf(o);
    return generate("spiral", o, [perClass, shift](std::size_t cls, std::size_t k, Rng& rng) {
        // Starting one step out keeps the two arms' first points apart (both would
        // sit at the origin with opposite labels).
        const float progress = static_cast<float>(k + 1) / static_cast<float>(perClass);
        const float r = 5.0F * progress;
        const float phase = cls == kBlue ? 0.0F : std::numbers::pi_v<float>;
        const float t = 1.75F * kTwoPi * progress + phase;
        const float dx = jitter(rng, shift);
        const float dy = jitter(rng, shift);
        return std::pair{r * std::sin(t) + dx, r * std::cos(t) + dy};
    });
}

void registerComponents(Registry& registry) {
    struct GateText {
        Gate gate;
        Text summary;
    };
    const std::vector<GateText> gates = {
        {Gate::And,
         {"Truth table of AND: 1 only when both inputs are 1 (rows 00, 01, 10, 11).",
          "AND 진리표: 두 입력이 모두 1일 때만 1입니다(행 순서 00, 01, 10, 11)."}},
        {Gate::Or,
         {"Truth table of OR: 1 when at least one input is 1 (rows 00, 01, 10, 11).",
          "OR 진리표: 입력 중 하나라도 1이면 1입니다(행 순서 00, 01, 10, 11)."}},
        {Gate::Nand,
         {"Truth table of NAND: 0 only when both inputs are 1 (rows 00, 01, 10, 11).",
          "NAND 진리표: 두 입력이 모두 1일 때만 0입니다(행 순서 00, 01, 10, 11)."}},
        {Gate::Nor,
         {"Truth table of NOR: 1 only when both inputs are 0 (rows 00, 01, 10, 11).",
          "NOR 진리표: 두 입력이 모두 0일 때만 1입니다(행 순서 00, 01, 10, 11)."}},
        {Gate::Xor,
         {"Truth table of XOR: 1 when the inputs differ (rows 00, 01, 10, 11); no single straight "
          "line separates its classes.",
          "XOR 진리표: 두 입력이 서로 다를 때 1입니다(행 순서 00, 01, 10, 11). 직선 하나로는 두 "
          "클래스를 나눌 수 없습니다."}},
    };
    const OptionSpec repeatSpec =
        integerOption("repeat", 1, 1, 10000,
                      {"How many times the four rows are repeated (more examples per epoch).",
                       "네 행을 몇 번 반복할지 정합니다(에포크마다 보는 예제 수가 늘어납니다)."});
    for (const auto& g : gates) {
        const Gate gate = g.gate;
        registry.addDataset(
            componentInfo(Kind::Dataset, gateName(gate), g.summary, Schema{repeatSpec}), [gate](const Options& o) {
                return std::make_unique<TensorDataset>(truthTable(gate, static_cast<std::size_t>(o.integer("repeat"))));
            });
    }

    using Generator = TensorDataset (*)(const PlaygroundOptions&);
    struct CloudText {
        std::string name;
        Generator make;
        Text summary;
    };
    const std::vector<CloudText> clouds = {
        {"circle",
         &circle,
         {"Playground circle: a blue disc inside an orange ring; needs a curved boundary.",
          "플레이그라운드 원: 주황색 고리 안에 파란색 원판이 있습니다. 곡선 경계가 필요합니다."}},
        {"xor_2d",
         &xor2d,
         {"Playground XOR: blue in quadrants I and III, orange in II and IV.",
          "플레이그라운드 XOR: 1·3사분면은 파랑, 2·4사분면은 주황입니다."}},
        {"gauss",
         &gauss,
         {"Playground Gaussian: two blobs, blue around (2, 2) and orange around (−2, −2); a straight line "
          "separates them.",
          "플레이그라운드 가우시안: (2, 2) 주변의 파란 점과 (−2, −2) 주변의 주황 점, 두 덩어리입니다. 직선 "
          "하나로 나눌 수 있습니다."}},
        {"spiral",
         &spiral,
         {"Playground spiral: two interleaved spiral arms, the hardest of the four.",
          "플레이그라운드 나선: 서로 맞물린 두 나선 팔로, 네 데이터 중 가장 어렵습니다."}},
    };
    for (const auto& c : clouds) {
        const Generator make = c.make;
        registry.addDataset(
            componentInfo(Kind::Dataset, c.name, c.summary, Schema{samplesSpec(), noiseSpec(), seedSpec()}),
            [make](const Options& o) { return std::make_unique<TensorDataset>(make(playgroundOptions(o))); });
    }
}

}  // namespace deepstep::toy
