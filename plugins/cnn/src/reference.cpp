// The naive direct convolution: seven loops, no unfolding, no matrix product. It shares
// nothing with im2col.cpp but the Geometry, so that the tests compare two independent
// computations.
#include "deepstep/cnn/reference.hpp"

#include <vector>

namespace deepstep::cnn::reference {

namespace {

// Calls visit(xIndex, wIndex, yIndex) for every product w·x that enters an output,
// skipping taps that fall on padding.
template <typename Visit>
void forEachProduct(std::size_t batch, const Geometry& g, Visit&& visit) {
    const std::size_t cg = g.channelsPerGroup();
    const std::size_t fg = g.filtersPerGroup();
    const std::size_t kh = g.rows.kernel;
    const std::size_t kw = g.cols.kernel;
    for (std::size_t n = 0; n < batch; ++n) {
        for (std::size_t f = 0; f < g.filters; ++f) {
            const std::size_t group = f / fg;
            for (std::size_t oy = 0; oy < g.outHeight; ++oy) {
                for (std::size_t ox = 0; ox < g.outWidth; ++ox) {
                    const std::size_t yIndex = ((n * g.filters + f) * g.outHeight + oy) * g.outWidth + ox;
                    for (std::size_t c = 0; c < cg; ++c) {
                        for (std::size_t i = 0; i < kh; ++i) {
                            const long long iy = static_cast<long long>(oy * g.rows.stride + i * g.rows.dilation) -
                                                 static_cast<long long>(g.rows.padBefore);
                            if (iy < 0 || iy >= static_cast<long long>(g.height)) continue;
                            for (std::size_t j = 0; j < kw; ++j) {
                                const long long ix = static_cast<long long>(ox * g.cols.stride + j * g.cols.dilation) -
                                                     static_cast<long long>(g.cols.padBefore);
                                if (ix < 0 || ix >= static_cast<long long>(g.width)) continue;
                                const std::size_t xIndex =
                                    ((n * g.channels + group * cg + c) * g.height + static_cast<std::size_t>(iy)) *
                                        g.width +
                                    static_cast<std::size_t>(ix);
                                const std::size_t wIndex = ((f * cg + c) * kh + i) * kw + j;
                                visit(xIndex, wIndex, yIndex);
                            }
                        }
                    }
                }
            }
        }
    }
}

}  // namespace

Tensor conv2d(const Tensor& x, const Tensor& weight, const Tensor* bias, const Geometry& g) {
    const std::size_t batch = x.batch();
    Tensor y(Shape{batch, g.filters, g.outHeight, g.outWidth});
    // Accumulate in double: the reference should be the more exact of the two.
    std::vector<double> sum(y.size(), 0.0);
    forEachProduct(batch, g, [&](std::size_t xi, std::size_t wi, std::size_t yi) {
        sum[yi] += static_cast<double>(weight[wi]) * static_cast<double>(x[xi]);
    });
    const std::size_t positions = g.positions();
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double b = bias != nullptr ? static_cast<double>((*bias)[(i / positions) % g.filters]) : 0.0;
        y[i] = static_cast<float>(sum[i] + b);
    }
    return y;
}

Conv2dGradients conv2dBackward(const Tensor& x, const Tensor& weight, const Tensor& dy, const Geometry& g) {
    std::vector<double> dx(x.size(), 0.0);
    std::vector<double> dw(weight.size(), 0.0);
    forEachProduct(x.batch(), g, [&](std::size_t xi, std::size_t wi, std::size_t yi) {
        dx[xi] += static_cast<double>(weight[wi]) * static_cast<double>(dy[yi]);
        dw[wi] += static_cast<double>(x[xi]) * static_cast<double>(dy[yi]);
    });
    Conv2dGradients out{Tensor(x.shape()), Tensor(weight.shape()), Tensor(Shape{g.filters})};
    for (std::size_t i = 0; i < dx.size(); ++i) out.input[i] = static_cast<float>(dx[i]);
    for (std::size_t i = 0; i < dw.size(); ++i) out.weight[i] = static_cast<float>(dw[i]);
    const std::size_t positions = g.positions();
    std::vector<double> db(g.filters, 0.0);
    for (std::size_t i = 0; i < dy.size(); ++i) db[(i / positions) % g.filters] += static_cast<double>(dy[i]);
    for (std::size_t f = 0; f < g.filters; ++f) out.bias[f] = static_cast<float>(db[f]);
    return out;
}

}  // namespace deepstep::cnn::reference
