#include "deepstep/cnn/cnn.hpp"
#include "deepstep/cnn/more_layers.hpp"

#include "deepstep/errors.hpp"

#include <cmath>
#include <utility>

namespace deepstep::cnn {

namespace {

// A size per axis given as one integer (both axes) or [height, width]; with `words`,
// a word instead ("same").
OptionSpec sizeOption(std::string name, Json defaultValue, double min, Text help,
                      std::vector<std::string> words = {}) {
    OptionSpec s;
    s.name = std::move(name);
    s.type = OptionType::NumberList;
    s.defaultValue = std::move(defaultValue);
    s.min = min;
    s.singleNumber = true;
    s.choices = std::move(words);
    s.help = std::move(help);
    return s;
}

// Reads a sizeOption: one integer for both axes or [height, width].
// throws InputError naming the option for a list of another length or a fraction.
Pair pairOf(const Options& o, const std::string& name, const std::string& layer) {
    const std::string where = (o.path().empty() ? layer : o.path()) + "." + name;
    const Json& v = o.value(name);
    const Json list = v.is_array() ? v : Json::array({v, v});
    if (list.size() != 2 && list.size() != 1) {
        throw InputError(where, "expected one integer or two, [height, width], got " + describeJson(v));
    }
    std::size_t sizes[2] = {0, 0};
    for (std::size_t axis = 0; axis < 2; ++axis) {
        const Json& e = list[list.size() == 1 ? 0 : axis];
        const double d = e.get<double>();
        if (std::floor(d) != d || d > kIntegerOptionLimit) {
            throw InputError(where, "expected whole numbers of at most " +
                                        std::to_string(static_cast<long long>(kIntegerOptionLimit)) + ", got " +
                                        describeJson(v));
        }
        sizes[axis] = static_cast<std::size_t>(d);
    }
    return {sizes[0], sizes[1]};
}

WindowOptions windowOf(const Options& o, const std::string& layer) {
    WindowOptions w;
    w.kernel = pairOf(o, "kernel", layer);
    w.stride = pairOf(o, "stride", layer);
    w.dilation = pairOf(o, "dilation", layer);
    if (o.value("padding").is_string()) {
        w.padding.same = true;
    } else {
        w.padding.size = pairOf(o, "padding", layer);
    }
    return w;
}

// The options conv2d, conv_transpose2d and depthwise_separable share.
OptionSpec filtersOption(Text help) {
    return integerOption("filters", nullptr, 1, std::nullopt, std::move(help));
}

OptionSpec kernelOption() {
    return sizeOption("kernel", nullptr, 1,
                      {"Kernel size k: one integer for a square kernel (3 is 3×3), or [height, width].",
                       "커널 크기 k입니다. 정사각형이면 정수 하나(3은 3×3), 아니면 [높이, 너비]입니다."});
}

OptionSpec strideOption() {
    return sizeOption("stride", 1, 1,
                      {"Stride s: how far the kernel moves between outputs, an integer or [height, width].",
                       "보폭 s: 출력 하나마다 커널이 움직이는 거리입니다. 정수나 [높이, 너비]입니다."});
}

OptionSpec samePaddingOption() {
    return sizeOption("padding", 0, 0,
                      {"Zero padding p on each side: an integer, [height, width], or \"same\" (the output keeps "
                       "the input's size at stride 1, ⌈in / s⌉ otherwise; an odd total puts the extra zero at the "
                       "bottom and right, as PyTorch does).",
                       "양쪽에 덧대는 0의 개수 p입니다. 정수, [높이, 너비], 또는 \"same\"(보폭 1이면 출력 크기가 "
                       "입력과 같고, 아니면 ⌈입력 / s⌉입니다. 합이 홀수이면 PyTorch처럼 남는 0을 아래와 오른쪽에 "
                       "둡니다)입니다."},
                      {"same"});
}

OptionSpec dilationOption() {
    return sizeOption("dilation", 1, 1,
                      {"Dilation d: the gap between kernel taps is d − 1, so the kernel spans d(k − 1) + 1 "
                       "pixels. An integer or [height, width].",
                       "팽창 d: 커널 원소 사이의 간격이 d − 1이 되어 커널이 d(k − 1) + 1 픽셀에 걸칩니다. 정수나 "
                       "[높이, 너비]입니다."});
}

OptionSpec useBiasOption() {
    return flagOption("use_bias", true, {"Add a learnable bias per filter.", "필터마다 학습 가능한 편향을 더합니다."});
}

OptionSpec activationOf(const std::string& name, Text help) {
    return activationOption(name, "identity", std::move(help));
}

Text activationHelp() {
    return {"The activation applied to each output: a registered name (relu, tanh, ...) or an "
            "object with its options, e.g. {\"type\": \"leaky_relu\", \"alpha\": 0.1}.",
            "각 출력에 적용할 활성화 함수입니다. 등록된 이름(relu, tanh 등)이나 옵션을 함께 적은 "
            "객체(예: {\"type\": \"leaky_relu\", \"alpha\": 0.1})를 씁니다."};
}

OptionSpec initOption(Text help) {
    return choiceOption("init", "he", {"xavier", "he", "uniform", "normal", "zeros"}, std::move(help));
}

OptionSpec initScaleOption() {
    return numberOption("init_scale", 0.1, 0.0, std::nullopt,
                        {"Half-width for init = uniform, standard deviation for init = normal.",
                         "init이 uniform이면 구간의 반폭, normal이면 표준편차입니다."});
}

Text convInitHelp() {
    return {"How the weights start, with fan-in (C/groups)·kh·kw and fan-out filters·kh·kw/groups: "
            "he (normal with variance 2/fan-in, for ReLU), xavier (uniform in "
            "±√(6/(fan-in + fan-out))), uniform (±init_scale), normal (standard deviation "
            "init_scale), zeros (for demonstrations).",
            "가중치 초기화 방법입니다. fan-in은 (C/groups)·kh·kw, fan-out은 filters·kh·kw/groups: "
            "he(분산 2/fan-in인 정규분포, ReLU에 적합), xavier(±√(6/(fan-in + fan-out)) 구간의 "
            "균등분포), uniform(±init_scale), normal(표준편차 init_scale), zeros(시연용)."};
}

// The options conv2d and conv_transpose2d read alike into their option structs.
template <typename ConvOptions>
void readConvOptions(const Options& o, const std::string& layer, ConvOptions& c) {
    c.filters = o.integerAs<std::size_t>("filters");
    c.window = windowOf(o, layer);
    c.groups = o.integerAs<std::size_t>("groups");
    c.useBias = o.flag("use_bias");
    c.init = o.text("init");
    c.initScale = static_cast<float>(o.number("init_scale"));
}

PoolOptions poolOf(const Options& o, const std::string& layer) {
    const PoolOptions pool{pairOf(o, "kernel", layer), pairOf(o, "stride", layer), pairOf(o, "padding", layer)};
    checkPoolOptions(pool, o.path().empty() ? layer : o.path());
    return pool;
}

Schema poolSchema() {
    return Schema{sizeOption("kernel", 2, 1,
                             {"Window size: one integer for a square window, or [height, width].",
                              "창의 크기입니다. 정사각형이면 정수 하나, 아니면 [높이, 너비]입니다."}),
                  sizeOption("stride", 0, 0,
                             {"Step between windows, an integer or [height, width]; 0 (the default) takes the "
                              "kernel size, so windows do not overlap.",
                              "창이 움직이는 간격입니다. 정수나 [높이, 너비]이며, 0(기본값)이면 커널 크기와 같아 창이 "
                              "겹치지 않습니다."}),
                  sizeOption("padding", 0, 0,
                             {"Padding on each side, an integer or [height, width]; at most half the kernel.",
                              "양쪽에 덧대는 크기입니다. 정수나 [높이, 너비]이며, 커널의 절반을 넘을 수 없습니다."})};
}

}  // namespace

void registerComponents(Registry& r) {
    Registry* registry = &r;
    r.addLayer(
        componentInfo(
            Kind::Layer, "conv2d",
            {"2-D convolution on images N·C·H·W: each filter slides over the input and sums kernel × pixels over "
             "all its input channels, plus a bias. Output size per axis: out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1.",
             "이미지(N·C·H·W)에 대한 2차원 합성곱입니다. 필터마다 입력 위를 미끄러지며 모든 입력 채널에 걸쳐 "
             "커널 × 픽셀을 더하고 편향을 더합니다. 축마다 출력 크기: 출력 = ⌊(입력 + 2p − d(k − 1) − 1) / s⌋ + 1."},
            Schema{filtersOption({"Number of filters = output channels. A multiple of groups.",
                                  "필터의 개수 = 출력 채널 수입니다. groups의 배수여야 합니다."}),
                   kernelOption(), strideOption(), samePaddingOption(), dilationOption(),
                   integerOption("groups", 1, 1, std::nullopt,
                                 {"Splits channels and filters into groups that do not see each other; groups = input "
                                  "channels (and filters a multiple of it) is a depthwise convolution.",
                                  "채널과 필터를 서로 보지 않는 그룹으로 나눕니다. groups = 입력 채널 수(필터 수는 그 "
                                  "배수)이면 깊이별(depthwise) 합성곱입니다."}),
                   useBiasOption(), activationOf("activation", activationHelp()), initOption(convInitHelp()),
                   initScaleOption()}),
        [registry](const Options& o) {
            Conv2dOptions c;
            readConvOptions(o, "conv2d", c);
            return std::make_unique<Conv2dLayer>(std::move(c),
                                                 registry->makeActivation(o.value("activation"), "activation"));
        });
    r.addLayer(componentInfo(Kind::Layer, "max_pool2d",
                             {"Max pooling: each output is the largest value in its window, per channel; backward "
                              "sends the gradient to that value only.",
                              "최대 풀링: 채널마다 창 안의 가장 큰 값을 출력합니다. 역전파는 그 값으로만 기울기를 "
                              "보냅니다."},
                             poolSchema()),
               [](const Options& o) { return std::make_unique<MaxPool2dLayer>(poolOf(o, "max_pool2d")); });
    r.addLayer(componentInfo(Kind::Layer, "avg_pool2d",
                             {"Average pooling: each output is the mean of its window, per channel (padding counts "
                              "as zeros, as in PyTorch).",
                              "평균 풀링: 채널마다 창 안의 평균을 출력합니다(PyTorch처럼 덧댄 0도 평균에 들어갑니다)."},
                             poolSchema()),
               [](const Options& o) { return std::make_unique<AvgPool2dLayer>(poolOf(o, "avg_pool2d")); });
    r.addLayer(componentInfo(Kind::Layer, "global_avg_pool",
                             {"Global average pooling: each channel's mean over all its pixels, N·C·H·W → N·C "
                              "(7×7×1024 → 1024).",
                              "전역 평균 풀링: 채널마다 모든 픽셀의 평균을 냅니다. N·C·H·W → N·C (7×7×1024 → 1024)."}),
               [](const Options&) { return std::make_unique<GlobalAvgPoolLayer>(); });
    r.addLayer(componentInfo(Kind::Layer, "flatten",
                             {"Flattens each sample into one row of features (C·H·W), e.g. before a dense layer.",
                              "샘플마다 특성 한 줄(C·H·W)로 펼칩니다. 예를 들어 완전 연결층 앞에 둡니다."}),
               [](const Options&) { return std::make_unique<FlattenLayer>(); });
    r.addLayer(
        componentInfo(Kind::Layer, "batch_norm2d",
                      {"Batch normalisation per channel: each channel is normalised over its N·H·W values with the "
                       "batch's mean and variance in training (the running ones in evaluation), then scaled by γ "
                       "(\"weight\") and shifted by β (\"bias\"), as PyTorch's BatchNorm2d.",
                       "채널별 배치 정규화: 학습 중에는 채널마다 N·H·W개 값의 배치 평균과 분산으로(평가 때는 이동 "
                       "평균과 이동 분산으로) 정규화한 뒤 γ(\"weight\")를 곱하고 β(\"bias\")를 더합니다. PyTorch의 "
                       "BatchNorm2d와 같습니다."},
                      Schema{numberOption("momentum", 0.9, 0.0, 1.0,
                                          {"How much of the running mean and variance is kept at each training step: "
                                           "running = momentum · running + (1 − momentum) · batch (as batch_norm; "
                                           "PyTorch's momentum is 1 − this, its 0.1 is 0.9 here).",
                                           "학습 단계마다 이동 평균과 이동 분산을 얼마나 유지할지 정합니다: running = "
                                           "momentum · running + (1 − momentum) · batch (batch_norm과 같으며, "
                                           "PyTorch의 momentum은 1 − 이 값이라 그쪽의 0.1이 여기의 0.9입니다)."}),
                             numberOption("epsilon", 1e-5, 1e-12, 1.0,
                                          {"Added to the variance before the square root, to avoid division by zero.",
                                           "0으로 나누지 않도록 제곱근을 취하기 전에 분산에 더하는 값입니다."}),
                             flagOption("affine", true,
                                        {"Learn a scale γ and a shift β per channel.",
                                         "채널마다 배율 γ와 이동 β를 학습합니다."})}),
        [](const Options& o) {
            BatchNorm2dOptions b;
            b.momentum = static_cast<float>(o.number("momentum"));
            b.epsilon = static_cast<float>(o.number("epsilon"));
            b.affine = o.flag("affine");
            return std::make_unique<BatchNorm2dLayer>(b);
        });
    r.addLayer(
        componentInfo(
            Kind::Layer, "conv_transpose2d",
            {"2-D transposed convolution (a decoder's upsampling convolution): every input pixel adds its "
             "kernel-weighted copy to a window of the output, the backward pass of conv2d run forward. Weight "
             "[in_channels, filters/groups, kh, kw] as in PyTorch. Output size per axis: out = (in − 1)·s − 2p + "
             "d(k − 1) + output_padding + 1.",
             "2차원 전치 합성곱(디코더가 크기를 키우는 합성곱)입니다. 입력 픽셀마다 커널을 곱한 복사본을 출력의 "
             "창에 더하며, conv2d의 역전파를 순방향으로 실행하는 것과 같습니다. 가중치는 PyTorch처럼 "
             "[in_channels, filters/groups, kh, kw]입니다. 축마다 출력 크기: 출력 = (입력 − 1)·s − 2p + d(k − 1) + "
             "output_padding + 1."},
            Schema{filtersOption({"Number of filters = output channels. A multiple of groups.",
                                  "필터의 개수 = 출력 채널 수입니다. groups의 배수여야 합니다."}),
                   kernelOption(), strideOption(),
                   sizeOption("padding", 0, 0,
                              {"Padding p: removes p rows and columns from each side of the output, an integer or "
                               "[height, width].",
                               "패딩 p: 출력의 양쪽에서 p개의 행과 열을 잘라 냅니다. 정수나 [높이, 너비]입니다."}),
                   sizeOption("output_padding", 0, 0,
                              {"Extra rows and columns added to the bottom and right of the output, less than the "
                               "stride: picks which of the stride's possible sizes the output has.",
                               "출력의 아래와 오른쪽에 더하는 행과 열의 수로, 보폭보다 작아야 합니다. 보폭 때문에 "
                               "가능한 여러 출력 크기 중 하나를 고릅니다."}),
                   dilationOption(),
                   integerOption("groups", 1, 1, std::nullopt,
                                 {"Splits input channels and filters into groups that do not see each other.",
                                  "입력 채널과 필터를 서로 보지 않는 그룹으로 나눕니다."}),
                   useBiasOption(), activationOf("activation", activationHelp()),
                   initOption({"How the weights start, with fan-in (filters/groups)·kh·kw and fan-out "
                               "(in_channels/groups)·kh·kw, as PyTorch counts them for this layout: he, xavier, "
                               "uniform, normal or zeros (see conv2d).",
                               "가중치 초기화 방법입니다. PyTorch가 이 배치에서 세는 대로 fan-in은 "
                               "(filters/groups)·kh·kw, fan-out은 (in_channels/groups)·kh·kw입니다: he, xavier, "
                               "uniform, normal, zeros(conv2d 참고)."}),
                   initScaleOption()}),
        [registry](const Options& o) {
            ConvTranspose2dOptions c;
            readConvOptions(o, "conv_transpose2d", c);
            c.outputPadding = pairOf(o, "output_padding", "conv_transpose2d");
            return std::make_unique<ConvTranspose2dLayer>(std::move(c),
                                                          registry->makeActivation(o.value("activation"), "activation"));
        });
    r.addLayer(componentInfo(Kind::Layer, "upsample",
                             {"Nearest-neighbour upsampling: every pixel is repeated sh × sw times, C×H×W → "
                              "C×(H·sh)×(W·sw).",
                              "최근접 이웃 업샘플링: 픽셀마다 sh × sw번 반복합니다. C×H×W → C×(H·sh)×(W·sw)."},
                             Schema{sizeOption("scale", 2, 1,
                                               {"Factor per axis: one integer for both, or [sh, sw].",
                                                "축마다 키우는 배수입니다. 둘 다 같으면 정수 하나, 아니면 [sh, "
                                                "sw]입니다."})}),
               [](const Options& o) { return std::make_unique<UpsampleLayer>(pairOf(o, "scale", "upsample")); });
    r.addLayer(
        componentInfo(
            Kind::Layer, "depthwise_separable",
            {"Depthwise-separable convolution, a block of two conv2d layers: \"depthwise\" convolves each of the C "
             "input channels on its own (groups = C, C·m filters), \"pointwise\" mixes them with F 1×1 filters. "
             "Weights: C·m·k·k + C·m·F, against F·C·k·k for a plain conv2d (m = 1: about 1/F + 1/k² of them).",
             "깊이별 분리 합성곱, conv2d 두 층으로 된 블록입니다. \"depthwise\"는 입력 채널 C개를 각각 따로 "
             "합성곱하고(groups = C, 필터 C·m개), \"pointwise\"는 1×1 필터 F개로 채널을 섞습니다. 가중치 수: "
             "C·m·k·k + C·m·F, 일반 conv2d는 F·C·k·k (m = 1이면 약 1/F + 1/k²배)."},
            Schema{filtersOption({"Number of 1×1 (pointwise) filters F = output channels.",
                                  "1×1(pointwise) 필터의 개수 F = 출력 채널 수입니다."}),
                   integerOption("depth_multiplier", 1, 1, std::nullopt,
                                 {"Depthwise filters per input channel m: the depthwise layer has C·m outputs.",
                                  "입력 채널마다 쓰는 깊이별 필터의 수 m입니다. depthwise 층의 출력은 C·m개입니다."}),
                   kernelOption(), strideOption(), samePaddingOption(), dilationOption(), useBiasOption(),
                   activationOf("depthwise_activation",
                                {"The activation after the depthwise convolution (MobileNet puts relu here).",
                                 "깊이별 합성곱 뒤의 활성화 함수입니다(MobileNet은 여기에 relu를 씁니다)."}),
                   activationOf("activation", {"The activation after the pointwise (1×1) convolution.",
                                               "점별(1×1) 합성곱 뒤의 활성화 함수입니다."}),
                   initOption(convInitHelp()), initScaleOption()}),
        [registry](const Options& o) {
            DepthwiseSeparableOptions d;
            d.filters = o.integerAs<std::size_t>("filters");
            d.depthMultiplier = o.integerAs<std::size_t>("depth_multiplier");
            d.window = windowOf(o, "depthwise_separable");
            d.useBias = o.flag("use_bias");
            d.init = o.text("init");
            d.initScale = static_cast<float>(o.number("init_scale"));
            const Json depthwise = o.value("depthwise_activation");
            const Json pointwise = o.value("activation");
            return std::make_unique<DepthwiseSeparableLayer>(d, [&](const std::string& child) {
                return child == "depthwise" ? registry->makeActivation(depthwise, "depthwise_activation")
                                            : registry->makeActivation(pointwise, "activation");
            });
        });

}

}  // namespace deepstep::cnn
