#pragma once
// Evaluation metrics and k-fold cross-validation.
//
// Class predictions from network outputs: a single output column is a binary
// classifier thresholded at 0.5; several columns are argmax. Targets follow the same
// rule (0/1 column or one-hot rows).

#include "deepstep/tensor.hpp"

#include <cstddef>
#include <vector>

namespace deepstep {

/// Predicted class per row. requires: 2-D tensor (N × K).
std::vector<std::size_t> predictedClasses(const Tensor& outputs);
/// Number of classes a K-column output stands for (2 when K == 1).
std::size_t classCount(const Tensor& outputs);

/// c × c counts: row = true class, column = predicted class.
class ConfusionMatrix {
public:
    explicit ConfusionMatrix(std::size_t classes = 2);
    void add(std::size_t truth, std::size_t predicted);
    /// Adds every row of a batch. requires: outputs/targets N × K alike.
    void add(const Tensor& outputs, const Tensor& targets);
    std::size_t classes() const { return c_; }
    std::size_t count(std::size_t truth, std::size_t predicted) const { return m_.at(truth * c_ + predicted); }
    std::size_t total() const;
    double accuracy() const;
    /// Per class: TP / (TP + FP), 0 when nothing was predicted as the class.
    double precision(std::size_t cls) const;
    /// Per class: TP / (TP + FN), 0 when the class never occurs.
    double recall(std::size_t cls) const;
    double f1(std::size_t cls) const;
    /// Unweighted means over classes (macro averages).
    double macroPrecision() const;
    double macroRecall() const;
    double macroF1() const;

private:
    std::size_t c_;
    std::vector<std::size_t> m_;
};

double accuracy(const Tensor& outputs, const Tensor& targets);
double meanSquaredError(const Tensor& outputs, const Tensor& targets);   ///< mean over all elements
double meanAbsoluteError(const Tensor& outputs, const Tensor& targets);  ///< mean over all elements

/// k folds over n indices, shuffled with `seed`. Fold i's validation indices are
/// folds[i]; its training indices are every other fold. Sizes differ by at most one.
/// requires: 2 <= k <= n.
std::vector<std::vector<std::size_t>> kFoldIndices(std::size_t n, std::size_t k, std::uint64_t seed);
/// Training indices of fold i: all indices not in folds[i], in fold order.
/// throws std::out_of_range when i >= folds.size().
std::vector<std::size_t> kFoldTrainIndices(const std::vector<std::vector<std::size_t>>& folds, std::size_t i);

}  // namespace deepstep
