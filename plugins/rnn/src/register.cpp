#include "deepstep/errors.hpp"
#include "deepstep/rnn/rnn.hpp"

namespace deepstep::rnn {

namespace {

// The options every recurrent layer has, then `extra`.
Schema recurrentSchema(Text unitsHelp, Text initHelp, std::vector<OptionSpec> extra = {}) {
    Schema schema;
    for (OptionSpec& spec : std::vector<OptionSpec>{integerOption("units", nullptr, 1, std::nullopt, std::move(unitsHelp)),
            flagOption("return_sequences", false,
                       {"Output h_t of every step (N·T·units) instead of the last one only (N·units).",
                        "마지막 시점만(N·units)이 아니라 모든 시점의 h_t(N·T·units)를 출력합니다."}),
            choiceOption("init", "xavier", {"xavier", "he", "uniform", "normal", "zeros"}, std::move(initHelp)),
            numberOption("init_scale", 0.1, 0.0, std::nullopt,
                         {"Half-width for init = uniform, standard deviation for init = normal.",
                          "init이 uniform이면 구간의 반폭, normal이면 표준편차입니다."}),
            integerOption("bptt_steps", 0, 0, std::nullopt,
                          {"Truncated backpropagation through time: the gradient flows back through at most this "
                           "many steps, in windows counted from the sequence's end (the last output reaches exactly "
                           "this far back), as if the state were detached between windows. The forward pass is "
                           "unchanged. 0: through the whole sequence.",
                           "잘린 BPTT: 기울기가 시간을 거슬러 최대 이만큼의 시점까지만 흐릅니다. 창은 시퀀스의 끝에서부터 "
                           "세며(마지막 출력은 정확히 이만큼 거슬러 갑니다), 창 사이에서 상태를 떼어 낸 것과 같습니다. "
                           "순전파는 그대로입니다. 0이면 시퀀스 전체를 거슬러 갑니다."}),
            choiceOption("initial_state", "zero", {"zero", "learned"},
                         {"The state before the first step: zero (h_0 = 0, and c_0 = 0 for an lstm), or learned: "
                          "parameters initial_state [units] (and initial_cell [units]) shared by every sequence, "
                          "starting at 0 and trained with the weights.",
                          "첫 시점 이전의 상태: zero(h_0 = 0, lstm이면 c_0 = 0도) 또는 learned: 모든 시퀀스가 함께 "
                          "쓰는 파라미터 initial_state [units](lstm이면 initial_cell [units]도)로, 0에서 시작해 "
                          "가중치와 함께 학습합니다."})})
        schema.add(std::move(spec));
    for (OptionSpec& spec : extra)
        schema.add(std::move(spec));
    return schema;
}

template <typename Options_>
Options_ commonValues(const Options& o) {
    Options_ s;
    s.units = static_cast<std::size_t>(o.integer("units"));
    s.returnSequences = o.flag("return_sequences");
    s.init = o.text("init");
    s.initScale = static_cast<float>(o.number("init_scale"));
    s.bpttSteps = static_cast<std::size_t>(o.integer("bptt_steps"));
    s.learnedInitialState = o.text("initial_state") == "learned";
    return s;
}

}  // namespace

void registerComponents(Registry& registry) {
    Registry* r = &registry;
    registry.addLayer(
        componentInfo(
            Kind::Layer, "simple_rnn",
            {"Simple (Elman) recurrent layer on sequences N·T·F: h_t = f(x_t W + h_{t−1} U + b) from h_0 = 0, "
             "trained by backpropagation through time. Parameters input_weight W [F, units], recurrent_weight U "
             "[units, units], bias b [units].",
             "시퀀스(N·T·F)에 대한 단순(엘만) 순환 레이어입니다. h_0 = 0에서 시작해 h_t = f(x_t W + h_{t−1} U + b)를 "
             "계산하고, 시간을 거슬러 역전파(BPTT)로 학습합니다. 파라미터는 input_weight W [F, units], "
             "recurrent_weight U [units, units], bias b [units]입니다."},
            recurrentSchema({"Hidden units H: the size of h_t.", "은닉 유닛 수 H: h_t의 크기입니다."},
                            {"How W and U start (bias: zeros): xavier (uniform in ±√(6 / (fan-in + fan-out))), he, "
                             "uniform or normal (with init_scale), zeros.",
                             "W와 U의 초깃값(편향은 0): xavier(±√(6 / (fan-in + fan-out)) 안의 균등 분포), he, "
                             "uniform 또는 normal(init_scale 사용), zeros."},
                            {activationOption("activation", "tanh",
                                              {"f: the activation applied to z_t, a registered name (tanh, relu, ...).",
                                               "f: z_t에 적용할 활성화 함수로, 등록된 이름(tanh, relu, ...)입니다."})})),
        [r](const Options& o) {
            return std::make_unique<SimpleRnnLayer>(commonValues<SimpleRnnOptions>(o),
                                                    r->makeActivation(o.value("activation"), "activation"));
        });
    registry.addLayer(
        componentInfo(
            Kind::Layer, "lstm",
            {"Long short-term memory on sequences N·T·F: gates i, f, o = σ(·) and candidate g = tanh(·) of "
             "x_t W + h_{t−1} U + b, cell c_t = f ⊙ c_{t−1} + i ⊙ g, output h_t = o ⊙ tanh(c_t). Parameters "
             "input_weight W [F, 4·units], recurrent_weight U [units, 4·units], bias b [4·units], gates in the "
             "order i, f, g, o (PyTorch's).",
             "시퀀스(N·T·F)에 대한 LSTM입니다. x_t W + h_{t−1} U + b에서 게이트 i, f, o = σ(·)와 후보 "
             "g = tanh(·)를 얻고, 셀 c_t = f ⊙ c_{t−1} + i ⊙ g, 출력 h_t = o ⊙ tanh(c_t)를 계산합니다. "
             "파라미터는 input_weight W [F, 4·units], recurrent_weight U [units, 4·units], bias b [4·units]이고 "
             "게이트 순서는 i, f, g, o(PyTorch와 같음)입니다."},
            recurrentSchema({"Hidden units H: the size of h_t and c_t.", "은닉 유닛 수 H: h_t와 c_t의 크기입니다."},
                            {"How W and U start (bias: zeros, but see forget_bias).",
                             "W와 U의 초깃값입니다(편향은 0, forget_bias 참고)."},
                            {numberOption("forget_bias", 0.0, std::nullopt, std::nullopt,
                                          {"The forget gate's starting bias: 1 makes the cell keep its memory early in "
                                           "training.",
                                           "망각 게이트 편향의 초깃값입니다. 1이면 학습 초기에 셀이 기억을 간직합니다."})})),
        [](const Options& o) {
            auto s = commonValues<LstmOptions>(o);
            s.forgetBias = static_cast<float>(o.number("forget_bias"));
            return std::make_unique<LstmLayer>(s);
        });
    registry.addLayer(
        componentInfo(
            Kind::Layer, "gru",
            {"Gated recurrent unit on sequences N·T·F: reset gate r and update gate z = σ(·), candidate "
             "n = tanh(x_t W_n + b_n + r ⊙ (h_{t−1} U_n + c_n)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}. Parameters "
             "input_weight W [F, 3·units], recurrent_weight U [units, 3·units], bias b and recurrent_bias c "
             "[3·units], gates in the order r, z, n (PyTorch's).",
             "시퀀스(N·T·F)에 대한 GRU입니다. 리셋 게이트 r과 업데이트 게이트 z = σ(·), 후보 "
             "n = tanh(x_t W_n + b_n + r ⊙ (h_{t−1} U_n + c_n)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}을 계산합니다. "
             "파라미터는 input_weight W [F, 3·units], recurrent_weight U [units, 3·units], bias b와 "
             "recurrent_bias c [3·units]이고 게이트 순서는 r, z, n(PyTorch와 같음)입니다."},
            recurrentSchema({"Hidden units H: the size of h_t.", "은닉 유닛 수 H: h_t의 크기입니다."},
                            {"How W and U start (both biases: zeros).", "W와 U의 초깃값입니다(두 편향은 0)."})),
        [](const Options& o) { return std::make_unique<GruLayer>(commonValues<GruOptions>(o)); });
    registry.addLayer(
        componentInfo(
            Kind::Layer, "embedding",
            {"Token ids → vectors: each step's id (a whole number 0 … vocabulary−1) picks a row of the weight "
             "E [vocabulary, dimensions], turning N·T ids into N·T·dimensions. The same as one-hot input times a "
             "dense layer's weight, without the product. Parameter weight E, as torch.nn.Embedding's.",
             "토큰 id를 벡터로 바꿉니다. 각 시점의 id(0 … vocabulary−1의 정수)가 가중치 E [vocabulary, dimensions]의 "
             "한 행을 골라, N·T개의 id가 N·T·dimensions가 됩니다. 원-핫 입력에 완전 연결층의 가중치를 곱한 것과 "
             "같지만 곱셈이 없습니다. 파라미터는 weight E이며 torch.nn.Embedding과 같습니다."},
            Schema{integerOption("vocabulary", nullptr, 1, std::nullopt,
                                 {"V: how many different ids (characters, words) there are.",
                                  "V: 서로 다른 id(문자, 단어)의 개수입니다."}),
                   integerOption("dimensions", nullptr, 1, std::nullopt,
                                 {"D: the length of each id's vector.", "D: id마다 주어지는 벡터의 길이입니다."}),
                   choiceOption("init", "normal", {"normal", "uniform", "xavier"},
                                {"How the vectors start: normal (standard deviation init_scale; PyTorch's default "
                                 "is 1), uniform in ±init_scale, or xavier.",
                                 "벡터의 초깃값: normal(표준편차 init_scale, PyTorch 기본값은 1), ±init_scale 안의 "
                                 "uniform, 또는 xavier."}),
                   numberOption("init_scale", 1.0, 0.0, std::nullopt,
                                {"Standard deviation for init = normal, half-width for init = uniform.",
                                 "init이 normal이면 표준편차, uniform이면 구간의 반폭입니다."})}),
        [](const Options& o) {
            EmbeddingOptions s;
            s.vocabulary = static_cast<std::size_t>(o.integer("vocabulary"));
            s.dimensions = static_cast<std::size_t>(o.integer("dimensions"));
            s.init = o.text("init");
            s.initScale = static_cast<float>(o.number("init_scale"));
            return std::make_unique<EmbeddingLayer>(s);
        });
    registry.addCompositeLayer(
        componentInfo(Kind::Layer, "time_distributed",
                      {"The same layers at every step of a sequence: N·T·F in, N·T·G out, where the layers turn one "
                       "step's F into G, with one set of parameters for all steps (for example a dense layer after "
                       "an lstm with return_sequences, to forecast at every step).",
                       "시퀀스의 모든 시점에 같은 층들을 적용합니다. N·T·F를 받아 N·T·G를 내며, 층들은 한 시점의 F를 "
                       "G로 바꾸고 모든 시점이 파라미터 한 벌을 함께 씁니다(예: return_sequences인 lstm 뒤의 완전 "
                       "연결층으로 모든 시점에서 예측하기)."},
                      Schema{layersOption("layers",
                                          {"The layers applied at each step, in order: each a layer object as in "
                                           "model.layers, or a layer type's name.",
                                           "각 시점에 차례로 적용할 층들입니다. 각각 model.layers의 층과 같은 객체이거나 "
                                           "층 종류의 이름입니다."})}),
        [](const Options& o, const Registry& reg) {
            return std::make_unique<TimeDistributedLayer>(reg.makeLayers(o.value("layers"), "layers"));
        });
    registry.addCompositeLayer(
        componentInfo(Kind::Layer, "bidirectional",
                      {"Reads the sequence both ways: two copies of one recurrent layer, named forward and backward, "
                       "the second reading the steps in reverse; their outputs side by side (2·units per step, or "
                       "both final states). As PyTorch's bidirectional=True.",
                       "시퀀스를 양쪽으로 읽습니다. 순환 층 하나를 forward와 backward 두 벌로 만들어 두 번째는 시점을 "
                       "거꾸로 읽고, 두 출력을 나란히 붙입니다(시점마다 2·units, 또는 두 최종 상태). PyTorch의 "
                       "bidirectional=True와 같습니다."},
                      Schema{layersOption("layers",
                                          {"The one recurrent layer to run both ways (simple_rnn, lstm or gru, with its "
                                           "options); its copies are named forward and backward.",
                                           "양쪽으로 실행할 순환 층 하나(simple_rnn, lstm 또는 gru와 그 옵션)입니다. 두 "
                                           "벌은 forward와 backward로 불립니다."})}),
        [](const Options& o, const Registry& reg) {
            const Json& specs = o.value("layers");
            if (!specs.is_array() || specs.size() != 1) {
                throw InputError("layers", "expected exactly one recurrent layer to run both ways, got " +
                                               std::to_string(specs.is_array() ? specs.size() : 0));
            }
            Json spec = specs[0].is_string() ? Json{{"type", specs[0]}} : specs[0];
            if (spec.contains("parameters")) {
                throw InputError("layers[0].parameters",
                                 "the two directions start from their own values: give them as "
                                 "<layer>.forward.* and <layer>.backward.* in a model file, not in the spec");
            }
            Json forward = spec;
            Json backward = spec;
            forward["name"] = "forward";
            backward["name"] = "backward";
            std::vector<NamedLayer> two = reg.makeLayers(Json::array({forward, backward}), "layers");
            return std::make_unique<BidirectionalLayer>(std::move(two[0].layer), std::move(two[1].layer));
        });
}

}  // namespace deepstep::rnn
