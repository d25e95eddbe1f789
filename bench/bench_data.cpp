// Where the bench's training images come from. The speed of a dense network does
// not depend on the pixel values, so synthetic data stands in for Fashion-MNIST
// when its files are missing; the labels still follow a fixed linear teacher, so
// the loss falls during the epoch and the sanity checks stay meaningful.
#include "bench.hpp"

#include "deepstep/data/images.hpp"
#include "deepstep/data/locate.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"

#include <algorithm>
#include <filesystem>

namespace deepstep::bench {

namespace {

constexpr std::size_t kFashionMnistTrainSize = 60000;

std::vector<std::string> fashionMnistClassNames() {
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
}

void fillOneHot(BenchData& data, std::size_t classes) {
    data.targets = Tensor(Shape{data.labels.size(), classes});
    for (std::size_t i = 0; i < data.labels.size(); ++i) {
        data.targets[i * classes + data.labels[i]] = 1.0F;
    }
}

BenchData syntheticData(std::size_t n, const MlpConfig& config) {
    const std::size_t features = config.layers.front();
    const std::size_t classes = config.layers.back();
    Rng rng(config.seed ^ 0xda7aU);
    BenchData data;
    data.inputs = Tensor(Shape{n, features});
    // About half the pixels dark, like clothing on a black background.
    for (float& v : data.inputs.values()) {
        const float u = rng.uniform();
        v = u < 0.5F ? 0.0F : rng.uniform();
    }
    arma::fmat teacher(classes, features);
    for (float& v : teacher) {
        v = rng.normal();
    }
    const arma::fmat scores = teacher * (data.inputs.columns() - 0.25F);
    data.labels.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        data.labels[i] = static_cast<std::uint32_t>(scores.col(i).index_max());
    }
    fillOneHot(data, classes);
    data.classNames.clear();
    for (std::size_t c = 0; c < classes; ++c) {
        data.classNames.push_back("class " + std::to_string(c));
    }
    data.source = "synthetic (" + std::to_string(n) + " images with labels from a fixed linear teacher)";
    return data;
}

}  // namespace

std::string defaultDataDirectory() {
    return data::fashionMnistDirectory();
}

BenchData loadBenchData(std::size_t limit, const MlpConfig& config, const std::string& directory) {
    const std::size_t n = limit == 0 ? kFashionMnistTrainSize : std::min(limit, kFashionMnistTrainSize);
    const std::filesystem::path dir(directory);
    const std::string images = (dir / "train-images-idx3-ubyte.gz").string();
    const std::string labels = (dir / "train-labels-idx1-ubyte.gz").string();
    if (std::filesystem::exists(images) && std::filesystem::exists(labels)) {
        const TensorDataset set = data::loadIdxImages(images, labels, fashionMnistClassNames(), n);
        const std::size_t features = config.layers.front();
        const std::size_t classes = config.layers.back();
        if (set.inputShape().elements() != features || set.targetShape().elements() != classes) {
            throw InputError(images, "expected " + std::to_string(features) + "-pixel images in " +
                                         std::to_string(classes) + " classes, got images of shape " +
                                         set.inputShape().str() + " in " + std::to_string(set.targetShape().elements()) +
                                         " classes");
        }
        BenchData data;
        // One flat feature vector per image, the shape the network's input layer declares.
        data.inputs = set.inputs().reshaped(Shape{set.size(), features});
        data.targets = set.targets();
        data.labels.resize(set.size());
        for (std::size_t i = 0; i < set.size(); ++i) {
            const float* row = data.targets.data() + i * classes;
            data.labels[i] = static_cast<std::uint32_t>(std::max_element(row, row + classes) - row);
        }
        data.classNames = set.classNames();
        data.source = "fashion-mnist (" + directory + ")";
        return data;
    }
    BenchData data = syntheticData(n, config);
    data.source += "; no Fashion-MNIST files in " + directory;
    return data;
}

}  // namespace deepstep::bench
