#pragma once
// Sequence datasets for the recurrent-network and attention lectures.
//
// Every input is N×T×F: N examples of T time steps with F features each. Targets are
// N×1 for "predict the next value" and "add the marked values", N×T×V one-hot for the
// per-step copy and reverse tasks, N×V one-hot for "predict the next character".
//
// Every generator throws InputError "<name>: expected at most 134217728 input values
// (N×T×F), …" rather than allocate more than that (512 MiB of floats).
//
// Generators are deterministic: the same options (seed included) give the same
// examples, bit for bit, on the same build. The airline series and the fable text are
// bundled in the source, so nothing is downloaded.
//
// Registered names (Kind::Dataset): sine, noisy_sine, airline_passengers, copy,
// reverse, add, text.

#include "deepstep/dataset.hpp"
#include "deepstep/registry.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace deepstep::sequences {

// ---- Sine waves ----

struct SineOptions {
    std::size_t samples = 500;
    std::size_t window = 20;  ///< T, time steps per input
    double period = 20.0;     ///< time steps per full cycle of the wave
    double noise = 0.0;       ///< σ of Gaussian noise on the inputs (noisy_sine)
    std::uint64_t seed = 0;
};

/// Example i starts at a random phase φᵢ ~ U[0, 2π):
///   input[i][t][0] = sin(φᵢ + 2π·t / period) + N(0, noise²), t = 0 … T−1,
///   target[i][0]   = sin(φᵢ + 2π·T / period)   (the clean next value).
/// Each example draws φᵢ, then T noise values (only when noise > 0).
/// ensures: inputs N×T×1, targets N×1, featureNames {"x"}, no class names.
/// throws InputError "<name>.samples", "<name>.window", "<name>.period" or
///        "<name>.noise" (name is "sine" or "noisy_sine" as `noisy` says) when samples
///        or window is 0, period < 2 or noise < 0.
TensorDataset sine(const SineOptions& options, bool noisy = false);

// ---- Airline passengers ----

/// Monthly international airline passengers, thousands, January 1949 – December 1960
/// (Box & Jenkins, "Time Series Analysis", series G; public domain).
inline constexpr std::size_t kAirlineMonths = 144;
const std::array<float, kAirlineMonths>& airlinePassengers();

enum class AirlineSplit { Train, Test, All };
/// None: thousands of passengers; MinMax: (x − min) / (max − min) over the training
/// months; LogChange: the month's change ln(x_m) − ln(x_{m−1}) (about ±0.2), so that the
/// trend and the growing swings are gone and the seasons remain.
enum class AirlineScale { None, MinMax, LogChange };

struct AirlineOptions {
    std::size_t window = 12;  ///< T, months per input
    AirlineScale scale = AirlineScale::MinMax;
    AirlineSplit split = AirlineSplit::All;
    std::size_t testMonths = 24;  ///< the last testMonths months are the test part
};

/// Windows of the series: example k holds months s … s+T−1 (N×T×1) and the target is
/// month s+T (N×1). A window belongs to the test split when its target month is one of
/// the last testMonths, to the train split otherwise; "all" is both, in time order.
/// MinMax maps (x − min) / (max − min) with min and max of the *training* months only
/// (the first 144 − testMonths), so nothing leaks from the test part; test values may
/// therefore exceed 1.
/// ensures: train has 144 − testMonths − T windows, test has testMonths, all has
///          144 − T; featureNames {"passengers"}.
/// throws InputError "airline_passengers.test_months: …" when testMonths is 0 or
///        leaves fewer than 2 training months, "airline_passengers.window: …" when the
///        window is 0 or not shorter than the training months.
TensorDataset airline(const AirlineOptions& options);

// ---- Symbol tasks ----

struct SymbolTaskOptions {
    std::size_t samples = 1000;
    std::size_t length = 8;      ///< T
    std::size_t vocabulary = 8;  ///< V, symbols 0 … V−1
    std::uint64_t seed = 0;
};

/// A random sequence of T symbols, each uniform over V (one draw per step), one-hot:
/// inputs N×T×V. The target is the same sequence (copy) or the sequence reversed
/// (reverse), also N×T×V one-hot. classNames {"0", …, "V−1"}.
/// throws InputError "<copy|reverse>.samples|length|vocabulary: …" when samples or
///        length is 0 or vocabulary < 2.
TensorDataset copyTask(const SymbolTaskOptions& options);
TensorDataset reverseTask(const SymbolTaskOptions& options);

struct AddingTaskOptions {
    std::size_t samples = 1000;
    std::size_t length = 20;  ///< T
    std::uint64_t seed = 0;
};

/// The adding problem: inputs N×T×2; channel 0 holds T values drawn from U[0, 1),
/// channel 1 is 0 except for two 1s at distinct random steps (the first marker is
/// drawn uniformly over the T steps, the second uniformly over the other T−1). The
/// target (N×1) is the sum of the two marked values. featureNames {"value", "marker"}.
/// throws InputError "add.samples: …" when samples is 0, "add.length: …" when < 2.
TensorDataset addingTask(const AddingTaskOptions& options);

// ---- Character-level text ----

/// A few Aesop fables in George Fyler Townsend's English translation (1867), a public
/// domain work; plain ASCII, one fable per line.
std::string_view fableText();

struct TextOptions {
    std::size_t window = 40;  ///< T, characters per input
    std::size_t stride = 3;   ///< characters between the starts of consecutive windows
    bool ids = false;         ///< inputs N×T of character ids 0 … V−1 instead of one-hot N×T×V
};

/// The text's distinct characters in ascending byte order form the vocabulary V.
/// Example k covers characters s = k·stride … s+T−1 (one-hot, N×T×V; with `ids`, their
/// numbers in the vocabulary, N×T); its target is
/// character s+T (one-hot, N×V). There are ⌊(L − T − 1) / stride⌋ + 1 examples for a
/// text of L characters. classNames are the characters themselves, except the line
/// break, which is named "\n" as two characters (a backslash and n).
/// throws InputError "text.window: …" when the window is 0 or not shorter than the
///        text, "text.stride: …" when the stride is 0.
TensorDataset characterWindows(const TextOptions& options);
/// The same on any text (used with fableText()); `where` prefixes messages.
TensorDataset characterWindows(std::string_view text, const TextOptions& options, const std::string& where = "text");

/// Adds every dataset above to `registry`.
/// throws std::invalid_argument when one of the names is taken already.
void registerComponents(Registry& registry);

}  // namespace deepstep::sequences
