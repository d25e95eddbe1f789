#include "deepstep/real/real_datasets.hpp"

#include "deepstep/data/csv.hpp"
#include "deepstep/data/images.hpp"
#include "deepstep/data/locate.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <utility>

namespace deepstep::real {

namespace {

namespace fs = std::filesystem;

// Largest seed or example count an option takes: within the long long an option holds
// (a double beyond 2^63 would not convert), and far beyond any real data set.
constexpr double kLargestCount = kLargestIntegerOption;

const char* const kDigitsImages = "digits-images-idx3-ubyte.gz";
const char* const kDigitsLabels = "digits-labels-idx1-ubyte.gz";

std::string joinPath(const std::string& folder, const std::string& file) {
    return (fs::path(folder) / file).string();
}

// "a, b ,c" → {"a", "b", "c"}; empty pieces are dropped.
std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    auto flush = [&] {
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
        item.clear();
    };
    for (char c : text) {
        if (c == ',') {
            flush();
        } else {
            item += c;
        }
    }
    flush();
    return items;
}

TensorDataset gathered(const TensorDataset& all, const std::vector<std::size_t>& indices) {
    Batch batch = all.gather(indices);
    return TensorDataset(std::move(batch.inputs), std::move(batch.targets), all.classNames(), all.featureNames());
}

// ---- registration helpers ----

OptionSpec splitSpec(std::vector<std::string> choices, std::string defaultValue) {
    const bool withAll = std::find(choices.begin(), choices.end(), "all") != choices.end();
    Text help = withAll ? Text{"Which part of the data: train (to learn from), test (held out to measure), or all.",
                               "데이터의 어느 부분을 쓸지 고릅니다: train(학습용), test(평가용으로 떼어 둔 부분), "
                               "all(전체)."}
                        : Text{"Which part of the data: train (to learn from) or test (held out to measure).",
                               "데이터의 어느 부분을 쓸지 고릅니다: train(학습용) 또는 test(평가용)."};
    return choiceOption("split", std::move(defaultValue), std::move(choices), std::move(help));
}

OptionSpec testFractionSpec(double defaultValue) {
    return numberOption("test_fraction", defaultValue, 0, 0.95,
                        {"Share of the examples held out as the test split (0.2 = one in five).",
                         "평가용(test)으로 떼어 둘 예제의 비율입니다(0.2는 다섯 개 중 하나)."});
}

OptionSpec seedSpec() {
    return integerOption("seed", 0, 0, kLargestCount,
                         {"Seed of the train/test split: the same seed always puts the same examples in each split.",
                          "학습/평가 분할의 시드입니다. 같은 시드는 언제나 같은 예제를 같은 쪽에 넣습니다."});
}

// The registry puts its own path ("dataset") before the `where` of an error, which
// suits option names ("dataset.mnist.seed") but not file places: those come out as
// "dataset: houses.csv: line 7, …" instead of "dataset.houses.csv: line 7".
template <typename Make>
std::unique_ptr<Dataset> made(const std::string& name, Make make) {
    try {
        return std::make_unique<TensorDataset>(make());
    } catch (const InputError& e) {
        if (e.where().rfind(name + ".", 0) == 0) throw;
        throw InputError("", e.what());
    }
}

real::SplitOptions splitOptions(const Options& o) {
    real::SplitOptions s;
    s.split = o.text("split");
    s.testFraction = o.number("test_fraction");
    s.seed = static_cast<std::uint64_t>(o.integer("seed"));
    return s;
}

}  // namespace

const std::vector<std::string>& fashionClassNames() {
    static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

std::string fetchCommandHint() {
    const fs::path source = fs::path(DEEPSTEP_SOURCE_DATASETS_DIR) / "fetch-mnist-digits.sh";
    if (fs::exists(source)) return source.string();
    return (fs::path(DEEPSTEP_INSTALLED_DATASETS_DIR) / "fetch-mnist-digits.sh").string();
}

TensorDataset fashionMnist(const std::string& split, std::size_t limit) {
    if (split != "train" && split != "test") {
        throw InputError("fashion_mnist.split", "expected train or test, got \"" + split + "\"");
    }
    const std::string folder = data::fashionMnistDirectory();
    const std::string prefix = split == "train" ? "train" : "t10k";
    const std::string images = joinPath(folder, prefix + "-images-idx3-ubyte.gz");
    const std::string labels = joinPath(folder, prefix + "-labels-idx1-ubyte.gz");
    for (const auto& file : {images, labels}) {
        if (!fs::exists(file)) {
            throw InputError(file, "expected the Fashion-MNIST file here, got no such file; install it with "
                                   "`sudo apt-get install dataset-fashion-mnist` (or set DEEPSTEP_FASHION_MNIST)");
        }
    }
    return data::loadIdxImages(images, labels, fashionClassNames(), limit);
}

TensorDataset splitExamples(const TensorDataset& all, const SplitOptions& options, const std::string& where) {
    if (options.split == "all") return all;
    if (options.split != "train" && options.split != "test") {
        throw InputError(where + ".split", "expected train, test or all, got \"" + options.split + "\"");
    }
    if (!(options.testFraction >= 0.0 && options.testFraction < 1.0)) {
        throw InputError(where + ".test_fraction",
                         "expected a fraction in [0, 1), got " + std::to_string(options.testFraction));
    }
    const std::size_t n = all.size();
    const auto testCount = static_cast<std::size_t>(std::llround(static_cast<double>(n) * options.testFraction));
    Rng rng(options.seed);
    const std::vector<std::size_t> order = rng.permutation(n);
    const bool test = options.split == "test";
    std::vector<std::size_t> chosen(test ? order.end() - static_cast<std::ptrdiff_t>(testCount) : order.begin(),
                                    test ? order.end() : order.end() - static_cast<std::ptrdiff_t>(testCount));
    if (chosen.empty()) {
        throw InputError(where + ".split", "expected some examples in the " + options.split + " split, got none (" +
                                               std::to_string(n) + " examples, test fraction " +
                                               std::to_string(options.testFraction) + ")");
    }
    return gathered(all, chosen);
}

TensorDataset mnistDigits(const SplitOptions& split, const std::string& imagesPath, const std::string& labelsPath) {
    if (imagesPath.empty() != labelsPath.empty()) {
        throw InputError(imagesPath.empty() ? "mnist.images" : "mnist.labels",
                         "expected both images and labels paths (or neither, for the fetched digits), got only one");
    }
    if (!imagesPath.empty()) {
        return splitExamples(data::loadIdxImages(imagesPath, labelsPath, data::numberedClassNames(10)), split,
                             "mnist");
    }
    const std::string folder = data::mnistDigitsDirectory();
    const std::string images = joinPath(folder, kDigitsImages);
    const std::string labels = joinPath(folder, kDigitsLabels);
    if (!fs::exists(images) || !fs::exists(labels)) {
        throw InputError(folder, std::string("expected the MNIST digits (") + kDigitsImages + ", " + kDigitsLabels +
                                     ") in this folder, got none; fetch them once with "
                                     "`datasets/fetch-mnist-digits.sh` (" +
                                     fetchCommandHint() +
                                     "), or give the images and labels options the paths of your own MNIST files");
    }
    return splitExamples(data::loadIdxImages(images, labels, data::numberedClassNames(10)), split, "mnist");
}

void registerComponents(Registry& registry) {
    registry.addDataset(
        componentInfo(Kind::Dataset, "fashion_mnist",
                      {"Fashion-MNIST: 28×28 grey photos of clothing in 10 classes (60,000 train, 10,000 test).",
                       "패션 MNIST: 옷과 신발을 찍은 28×28 흑백 사진, 10개 클래스(학습 6만 장, 평가 1만 장)."},
                      Schema{splitSpec({"train", "test"}, "train"),
                             integerOption("limit", 0, 0, kLargestCount,
                                           {"Keep only the first N examples (0 = all): quick labs and tests.",
                                            "앞에서부터 N개만 씁니다(0이면 전부). 빠른 실습이나 테스트용입니다."})}),
        [](const Options& o) {
            return made("fashion_mnist",
                        [&] { return fashionMnist(o.text("split"), static_cast<std::size_t>(o.integer("limit"))); });
        });

    registry.addDataset(
        componentInfo(Kind::Dataset, "mnist",
                      {"MNIST handwritten digits, 28×28, 10 classes: the 10,000 fetched by "
                       "datasets/fetch-mnist-digits.sh, or your own MNIST files.",
                       "MNIST 손글씨 숫자(28×28, 10개 클래스). datasets/fetch-mnist-digits.sh로 받은 1만 장이나 "
                       "직접 가진 MNIST 파일을 씁니다."},
                      Schema{splitSpec({"train", "test", "all"}, "train"), testFractionSpec(0.2), seedSpec(),
                             textOption("images", "",
                                        {"Your own IDX images file (e.g. train-images-idx3-ubyte.gz); empty: the "
                                         "fetched digits.",
                                         "직접 가진 IDX 이미지 파일(예: train-images-idx3-ubyte.gz). 비워 두면 "
                                         "내려받은 숫자를 씁니다."}),
                             textOption("labels", "",
                                        {"The IDX labels file that goes with images.",
                                         "images와 짝이 되는 IDX 레이블 파일입니다."})}),
        [](const Options& o) {
            return made("mnist", [&] { return mnistDigits(splitOptions(o), o.text("images"), o.text("labels")); });
        });

    registry.addDataset(
        componentInfo(Kind::Dataset, "idx",
                      {"Images from your own IDX files (the MNIST format): an images file and a labels file.",
                       "직접 준비한 IDX 파일(MNIST 형식)의 이미지: 이미지 파일과 레이블 파일 한 쌍입니다."},
                      Schema{textOption("images", nullptr,
                                        {"Path of the IDX images file (N×H×W unsigned bytes, gzip or not).",
                                         "IDX 이미지 파일의 경로(N×H×W 부호 없는 바이트, gzip 압축 여부 무관)."}),
                             textOption("labels", nullptr,
                                        {"Path of the IDX labels file (N unsigned bytes).",
                                         "IDX 레이블 파일의 경로(N개의 부호 없는 바이트)."}),
                             textOption("classes", "",
                                        {"Class names separated by commas, label 0 first; empty: \"0\", \"1\", ….",
                                         "쉼표로 구분한 클래스 이름(레이블 0부터). 비워 두면 \"0\", \"1\", …입니다."})}),
        [](const Options& o) {
            return made("idx", [&] {
                return data::loadIdxImages(o.text("images"), o.text("labels"), splitList(o.text("classes")));
            });
        });

    registry.addDataset(
        componentInfo(Kind::Dataset, "csv",
                      {"A table from a CSV file with a header row: numeric (or one-hot) features and a target.",
                       "머리글 행이 있는 CSV 파일의 표: 숫자(또는 원-핫) 특성과 목표값입니다."},
                      Schema{textOption("path", nullptr, {"Path of the CSV file.", "CSV 파일의 경로입니다."}),
                             textOption("target", "",
                                        {"Target column names, separated by commas; empty: the last column.",
                                         "목표값 열 이름(쉼표로 구분). 비워 두면 마지막 열입니다."}),
                             textOption("categorical", "",
                                        {"Columns holding categories, separated by commas: each becomes one 0/1 "
                                         "column per value.",
                                         "범주 값을 담은 열(쉼표로 구분). 값마다 0/1 열 하나로 바뀝니다(원-핫)."}),
                             choiceOption("scale", "none", {"none", "standard", "minmax"},
                                          {"Feature scaling, fitted on the train split only: standard (mean 0, "
                                           "deviation 1) or minmax (into [0, 1]).",
                                           "특성 스케일링. 학습 분할만으로 맞춥니다: standard(평균 0, 표준편차 1), "
                                           "minmax([0, 1] 범위)."}),
                             testFractionSpec(0.0), splitSpec({"all", "train", "test"}, "all"), seedSpec(),
                             flagOption("classify", false,
                                        {"The target is a class column: one-hot targets and class names.",
                                         "목표값이 클래스 열입니다. 원-핫 목표값과 클래스 이름을 만듭니다."})}),
        [](const Options& o) {
            data::CsvOptions c;
            c.targets = splitList(o.text("target"));
            c.categorical = splitList(o.text("categorical"));
            c.scale = o.text("scale");
            c.testFraction = o.number("test_fraction");
            c.split = o.text("split");
            c.seed = static_cast<std::uint64_t>(o.integer("seed"));
            c.classify = o.flag("classify");
            return made("csv", [&] { return data::loadCsv(o.text("path"), c); });
        });
}

}  // namespace deepstep::real
