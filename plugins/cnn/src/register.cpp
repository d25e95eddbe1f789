#include "deepstep/cnn/cnn.hpp"

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
            Schema{
                integerOption("filters", nullptr, 1, std::nullopt,
                              {"Number of filters = output channels. A multiple of groups.",
                               "필터의 개수 = 출력 채널 수입니다. groups의 배수여야 합니다."}),
                sizeOption("kernel", nullptr, 1,
                           {"Kernel size k: one integer for a square kernel (3 is 3×3), or [height, width].",
                            "커널 크기 k입니다. 정사각형이면 정수 하나(3은 3×3), 아니면 [높이, 너비]입니다."}),
                sizeOption("stride", 1, 1,
                           {"Stride s: how far the kernel moves between outputs, an integer or [height, width].",
                            "보폭 s: 출력 하나마다 커널이 움직이는 거리입니다. 정수나 [높이, 너비]입니다."}),
                sizeOption("padding", 0, 0,
                           {"Zero padding p on each side: an integer, [height, width], or \"same\" (the output keeps "
                            "the input's size at stride 1, ⌈in / s⌉ otherwise; an odd total puts the extra zero at the "
                            "bottom and right, as PyTorch does).",
                            "양쪽에 덧대는 0의 개수 p입니다. 정수, [높이, 너비], 또는 \"same\"(보폭 1이면 출력 크기가 "
                            "입력과 같고, 아니면 ⌈입력 / s⌉입니다. 합이 홀수이면 PyTorch처럼 남는 0을 아래와 오른쪽에 "
                            "둡니다)입니다."},
                           {"same"}),
                sizeOption("dilation", 1, 1,
                           {"Dilation d: the gap between kernel taps is d − 1, so the kernel spans d(k − 1) + 1 "
                            "pixels. An integer or [height, width].",
                            "팽창 d: 커널 원소 사이의 간격이 d − 1이 되어 커널이 d(k − 1) + 1 픽셀에 걸칩니다. 정수나 "
                            "[높이, 너비]입니다."}),
                integerOption("groups", 1, 1, std::nullopt,
                              {"Splits channels and filters into groups that do not see each other; groups = input "
                               "channels (and filters a multiple of it) is a depthwise convolution.",
                               "채널과 필터를 서로 보지 않는 그룹으로 나눕니다. groups = 입력 채널 수(필터 수는 그 "
                               "배수)이면 깊이별(depthwise) 합성곱입니다."}),
                flagOption("use_bias", true, {"Add a learnable bias per filter.", "필터마다 학습 가능한 편향을 더합니다."}),
                activationOption("activation", "identity",
                                 {"The activation applied to each output: a registered name (relu, tanh, ...) or an "
                                  "object with its options, e.g. {\"type\": \"leaky_relu\", \"alpha\": 0.1}.",
                                  "각 출력에 적용할 활성화 함수입니다. 등록된 이름(relu, tanh 등)이나 옵션을 함께 적은 "
                                  "객체(예: {\"type\": \"leaky_relu\", \"alpha\": 0.1})를 씁니다."}),
                choiceOption("init", "he", {"xavier", "he", "uniform", "normal", "zeros"},
                             {"How the weights start, with fan-in (C/groups)·kh·kw and fan-out filters·kh·kw/groups: "
                              "he (normal with variance 2/fan-in, for ReLU), xavier (uniform in "
                              "±√(6/(fan-in + fan-out))), uniform (±init_scale), normal (standard deviation "
                              "init_scale), zeros (for demonstrations).",
                              "가중치 초기화 방법입니다. fan-in은 (C/groups)·kh·kw, fan-out은 filters·kh·kw/groups: "
                              "he(분산 2/fan-in인 정규분포, ReLU에 적합), xavier(±√(6/(fan-in + fan-out)) 구간의 "
                              "균등분포), uniform(±init_scale), normal(표준편차 init_scale), zeros(시연용)."}),
                numberOption("init_scale", 0.1, 0.0, std::nullopt,
                             {"Half-width for init = uniform, standard deviation for init = normal.",
                              "init이 uniform이면 구간의 반폭, normal이면 표준편차입니다."})}),
        [registry](const Options& o) {
            Conv2dOptions c;
            c.filters = o.integerAs<std::size_t>("filters");
            c.window = windowOf(o, "conv2d");
            c.groups = o.integerAs<std::size_t>("groups");
            c.useBias = o.flag("use_bias");
            c.init = o.text("init");
            c.initScale = static_cast<float>(o.number("init_scale"));
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
}

}  // namespace deepstep::cnn
