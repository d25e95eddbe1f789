#include "deepstep/sequences/sequence_datasets.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"
#include "deepstep/random.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <utility>
#include <vector>

namespace deepstep::sequences {

namespace {

std::string count(std::size_t n) {
    return std::to_string(n);
}

// std::to_string prints six decimals; messages read better with the shortest form.
std::string number(double v) {
    std::string s = std::to_string(v);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') {
            s.pop_back();
        }
    }
    return s;
}

// Beyond this many input values (512 MiB of floats) a request is almost surely a typo,
// and honouring it would exhaust memory instead of saying so.
constexpr double kMaxInputValues = 134217728.0;

// N examples of T×F input values and `targetValues` target values each: refused when
// the inputs pass kMaxInputValues or the whole set would not fit the memory budget,
// before anything is allocated. Counted in long double so that no product overflows.
void checkSize(const std::string& name, std::size_t n, std::size_t t, std::size_t f, long double targetValues) {
    const long double values = static_cast<long double>(n) * t * f;
    if (values > kMaxInputValues) {
        throw InputError(name, "expected at most 134217728 input values (N×T×F), got " + count(n) + "×" + count(t) +
                                   "×" + count(f) + " (" + formatBytes(values * sizeof(float)) +
                                   " as floats); use fewer or shorter sequences");
    }
    checkMemoryBudget((values + static_cast<long double>(n) * targetValues) * sizeof(float), name,
                      "the inputs and targets of " + count(n) + " sequences (as 4-byte floats)");
}

std::vector<std::string> symbolNames(std::size_t vocabulary) {
    std::vector<std::string> names;
    names.reserve(vocabulary);
    for (std::size_t v = 0; v < vocabulary; ++v) {
        names.push_back(std::to_string(v));
    }
    return names;
}

void checkSymbolTask(const std::string& name, const SymbolTaskOptions& o) {
    if (o.samples == 0) {
        throw InputError(name + ".samples", "expected at least 1 example, got 0");
    }
    if (o.length == 0) {
        throw InputError(name + ".length", "expected a sequence of at least 1 symbol, got 0");
    }
    if (o.vocabulary < 2) {
        throw InputError(name + ".vocabulary", "expected at least 2 symbols, got " + count(o.vocabulary));
    }
}

// Inputs and targets of the copy and reverse tasks differ only in where step t of the
// target reads from.
TensorDataset symbolTask(const std::string& name, const SymbolTaskOptions& o, bool reversed) {
    checkSymbolTask(name, o);
    const std::size_t t = o.length;
    const std::size_t v = o.vocabulary;
    checkSize(name, o.samples, t, v, static_cast<long double>(t) * v);
    Tensor inputs(Shape{o.samples, t, v});
    Tensor targets(Shape{o.samples, t, v});
    Rng rng(o.seed);
    std::vector<std::size_t> symbols(t);
    for (std::size_t i = 0; i < o.samples; ++i) {
        for (std::size_t s = 0; s < t; ++s) {
            symbols[s] = rng.index(v);
        }
        for (std::size_t s = 0; s < t; ++s) {
            const std::size_t from = reversed ? t - 1 - s : s;
            inputs[(i * t + s) * v + symbols[s]] = 1.0F;
            targets[(i * t + s) * v + symbols[from]] = 1.0F;
        }
    }
    return TensorDataset(std::move(inputs), std::move(targets), symbolNames(v));
}

// ---- registration helpers ----

OptionSpec seedSpec() {
    // 2^53: the largest whole number an option holds exactly; no seed wraps or overflows.
    return integerOption("seed", 0, 0, kLargestIntegerOption,
                         {"Random seed: the same seed always gives the same sequences.",
                          "난수 시드. 같은 시드는 언제나 같은 시퀀스를 만듭니다."});
}

OptionSpec samplesSpec(long long defaultValue) {
    return integerOption("samples", defaultValue, 1, 1000000,
                         {"Number of sequences to generate.", "만들 시퀀스의 개수입니다."});
}

SineOptions sineOptions(const Options& o, bool noisy) {
    SineOptions s;
    s.samples = static_cast<std::size_t>(o.integer("samples"));
    s.window = static_cast<std::size_t>(o.integer("window"));
    s.period = o.number("period");
    s.noise = noisy ? o.number("noise") : 0.0;
    s.seed = static_cast<std::uint64_t>(o.integer("seed"));
    return s;
}

Schema sineSchema(bool noisy) {
    Schema schema{samplesSpec(500),
                  integerOption("window", 20, 1, 10000,
                                {"Time steps per input window (T); inputs are N×T×1.",
                                 "입력 구간의 시간 단계 수(T). 입력은 N×T×1입니다."}),
                  numberOption("period", 20.0, 2, 100000,
                               {"Time steps per full cycle of the wave; each step advances the phase by "
                                "2π/period.",
                                "파동 한 주기의 시간 단계 수. 한 단계마다 위상이 2π/period만큼 나아갑니다."})};
    if (noisy) {
        schema.add(numberOption("noise", 0.1, 0, 10,
                                {"Standard deviation of the Gaussian noise added to every input value; the target "
                                 "stays the clean next value.",
                                 "모든 입력값에 더하는 가우시안 노이즈의 표준편차. 목표값은 노이즈 없는 다음 "
                                 "값 그대로입니다."}));
    }
    schema.add(seedSpec());
    return schema;
}

SymbolTaskOptions symbolOptions(const Options& o) {
    SymbolTaskOptions s;
    s.samples = static_cast<std::size_t>(o.integer("samples"));
    s.length = static_cast<std::size_t>(o.integer("length"));
    s.vocabulary = static_cast<std::size_t>(o.integer("vocabulary"));
    s.seed = static_cast<std::uint64_t>(o.integer("seed"));
    return s;
}

Schema symbolSchema() {
    return Schema{
        samplesSpec(1000),
        integerOption("length", 8, 1, 1000, {"Symbols per sequence (T).", "시퀀스 하나의 기호 개수(T)입니다."}),
        integerOption("vocabulary", 8, 2, 1000,
                      {"Number of distinct symbols (V); every step is a one-hot vector of V values.",
                       "서로 다른 기호의 개수(V). 각 단계는 V개 값의 원-핫 벡터입니다."}),
        seedSpec()};
}

}  // namespace

// ---- Sine waves ----

TensorDataset sine(const SineOptions& o, bool noisy) {
    const std::string name = noisy ? "noisy_sine" : "sine";
    if (o.samples == 0) {
        throw InputError(name + ".samples", "expected at least 1 example, got 0");
    }
    if (o.window == 0) {
        throw InputError(name + ".window", "expected at least 1 time step, got 0");
    }
    if (!(o.period >= 2.0)) {
        throw InputError(name + ".period", "expected at least 2 time steps per cycle, got " + number(o.period));
    }
    if (!(o.noise >= 0.0)) {
        throw InputError(name + ".noise", "expected a standard deviation of at least 0, got " + number(o.noise));
    }
    const std::size_t t = o.window;
    checkSize(name, o.samples, t, 1, 1);
    Tensor inputs(Shape{o.samples, t, 1});
    Tensor targets(Shape{o.samples, 1});
    Rng rng(o.seed);
    const double step = 2.0 * std::numbers::pi / o.period;
    for (std::size_t i = 0; i < o.samples; ++i) {
        const double phase = rng.uniform(0.0F, 2.0F * std::numbers::pi_v<float>);
        for (std::size_t s = 0; s < t; ++s) {
            float x = static_cast<float>(std::sin(phase + step * static_cast<double>(s)));
            if (o.noise > 0.0) {
                x += rng.normal(0.0F, static_cast<float>(o.noise));
            }
            inputs[i * t + s] = x;
        }
        targets[i] = static_cast<float>(std::sin(phase + step * static_cast<double>(t)));
    }
    return TensorDataset(std::move(inputs), std::move(targets), {}, {"x"});
}

// ---- Airline passengers ----

TensorDataset airline(const AirlineOptions& o) {
    const std::string name = "airline_passengers";
    if (o.testMonths == 0 || o.testMonths > kAirlineMonths - 2) {
        throw InputError(name + ".test_months", "expected 1 to " + count(kAirlineMonths - 2) +
                                                    " months (at least 2 must stay for training), got " +
                                                    count(o.testMonths));
    }
    const std::size_t trainMonths = kAirlineMonths - o.testMonths;
    // A month's change needs the month before it: the first month has none.
    const bool changes = o.scale == AirlineScale::LogChange;
    const std::size_t firstMonth = changes ? 1 : 0;
    if (o.window == 0 || o.window >= trainMonths - firstMonth) {
        throw InputError(name + ".window", "expected 1 to " + count(trainMonths - firstMonth - 1) +
                                               " months (shorter than the " + count(trainMonths - firstMonth) +
                                               " training months" + (changes ? " that have a change" : "") +
                                               ", 144 minus test_months = " + count(o.testMonths) +
                                               (changes ? " minus the first" : "") + "), got " + count(o.window));
    }
    const auto& raw = airlinePassengers();
    std::array<float, kAirlineMonths> series = raw;
    if (changes) {
        series[0] = 0.0F;
        for (std::size_t m = 1; m < kAirlineMonths; ++m)
            series[m] = static_cast<float>(std::log(static_cast<double>(raw[m])) - std::log(static_cast<double>(raw[m - 1])));
    }
    float lo = 0.0F;
    float range = 1.0F;
    if (o.scale == AirlineScale::MinMax) {
        const auto [mn, mx] = std::minmax_element(series.begin(), series.begin() + static_cast<long>(trainMonths));
        lo = *mn;
        range = *mx - *mn;
    }
    // Window k's target is month k + T (+ 1 for changes); the split picks target months.
    std::size_t firstTarget = firstMonth + o.window;
    std::size_t endTarget = kAirlineMonths;
    if (o.split == AirlineSplit::Train) {
        endTarget = trainMonths;
    } else if (o.split == AirlineSplit::Test) {
        firstTarget = trainMonths;
    }
    const std::size_t n = endTarget - firstTarget;
    const std::size_t t = o.window;
    Tensor inputs(Shape{n, t, 1});
    Tensor targets(Shape{n, 1});
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t target = firstTarget + k;
        for (std::size_t s = 0; s < t; ++s) {
            inputs[k * t + s] = (series[target - t + s] - lo) / range;
        }
        targets[k] = (series[target] - lo) / range;
    }
    return TensorDataset(std::move(inputs), std::move(targets), {}, {"passengers"});
}

// ---- Symbol tasks ----

TensorDataset copyTask(const SymbolTaskOptions& o) {
    return symbolTask("copy", o, false);
}

TensorDataset reverseTask(const SymbolTaskOptions& o) {
    return symbolTask("reverse", o, true);
}

TensorDataset addingTask(const AddingTaskOptions& o) {
    if (o.samples == 0) {
        throw InputError("add.samples", "expected at least 1 example, got 0");
    }
    if (o.length < 2) {
        throw InputError("add.length", "expected at least 2 time steps (two markers), got " + count(o.length));
    }
    const std::size_t t = o.length;
    checkSize("add", o.samples, t, 2, 1);
    Tensor inputs(Shape{o.samples, t, 2});
    Tensor targets(Shape{o.samples, 1});
    Rng rng(o.seed);
    for (std::size_t i = 0; i < o.samples; ++i) {
        for (std::size_t s = 0; s < t; ++s) {
            inputs[(i * t + s) * 2] = rng.uniform();
        }
        const std::size_t first = rng.index(t);
        std::size_t second = rng.index(t - 1);
        if (second >= first) {
            ++second;  // skips `first`, so the other T−1 steps stay equally likely
        }
        inputs[(i * t + first) * 2 + 1] = 1.0F;
        inputs[(i * t + second) * 2 + 1] = 1.0F;
        targets[i] = inputs[(i * t + first) * 2] + inputs[(i * t + second) * 2];
    }
    return TensorDataset(std::move(inputs), std::move(targets), {}, {"value", "marker"});
}

// ---- Character-level text ----

TensorDataset characterWindows(std::string_view text, const TextOptions& o, const std::string& where) {
    if (o.window == 0 || o.window >= text.size()) {
        throw InputError(where + ".window", "expected 1 to " + count(text.empty() ? 0 : text.size() - 1) +
                                                " characters (shorter than the text of " + count(text.size()) +
                                                "), got " + count(o.window));
    }
    if (o.stride == 0) {
        throw InputError(where + ".stride", "expected at least 1 character, got 0");
    }
    std::array<int, 256> index{};
    index.fill(-1);
    for (const char c : text) {
        index[static_cast<unsigned char>(c)] = 0;
    }
    std::vector<std::string> classes;
    for (std::size_t b = 0; b < index.size(); ++b) {
        if (index[b] == 0) {
            index[b] = static_cast<int>(classes.size());
            classes.push_back(b == '\n' ? std::string("\\n") : std::string(1, static_cast<char>(b)));
        }
    }
    const std::size_t v = classes.size();
    const std::size_t t = o.window;
    const std::size_t n = (text.size() - t - 1) / o.stride + 1;
    checkSize(where, n, t, o.ids ? 1 : v, static_cast<long double>(v));
    Tensor inputs(o.ids ? Shape{n, t} : Shape{n, t, v});
    Tensor targets(Shape{n, v});
    auto symbol = [&](std::size_t position) {
        return static_cast<std::size_t>(index[static_cast<unsigned char>(text[position])]);
    };
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t start = k * o.stride;
        for (std::size_t s = 0; s < t; ++s) {
            if (o.ids) {
                inputs[k * t + s] = static_cast<float>(symbol(start + s));
            } else {
                inputs[(k * t + s) * v + symbol(start + s)] = 1.0F;
            }
        }
        targets[k * v + symbol(start + t)] = 1.0F;
    }
    return TensorDataset(std::move(inputs), std::move(targets), std::move(classes));
}

TensorDataset characterWindows(const TextOptions& o) {
    return characterWindows(fableText(), o, "text");
}

void registerComponents(Registry& registry) {
    registry.addDataset(
        componentInfo(Kind::Dataset, "sine",
                      {"Windows of a sine wave (inputs N×T×1, each window at a random phase); the target is the next "
                       "value of the wave (N×1).",
                       "사인파의 구간(입력 N×T×1, 구간마다 위상이 무작위)입니다. 목표값은 파동의 다음 값(N×1)입니다."},
                      sineSchema(false)),
        [](const Options& o) { return std::make_unique<TensorDataset>(sine(sineOptions(o, false), false)); });
    registry.addDataset(
        componentInfo(Kind::Dataset, "noisy_sine",
                      {"Windows of a sine wave with Gaussian noise on the inputs (N×T×1); the target is the clean "
                       "next value (N×1).",
                       "입력에 가우시안 노이즈가 섞인 사인파 구간(N×T×1)입니다. 목표값은 노이즈 없는 다음 값(N×1)"
                       "입니다."},
                      sineSchema(true)),
        [](const Options& o) { return std::make_unique<TensorDataset>(sine(sineOptions(o, true), true)); });

    registry.addDataset(
        componentInfo(
            Kind::Dataset, "airline_passengers",
            {"Monthly international airline passengers (thousands), January 1949 – December 1960, the classic "
             "Box–Jenkins series: windows of T months (N×T×1) predict the next month (N×1).",
             "1949년 1월부터 1960년 12월까지의 월별 국제선 항공 승객 수(천 명), 박스–젠킨스의 고전 시계열입니다. "
             "T개월 구간(N×T×1)으로 다음 달(N×1)을 예측합니다."},
            Schema{integerOption("window", 12, 1, 141,
                                 {"Months per input window (T); must be shorter than the training months.",
                                  "입력 구간의 개월 수(T). 학습 구간의 개월 수보다 짧아야 합니다."}),
                   choiceOption("scale", "minmax", {"none", "minmax", "log_change"},
                                {"none: passengers in thousands; minmax: (x − min) / (max − min) with min and max "
                                 "of the training months only, so test values may exceed 1; log_change: each "
                                 "month's change ln(x_m) − ln(x_{m−1}) (about ±0.2), the trend and the growing "
                                 "swings removed, the seasons kept (the first month has no change).",
                                 "none: 승객 수(천 명) 그대로, minmax: 학습 구간의 최솟값과 최댓값만으로 (x − "
                                 "최소) / (최대 − 최소)를 계산합니다. 그래서 테스트 값은 1을 넘을 수 있습니다. "
                                 "log_change: 달마다의 변화 ln(x_m) − ln(x_{m−1})(대략 ±0.2)로, 추세와 점점 커지는 "
                                 "진폭은 없애고 계절 변동만 남깁니다(첫 달에는 변화가 없습니다)."}),
                   choiceOption("split", "all", {"train", "test", "all"},
                                {"Which windows: train (target month before the last test_months), test (target "
                                 "month among the last test_months) or all.",
                                 "어떤 구간을 쓸지 정합니다. train(목표 월이 마지막 test_months개월 이전), "
                                 "test(목표 월이 마지막 test_months개월 안), all(전부)."}),
                   integerOption("test_months", 24, 1, 142,
                                 {"How many of the last months form the test part (default 24: 1959 and 1960).",
                                  "마지막 몇 개월을 테스트 구간으로 둘지 정합니다(기본값 24: 1959년과 1960년)."})}),
        [](const Options& o) {
            AirlineOptions a;
            a.window = static_cast<std::size_t>(o.integer("window"));
            const std::string scale = o.text("scale");
            a.scale = scale == "none"         ? AirlineScale::None
                      : scale == "log_change" ? AirlineScale::LogChange
                                              : AirlineScale::MinMax;
            const std::string split = o.text("split");
            a.split = split == "train" ? AirlineSplit::Train : split == "test" ? AirlineSplit::Test : AirlineSplit::All;
            a.testMonths = static_cast<std::size_t>(o.integer("test_months"));
            return std::make_unique<TensorDataset>(airline(a));
        });

    registry.addDataset(
        componentInfo(Kind::Dataset, "copy",
                      {"Copy task: a random sequence of one-hot symbols (N×T×V); the target at every step is the "
                       "input symbol of the same step (N×T×V).",
                       "복사 과제: 원-핫 기호의 무작위 시퀀스(N×T×V)입니다. 각 단계의 목표는 같은 단계의 입력 "
                       "기호(N×T×V)입니다."},
                      symbolSchema()),
        [](const Options& o) { return std::make_unique<TensorDataset>(copyTask(symbolOptions(o))); });
    registry.addDataset(
        componentInfo(Kind::Dataset, "reverse",
                      {"Reverse task: a random sequence of one-hot symbols (N×T×V); the target is the sequence "
                       "backwards (N×T×V), so early outputs depend on late inputs.",
                       "뒤집기 과제: 원-핫 기호의 무작위 시퀀스(N×T×V)입니다. 목표는 거꾸로 뒤집은 시퀀스(N×T×V)"
                       "라서, 앞쪽 출력이 뒤쪽 입력에 달려 있습니다."},
                      symbolSchema()),
        [](const Options& o) { return std::make_unique<TensorDataset>(reverseTask(symbolOptions(o))); });
    registry.addDataset(
        componentInfo(Kind::Dataset, "add",
                      {"Adding problem: two channels per step (N×T×2), random values in [0, 1) and a marker that is 1 "
                       "at exactly two steps; the target is the sum of the two marked values (N×1).",
                       "덧셈 과제: 단계마다 두 채널(N×T×2)이 있습니다. [0, 1)의 무작위 값과, 정확히 두 단계에서만 "
                       "1인 표시 채널입니다. 목표는 표시된 두 값의 합(N×1)입니다."},
                      Schema{samplesSpec(1000),
                             integerOption("length", 20, 2, 10000,
                                           {"Time steps per sequence (T); longer sequences test longer memory.",
                                            "시퀀스 하나의 시간 단계 수(T). 길수록 더 긴 기억이 필요합니다."}),
                             seedSpec()}),
        [](const Options& o) {
            AddingTaskOptions a;
            a.samples = static_cast<std::size_t>(o.integer("samples"));
            a.length = static_cast<std::size_t>(o.integer("length"));
            a.seed = static_cast<std::uint64_t>(o.integer("seed"));
            return std::make_unique<TensorDataset>(addingTask(a));
        });

    registry.addDataset(
        componentInfo(
            Kind::Dataset, "text",
            {"Character-level text: seven Aesop fables (Townsend's public-domain translation). Windows of T "
             "one-hot characters (N×T×V), or of T character ids (N×T, for an embedding layer), predict the next "
             "character (N×V).",
             "문자 단위 텍스트: 이솝 우화 일곱 편(타운센드의 퍼블릭 도메인 영어 번역)입니다. 원-핫 문자 T개의 "
             "구간(N×T×V) 또는 문자 id T개의 구간(N×T, 임베딩 층용)으로 다음 문자(N×V)를 예측합니다."},
            Schema{integerOption("window", 40, 1, 4000,
                                 {"Characters per input window (T).", "입력 구간의 문자 수(T)입니다."}),
                   integerOption("stride", 3, 1, 4000,
                                 {"Characters between the starts of consecutive windows.",
                                  "이웃한 두 구간의 시작 위치 사이의 문자 수입니다."}),
                   choiceOption("encoding", "one_hot", {"one_hot", "ids"},
                                {"How each input character is given: one_hot (V values, one of them 1) or ids (its "
                                 "number 0 … V−1 in the vocabulary, for an embedding layer). The targets are one-hot "
                                 "either way.",
                                 "입력 문자를 주는 방식: one_hot(값 V개 중 하나가 1) 또는 ids(어휘 안의 번호 "
                                 "0 … V−1, 임베딩 층용). 목표값은 어느 쪽이든 원-핫입니다."})}),
        [](const Options& o) {
            TextOptions t;
            t.window = static_cast<std::size_t>(o.integer("window"));
            t.stride = static_cast<std::size_t>(o.integer("stride"));
            t.ids = o.text("encoding") == "ids";
            return std::make_unique<TensorDataset>(characterWindows(t));
        });
}

}  // namespace deepstep::sequences
