#include "deepstep/dataset.hpp"

#include "deepstep/limits.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace deepstep {

Batch Dataset::gather(std::span<const std::size_t> indices) const {
    Batch b;
    gather(indices, b);
    return b;
}

void Dataset::gather(std::span<const std::size_t> indices, Batch& b) const {
    const Shape in = inputShape().withBatch(indices.size());
    const Shape out = targetShape().withBatch(indices.size());
    // Every element is overwritten below: a batch of the same shape keeps its memory.
    // A new one is checked against the memory budget first (all() of a large set
    // doubles what it takes).
    if (b.inputs.shape() != in || b.targets.shape() != out) {
        checkMemoryBudget((static_cast<long double>(in.elements()) + static_cast<long double>(out.elements())) *
                              sizeof(float),
                          "dataset", "a batch of " + std::to_string(indices.size()) + " examples (inputs " + in.str() +
                                         ", targets " + out.str() + ")");
    }
    if (b.inputs.shape() != in) {
        b.inputs = Tensor(in);
    }
    if (b.targets.shape() != out) {
        b.targets = Tensor(out);
    }
    const std::size_t inSize = in.sampleSize();
    const std::size_t outSize = out.sampleSize();
    // Ask for a few examples ahead of the one being copied: in a shuffled epoch each
    // one is a cache miss somewhere in a large array.
    constexpr std::size_t kAhead = 2;
    for (std::size_t k = 0; k < kAhead && k < indices.size(); ++k) {
        prefetchExample(indices[k]);
    }
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (k + kAhead < indices.size()) {
            prefetchExample(indices[k + kAhead]);
        }
        if (indices[k] >= size()) {
            throw std::out_of_range("Dataset::gather: index " + std::to_string(indices[k]) + " of " +
                                    std::to_string(size()));
        }
        copyExample(indices[k], b.inputs.data() + k * inSize, b.targets.data() + k * outSize);
    }
}

Batch Dataset::all() const {
    std::vector<std::size_t> idx(size());
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    return gather(idx);
}

TensorDataset::TensorDataset(Tensor inputs, Tensor targets, std::vector<std::string> classNames,
                             std::vector<std::string> featureNames)
    : inputs_(std::move(inputs)),
      targets_(std::move(targets)),
      classNames_(std::move(classNames)),
      featureNames_(std::move(featureNames)) {
    if (inputs_.batch() != targets_.batch()) {
        throw std::invalid_argument("TensorDataset: " + std::to_string(inputs_.batch()) + " inputs but " +
                                    std::to_string(targets_.batch()) + " targets");
    }
}

Shape TensorDataset::inputShape() const {
    const auto& d = inputs_.shape().dims();
    return Shape(std::vector<std::size_t>(d.begin() + 1, d.end()));
}

Shape TensorDataset::targetShape() const {
    const auto& d = targets_.shape().dims();
    return Shape(std::vector<std::size_t>(d.begin() + 1, d.end()));
}

void TensorDataset::copyExample(std::size_t i, float* input, float* target) const {
    const std::size_t a = inputs_.sampleSize();
    const std::size_t b = targets_.sampleSize();
    std::copy_n(inputs_.data() + i * a, a, input);
    std::copy_n(targets_.data() + i * b, b, target);
}

namespace {
// Asks for every cache line of `bytes` bytes from `p` on.
void prefetchBytes(const float* p, std::size_t bytes) {
    const auto* c = reinterpret_cast<const char*>(p);
    constexpr std::size_t kLine = 64;
    for (std::size_t o = 0; o < bytes; o += kLine) {
        __builtin_prefetch(c + o);
    }
}
}  // namespace

void TensorDataset::prefetchExample(std::size_t i) const {
    if (i >= size()) {
        return;
    }
    const std::size_t a = inputs_.sampleSize();
    const std::size_t b = targets_.sampleSize();
    prefetchBytes(inputs_.data() + i * a, a * sizeof(float));
    prefetchBytes(targets_.data() + i * b, b * sizeof(float));
}

SubsetDataset::SubsetDataset(const Dataset& base, std::vector<std::size_t> indices)
    : base_(base), indices_(std::move(indices)) {
    for (std::size_t i : indices_) {
        if (i >= base_.size()) {
            throw std::out_of_range("SubsetDataset: index " + std::to_string(i) + " of " +
                                    std::to_string(base_.size()));
        }
    }
}

void SubsetDataset::copyExample(std::size_t i, float* input, float* target) const {
    base_.copyExample(indices_.at(i), input, target);
}

void SubsetDataset::prefetchExample(std::size_t i) const {
    if (i < indices_.size()) {
        base_.prefetchExample(indices_[i]);
    }
}

}  // namespace deepstep
