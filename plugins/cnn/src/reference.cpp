// The naive direct convolution: seven loops, no unfolding, no matrix product. It shares
// nothing with im2col.cpp but the Geometry, so that the tests compare two independent
// computations.
#include "deepstep/cnn/reference.hpp"

#include <cmath>
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

namespace deepstep::cnn::reference {

namespace {

// Calls visit(xIndex, wIndex, yIndex) for every product x·w the transposed convolution
// scatters into the output, skipping outputs outside the image.
template <typename Visit>
void forEachScatter(const Shape& xShape, const Shape& wShape, const Shape& yShape, std::size_t groups,
                    const WindowOptions& window, Visit&& visit) {
    const std::size_t batch = xShape[0], channels = xShape[1], height = xShape[2], width = xShape[3];
    const std::size_t og = wShape[1], kh = wShape[2], kw = wShape[3];
    const std::size_t filters = yShape[1], outH = yShape[2], outW = yShape[3];
    const std::size_t cg = channels / groups;
    for (std::size_t n = 0; n < batch; ++n) {
        for (std::size_t c = 0; c < channels; ++c) {
            const std::size_t group = c / cg;
            for (std::size_t iy = 0; iy < height; ++iy) {
                for (std::size_t ix = 0; ix < width; ++ix) {
                    const std::size_t xIndex = ((n * channels + c) * height + iy) * width + ix;
                    for (std::size_t o = 0; o < og; ++o) {
                        for (std::size_t i = 0; i < kh; ++i) {
                            const long long oy = static_cast<long long>(iy * window.stride.h + i * window.dilation.h) -
                                                 static_cast<long long>(window.padding.size.h);
                            if (oy < 0 || oy >= static_cast<long long>(outH)) continue;
                            for (std::size_t j = 0; j < kw; ++j) {
                                const long long ox =
                                    static_cast<long long>(ix * window.stride.w + j * window.dilation.w) -
                                    static_cast<long long>(window.padding.size.w);
                                if (ox < 0 || ox >= static_cast<long long>(outW)) continue;
                                const std::size_t yIndex =
                                    ((n * filters + group * og + o) * outH + static_cast<std::size_t>(oy)) * outW +
                                    static_cast<std::size_t>(ox);
                                visit(xIndex, ((c * og + o) * kh + i) * kw + j, yIndex);
                            }
                        }
                    }
                }
            }
        }
    }
}

Tensor toFloat(const std::vector<double>& values, const Shape& shape) {
    Tensor t(shape);
    for (std::size_t i = 0; i < values.size(); ++i) t[i] = static_cast<float>(values[i]);
    return t;
}

}  // namespace

Tensor convTranspose2d(const Tensor& x, const Tensor& weight, const Tensor* bias, std::size_t groups,
                       const WindowOptions& window, Pair out) {
    const std::size_t filters = weight.dim(1) * groups;
    const Shape yShape{x.batch(), filters, out.h, out.w};
    std::vector<double> y(yShape.elements(), 0.0);
    forEachScatter(x.shape(), weight.shape(), yShape, groups, window,
                   [&](std::size_t xi, std::size_t wi, std::size_t yi) { y[yi] += double(x[xi]) * double(weight[wi]); });
    const std::size_t plane = out.h * out.w;
    for (std::size_t i = 0; i < y.size() && bias != nullptr; ++i) y[i] += (*bias)[(i / plane) % filters];
    return toFloat(y, yShape);
}

Conv2dGradients convTranspose2dBackward(const Tensor& x, const Tensor& weight, const Tensor& dy, std::size_t groups,
                                        const WindowOptions& window) {
    std::vector<double> dx(x.size(), 0.0);
    std::vector<double> dw(weight.size(), 0.0);
    forEachScatter(x.shape(), weight.shape(), dy.shape(), groups, window,
                   [&](std::size_t xi, std::size_t wi, std::size_t yi) {
                       dx[xi] += double(weight[wi]) * double(dy[yi]);
                       dw[wi] += double(x[xi]) * double(dy[yi]);
                   });
    const std::size_t filters = dy.dim(1);
    const std::size_t plane = dy.dim(2) * dy.dim(3);
    std::vector<double> db(filters, 0.0);
    for (std::size_t i = 0; i < dy.size(); ++i) db[(i / plane) % filters] += double(dy[i]);
    return {toFloat(dx, x.shape()), toFloat(dw, weight.shape()), toFloat(db, Shape{filters})};
}

Tensor batchNorm2d(const Tensor& x, const Tensor& gamma, const Tensor& beta, double epsilon) {
    const std::size_t batch = x.dim(0), channels = x.dim(1), plane = x.dim(2) * x.dim(3);
    Tensor y(x.shape());
    for (std::size_t c = 0; c < channels; ++c) {
        double mean = 0.0, var = 0.0;
        for (std::size_t n = 0; n < batch; ++n)
            for (std::size_t p = 0; p < plane; ++p) mean += x[(n * channels + c) * plane + p];
        mean /= double(batch * plane);
        for (std::size_t n = 0; n < batch; ++n)
            for (std::size_t p = 0; p < plane; ++p) {
                const double d = x[(n * channels + c) * plane + p] - mean;
                var += d * d;
            }
        var /= double(batch * plane);
        for (std::size_t n = 0; n < batch; ++n)
            for (std::size_t p = 0; p < plane; ++p) {
                const std::size_t i = (n * channels + c) * plane + p;
                y[i] = static_cast<float>(gamma[c] * (x[i] - mean) / std::sqrt(var + epsilon) + beta[c]);
            }
    }
    return y;
}

BatchNormGradients batchNorm2dBackward(const Tensor& x, const Tensor& gamma, const Tensor& dy, double epsilon) {
    const std::size_t batch = x.dim(0), channels = x.dim(1), plane = x.dim(2) * x.dim(3);
    const double m = double(batch * plane);
    BatchNormGradients out{Tensor(x.shape()), Tensor(Shape{channels}), Tensor(Shape{channels})};
    for (std::size_t c = 0; c < channels; ++c) {
        std::vector<std::size_t> at;
        for (std::size_t n = 0; n < batch; ++n)
            for (std::size_t p = 0; p < plane; ++p) at.push_back((n * channels + c) * plane + p);
        double mean = 0.0, var = 0.0;
        for (std::size_t i : at) mean += x[i];
        mean /= m;
        for (std::size_t i : at) var += (x[i] - mean) * (x[i] - mean);
        var /= m;
        const double sd = std::sqrt(var + epsilon);
        // x̂ = (x − μ)/sd; y = γx̂ + β. Stage by stage: dL/dx̂, dL/dσ², dL/dμ, dL/dx.
        double dVar = 0.0, dMean = 0.0, dGamma = 0.0, dBeta = 0.0, centredSum = 0.0;
        for (std::size_t i : at) {
            const double dXhat = dy[i] * double(gamma[c]);
            dVar += dXhat * (x[i] - mean) * -0.5 * std::pow(var + epsilon, -1.5);
            dMean += -dXhat / sd;
            centredSum += -2.0 * (x[i] - mean);
            dGamma += dy[i] * (x[i] - mean) / sd;
            dBeta += dy[i];
        }
        dMean += dVar * centredSum / m;
        for (std::size_t i : at) {
            const double dXhat = dy[i] * double(gamma[c]);
            out.input[i] = static_cast<float>(dXhat / sd + dVar * 2.0 * (x[i] - mean) / m + dMean / m);
        }
        out.gamma[c] = static_cast<float>(dGamma);
        out.beta[c] = static_cast<float>(dBeta);
    }
    return out;
}

Tensor upsample(const Tensor& x, Pair scale) {
    const std::size_t h = x.dim(2), w = x.dim(3);
    Tensor y(Shape{x.dim(0), x.dim(1), h * scale.h, w * scale.w});
    for (std::size_t n = 0; n < x.dim(0); ++n)
        for (std::size_t c = 0; c < x.dim(1); ++c)
            for (std::size_t i = 0; i < h * scale.h; ++i)
                for (std::size_t j = 0; j < w * scale.w; ++j)
                    y.at({n, c, i, j}) = x.at({n, c, i / scale.h, j / scale.w});
    return y;
}

}  // namespace deepstep::cnn::reference
