#include "deepstep/tabular/tabular_datasets.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"
#include "deepstep/random.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace deepstep::tabular {

namespace {

constexpr std::size_t kFeatures = 4;

void checkSamples(const std::string& dataset, std::size_t samples) {
    if (samples < 2) {
        throw InputError(dataset + ".samples", "expected at least 2 examples, got " + std::to_string(samples));
    }
    checkMemoryBudget(static_cast<long double>(samples) * (kFeatures + 1) * sizeof(float), dataset + ".samples",
                      std::to_string(samples) + " examples (4 inputs and 1 target each, as 4-byte floats)");
}

OptionSpec samplesSpec() {
    return integerOption("samples", 500, 2, 1000000, {"Number of examples to generate.", "만들 예제의 개수입니다."});
}

OptionSpec standardizeSpec() {
    return flagOption("standardize", false,
                      {"Turn every feature into a z-score (mean 0, standard deviation 1). Off by default, so the "
                       "raw units show why scaling inputs matters.",
                       "모든 특성을 z-점수(평균 0, 표준편차 1)로 바꿉니다. 기본값은 꺼짐이라, 원래 단위 그대로의 "
                       "입력이 왜 스케일링이 필요한지 보여 줍니다."});
}

OptionSpec seedSpec() {
    // 2^53: the largest whole number an option holds exactly; no seed wraps or overflows.
    return integerOption("seed", 0, 0, kLargestIntegerOption,
                         {"Random seed: the same seed always gives the same examples.",
                          "난수 시드. 같은 시드는 언제나 같은 예제를 만듭니다."});
}

}  // namespace

double storeSalesTruth(double area, double floors, double apartmentDistance, double competitorDistance) {
    return 10.0 + 0.08 * area + 6.0 * floors - 0.01 * apartmentDistance + 0.004 * competitorDistance;
}

double smartwatchLogit(double height, double age, double salary, double commute) {
    return -0.1 * (age - 44.0) + 0.0006 * (salary - 7000.0) + 0.01 * (height - 170.0) + 0.05 * (commute - 20.0);
}

void standardizeColumns(Tensor& features) {
    const std::size_t n = features.batch();
    const std::size_t f = features.sampleSize();
    if (n == 0) {
        return;
    }
    for (std::size_t j = 0; j < f; ++j) {
        // Accumulate in double: sums of thousands of values in the thousands lose
        // float precision.
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += features[i * f + j];
        }
        const double mean = sum / static_cast<double>(n);
        double squares = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = features[i * f + j] - mean;
            squares += d * d;
        }
        const double sd = std::sqrt(squares / static_cast<double>(n));
        for (std::size_t i = 0; i < n; ++i) {
            float& v = features[i * f + j];
            v = sd > 0.0 ? static_cast<float>((v - mean) / sd) : 0.0F;
        }
    }
}

TensorDataset storeSales(const StoreSalesOptions& o) {
    checkSamples("store_sales", o.samples);
    if (!(o.noise >= 0.0)) {
        throw InputError("store_sales.noise",
                         "expected a standard deviation of at least 0, got " + std::to_string(o.noise));
    }
    Tensor inputs(Shape{o.samples, kFeatures});
    Tensor targets(Shape{o.samples, 1});
    Rng rng(o.seed);
    for (std::size_t i = 0; i < o.samples; ++i) {
        const float area = rng.uniform(kAreaMin, kAreaMax);
        const auto floors = static_cast<float>(1 + rng.index(kFloorsMax));
        const float apartment = rng.uniform(kApartmentDistanceMin, kApartmentDistanceMax);
        const float competitor = rng.uniform(kCompetitorDistanceMin, kCompetitorDistanceMax);
        const float noise = rng.normal(0.0F, static_cast<float>(o.noise));
        inputs[kFeatures * i] = area;
        inputs[kFeatures * i + 1] = floors;
        inputs[kFeatures * i + 2] = apartment;
        inputs[kFeatures * i + 3] = competitor;
        targets[i] = static_cast<float>(storeSalesTruth(area, floors, apartment, competitor) + noise);
    }
    if (o.standardize) {
        standardizeColumns(inputs);
    }
    return TensorDataset(std::move(inputs), std::move(targets), {},
                         {"floor_area_m2", "floors", "apartment_distance_m", "competitor_distance_m"});
}

TensorDataset smartwatch(const SmartwatchOptions& o) {
    checkSamples("smartwatch", o.samples);
    if (!(o.noise >= 0.0 && o.noise <= 0.5)) {
        throw InputError("smartwatch.noise",
                         "expected a label-flip probability in [0, 0.5], got " + std::to_string(o.noise));
    }
    Tensor inputs(Shape{o.samples, kFeatures});
    Tensor targets(Shape{o.samples, 1});
    Rng rng(o.seed);
    for (std::size_t i = 0; i < o.samples; ++i) {
        const float height = rng.normal(kHeightMean, kHeightStddev);
        const auto age = static_cast<float>(kAgeMin + static_cast<int>(rng.index(kAgeMax - kAgeMin + 1)));
        const float salary = rng.uniform(kSalaryMin, kSalaryMax);
        const float commute = rng.uniform(0.0F, kCommuteMax);
        const double p = 1.0 / (1.0 + std::exp(-smartwatchLogit(height, age, salary, commute)));
        const float labelDraw = rng.uniform();
        const float flipDraw = rng.uniform();
        bool yes = labelDraw < p;
        if (flipDraw < o.noise) {
            yes = !yes;
        }
        inputs[kFeatures * i] = height;
        inputs[kFeatures * i + 1] = age;
        inputs[kFeatures * i + 2] = salary;
        inputs[kFeatures * i + 3] = commute;
        targets[i] = yes ? 1.0F : 0.0F;
    }
    if (o.standardize) {
        standardizeColumns(inputs);
    }
    return TensorDataset(std::move(inputs), std::move(targets), {"no", "yes"},
                         {"height_cm", "age_years", "salary_10k_won", "commute_km"});
}

void registerComponents(Registry& registry) {
    registry.addDataset(
        componentInfo(
            Kind::Dataset, "store_sales",
            {"Store sales (regression): monthly sales in million won from floor area (m²), floors, distance to the "
             "nearest apartments (m) and to the nearest competitor (m). Ground truth: sales = 10 + 0.08·area + "
             "6·floors − 0.01·apartment distance + 0.004·competitor distance, plus Gaussian noise.",
             "마트 매출 예측(회귀): 매장 면적(m²), 층수, 가장 가까운 아파트 단지까지의 거리(m), 가장 가까운 경쟁 "
             "마트까지의 거리(m)로 월 매출(백만 원)을 예측합니다. 정답 공식: 매출 = 10 + 0.08·면적 + 6·층수 − "
             "0.01·아파트 거리 + 0.004·경쟁 마트 거리, 여기에 가우시안 노이즈가 더해집니다."},
            Schema{samplesSpec(),
                   numberOption("noise", 2.0, 0, 100,
                                {"Standard deviation of the Gaussian noise added to each store's sales, in million "
                                 "won (0: the formula exactly).",
                                 "매출에 더하는 가우시안 노이즈의 표준편차(백만 원). 0이면 공식 그대로입니다."}),
                   standardizeSpec(), seedSpec()}),
        [](const Options& o) {
            StoreSalesOptions s;
            s.samples = static_cast<std::size_t>(o.integer("samples"));
            s.noise = o.number("noise");
            s.standardize = o.flag("standardize");
            s.seed = static_cast<std::uint64_t>(o.integer("seed"));
            return std::make_unique<TensorDataset>(storeSales(s));
        });

    registry.addDataset(
        componentInfo(
            Kind::Dataset, "smartwatch",
            {"Smartwatch purchase (binary classification, no/yes) from height (cm), age (years), yearly salary "
             "(10,000 won) and daily commute (km). Ground truth: P(yes) = sigmoid(−0.1·(age − 44) + "
             "0.0006·(salary − 7000) + 0.01·(height − 170) + 0.05·(commute − 20)).",
             "스마트워치 구매 예측(이진 분류, 아니오/예): 키(cm), 나이(세), 연봉(만 원), 하루 이동 거리(km)로 "
             "구매 여부를 예측합니다. 정답 공식: P(예) = 시그모이드(−0.1·(나이 − 44) + 0.0006·(연봉 − 7000) + "
             "0.01·(키 − 170) + 0.05·(이동 거리 − 20))."},
            Schema{samplesSpec(),
                   numberOption("noise", 0.0, 0, 0.5,
                                {"Probability that a label is flipped after it is drawn (label noise), in [0, 0.5].",
                                 "뽑힌 레이블을 반대로 뒤집을 확률(레이블 노이즈), 0–0.5 범위입니다."}),
                   standardizeSpec(), seedSpec()}),
        [](const Options& o) {
            SmartwatchOptions s;
            s.samples = static_cast<std::size_t>(o.integer("samples"));
            s.noise = o.number("noise");
            s.standardize = o.flag("standardize");
            s.seed = static_cast<std::uint64_t>(o.integer("seed"));
            return std::make_unique<TensorDataset>(smartwatch(s));
        });
}

}  // namespace deepstep::tabular
