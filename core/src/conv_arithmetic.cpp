#include "deepstep/conv_arithmetic.hpp"

#include <stdexcept>

namespace deepstep::conv {

namespace {
void requirePositive(std::size_t v, const char* what) {
    if (v == 0) {
        throw std::invalid_argument(std::string("conv arithmetic: ") + what + " must be at least 1");
    }
}
}  // namespace

Axis axis(std::size_t input, std::size_t kernel, std::size_t stride, std::size_t padding, std::size_t dilation) {
    return Axis{input, kernel, stride, padding, padding, dilation};
}

std::size_t dilatedKernel(std::size_t kernel, std::size_t dilation) {
    requirePositive(kernel, "kernel");
    requirePositive(dilation, "dilation");
    return dilation * (kernel - 1) + 1;
}

long long outputSize(const Axis& a) {
    requirePositive(a.stride, "stride");
    const long long span = static_cast<long long>(dilatedKernel(a.kernel, a.dilation));
    const long long padded = static_cast<long long>(a.input + a.padBefore + a.padAfter);
    const long long stride = static_cast<long long>(a.stride);
    const long long room = padded - span;
    // Floor division, also for a window wider than the padded input (room < 0).
    const long long steps = room >= 0 ? room / stride : -((-room + stride - 1) / stride);
    return steps + 1;
}

Axis samePadding(Axis a) {
    requirePositive(a.stride, "stride");
    const std::size_t out = (a.input + a.stride - 1) / a.stride;
    const std::size_t span = dilatedKernel(a.kernel, a.dilation);
    const std::size_t needed = out == 0 ? 0 : (out - 1) * a.stride + span;
    const std::size_t total = needed > a.input ? needed - a.input : 0;
    a.padBefore = total / 2;
    a.padAfter = total - a.padBefore;
    return a;
}

Text outputSizeFormula() {
    return {"out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1", "출력 = ⌊(입력 + 2p − d(k − 1) − 1) / s⌋ + 1"};
}

std::string outputSizeWorked(const Axis& a) {
    const auto n = [](std::size_t v) { return std::to_string(v); };
    const std::string padding = a.padBefore == a.padAfter ? "2·" + n(a.padBefore) : n(a.padBefore) + " + " + n(a.padAfter);
    return "⌊(" + n(a.input) + " + " + padding + " − " + n(a.dilation) + "·(" + n(a.kernel) + " − 1) − 1) / " +
           n(a.stride) + "⌋ + 1 = " + std::to_string(outputSize(a));
}

ReceptiveField receptiveFieldAfter(ReceptiveField before, std::size_t kernel, std::size_t stride,
                                   std::size_t dilation) {
    requirePositive(stride, "stride");
    const std::size_t span = dilatedKernel(kernel, dilation);
    return {before.size + (span - 1) * before.jump, before.jump * stride};
}

long long transposedOutputSize(const Axis& a, std::size_t outputPadding) {
    requirePositive(a.stride, "stride");
    requirePositive(a.input, "input");
    const auto v = [](std::size_t x) { return static_cast<long long>(x); };
    return (v(a.input) - 1) * v(a.stride) - v(a.padBefore) - v(a.padAfter) +
           v(dilatedKernel(a.kernel, a.dilation)) - 1 + v(outputPadding) + 1;
}

Text transposedOutputSizeFormula() {
    return {"out = (in − 1)·s − 2p + d(k − 1) + output_padding + 1",
            "출력 = (입력 − 1)·s − 2p + d(k − 1) + output_padding + 1"};
}

std::string transposedOutputSizeWorked(const Axis& a, std::size_t outputPadding) {
    const auto n = [](std::size_t v) { return std::to_string(v); };
    const std::string padding = a.padBefore == a.padAfter ? "2·" + n(a.padBefore) : n(a.padBefore) + " − " + n(a.padAfter);
    return "(" + n(a.input) + " − 1)·" + n(a.stride) + " − " + padding + " + " + n(a.dilation) + "·(" + n(a.kernel) +
           " − 1) + " + n(outputPadding) + " + 1 = " + std::to_string(transposedOutputSize(a, outputPadding));
}

std::size_t convolutionParameters(std::size_t inChannels, std::size_t filters, std::size_t kh, std::size_t kw,
                                  std::size_t groups, bool bias) {
    requirePositive(groups, "groups");
    if (inChannels % groups != 0 || filters % groups != 0) {
        throw std::invalid_argument("conv arithmetic: groups must divide the input channels and the filters");
    }
    return filters * (inChannels / groups) * kh * kw + (bias ? filters : 0);
}

ParameterComparison compareParameters(std::size_t inChannels, std::size_t filters, std::size_t kh, std::size_t kw,
                                      bool bias) {
    ParameterComparison c;
    c.plain = convolutionParameters(inChannels, filters, kh, kw, 1, bias);
    c.depthwise = convolutionParameters(inChannels, inChannels, kh, kw, inChannels, bias);
    c.separable = c.depthwise + convolutionParameters(inChannels, filters, 1, 1, 1, bias);
    return c;
}

}  // namespace deepstep::conv
