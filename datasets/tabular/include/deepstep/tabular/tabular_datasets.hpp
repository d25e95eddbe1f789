#pragma once
// Tabular datasets for the lecture's two worked examples of what a network is for:
// predicting a store's monthly sales from four facts about it (regression), and
// predicting whether a person buys a smartwatch from four facts about them (binary
// classification).
//
// Both are generated from a ground truth written down below, so an instructor can say
// exactly what the network should discover. Features come in raw units by default
// (square metres next to a handful of floors), which is why the lecture's advice to
// scale inputs matters; `standardize` turns each feature into a z-score.
//
// Generators are deterministic: the same options (seed included) give the same
// examples, bit for bit, on the same build.
//
// Registered names (Kind::Dataset): store_sales, smartwatch.

#include "deepstep/dataset.hpp"
#include "deepstep/registry.hpp"

#include <cstddef>
#include <cstdint>

namespace deepstep::tabular {

// ---- Store sales (regression) ----

/// Ranges the store features are drawn from, uniformly and independently.
inline constexpr float kAreaMin = 60.0F;  ///< floor area, m²
inline constexpr float kAreaMax = 300.0F;
inline constexpr int kFloorsMax = 3;                   ///< floors: an integer 1 … kFloorsMax
inline constexpr float kApartmentDistanceMin = 50.0F;  ///< metres to the nearest apartment complex
inline constexpr float kApartmentDistanceMax = 2000.0F;
inline constexpr float kCompetitorDistanceMin = 100.0F;  ///< metres to the nearest competing store
inline constexpr float kCompetitorDistanceMax = 3000.0F;

struct StoreSalesOptions {
    std::size_t samples = 500;
    double noise = 2.0;  ///< σ of the Gaussian noise on the sales, million won
    bool standardize = false;
    std::uint64_t seed = 0;
};

/// The ground truth: monthly sales in million won, before noise,
///   sales = 10 + 0.08·area + 6·floors − 0.01·apartmentDistance + 0.004·competitorDistance.
/// More floor area and more floors sell more; a store far from the apartments sells
/// less; a store far from its competitors sells more. Over the feature ranges above
/// it lies between about 1 and 64.
double storeSalesTruth(double area, double floors, double apartmentDistance, double competitorDistance);

/// ensures: N = samples rows of 4 features {floor_area_m2, floors, apartment_distance_m,
///          competitor_distance_m} (raw units, or z-scores when standardize) and one
///          target column, storeSalesTruth(raw features) + N(0, noise²); no class names.
///          Example i draws, in order: area, floors, apartment distance, competitor
///          distance, then the noise (always drawn, so the noise level only moves the
///          targets, never the stores).
/// throws InputError "store_sales.samples: …" when samples < 2, "store_sales.noise: …"
///        when noise < 0.
TensorDataset storeSales(const StoreSalesOptions& options);

// ---- Smartwatch purchase (binary classification) ----

/// Ranges of the buyer features: height is normal, the rest uniform.
inline constexpr float kHeightMean = 170.0F;  ///< cm
inline constexpr float kHeightStddev = 8.0F;
inline constexpr int kAgeMin = 18;  ///< years, an integer kAgeMin … kAgeMax
inline constexpr int kAgeMax = 70;
inline constexpr float kSalaryMin = 2000.0F;  ///< yearly salary in units of 10,000 won (만원)
inline constexpr float kSalaryMax = 12000.0F;
inline constexpr float kCommuteMax = 40.0F;  ///< daily commute, km, uniform in [0, kCommuteMax)

struct SmartwatchOptions {
    std::size_t samples = 500;
    double noise = 0.0;  ///< probability that a label is flipped after drawing it, in [0, 0.5]
    bool standardize = false;
    std::uint64_t seed = 0;
};

/// The ground truth: log-odds of buying,
///   z = −0.1·(age − 44) + 0.0006·(salary − 7000) + 0.01·(height − 170) + 0.05·(commute − 20),
/// P(yes) = 1 / (1 + e^−z). Younger and better-paid people buy; a long commute helps a
/// little; height barely matters. The centres are the features' means, so the classes
/// come out about balanced.
double smartwatchLogit(double height, double age, double salary, double commute);

/// ensures: N = samples rows of 4 features {height_cm, age_years, salary_10k_won,
///          commute_km} (raw, or z-scores when standardize) and one 0/1 target column,
///          1 with probability σ(smartwatchLogit), then flipped with probability noise;
///          classes {"no", "yes"}. Example i draws, in order: height, age, salary,
///          commute, the label's uniform, the flip's uniform (both always drawn).
/// throws InputError "smartwatch.samples: …" when samples < 2, "smartwatch.noise: …"
///        when noise is outside [0, 0.5].
TensorDataset smartwatch(const SmartwatchOptions& options);

/// Replaces every column of the N×F `features` by its z-score (x − mean) / sd, with
/// the population standard deviation; a constant column becomes all zeros.
void standardizeColumns(Tensor& features);

/// Adds store_sales and smartwatch to `registry`.
/// throws std::invalid_argument when one of the names is taken already.
void registerComponents(Registry& registry);

}  // namespace deepstep::tabular
