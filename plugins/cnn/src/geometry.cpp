#include "deepstep/cnn/geometry.hpp"

#include "deepstep/errors.hpp"

namespace deepstep::cnn {

namespace {

std::string n(std::size_t v) {
    return std::to_string(v);
}

// Refuses a window that does not fit the padded input along one axis.
void checkFits(const conv::Axis& a, const char* axisName, const std::string& layer) {
    if (conv::outputSize(a) >= 1) {
        return;
    }
    const std::size_t span = conv::dilatedKernel(a.kernel, a.dilation);
    throw InputError(layer + ".kernel",
                     std::string("expected a kernel that fits the padded input's ") + axisName + ": the window spans " +
                         n(span) + " (d(k − 1) + 1 = " + n(a.dilation) + "·(" + n(a.kernel) + " − 1) + 1) but the " +
                         axisName + " is " + n(a.input) + " with padding " + n(a.padBefore + a.padAfter) +
                         ", so the output " + axisName + " would be " + conv::outputSizeWorked(a));
}

}  // namespace

Geometry geometry(const Shape& inputSample, const WindowOptions& window, std::size_t filters, std::size_t groups,
                  const std::string& layer) {
    if (inputSample.rank() != 3 || inputSample.elements() == 0) {
        throw InputError(layer, "expected images N·C·H·W (one sample C×H×W), got samples of shape " +
                                    inputSample.str() +
                                    (inputSample.rank() == 1 ? " (flat features: give the dataset's images their "
                                                               "C×H×W shape)"
                                                             : ""));
    }
    Geometry g;
    g.channels = inputSample[0];
    g.height = inputSample[1];
    g.width = inputSample[2];
    g.filters = filters;
    g.groups = groups;
    if (g.channels % groups != 0) {
        throw InputError(layer + ".groups", "expected a divisor of the input's " + n(g.channels) + " channels, got " +
                                                n(groups));
    }
    if (filters % groups != 0) {
        throw InputError(layer + ".groups", "expected a divisor of the " + n(filters) + " filters, got " + n(groups));
    }
    g.rows = conv::axis(g.height, window.kernel.h, window.stride.h, window.padding.size.h, window.dilation.h);
    g.cols = conv::axis(g.width, window.kernel.w, window.stride.w, window.padding.size.w, window.dilation.w);
    if (window.padding.same) {
        g.rows = conv::samePadding(g.rows);
        g.cols = conv::samePadding(g.cols);
    }
    checkFits(g.rows, "height", layer);
    checkFits(g.cols, "width", layer);
    g.outHeight = static_cast<std::size_t>(conv::outputSize(g.rows));
    g.outWidth = static_cast<std::size_t>(conv::outputSize(g.cols));
    return g;
}

void checkBatch(const Tensor& x, const Geometry& g, const std::string& layer) {
    if (x.rank() != 4 || x.batch() == 0 || x.dim(1) != g.channels || x.dim(2) != g.height || x.dim(3) != g.width) {
        throw InputError(layer, "expected a batch of images N×" + n(g.channels) + "×" + n(g.height) + "×" +
                                    n(g.width) + ", got shape " + x.shape().str());
    }
}

}  // namespace deepstep::cnn
