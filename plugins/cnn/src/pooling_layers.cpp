// Pooling and reshaping: max_pool2d, avg_pool2d, global_avg_pool, flatten.
#include "deepstep/cnn/layers.hpp"
#include "deepstep/cnn/vectors.hpp"
#include "deepstep/errors.hpp"
#include "image_chunks.hpp"
#include "simd.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace deepstep::cnn {

void checkPoolOptions(const PoolOptions& o, const std::string& layer) {
    for (const auto& [size, option] : {std::pair{o.kernel, "kernel"}, std::pair{o.stride, "stride"}}) {
        if (size.h == 0 || size.w == 0) {
            if (std::string(option) == "stride" && size.h == 0 && size.w == 0) continue;  // 0: the kernel
            throw InputError(layer + "." + option, "expected positive sizes, got " + std::to_string(size.h) + " and " +
                                                       std::to_string(size.w));
        }
    }
    if (o.padding.h > o.kernel.h / 2 || o.padding.w > o.kernel.w / 2) {
        throw InputError(layer + ".padding", "expected at most half the kernel on each side (" +
                                                 std::to_string(o.kernel.h / 2) + " × " +
                                                 std::to_string(o.kernel.w / 2) + "), got " +
                                                 std::to_string(o.padding.h) + " × " + std::to_string(o.padding.w));
    }
}

namespace {

Geometry poolGeometry(const Shape& inputSample, const PoolOptions& o, const std::string& layer) {
    WindowOptions w;
    w.kernel = o.kernel;
    w.stride = (o.stride.h == 0 && o.stride.w == 0) ? o.kernel : o.stride;
    w.padding.size = o.padding;
    const std::size_t channels = inputSample.rank() == 3 ? inputSample[0] : 1;
    // Pooling works per channel: as many "filters" as channels, each its own group.
    return geometry(inputSample, w, channels, channels, layer);
}

void checkGradientOf(const Tensor& dy, const Shape& expected, const std::string& layer) {
    if (dy.shape() != expected) {
        throw std::invalid_argument(layer + ": gradient of shape " + dy.shape().str() + " for a result of shape " +
                                    expected.str());
    }
}

// Calls visit(outputIndex, inputIndexOrNpos) for every tap of every window of a batch,
// channel by channel; taps on padding pass SIZE_MAX.
template <typename Visit>
void forEachTap(std::size_t batch, const Geometry& g, Visit&& visit) {
    for (std::size_t plane = 0; plane < batch * g.channels; ++plane) {
        const std::size_t in0 = plane * g.height * g.width;
        for (std::size_t oy = 0; oy < g.outHeight; ++oy) {
            for (std::size_t ox = 0; ox < g.outWidth; ++ox) {
                const std::size_t out = (plane * g.outHeight + oy) * g.outWidth + ox;
                for (std::size_t i = 0; i < g.rows.kernel; ++i) {
                    const long long iy =
                        static_cast<long long>(oy * g.rows.stride + i) - static_cast<long long>(g.rows.padBefore);
                    for (std::size_t j = 0; j < g.cols.kernel; ++j) {
                        const long long ix =
                            static_cast<long long>(ox * g.cols.stride + j) - static_cast<long long>(g.cols.padBefore);
                        const bool inside = iy >= 0 && ix >= 0 && iy < static_cast<long long>(g.height) &&
                                            ix < static_cast<long long>(g.width);
                        visit(out, inside ? in0 + static_cast<std::size_t>(iy) * g.width + static_cast<std::size_t>(ix)
                                          : SIZE_MAX);
                    }
                }
            }
        }
    }
}

#if DEEPSTEP_CNN_AVX512
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
// g++ 12 warns inside its own avx512fintrin.h (the undefined upper half of a widening).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// 2×2 windows side by side over one channel's plane, 16 outputs at a time: the two
// input rows are read 32 floats each and split into their even and odd columns, and
// the four taps compared in the portable loop's order with the same strict "greater"
// (ties and NaN keep the earlier tap), so outputs and winners are the same.
// requires: the plane has fewer than 2^31 pixels (winners are formed in 32 bits).
__attribute__((target("avx512f"))) void maxPoolPairsAvx512(const float* image, const Geometry& g, std::size_t base,
                                                            float* y, std::size_t* winner) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    const auto ow = static_cast<long long>(g.outWidth);
    const auto w = static_cast<int>(g.width);
    const __m512i right = _mm512_set1_epi32(1);
    const __m512i below = _mm512_set1_epi32(w);
    const __m512i belowRight = _mm512_set1_epi32(w + 1);
    const __m512i offset = _mm512_set1_epi64(static_cast<long long>(base));
    for (std::size_t oy = 0; oy < g.outHeight; ++oy) {
        const float* top = image + 2 * oy * g.width;
        const float* bottom = top + g.width;
        float* out = y + oy * g.outWidth;
        std::size_t* won = winner + oy * g.outWidth;
        for (long long b = 0; b < ow; b += 16) {
            const __mmask16 low = simd::firstLanes(2 * (ow - b));
            const __mmask16 high = simd::firstLanes(2 * (ow - b) - 16);
            const __m512 t0 = _mm512_maskz_loadu_ps(low, top + 2 * b);
            const __m512 t1 = _mm512_maskz_loadu_ps(high, top + 2 * b + 16);
            const __m512 u0 = _mm512_maskz_loadu_ps(low, bottom + 2 * b);
            const __m512 u1 = _mm512_maskz_loadu_ps(high, bottom + 2 * b + 16);
            __m512 best = _mm512_permutex2var_ps(t0, even, t1);
            __m512i tap = _mm512_setzero_si512();
            const __m512 taps[3] = {_mm512_permutex2var_ps(t0, odd, t1), _mm512_permutex2var_ps(u0, even, u1),
                                    _mm512_permutex2var_ps(u0, odd, u1)};
            const __m512i where[3] = {right, below, belowRight};
            for (int k = 0; k < 3; ++k) {
                const __mmask16 greater = _mm512_cmp_ps_mask(taps[k], best, _CMP_GT_OQ);
                best = _mm512_mask_blend_ps(greater, best, taps[k]);
                tap = _mm512_mask_blend_epi32(greater, tap, where[k]);
            }
            const __mmask16 lanes = simd::firstLanes(ow - b);
            _mm512_mask_storeu_ps(out + b, lanes, best);
            // winner = base + 2·oy·W + 2·x + tap, x = b + lane
            const __m512i local = _mm512_add_epi32(
                _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(2 * oy * g.width + 2 * static_cast<std::size_t>(b))),
                                 even),
                tap);
            const __m512i first = _mm512_add_epi64(_mm512_cvtepu32_epi64(_mm512_castsi512_si256(local)), offset);
            const __m512i second = _mm512_add_epi64(_mm512_cvtepu32_epi64(_mm512_extracti64x4_epi64(local, 1)), offset);
            _mm512_mask_storeu_epi64(won + b, static_cast<__mmask8>(lanes), first);
            _mm512_mask_storeu_epi64(won + b + 8, static_cast<__mmask8>(lanes >> 8), second);
        }
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

}  // namespace

// ---- the pooling layers' common part ----

Pool2dLayer::Pool2dLayer(PoolOptions options, const std::string& type) : options_(options) {
    checkPoolOptions(options_, type);
}

Shape Pool2dLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    geometry_ = poolGeometry(inputSample, options_, type());
    return geometry_.outputSample();
}

void Pool2dLayer::startForward(const Tensor& x) {
    checkBatch(x, geometry_, type());
    batch_ = x.batch();
}

void Pool2dLayer::checkGradientShape(const Tensor& dy) const {
    checkGradientOf(dy, geometry_.outputSample().withBatch(batch_), type());
}

// ---- max_pool2d ----

Tensor MaxPool2dLayer::forward(const Tensor& x, Mode /*mode*/) {
    startForward(x);
    const Geometry& g = geometry_;
    Tensor y(g.outputSample().withBatch(batch_));
    winner_.resize(y.size());
    argmaxFresh_ = false;
    const std::size_t plane = g.height * g.width;
    const auto height = static_cast<long long>(g.height);
    const auto width = static_cast<long long>(g.width);
    // LeNet's pooling (2×2 windows side by side, no padding) reads each window's four
    // values directly; any other window goes through the clipped loops below.
    const bool pairs = g.rows.kernel == 2 && g.cols.kernel == 2 && g.rows.stride == 2 && g.cols.stride == 2 &&
                       g.rows.padBefore == 0 && g.cols.padBefore == 0;
    const bool wide = pairs && plane < (std::size_t{1} << 31) && useWideVectors();
    // Chunks of images side by side: each writes only its own images' outputs.
    forEachImageChunk(batch_, 0.0, [&](std::size_t chunk) {
        const auto [firstImage, lastImage] = imageRange(chunk, batch_);
        std::size_t out = firstImage * g.channels * g.outHeight * g.outWidth;
        for (std::size_t p = firstImage * g.channels; p < lastImage * g.channels; ++p) {
            const float* image = x.data() + p * plane;
#if DEEPSTEP_CNN_AVX512
            if (pairs && wide) {
                maxPoolPairsAvx512(image, g, p * plane, y.data() + out, winner_.data() + out);
                out += g.outHeight * g.outWidth;
                continue;
            }
#endif
            if (pairs) {
                for (std::size_t oy = 0; oy < g.outHeight; ++oy) {
                    const std::size_t top = 2 * oy * g.width;
                    for (std::size_t ox = 0; ox < g.outWidth; ++ox, ++out) {
                        // The taps in the general loop's order; strictly greater keeps the first.
                        std::size_t best = top + 2 * ox;
                        for (std::size_t tap : {best + 1, best + g.width, best + g.width + 1}) {
                            if (image[tap] > image[best]) best = tap;
                        }
                        y[out] = image[best];
                        winner_[out] = p * plane + best;
                    }
                }
                continue;
            }
            for (std::size_t oy = 0; oy < g.outHeight; ++oy) {
                // The window clipped to the image: padding never wins, and a window always
                // holds a pixel (padding is at most half the kernel).
                const long long top =
                    static_cast<long long>(oy * g.rows.stride) - static_cast<long long>(g.rows.padBefore);
                const std::size_t y0 = static_cast<std::size_t>(std::max(top, 0LL));
                const std::size_t y1 =
                    static_cast<std::size_t>(std::min(top + static_cast<long long>(g.rows.kernel), height));
                for (std::size_t ox = 0; ox < g.outWidth; ++ox, ++out) {
                    const long long left =
                        static_cast<long long>(ox * g.cols.stride) - static_cast<long long>(g.cols.padBefore);
                    const std::size_t x0 = static_cast<std::size_t>(std::max(left, 0LL));
                    const std::size_t x1 =
                        static_cast<std::size_t>(std::min(left + static_cast<long long>(g.cols.kernel), width));
                    std::size_t best = y0 * g.width + x0;
                    for (std::size_t iy = y0; iy < y1; ++iy) {
                        for (std::size_t ix = x0; ix < x1; ++ix) {
                            // Strictly greater: ties keep the first tap, as PyTorch does.
                            if (image[iy * g.width + ix] > image[best]) best = iy * g.width + ix;
                        }
                    }
                    y[out] = image[best];
                    winner_[out] = p * plane + best;
                }
            }
        }
    });
    return y;
}

const Tensor& MaxPool2dLayer::argmax() const {
    // Formed on request from winner_, which training keeps anyway.
    if (!argmaxFresh_) {
        const Geometry& g = geometry_;
        const Shape shape = g.outputSample().withBatch(batch_);
        if (argmax_.shape() != shape) {
            argmax_ = Tensor(shape);
        }
        const std::size_t plane = g.height * g.width;
        const std::size_t outPlane = g.outHeight * g.outWidth;
        for (std::size_t out = 0; out < winner_.size(); ++out) {
            argmax_[out] = static_cast<float>(winner_[out] - (out / outPlane) * plane);
        }
        argmaxFresh_ = true;
    }
    return argmax_;
}

Tensor MaxPool2dLayer::backward(const Tensor& dy) {
    checkGradientShape(dy);
    Tensor dx(geometry_.inputSample().withBatch(batch_));
    // A window's winner lies in its own image: chunks of images never meet.
    const std::size_t perImage = geometry_.outputSample().elements();
    forEachImageChunk(batch_, 0.0, [&](std::size_t chunk) {
        const auto [first, last] = imageRange(chunk, batch_);
        for (std::size_t i = first * perImage; i < last * perImage; ++i) {
            dx[winner_[i]] += dy[i];
        }
    });
    return dx;
}

std::vector<Internal> MaxPool2dLayer::internals() const {
    if (winner_.empty()) {
        return {};
    }
    return {{"argmax",
             &argmax(),
             nullptr,
             {"where each output's maximum came from: the index y·W + x of the winning pixel in its channel",
              "각 출력의 최댓값이 나온 위치: 그 채널에서 이긴 픽셀의 번호 y·W + x"}}};
}

// ---- avg_pool2d ----

Tensor AvgPool2dLayer::forward(const Tensor& x, Mode /*mode*/) {
    startForward(x);
    const Geometry& g = geometry_;
    Tensor y(g.outputSample().withBatch(batch_));
    const float scale = 1.0F / static_cast<float>(g.rows.kernel * g.cols.kernel);
    forEachTap(batch_, g, [&](std::size_t out, std::size_t in) {
        if (in != SIZE_MAX) y[out] += x[in] * scale;
    });
    return y;
}

Tensor AvgPool2dLayer::backward(const Tensor& dy) {
    checkGradientShape(dy);
    const Geometry& g = geometry_;
    Tensor dx(g.inputSample().withBatch(batch_));
    const float scale = 1.0F / static_cast<float>(g.rows.kernel * g.cols.kernel);
    forEachTap(batch_, g, [&](std::size_t out, std::size_t in) {
        if (in != SIZE_MAX) dx[in] += dy[out] * scale;
    });
    return dx;
}

// ---- global_avg_pool ----

Shape GlobalAvgPoolLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    if (inputSample.rank() != 3 || inputSample.elements() == 0) {
        throw InputError("global_avg_pool",
                         "expected images N·C·H·W (one sample C×H×W), got samples of shape " + inputSample.str());
    }
    input_ = inputSample;
    return Shape{inputSample[0]};
}

Tensor GlobalAvgPoolLayer::forward(const Tensor& x, Mode /*mode*/) {
    const Shape expected{x.batch(), input_[0], input_[1], input_[2]};
    if (x.batch() == 0 || x.shape() != expected) {
        throw InputError("global_avg_pool", "expected a batch of images N×" + std::to_string(input_[0]) + "×" +
                                                std::to_string(input_[1]) + "×" + std::to_string(input_[2]) +
                                                ", got shape " + x.shape().str());
    }
    batch_ = x.batch();
    const std::size_t channels = input_[0];
    const std::size_t plane = input_[1] * input_[2];
    Tensor y(Shape{batch_, channels});
    for (std::size_t i = 0; i < batch_ * channels; ++i) {
        double sum = 0.0;
        for (std::size_t p = 0; p < plane; ++p)
            sum += x[i * plane + p];
        y[i] = static_cast<float>(sum / static_cast<double>(plane));
    }
    return y;
}

Tensor GlobalAvgPoolLayer::backward(const Tensor& dy) {
    const std::size_t channels = input_[0];
    checkGradientOf(dy, Shape{batch_, channels}, "global_avg_pool");
    const std::size_t plane = input_[1] * input_[2];
    Tensor dx(Shape{batch_, channels, input_[1], input_[2]});
    const float scale = 1.0F / static_cast<float>(plane);
    for (std::size_t i = 0; i < batch_ * channels; ++i) {
        for (std::size_t p = 0; p < plane; ++p)
            dx[i * plane + p] = dy[i] * scale;
    }
    return dx;
}

// ---- flatten ----

Shape FlattenLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    if (inputSample.rank() == 0 || inputSample.rank() > 3 || inputSample.elements() == 0) {
        throw InputError("flatten", "expected samples of at least one value, got shape " + inputSample.str());
    }
    input_ = inputSample;
    return Shape{inputSample.elements()};
}

Tensor FlattenLayer::forward(const Tensor& x, Mode /*mode*/) {
    if (x.batch() == 0 || x.sampleSize() != input_.elements()) {
        throw InputError("flatten",
                         "expected a batch of samples of shape " + input_.str() + ", got shape " + x.shape().str());
    }
    batch_ = x.batch();
    return x.reshaped(Shape{batch_, input_.elements()});
}

Tensor FlattenLayer::backward(const Tensor& dy) {
    checkGradientOf(dy, Shape{batch_, input_.elements()}, "flatten");
    std::vector<std::size_t> dims{batch_};
    dims.insert(dims.end(), input_.dims().begin(), input_.dims().end());
    return dy.reshaped(Shape(dims));
}

}  // namespace deepstep::cnn
