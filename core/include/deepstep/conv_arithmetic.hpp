#pragma once
// Convolution arithmetic: output sizes, "same" padding and receptive fields, in one
// place for the layers that slide a window (convolution, pooling), the CLI and the
// Studio. Nothing here names a layer type: a caller gives the numbers of one axis.
//
// Along one axis, with input size in, kernel k, stride s, padding p on each side and
// dilation d, the window covers d(k − 1) + 1 inputs and
//
//     out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1
//
// outputs fit (PyTorch's Conv2d and MaxPool2d formula, without ceil_mode). With
// padding that differs between the two sides, 2p is their sum.

#include "deepstep/options.hpp"

#include <cstddef>
#include <string>

namespace deepstep::conv {

/// The numbers of one spatial axis of a sliding window.
struct Axis {
    std::size_t input = 0;         ///< size of the input along this axis
    std::size_t kernel = 1;        ///< k >= 1
    std::size_t stride = 1;        ///< s >= 1
    std::size_t padBefore = 0;     ///< zeros added before the first input (top / left)
    std::size_t padAfter = 0;      ///< zeros added after the last input (bottom / right)
    std::size_t dilation = 1;      ///< d >= 1: the gap between kernel taps is d − 1
};

/// An axis with the same padding p on both sides.
Axis axis(std::size_t input, std::size_t kernel, std::size_t stride = 1, std::size_t padding = 0,
          std::size_t dilation = 1);

/// d(k − 1) + 1: how many inputs one window spans.
/// requires: kernel >= 1, dilation >= 1.
std::size_t dilatedKernel(std::size_t kernel, std::size_t dilation);

/// ⌊(in + p_before + p_after − d(k − 1) − 1) / s⌋ + 1 as a signed number (floor division
/// throughout): zero or negative when the window does not fit the padded input even once.
/// requires: kernel, stride, dilation >= 1.
long long outputSize(const Axis& a);

/// "same" padding: the padding that makes out = ⌈in / s⌉ (= in for stride 1), split as
/// PyTorch and TensorFlow split it: total = max((out − 1)s + d(k − 1) + 1 − in, 0),
/// before = ⌊total / 2⌋, after = total − before (the extra zero, if any, at the end).
/// ensures: the returned axis is `a` with padBefore and padAfter set.
Axis samePadding(Axis a);

/// The formula with letters, in the language's words: "out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1".
Text outputSizeFormula();

/// The formula with this axis's numbers and its result, e.g.
/// "⌊(28 + 2·1 − 1·(3 − 1) − 1) / 1⌋ + 1 = 28"; with unequal padding
/// "⌊(28 + 0 + 1 − ...". Numbers and symbols only: the same in every language.
std::string outputSizeWorked(const Axis& a);

/// The receptive field of one output of a stack of sliding windows, on the stack's input:
/// `size` inputs wide, and neighbouring outputs `jump` inputs apart.
struct ReceptiveField {
    std::size_t size = 1;
    std::size_t jump = 1;
};

/// The receptive field after one more layer with kernel k, stride s and dilation d:
/// size + d(k − 1)·jump, jump·s. Start from the default {1, 1} (the input itself).
ReceptiveField receptiveFieldAfter(ReceptiveField before, std::size_t kernel, std::size_t stride = 1,
                                   std::size_t dilation = 1);


// ---- the transposed convolution ----
//
// A transposed convolution (conv_transpose2d) runs the window the other way: each input
// spreads over a window of the output, and along one axis
//
//     out = (in − 1)·s − 2p + d(k − 1) + output_padding + 1
//
// (PyTorch's ConvTranspose2d formula). It is the size a convolution with the same k, s, p
// and d maps back to `in`; output_padding (less than s) picks one of the s sizes that do.

/// (in − 1)·s − p_before − p_after + d(k − 1) + outputPadding + 1, for the axis `a`
/// described as the transposed convolution's input (a.input = in), as a signed number:
/// zero or negative when the padding eats the whole output.
/// requires: kernel, stride, dilation >= 1, a.input >= 1.
long long transposedOutputSize(const Axis& a, std::size_t outputPadding = 0);

/// The formula with letters: "out = (in − 1)·s − 2p + d(k − 1) + output_padding + 1".
Text transposedOutputSizeFormula();

/// The formula with this axis's numbers and its result, e.g.
/// "(7 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 14".
std::string transposedOutputSizeWorked(const Axis& a, std::size_t outputPadding = 0);

/// Parameters of a convolution from `inChannels` to `filters` channels with a kh × kw
/// kernel in `groups` groups: filters·(inChannels / groups)·kh·kw weights, plus one bias
/// per filter when `bias`.
/// requires: groups >= 1 divides inChannels and filters.
std::size_t convolutionParameters(std::size_t inChannels, std::size_t filters, std::size_t kh, std::size_t kw,
                                  std::size_t groups = 1, bool bias = true);

/// The parameters of the three ways to map inChannels to filters channels with a kh × kw
/// window, side by side: a plain convolution (groups 1), a depthwise one (groups =
/// channels, one kh × kw filter per channel: its output keeps inChannels channels), and a
/// depthwise-separable one (that depthwise convolution, then a 1 × 1 convolution to
/// `filters` channels).
struct ParameterComparison {
    std::size_t plain = 0;
    std::size_t depthwise = 0;
    std::size_t separable = 0;
};
ParameterComparison compareParameters(std::size_t inChannels, std::size_t filters, std::size_t kh, std::size_t kw,
                                      bool bias = true);

}  // namespace deepstep::conv
