#pragma once
// Loss reductions: how a loss turns its per-element terms into one number, and the
// option "reduction" that every built-in loss declares. For loss authors: compute the
// sum over every element, multiply by lossReductionScale, and scale the gradient alike.

#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"

#include <cstddef>
#include <string>

namespace deepstep {

/// How a loss turns its per-element terms into one number: the option "reduction"
/// of every built-in loss. The gradient is scaled the same way.
///   BatchMean ("batch_mean", the default and the lectures' convention): summed over a
///             sample's outputs, averaged over the N samples (factor 1/N);
///   Mean      ("mean", PyTorch's and Keras's default): averaged over all N·K elements
///             (factor 1/(N·K)); a loss whose per-sample value is a sum over classes,
///             as categorical cross-entropy, averages over the samples instead,
///             as PyTorch's CrossEntropyLoss does;
///   Sum       ("sum"): summed over everything (factor 1).
enum class LossReduction { BatchMean, Mean, Sum };

/// "batch_mean", "mean" or "sum".
std::string lossReductionName(LossReduction reduction);
/// requires: name is one of lossReductionName's results (a schema Choice ensures it).
/// throws std::invalid_argument otherwise.
LossReduction lossReductionFromName(const std::string& name);
/// The factor that multiplies the sum over every element of `output`.
/// requires: output.batch() >= 1. perSampleSum: Mean divides by N only (see above).
double lossReductionScale(LossReduction reduction, const Tensor& output, bool perSampleSum = false);
/// The same factor for `batch` samples of `elements` values in all.
/// requires: batch >= 1, elements >= batch.
double lossReductionScale(LossReduction reduction, std::size_t batch, std::size_t elements, bool perSampleSum = false);
/// The option "reduction" (Choice, default "batch_mean") with its help, for a loss's
/// schema. perSampleSum as in lossReductionScale, for the help text.
OptionSpec lossReductionOption(bool perSampleSum = false);

}  // namespace deepstep
