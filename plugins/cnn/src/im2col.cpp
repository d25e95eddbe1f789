// im2col / col2im. One row of the unfolded matrix is one kernel tap (c, i, j); along
// it the output positions run x fastest, so for each output row y the inputs read are
// one strided run of an input row: the valid range of x is worked out once per run
// instead of testing every pixel.
#include "deepstep/cnn/im2col.hpp"

#include <algorithm>
#include <cstdint>

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

// Calls visit(inputRow, outputRow, run, colOffset) for every run of one (n, channel,
// tap) with n in [first, last): inputRow is the index of the input row's first pixel
// (SIZE_MAX for a padding row), outputRow the offset of the run in the unfolded matrix
// of those images alone (image `first` in its first columns).
template <typename Visit>
void forEachRun(std::size_t firstImage, std::size_t lastImage, const Geometry& g, Visit&& visit) {
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
                    const long long colOffset =
                        static_cast<long long>(j * g.cols.dilation) - static_cast<long long>(g.cols.padBefore);
                    const Run run = validRun(colOffset, g.cols.stride, g.width, g.outWidth);
                    for (std::size_t n = firstImage; n < lastImage; ++n) {
                        const std::size_t image = (n * g.channels + channel) * g.height * g.width;
                        for (std::size_t y = 0; y < g.outHeight; ++y) {
                            const long long inputRow = static_cast<long long>(y * g.rows.stride + i * g.rows.dilation) -
                                                       static_cast<long long>(g.rows.padBefore);
                            const std::size_t out = row * rowLength + (n - firstImage) * positions + y * g.outWidth;
                            const bool inside = inputRow >= 0 && inputRow < static_cast<long long>(g.height);
                            visit(inside ? image + static_cast<std::size_t>(inputRow) * g.width : SIZE_MAX, out, run,
                                  colOffset);
                        }
                    }
                }
            }
        }
    }
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

void im2colImages(const float* x, std::size_t first, std::size_t last, const Geometry& g, float* columns) {
    const std::size_t ow = g.outWidth;
    const std::size_t stride = g.cols.stride;
    forEachRun(first, last, g, [&](std::size_t input, std::size_t out, Run run, long long colOffset) {
        float* dst = columns + out;
        if (input == SIZE_MAX) {
            clearShort(dst, ow);
            return;
        }
        clearShort(dst, run.first);
        const float* src = x + firstInput(input, run, stride, colOffset);
        float* first = dst + run.first;
        const std::size_t count = run.last - run.first;
        if (stride == 1) {
            copyShort(src, first, count);
        } else {
            for (std::size_t k = 0; k < count; ++k)
                first[k] = src[k * stride];
        }
        clearShort(dst + run.last, ow - run.last);
    });
}

void col2imImages(const float* columns, std::size_t first, std::size_t last, const Geometry& g, float* dx) {
    const std::size_t stride = g.cols.stride;
    forEachRun(first, last, g, [&](std::size_t input, std::size_t out, Run run, long long colOffset) {
        if (input == SIZE_MAX) {
            return;
        }
        const float* src = columns + out + run.first;
        float* dst = dx + firstInput(input, run, stride, colOffset);
        const std::size_t count = run.last - run.first;
        if (stride == 1) {
            for (std::size_t k = 0; k < count; ++k)
                dst[k] += src[k];
        } else {
            for (std::size_t k = 0; k < count; ++k)
                dst[k * stride] += src[k];
        }
    });
}

}  // namespace deepstep::cnn
