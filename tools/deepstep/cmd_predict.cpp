// deepstep predict: one picture through a saved image classifier. The picture is
// prepared the way MNIST's digits were: greyscale, light strokes on a dark ground,
// fitted into the model's H × W keeping its proportions, centred, values in [0, 1].

#include "ascii_image.hpp"
#include "commands.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/activation.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/text_generation.hpp"

#include <QImage>
#include <QImageReader>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <optional>

namespace deepstep::cli {

CommandSpec predictSpec() {
    return {"predict",
            "MODEL IMAGE [--top K] [--show]",
            "cmd.predict.summary",
            "cmd.predict.description",
            {"MODEL", "IMAGE"},
            {{"top", "K", "opt.top"}, {"show", "", "opt.show"}}};
}

namespace {

struct Size2 {
    std::size_t height = 0;
    std::size_t width = 0;
};

/// The picture size a model takes: [1, H, W], [H, W], or H·H plain features
/// (8 × 8 at least, so that a table's few columns are not taken for a picture).
std::optional<Size2> modelImageSize(const Shape& input) {
    if (input.rank() == 3 && input[0] == 1) return Size2{input[1], input[2]};
    if (input.rank() == 2) return Size2{input[0], input[1]};
    if (input.rank() == 1) {
        const auto side = static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(input[0]))));
        if (side >= 8 && side * side == input[0]) return Size2{side, side};
    }
    return std::nullopt;
}

/// A greyscale picture, values 0 (black) to 255 (white), row-major.
struct Grey {
    std::size_t height = 0;
    std::size_t width = 0;
    std::vector<float> pixels;
};

Grey readGrey(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path, tr("predict.noFile"));
    QImageReader reader(QString::fromStdString(path));
    reader.setAutoTransform(true);  // a phone's JPEG stands the way it was taken
    const QImage read = reader.read();
    if (read.isNull()) throw InputError(path, tr("predict.notImage"));
    const QImage image = read.convertToFormat(QImage::Format_ARGB32);
    Grey g;
    g.height = static_cast<std::size_t>(image.height());
    g.width = static_cast<std::size_t>(image.width());
    g.pixels.resize(g.height * g.width);
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            // Transparent parts count as white paper, as a viewer shows a drawing.
            const float alpha = static_cast<float>(qAlpha(line[x])) / 255.0F;
            const float grey = static_cast<float>(qGray(line[x]));
            g.pixels[static_cast<std::size_t>(y) * g.width + static_cast<std::size_t>(x)] =
                alpha * grey + (1.0F - alpha) * 255.0F;
        }
    }
    return g;
}

float borderMean(const Grey& g) {
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t y = 0; y < g.height; ++y)
        for (std::size_t x = 0; x < g.width; ++x)
            if (y == 0 || x == 0 || y + 1 == g.height || x + 1 == g.width) {
                sum += g.pixels[y * g.width + x];
                ++count;
            }
    return static_cast<float>(sum / static_cast<double>(count));
}

/// Area-weighted resampling: each output pixel is the mean of the source area it
/// covers (a box filter), which keeps thin strokes when shrinking.
Grey resample(const Grey& in, std::size_t height, std::size_t width) {
    Grey out{height, width, std::vector<float>(height * width, 0.0F)};
    const double sy = static_cast<double>(in.height) / static_cast<double>(height);
    const double sx = static_cast<double>(in.width) / static_cast<double>(width);
    for (std::size_t oy = 0; oy < height; ++oy) {
        const double y0 = static_cast<double>(oy) * sy;
        const double y1 = y0 + sy;
        for (std::size_t ox = 0; ox < width; ++ox) {
            const double x0 = static_cast<double>(ox) * sx;
            const double x1 = x0 + sx;
            double sum = 0.0;
            double area = 0.0;
            for (auto y = static_cast<std::size_t>(y0); y < in.height && static_cast<double>(y) < y1; ++y) {
                const double hy = std::min(y1, static_cast<double>(y + 1)) - std::max(y0, static_cast<double>(y));
                if (hy <= 0.0) continue;
                for (auto x = static_cast<std::size_t>(x0); x < in.width && static_cast<double>(x) < x1; ++x) {
                    const double wx = std::min(x1, static_cast<double>(x + 1)) - std::max(x0, static_cast<double>(x));
                    if (wx <= 0.0) continue;
                    sum += hy * wx * in.pixels[y * in.width + x];
                    area += hy * wx;
                }
            }
            out.pixels[oy * width + ox] = area > 0.0 ? static_cast<float>(sum / area) : 0.0F;
        }
    }
    return out;
}

/// The size of `in` fitted into height × width keeping its proportions.
Size2 fittedSize(const Grey& in, std::size_t height, std::size_t width) {
    const double scale = std::min(static_cast<double>(height) / static_cast<double>(in.height),
                                  static_cast<double>(width) / static_cast<double>(in.width));
    return {std::clamp<std::size_t>(static_cast<std::size_t>(std::llround(static_cast<double>(in.height) * scale)),
                                    1, height),
            std::clamp<std::size_t>(static_cast<std::size_t>(std::llround(static_cast<double>(in.width) * scale)), 1,
                                    width)};
}

/// Fits `in` into height × width keeping its proportions, centred on black.
Grey fitInto(const Grey& in, std::size_t height, std::size_t width) {
    const auto [h, w] = fittedSize(in, height, width);
    const Grey scaled = resample(in, h, w);
    Grey out{height, width, std::vector<float>(height * width, 0.0F)};
    const std::size_t top = (height - h) / 2;
    const std::size_t left = (width - w) / 2;
    for (std::size_t y = 0; y < h; ++y)
        for (std::size_t x = 0; x < w; ++x)
            out.pixels[(top + y) * width + left + x] = scaled.pixels[y * w + x];
    return out;
}


std::string bar(double probability) {
    constexpr int kWidth = 20;
    const auto filled = static_cast<std::size_t>(std::lround(std::clamp(probability, 0.0, 1.0) * kWidth));
    return std::string(filled, '#');
}

std::string fixed4(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", v);
    return buffer;
}

}  // namespace

int runPredict(const Arguments& args) {
    const std::string modelPath = args.positional().at(0);
    const std::string imagePath = args.positional().at(1);
    const auto top = args.integer("top", 1, 0);

    Session session;
    ModelFile model = loadModel(modelPath, session.registry());
    Network& net = model.network;
    const auto size = modelImageSize(net.inputShape());
    if (!size) throw InputError(modelPath, tr("predict.notImageModel", {net.inputShape().str()}));

    Grey picture = readGrey(imagePath);
    const float border = borderMean(picture);
    // MNIST and Fashion-MNIST are light on dark: a light ground means dark strokes to turn around.
    const bool invert = border > 127.5F;
    if (invert)
        for (float& v : picture.pixels)
            v = 255.0F - v;
    const Grey fitted = fitInto(picture, size->height, size->width);
    const Size2 scaled = fittedSize(picture, size->height, size->width);

    std::vector<std::size_t> dims{1};
    for (std::size_t d : net.inputShape().dims())
        dims.push_back(d);
    Tensor x{Shape(dims)};
    for (std::size_t k = 0; k < fitted.pixels.size(); ++k)
        x[k] = fitted.pixels[k] / 255.0F;
    const Tensor out = net.forward(x, Mode::Eval);

    // Probabilities: the network's own softmax (or sigmoid, for one output), or ours.
    std::vector<double> probabilities;
    bool applied = false;
    if (out.size() == 1) {
        double p = out[0];
        applied = !lastActivationIs(net, "sigmoid");
        if (applied) p = 1.0 / (1.0 + std::exp(-p));
        probabilities = {1.0 - p, p};
    } else {
        probabilities.assign(out.values().begin(), out.values().end());
        applied = !lastActivationIs(net, "softmax");
        if (applied) {
            const double peak = *std::max_element(probabilities.begin(), probabilities.end());
            double sum = 0.0;
            for (double& v : probabilities)
                sum += (v = std::exp(v - peak));
            for (double& v : probabilities)
                v /= sum;
        }
    }
    if (std::any_of(probabilities.begin(), probabilities.end(), [](double v) { return !std::isfinite(v); }))
        throw RuntimeFailure(tr("predict.notFinite", {modelPath}));

    std::vector<std::string> labels = model.classNames;
    if (labels.size() != probabilities.size()) {
        labels.clear();
        for (std::size_t c = 0; c < probabilities.size(); ++c)
            labels.push_back(std::to_string(c));
    }

    std::cout << tr("predict.model", {modelPath, net.inputShape().str(), std::to_string(probabilities.size())}) << "\n"
              << tr("predict.image", {imagePath, std::to_string(picture.width), std::to_string(picture.height),
                                      std::to_string(scaled.width), std::to_string(scaled.height),
                                      std::to_string(size->width), std::to_string(size->height)})
              << "\n";
    if (invert)
        std::cout << tr("predict.inverted", {formatNumber(border, 4)}) << "\n";
    if (applied)
        std::cout << tr(out.size() == 1 ? "predict.appliedSigmoid" : "predict.appliedSoftmax") << "\n";
    if (args.has("show")) {
        std::cout << "\n" << tr("predict.seen") << "\n";
        const std::string rule = "    +" + std::string(fitted.width, '-') + "+\n";
        std::cout << rule;
        for (const auto& line : asciiImage(fitted.pixels, fitted.height, fitted.width, 0.0F, 255.0F, fitted.width))
            std::cout << "    |" << line << "|\n";
        std::cout << rule;
    }

    std::vector<std::size_t> order(probabilities.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return probabilities[a] > probabilities[b]; });
    const std::size_t shown = top > 0 ? std::min(order.size(), static_cast<std::size_t>(top)) : order.size();

    std::cout << "\n";
    if (shown < order.size())
        std::cout << tr("predict.top", {std::to_string(shown), std::to_string(order.size())}) << "\n";
    Table table({tr("col.class"), tr("predict.probability"), ""});
    table.setAlign(1, Table::Align::Right);
    for (std::size_t k = 0; k < shown; ++k)
        table.addRow({labels[order[k]], fixed4(probabilities[order[k]]), bar(probabilities[order[k]])});
    std::cout << table.render(2) << "\n"
              << tr("predict.winner", {labels[order.front()], formatPercent(probabilities[order.front()])}) << "\n";
    return 0;
}

}  // namespace deepstep::cli
