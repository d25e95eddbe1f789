// im2col / col2im. One row of the unfolded matrix is one kernel tap (c, i, j); along
// it the output positions run x fastest, so for each output row y the inputs read are
// one strided run of an input row: the valid range of x is worked out once per run
// instead of testing every pixel.
#include "deepstep/cnn/im2col.hpp"
#include "deepstep/cnn/vectors.hpp"
#include "simd.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace deepstep::cnn {

namespace {

// The output columns [first, last) whose input column x·s − p + j·d lies in [0, size).
struct Run {
    std::size_t first = 0;
    std::size_t last = 0;
};

Run validRun(long long offset, std::size_t stride, std::size_t size, std::size_t outputs) {
    // input = x·stride + offset must satisfy 0 <= input < size.
    const auto s = static_cast<long long>(stride);
    long long first = offset >= 0 ? 0 : (-offset + s - 1) / s;
    long long last =
        static_cast<long long>(size) - offset <= 0 ? 0 : (static_cast<long long>(size) - offset + s - 1) / s;
    first = std::min<long long>(first, static_cast<long long>(outputs));
    last = std::clamp<long long>(last, first, static_cast<long long>(outputs));
    return {static_cast<std::size_t>(first), static_cast<std::size_t>(last)};
}

// Index of the input pixel read by the run's first output column: the row's start plus
// first·stride + offset, which is never negative (first is the first valid column).
std::size_t firstInput(std::size_t rowStart, Run run, std::size_t stride, long long colOffset) {
    return rowStart + static_cast<std::size_t>(static_cast<long long>(run.first * stride) + colOffset);
}

// One kernel tap (c, i, j) of one image n: the outHeight rows of the unfolded matrix
// it fills, one output row y after another. Output row y reads input row
// y·sh + rowOffset (padding when outside the image), and there output column x reads
// input column x·sw + colOffset for x in `run` (padding elsewhere).
struct TapRows {
    std::size_t image = 0;     // index of the first pixel of (n, channel)
    long long rowOffset = 0;   // i·dh − pt
    long long colOffset = 0;   // j·dw − pl
    Run run;                   // the output columns whose input column is in the image
    Run rows;                  // the output rows whose input row is in the image
    std::size_t out = 0;       // offset of output row 0 in the unfolded matrix
};

// Calls visit(tapRows) for every (tap, image) with the image in [first, last); `out`
// counts in the unfolded matrix of those images alone (image `first` in its first
// columns). Taps come in the matrix's row order, and for one tap the images in order.
template <typename Visit>
void forEachTap(std::size_t firstImage, std::size_t lastImage, const Geometry& g, Visit&& visit) {
    const std::size_t cg = g.channelsPerGroup();
    const std::size_t kh = g.rows.kernel;
    const std::size_t kw = g.cols.kernel;
    const std::size_t positions = g.positions();
    const std::size_t rowLength = (lastImage - firstImage) * positions;
    for (std::size_t group = 0; group < g.groups; ++group) {
        for (std::size_t c = 0; c < cg; ++c) {
            const std::size_t channel = group * cg + c;
            for (std::size_t i = 0; i < kh; ++i) {
                for (std::size_t j = 0; j < kw; ++j) {
                    const std::size_t row = ((group * cg + c) * kh + i) * kw + j;
                    TapRows t;
                    t.rowOffset = static_cast<long long>(i * g.rows.dilation) - static_cast<long long>(g.rows.padBefore);
                    t.colOffset = static_cast<long long>(j * g.cols.dilation) - static_cast<long long>(g.cols.padBefore);
                    t.run = validRun(t.colOffset, g.cols.stride, g.width, g.outWidth);
                    t.rows = validRun(t.rowOffset, g.rows.stride, g.height, g.outHeight);
                    for (std::size_t n = firstImage; n < lastImage; ++n) {
                        t.image = (n * g.channels + channel) * g.height * g.width;
                        t.out = row * rowLength + (n - firstImage) * positions;
                        visit(t);
                    }
                }
            }
        }
    }
}

// The input row output row y reads, or SIZE_MAX in padding.
inline std::size_t inputRowStart(const TapRows& t, const Geometry& g, std::size_t y) {
    const long long row = static_cast<long long>(y * g.rows.stride) + t.rowOffset;
    return row >= 0 && row < static_cast<long long>(g.height) ? t.image + static_cast<std::size_t>(row) * g.width
                                                                : SIZE_MAX;
}

// Runs are short (a row of an image: tens of floats, padding runs of one or two), and
// there are many: LeNet's conv1 unfolds 44,800 of them a batch. A call to memmove or
// memset per run costs more than the run, and compilers turn plain copy and fill loops
// into such calls; these stay inline.
inline void copyShort(const float* src, float* dst, std::size_t n) {
    std::size_t k = 0;
#if defined(__SSE2__)
    for (; k + 4 <= n; k += 4)
        _mm_storeu_ps(dst + k, _mm_loadu_ps(src + k));
#endif
    switch (n - k) {  // at most 3 left with SSE2
        case 3:
            dst[k + 2] = src[k + 2];
            [[fallthrough]];
        case 2:
            dst[k + 1] = src[k + 1];
            [[fallthrough]];
        case 1:
            dst[k] = src[k];
            [[fallthrough]];
        case 0:
            break;
        default:
            std::copy(src + k, src + n, dst + k);  // without SSE2
    }
}

inline void clearShort(float* dst, std::size_t n) {
    std::size_t k = 0;
#if defined(__SSE2__)
    for (; k + 4 <= n; k += 4)
        _mm_storeu_ps(dst + k, _mm_setzero_ps());
#endif
    switch (n - k) {
        case 3:
            dst[k + 2] = 0.0F;
            [[fallthrough]];
        case 2:
            dst[k + 1] = 0.0F;
            [[fallthrough]];
        case 1:
            dst[k] = 0.0F;
            [[fallthrough]];
        case 0:
            break;
        default:
            std::fill(dst + k, dst + n, 0.0F);
    }
}

}  // namespace

std::size_t columnsSize(const Geometry& g, std::size_t batch) {
    return g.groups * g.patch() * batch * g.positions();
}

void im2col(const float* x, std::size_t batch, const Geometry& g, float* columns) {
    im2colImages(x, 0, batch, g, columns);
}

void col2im(const float* columns, std::size_t batch, const Geometry& g, float* dx) {
    col2imImages(columns, 0, batch, g, dx);
}

namespace {

void unfoldTap(const float* x, const Geometry& g, const TapRows& t, float* columns) {
    const std::size_t ow = g.outWidth;
    const std::size_t stride = g.cols.stride;
    const Run run = t.run;
    for (std::size_t y = 0; y < g.outHeight; ++y) {
        float* dst = columns + t.out + y * ow;
        const std::size_t input = inputRowStart(t, g, y);
        if (input == SIZE_MAX) {
            clearShort(dst, ow);
            continue;
        }
        clearShort(dst, run.first);
        const float* src = x + firstInput(input, run, stride, t.colOffset);
        float* first = dst + run.first;
        const std::size_t count = run.last - run.first;
        if (stride == 1) {
            copyShort(src, first, count);
        } else {
            for (std::size_t k = 0; k < count; ++k)
                first[k] = src[k * stride];
        }
        clearShort(dst + run.last, ow - run.last);
    }
}

void foldTap(const float* columns, const Geometry& g, const TapRows& t, float* dx) {
    const std::size_t ow = g.outWidth;
    const std::size_t stride = g.cols.stride;
    const Run run = t.run;
    const std::size_t count = run.last - run.first;
    for (std::size_t y = 0; y < g.outHeight; ++y) {
        const std::size_t input = inputRowStart(t, g, y);
        if (input == SIZE_MAX) {
            continue;
        }
        const float* src = columns + t.out + y * ow + run.first;
        float* dst = dx + firstInput(input, run, stride, t.colOffset);
        if (stride == 1) {
            for (std::size_t k = 0; k < count; ++k)
                dst[k] += src[k];
        } else {
            for (std::size_t k = 0; k < count; ++k)
                dst[k * stride] += src[k];
        }
    }
}

#if DEEPSTEP_CNN_AVX512
// The same two with AVX-512 masked loads and stores, for a horizontal stride of 1:
// each row of the unfolded matrix is read from the input row in blocks of 16 columns,
// the lanes over padding masked off (a masked-off lane is neither read nor faulted
// on), so a row is one or two loads and stores instead of a copy and two fills. The
// arithmetic is the same (col2im adds each value once, in the same order), so the
// results are bit-identical to the loops above.

using simd::elementAddress;
using simd::firstLanes;
using simd::laneRange;

// One tap of one image, a block of 16 output columns at a time and, within a block,
// every output row: the block's masks are worked out once, and a row is one load and
// one store.
__attribute__((target("avx512f"))) void unfoldTapAvx512(const float* x, const Geometry& g, const TapRows& t,
                                                         float* columns) {
    const auto ow = static_cast<long long>(g.outWidth);
    const auto first = static_cast<long long>(t.run.first);
    const auto last = static_cast<long long>(t.run.last);
    // The output rows whose input row lies in the image; those before and after read padding.
    const Run rows = t.rows;
    const std::size_t step = g.rows.stride * g.width * sizeof(float);
    const __m512 zero = _mm512_setzero_ps();
    for (long long b = 0; b < ow; b += 16) {
        const __mmask16 store = firstLanes(ow - b);
        const __mmask16 valid = laneRange(first - b, last - b);
        float* dst = columns + t.out + b;
        std::size_t y = 0;
        for (; y < rows.first; ++y)
            _mm512_mask_storeu_ps(dst + y * g.outWidth, store, zero);
        if (rows.first < rows.last) {
            const std::size_t top = t.image + static_cast<std::size_t>(static_cast<long long>(rows.first * g.rows.stride) +
                                                                       t.rowOffset) * g.width;
            std::uintptr_t src = elementAddress(x + top, t.colOffset + b);
            for (; y < rows.last; ++y, src += step)
                _mm512_mask_storeu_ps(dst + y * g.outWidth, store,
                                      _mm512_maskz_loadu_ps(valid, reinterpret_cast<const void*>(src)));
        }
        for (; y < g.outHeight; ++y)
            _mm512_mask_storeu_ps(dst + y * g.outWidth, store, zero);
    }
}

// col2im by input rows: each row of dx that a kernel row i reads is loaded once, the
// values of all kw taps (i, 0..kw−1) that read it are added in tap order, and it is
// stored once. Every dx value receives the same additions in the same order as in
// foldTap (taps in row-major order), so the result is bit-identical; and no load
// waits on an overlapping store of the tap before (which a tap-by-tap pass would do,
// the taps' rows being one column apart).
__attribute__((target("avx512f"))) void foldImagesAvx512(const float* columns, std::size_t firstImage,
                                                          std::size_t lastImage, const Geometry& g, float* dx) {
    const std::size_t cg = g.channelsPerGroup();
    const std::size_t kh = g.rows.kernel;
    const std::size_t kw = g.cols.kernel;
    const std::size_t positions = g.positions();
    const std::size_t rowLength = (lastImage - firstImage) * positions;
    const auto width = static_cast<long long>(g.width);
    struct Tap {
        long long offset;  // input column of output column x: x + offset
        long long first;   // valid output columns [first, last)
        long long last;
    };
    // The taps' runs, worked out once a call; on the stack for the usual kernel widths
    // (this runs once per image of every backward pass).
    constexpr std::size_t kStackTaps = 16;
    Tap stackTaps[kStackTaps];
    std::vector<Tap> heapTaps(kw > kStackTaps ? kw : 0);
    Tap* const taps = kw > kStackTaps ? heapTaps.data() : stackTaps;
    for (std::size_t j = 0; j < kw; ++j) {
        const long long offset =
            static_cast<long long>(j * g.cols.dilation) - static_cast<long long>(g.cols.padBefore);
        const Run run = validRun(offset, 1, g.width, g.outWidth);
        taps[j] = {offset, static_cast<long long>(run.first), static_cast<long long>(run.last)};
    }
    for (std::size_t group = 0; group < g.groups; ++group) {
        for (std::size_t c = 0; c < cg; ++c) {
            const std::size_t channel = group * cg + c;
            for (std::size_t i = 0; i < kh; ++i) {
                const long long rowOffset =
                    static_cast<long long>(i * g.rows.dilation) - static_cast<long long>(g.rows.padBefore);
                const Run rows = validRun(rowOffset, g.rows.stride, g.height, g.outHeight);
                const std::size_t tapRow0 = ((group * cg + c) * kh + i) * kw;  // row of tap (i, 0)
                for (std::size_t n = firstImage; n < lastImage; ++n) {
                    const std::size_t image = (n * g.channels + channel) * g.height * g.width;
                    for (std::size_t y = rows.first; y < rows.last; ++y) {
                        float* dxRow = dx + image +
                                       static_cast<std::size_t>(static_cast<long long>(y * g.rows.stride) + rowOffset) *
                                           g.width;
                        const float* colsRow = columns + tapRow0 * rowLength + (n - firstImage) * positions + y * g.outWidth;
                        for (long long b = 0; b < width; b += 16) {
                            const __mmask16 lanes = firstLanes(width - b);
                            __m512 acc = _mm512_maskz_loadu_ps(lanes, dxRow + b);
                            for (std::size_t j = 0; j < kw; ++j) {
                                const Tap& tap = taps[j];
                                // dx column X = b + lane takes output column X − offset.
                                const __mmask16 valid =
                                    laneRange(tap.first + tap.offset - b, tap.last + tap.offset - b) & lanes;
                                const std::uintptr_t src = elementAddress(colsRow + j * rowLength, b - tap.offset);
                                acc = _mm512_mask_add_ps(acc, valid, acc,
                                                         _mm512_maskz_loadu_ps(valid, reinterpret_cast<const void*>(src)));
                            }
                            _mm512_mask_storeu_ps(dxRow + b, lanes, acc);
                        }
                    }
                }
            }
        }
    }
}

#endif

// Whether this geometry's rows go through the AVX-512 forms.
bool wide(const Geometry& g) { return g.cols.stride == 1 && useWideVectors(); }

}  // namespace

void im2colImages(const float* x, std::size_t first, std::size_t last, const Geometry& g, float* columns) {
#if DEEPSTEP_CNN_AVX512
    if (wide(g)) {
        forEachTap(first, last, g, [&](const TapRows& t) { unfoldTapAvx512(x, g, t, columns); });
        return;
    }
#endif
    forEachTap(first, last, g, [&](const TapRows& t) { unfoldTap(x, g, t, columns); });
}

void col2imImages(const float* columns, std::size_t first, std::size_t last, const Geometry& g, float* dx) {
#if DEEPSTEP_CNN_AVX512
    if (wide(g)) {
        foldImagesAvx512(columns, first, last, g, dx);
        return;
    }
#endif
    forEachTap(first, last, g, [&](const TapRows& t) { foldTap(columns, g, t, dx); });
}

}  // namespace deepstep::cnn
