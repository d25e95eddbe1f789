// im2col / col2im. One row of the unfolded matrix is one kernel tap (c, i, j); along
// it the output positions run x fastest, so for each output row y the inputs read are
// one strided run of an input row: the valid range of x is worked out once per run
// instead of testing every pixel.
#include "deepstep/cnn/im2col.hpp"

#include <algorithm>
#include <cstdint>

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
    long long last = static_cast<long long>(size) - offset <= 0 ? 0 : (static_cast<long long>(size) - offset + s - 1) / s;
    first = std::min<long long>(first, static_cast<long long>(outputs));
    last = std::clamp<long long>(last, first, static_cast<long long>(outputs));
    return {static_cast<std::size_t>(first), static_cast<std::size_t>(last)};
}

// Index of the input pixel read by the run's first output column: the row's start plus
// first·stride + offset, which is never negative (first is the first valid column).
std::size_t firstInput(std::size_t rowStart, Run run, std::size_t stride, long long colOffset) {
    return rowStart + static_cast<std::size_t>(static_cast<long long>(run.first * stride) + colOffset);
}

// Calls visit(inputRow, outputRow, first, last, inputColumn0) for every run of one
// (n, channel, tap): inputRow points at the input row read (nullptr for a padding row),
// outputRow is the offset of the run in the unfolded row.
template <typename Visit>
void forEachRun(std::size_t batch, const Geometry& g, Visit&& visit) {
    const std::size_t cg = g.channelsPerGroup();
    const std::size_t kh = g.rows.kernel;
    const std::size_t kw = g.cols.kernel;
    const std::size_t positions = g.positions();
    const std::size_t rowLength = batch * positions;
    for (std::size_t group = 0; group < g.groups; ++group) {
        for (std::size_t c = 0; c < cg; ++c) {
            const std::size_t channel = group * cg + c;
            for (std::size_t i = 0; i < kh; ++i) {
                for (std::size_t j = 0; j < kw; ++j) {
                    const std::size_t row = ((group * cg + c) * kh + i) * kw + j;
                    const long long colOffset = static_cast<long long>(j * g.cols.dilation) -
                                                static_cast<long long>(g.cols.padBefore);
                    const Run run = validRun(colOffset, g.cols.stride, g.width, g.outWidth);
                    for (std::size_t n = 0; n < batch; ++n) {
                        const std::size_t image = (n * g.channels + channel) * g.height * g.width;
                        for (std::size_t y = 0; y < g.outHeight; ++y) {
                            const long long inputRow = static_cast<long long>(y * g.rows.stride + i * g.rows.dilation) -
                                                       static_cast<long long>(g.rows.padBefore);
                            const std::size_t out = row * rowLength + n * positions + y * g.outWidth;
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

}  // namespace

std::size_t columnsSize(const Geometry& g, std::size_t batch) {
    return g.groups * g.patch() * batch * g.positions();
}

void im2col(const float* x, std::size_t batch, const Geometry& g, float* columns) {
    const std::size_t ow = g.outWidth;
    const std::size_t stride = g.cols.stride;
    forEachRun(batch, g, [&](std::size_t input, std::size_t out, Run run, long long colOffset) {
        float* dst = columns + out;
        if (input == SIZE_MAX) {
            std::fill(dst, dst + ow, 0.0F);
            return;
        }
        std::fill(dst, dst + run.first, 0.0F);
        const float* src = x + firstInput(input, run, stride, colOffset);
        float* first = dst + run.first;
        const std::size_t count = run.last - run.first;
        if (stride == 1) {
            std::copy(src, src + count, first);
        } else {
            for (std::size_t k = 0; k < count; ++k) first[k] = src[k * stride];
        }
        std::fill(dst + run.last, dst + ow, 0.0F);
    });
}

void col2im(const float* columns, std::size_t batch, const Geometry& g, float* dx) {
    const std::size_t stride = g.cols.stride;
    forEachRun(batch, g, [&](std::size_t input, std::size_t out, Run run, long long colOffset) {
        if (input == SIZE_MAX) {
            return;
        }
        const float* src = columns + out + run.first;
        float* dst = dx + firstInput(input, run, stride, colOffset);
        const std::size_t count = run.last - run.first;
        if (stride == 1) {
            for (std::size_t k = 0; k < count; ++k) dst[k] += src[k];
        } else {
            for (std::size_t k = 0; k < count; ++k) dst[k * stride] += src[k];
        }
    });
}

}  // namespace deepstep::cnn
