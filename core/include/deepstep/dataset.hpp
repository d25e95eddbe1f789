#pragma once
// Dataset: a fixed, indexable collection of (input, target) examples.
//
// Datasets are deterministic: a generator takes a seed, and the same seed gives the
// same examples. Targets are numbers: one-hot rows for multi-class data, a single 0/1
// column for binary data, real values for regression.
//
// A dataset built from user input (a file, options) must, before it allocates, check
// what it will take with deepstep::checkMemoryBudget (limits.hpp), and refuse bad input
// with an InputError that names the file or option, the place (line and column, byte
// offset, option name) and what was expected — never a crash, a hang or bad_alloc.

#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"

#include <span>
#include <string>
#include <vector>

namespace deepstep {

struct Batch {
    Tensor inputs;
    Tensor targets;
};

class Dataset {
public:
    virtual ~Dataset() = default;
    /// Number of examples.
    virtual std::size_t size() const = 0;
    /// Shape of one input, e.g. {2} or {1, 28, 28}.
    virtual Shape inputShape() const = 0;
    /// Shape of one target, e.g. {1} or {10}.
    virtual Shape targetShape() const = 0;
    /// Copies example i. requires: i < size(); input has inputShape().elements()
    /// floats of room, target targetShape().elements().
    virtual void copyExample(std::size_t i, float* input, float* target) const = 0;
    /// Class names for classification data (empty for regression).
    virtual std::vector<std::string> classNames() const { return {}; }
    /// Names of the input features, when they have names ("x1", "age").
    virtual std::vector<std::string> featureNames() const { return {}; }
    /// A hint that example i will be copied soon: a dataset that holds its examples
    /// in memory can ask the processor to start loading them, so that gather()'s
    /// copies, which jump about a shuffled dataset, wait less for memory. Must not
    /// change anything a caller can see. The default does nothing; any i is allowed
    /// (an index out of range is ignored).
    virtual void prefetchExample(std::size_t /*i*/) const {}

    /// Gathers the given examples into one batch. requires: every index < size().
    /// throws InputError("dataset", "a batch of N examples … would take … of memory;
    /// the limit is …") when a new batch would not fit the memory budget
    /// (deepstep::memoryLimit()), before allocating it; std::out_of_range for an index
    /// beyond size().
    Batch gather(std::span<const std::size_t> indices) const;
    /// The same into an existing batch, reusing its memory when the shapes match
    /// (the trainer's loop, which would otherwise allocate a batch per iteration);
    /// only a batch that has to be allocated is checked against the budget.
    void gather(std::span<const std::size_t> indices, Batch& into) const;
    /// All examples, in order (a copy: checked against the budget like gather).
    Batch all() const;
};

/// A dataset held in memory as two tensors (N × input..., N × target...).
class TensorDataset : public Dataset {
public:
    /// requires: inputs.batch() == targets.batch().
    TensorDataset(Tensor inputs, Tensor targets, std::vector<std::string> classNames = {},
                  std::vector<std::string> featureNames = {});
    std::size_t size() const override { return inputs_.batch(); }
    Shape inputShape() const override;
    Shape targetShape() const override;
    void copyExample(std::size_t i, float* input, float* target) const override;
    void prefetchExample(std::size_t i) const override;
    std::vector<std::string> classNames() const override { return classNames_; }
    std::vector<std::string> featureNames() const override { return featureNames_; }
    const Tensor& inputs() const { return inputs_; }
    const Tensor& targets() const { return targets_; }

private:
    Tensor inputs_;
    Tensor targets_;
    std::vector<std::string> classNames_;
    std::vector<std::string> featureNames_;
};

/// A view of some examples of another dataset (a split or a fold).
class SubsetDataset : public Dataset {
public:
    /// requires: `base` outlives this; every index < base.size().
    SubsetDataset(const Dataset& base, std::vector<std::size_t> indices);
    std::size_t size() const override { return indices_.size(); }
    Shape inputShape() const override { return base_.inputShape(); }
    Shape targetShape() const override { return base_.targetShape(); }
    void copyExample(std::size_t i, float* input, float* target) const override;
    void prefetchExample(std::size_t i) const override;
    std::vector<std::string> classNames() const override { return base_.classNames(); }
    std::vector<std::string> featureNames() const override { return base_.featureNames(); }

private:
    const Dataset& base_;
    std::vector<std::size_t> indices_;
};

}  // namespace deepstep
