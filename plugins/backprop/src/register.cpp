#include "deepstep/backprop/backprop.hpp"

#include <utility>

namespace deepstep::backprop {

namespace {

OptionSpec learningRateOption(double defaultValue) {
    return numberOption("learning_rate", defaultValue, 0.0, std::nullopt,
                        {"Learning rate η: how far each update moves the weights.",
                         "학습률 η: 한 번의 갱신에서 가중치를 얼마나 크게 움직일지 정합니다."});
}

OptionSpec epsilonOption(double defaultValue) {
    return numberOption("epsilon", defaultValue, 0.0, 1.0,
                        {"Small constant ε in the denominator that prevents division by zero.",
                         "분모가 0이 되는 것을 막는 작은 상수 ε입니다."});
}

float toFloat(double v) {
    return static_cast<float>(v);
}

void registerActivations(Registry& r) {
    r.addActivation(
        componentInfo(Kind::Activation, "identity", {"f(z) = z (no activation).", "f(z) = z (활성화 없음)."}),
        [](const Options&) { return std::make_unique<IdentityActivation>(); });
    r.addActivation(componentInfo(Kind::Activation, "sigmoid",
                                  {"f(z) = 1/(1+e^−z); its slope is at most 0.25, so deep sigmoid chains vanish.",
                                   "f(z) = 1/(1+e^−z). 기울기가 최대 0.25라서 층이 깊어지면 기울기가 사라집니다."}),
                    [](const Options&) { return std::make_unique<SigmoidActivation>(); });
    r.addActivation(componentInfo(Kind::Activation, "tanh",
                                  {"f(z) = tanh z, zero-centred output in (−1, 1).",
                                   "f(z) = tanh z. 출력이 (−1, 1) 범위이며 0을 중심으로 합니다."}),
                    [](const Options&) { return std::make_unique<TanhActivation>(); });
    r.addActivation(
        componentInfo(Kind::Activation, "relu",
                      {"f(z) = max(0, z); units stuck below zero stop learning (dying ReLU).",
                       "f(z) = max(0, z). 입력이 계속 음수인 유닛은 더 이상 학습하지 않습니다(죽은 ReLU)."}),
        [](const Options&) { return std::make_unique<ReluActivation>(); });
    r.addActivation(componentInfo(Kind::Activation, "leaky_relu",
                                  {"f(z) = max(αz, z): a small slope for negative inputs keeps units alive.",
                                   "f(z) = max(αz, z). 음수 입력에도 작은 기울기를 주어 유닛이 죽지 않게 합니다."},
                                  Schema{numberOption(
                                      "alpha", 0.01, 0.0, 1.0,
                                      {"Slope for negative inputs. The lecture's max(0.1x, x) is alpha = 0.1.",
                                       "음수 입력의 기울기입니다. 강의의 max(0.1x, x)는 alpha = 0.1에 해당합니다."})}),
                    [](const Options& o) { return std::make_unique<LeakyReluActivation>(toFloat(o.number("alpha"))); });
    r.addActivation(componentInfo(Kind::Activation, "elu",
                                  {"f(z) = z for z > 0, α(e^z − 1) otherwise: smooth, with negative outputs.",
                                   "z > 0이면 f(z) = z, 아니면 α(e^z − 1). 매끄럽고 음수 출력도 냅니다."},
                                  Schema{numberOption("alpha", 1.0, 0.0, std::nullopt,
                                                      {"For very negative inputs the output approaches −alpha.",
                                                       "입력이 아주 작아질 때 출력이 다가가는 값이 −alpha입니다."})}),
                    [](const Options& o) { return std::make_unique<EluActivation>(toFloat(o.number("alpha"))); });
    r.addActivation(componentInfo(Kind::Activation, "softmax",
                                  {"Turns each sample's scores into probabilities that sum to 1.",
                                   "샘플마다 점수를 합이 1인 확률로 바꿉니다."}),
                    [](const Options&) { return std::make_unique<SoftmaxActivation>(); });
}

void registerLayers(Registry& r) {
    // The factories look activations up in the registry at build time (not now), so
    // an activation added later by another plugin can be used by name as well.
    Registry* registry = &r;
    r.addLayer(
        componentInfo(
            Kind::Layer, "dense",
            {"Fully connected layer: y = f(XW + b), W of shape inputs × units.",
             "완전 연결층: y = f(XW + b). W의 모양은 입력 수 × 유닛 수입니다."},
            Schema{integerOption("units", nullptr, 1, kLargestIntegerOption,
                                 {"Number of output units (neurons).", "출력 유닛(뉴런)의 개수입니다."}),
                   activationOption(
                       "activation", "identity",
                       {"The activation applied to z = XW + b: a registered name (identity, sigmoid, tanh, relu, "
                        "leaky_relu, elu, softmax or one from another plugin), or an object with its options, "
                        "e.g. {\"type\": \"leaky_relu\", \"alpha\": 0.1}.",
                        "z = XW + b에 적용할 활성화 함수입니다. 등록된 이름(identity, sigmoid, tanh, relu, "
                        "leaky_relu, elu, softmax 또는 다른 플러그인이 등록한 함수)이나, 옵션을 함께 적은 객체"
                        "(예: {\"type\": \"leaky_relu\", \"alpha\": 0.1})를 씁니다."}),
                   choiceOption("init", "xavier", {"xavier", "he", "uniform", "normal", "zeros"},
                                {"How the weights start: xavier (uniform in ±√(6/(in+out))), he (normal with "
                                 "variance 2/in, for ReLU), uniform (±init_scale), normal (standard deviation "
                                 "init_scale), zeros (every unit then learns the same thing: for demonstrations).",
                                 "가중치 초기화 방법입니다. xavier(±√(6/(in+out)) 구간의 균등분포), he(분산 2/in인 "
                                 "정규분포, ReLU에 적합), uniform(±init_scale 균등분포), normal(표준편차 init_scale인 "
                                 "정규분포), zeros(모든 유닛이 똑같이 학습하므로 시연용)."}),
                   numberOption("init_scale", 0.1, 0.0, std::nullopt,
                                {"Half-width for init = uniform, standard deviation for init = normal.",
                                 "init이 uniform이면 구간의 반폭, normal이면 표준편차입니다."}),
                   flagOption("use_bias", true, {"Add a learnable bias b.", "학습 가능한 편향 b를 더합니다."})}),
        [registry](const Options& o) {
            return std::make_unique<DenseLayer>(
                o.integerAs<std::size_t>("units"),
                registry->makeActivation(o.value("activation"), "activation"), o.text("init"),
                o.flag("use_bias"), toFloat(o.number("init_scale")));
        });
    r.addLayer(componentInfo(
                   Kind::Layer, "activation",
                   {"Applies an activation function as a layer of its own.", "활성화 함수만 적용하는 독립된 층입니다."},
                   Schema{activationOption("function", nullptr,
                                           {"A registered activation, e.g. relu or softmax, or an object with its "
                                            "options, e.g. {\"type\": \"leaky_relu\", \"alpha\": 0.1}.",
                                            "등록된 활성화 함수(예: relu, softmax)나 옵션을 함께 적은 객체"
                                            "(예: {\"type\": \"leaky_relu\", \"alpha\": 0.1})입니다."})}),
               [registry](const Options& o) {
                   return std::make_unique<ActivationLayer>(registry->makeActivation(o.value("function"), "function"));
               });
    r.addLayer(componentInfo(Kind::Layer, "prelu",
                             {"Parametric ReLU: like leaky ReLU, but the negative slope is learned per feature.",
                              "매개변수 ReLU: leaky ReLU와 같지만 음수 쪽 기울기를 특성마다 학습합니다."},
                             Schema{numberOption(
                                 "alpha", 0.25, std::nullopt, std::nullopt,
                                 {"Initial slope for negative inputs.", "음수 입력에 대한 기울기의 초깃값입니다."})}),
               [](const Options& o) { return std::make_unique<PReluLayer>(toFloat(o.number("alpha"))); });
    r.addLayer(componentInfo(Kind::Layer, "maxout",
                             {"Maxout: each unit outputs the largest of several linear pieces.",
                              "맥스아웃: 각 유닛이 여러 선형 함수 중 가장 큰 값을 출력합니다."},
                             Schema{integerOption("units", nullptr, 1, kLargestIntegerOption,
                                                  {"Number of output units.", "출력 유닛의 개수입니다."}),
                                    integerOption("pieces", 2, 1, kLargestIntegerOption,
                                                  {"Linear pieces per unit; the unit outputs their maximum.",
                                                   "유닛마다 가진 선형 함수의 개수이며, 그중 최댓값을 출력합니다."})}),
               [](const Options& o) {
                   return std::make_unique<MaxoutLayer>(o.integerAs<std::size_t>("units"),
                                                        o.integerAs<std::size_t>("pieces"));
               });
    r.addLayer(componentInfo(Kind::Layer, "softmax",
                             {"Softmax over each sample: class scores become probabilities.",
                              "샘플마다 소프트맥스를 적용해 클래스 점수를 확률로 바꿉니다."}),
               [](const Options&) { return std::make_unique<SoftmaxLayer>(); });
    r.addLayer(
        componentInfo(
            Kind::Layer, "dropout",
            {"Dropout: during training, zeroes random inputs and scales the rest by 1/(1 − rate).",
             "드롭아웃: 학습 중에 입력 일부를 무작위로 0으로 만들고 나머지를 1/(1 − rate)배 합니다."},
            Schema{numberOption("rate", 0.5, 0.0, 0.99,
                                {"Fraction of inputs dropped in training (below 1). Evaluation drops nothing.",
                                 "학습 중에 버리는 입력의 비율입니다(1 미만). 평가할 때는 아무것도 버리지 않습니다."}),
                   integerOption("seed", 0, 0, kLargestIntegerOption,
                                 {"Seed of the dropout masks; 0 takes one from the network's seed.",
                                  "드롭아웃 마스크의 시드입니다. 0이면 네트워크의 시드에서 하나를 받아 씁니다."})}),
        [](const Options& o) {
            return std::make_unique<DropoutLayer>(toFloat(o.number("rate")),
                                                  o.integerAs<std::uint64_t>("seed"));
        });
    r.addLayer(
        componentInfo(Kind::Layer, "standardize",
                      {"Standardises the input with fixed numbers: y = (x − mean) / std. Put the training data's "
                       "mean and standard deviation here (deepstep dataset inspect shows them).",
                       "고정된 값으로 입력을 표준화합니다: y = (x − mean) / std. 학습 데이터의 평균과 표준편차를 "
                       "넣으세요(deepstep dataset inspect가 보여 줍니다)."},
                      Schema{numberOption("mean", 0.0, std::nullopt, std::nullopt,
                                          {"Subtracted from every input value.", "모든 입력값에서 뺍니다."}),
                             numberOption("std", 1.0, 1e-12, std::nullopt,
                                          {"Every centred value is divided by it (positive).",
                                           "평균을 뺀 값을 이 값으로 나눕니다(양수)."})}),
        [](const Options& o) {
            return std::make_unique<StandardizeLayer>(toFloat(o.number("mean")), toFloat(o.number("std")));
        });
    r.addLayer(
        componentInfo(Kind::Layer, "batch_norm",
                      {"Batch normalisation: normalises each feature over the batch, then scales by γ and shifts by β.",
                       "배치 정규화: 특성마다 배치 평균과 분산으로 정규화한 뒤 γ를 곱하고 β를 더합니다."},
                      Schema{numberOption("momentum", 0.9, 0.0, 1.0,
                                          {"How much of the running mean and variance is kept at each step: "
                                           "running = momentum · running + (1 − momentum) · batch.",
                                           "이동 평균과 이동 분산을 매 단계 얼마나 유지할지 정합니다: "
                                           "running = momentum · running + (1 − momentum) · batch."}),
                             numberOption("epsilon", 1e-5, 1e-12, 1.0,
                                          {"Added to the variance before the square root, to avoid division by zero.",
                                           "0으로 나누지 않도록 제곱근을 취하기 전에 분산에 더하는 값입니다."})}),
        [](const Options& o) {
            return std::make_unique<BatchNormLayer>(toFloat(o.number("momentum")), toFloat(o.number("epsilon")));
        });
}

void registerLosses(Registry& r) {
    const auto reduction = [](const Options& o) { return lossReductionFromName(o.text("reduction")); };
    r.addLoss(componentInfo(Kind::Loss, "mse",
                            {"Squared error summed over outputs, averaged over the batch (see reduction).",
                             "출력별 오차 제곱의 합을 배치에 대해 평균 낸 값입니다(reduction 참고)."},
                            Schema{flagOption("half", false,
                                              {"Use E = ½ Σ(o − t)², as in the lecture, so that dE/do = o − t.",
                                               "강의처럼 E = ½ Σ(o − t)²를 써서 dE/do = o − t가 되게 합니다."}),
                                   lossReductionOption()}),
              [reduction](const Options& o) { return std::make_unique<MseLoss>(o.flag("half"), reduction(o)); });
    r.addLoss(componentInfo(Kind::Loss, "mae",
                            {"Absolute error summed over outputs, averaged over the batch (see reduction).",
                             "출력별 절대 오차의 합을 배치에 대해 평균 낸 값입니다(reduction 참고)."},
                            Schema{lossReductionOption()}),
              [reduction](const Options& o) { return std::make_unique<MaeLoss>(reduction(o)); });
    r.addLoss(componentInfo(Kind::Loss, "binary_cross_entropy",
                            {"Cross-entropy of probabilities against 0/1 targets; pairs with a sigmoid output.",
                             "0/1 정답에 대한 확률의 교차 엔트로피입니다. 시그모이드 출력과 함께 씁니다."},
                            Schema{epsilonOption(1e-7), lossReductionOption()}),
              [reduction](const Options& o) {
                  return std::make_unique<BinaryCrossEntropyLoss>(o.number("epsilon"), reduction(o));
              });
    r.addLoss(
        componentInfo(Kind::Loss, "categorical_cross_entropy",
                      {"Cross-entropy of class probabilities against one-hot targets; pairs with a softmax output.",
                       "원-핫 정답에 대한 클래스 확률의 교차 엔트로피입니다. 소프트맥스 출력과 함께 씁니다."},
                      Schema{epsilonOption(1e-7), lossReductionOption(true)}),
        [reduction](const Options& o) {
            return std::make_unique<CategoricalCrossEntropyLoss>(o.number("epsilon"), reduction(o));
        });
}

// Every optimizer here reads grad as the gradient ∂E/∂w: each suits any network,
// an error-driven one included (optimizerSuits in deepstep/registry.hpp).
void addGradientOptimizer(Registry& r, ComponentInfo info, Registry::OptimizerFactory make) {
    info.signal = LearningSignal::Gradient;
    r.addOptimizer(std::move(info), std::move(make));
}

void registerOptimizers(Registry& r) {
    const Text momentumHelp{"Momentum μ: the fraction of the previous velocity that is kept.",
                            "모멘텀 μ: 이전 속도를 얼마나 유지할지 나타내는 비율입니다."};
    addGradientOptimizer(
        r,
        componentInfo(Kind::Optimizer, "sgd",
                      {"w ← w − η g. Gradient descent (GD) when a batch is the whole training set, "
                       "stochastic gradient descent (SGD) with smaller batches. PyTorch: torch.optim.SGD(lr=η).",
                       "w ← w − η g. 배치가 학습 데이터 전체이면 경사 하강법(GD), 더 작으면 확률적 경사 "
                       "하강법(SGD)이 됩니다. PyTorch에서는 torch.optim.SGD(lr=η)입니다."},
                      Schema{learningRateOption(0.01)}),
        [](const Options& o) { return std::make_unique<SgdOptimizer>(o.number("learning_rate")); });
    addGradientOptimizer(
        r,
        componentInfo(Kind::Optimizer, "momentum",
                      {"v ← μv − η g; w ← w + v: keeps moving in the direction of past gradients. PyTorch: "
                       "torch.optim.SGD(lr=η, momentum=μ), which stores v/(−η) instead: the same steps.",
                       "v ← μv − η g; w ← w + v. 이전 기울기의 방향으로 계속 움직이려는 관성을 줍니다. PyTorch에서는 "
                       "torch.optim.SGD(lr=η, momentum=μ)이며, v 대신 v/(−η)를 저장할 뿐 걸음은 같습니다."},
                      Schema{learningRateOption(0.01), numberOption("momentum", 0.9, 0.0, 1.0, momentumHelp)}),
        [](const Options& o) {
            return std::make_unique<MomentumOptimizer>(o.number("learning_rate"), o.number("momentum"));
        });
    addGradientOptimizer(
        r,
        componentInfo(Kind::Optimizer, "nesterov",
                      {"Nesterov momentum, in the common form v ← μv − η g; w ← w + μv − η g "
                       "(it looks one step ahead along the velocity). PyTorch: torch.optim.SGD(lr=η, momentum=μ, "
                       "nesterov=True), the same steps.",
                       "네스테로프 모멘텀입니다. 흔히 쓰는 형태 v ← μv − η g; w ← w + μv − η g로 "
                       "계산하며, 속도 방향으로 한 걸음 앞을 내다봅니다. PyTorch에서는 torch.optim.SGD(lr=η, "
                       "momentum=μ, nesterov=True)이며 걸음이 같습니다."},
                      Schema{learningRateOption(0.01), numberOption("momentum", 0.9, 0.0, 1.0, momentumHelp)}),
        [](const Options& o) {
            return std::make_unique<NesterovOptimizer>(o.number("learning_rate"), o.number("momentum"));
        });
    addGradientOptimizer(
        r,
        componentInfo(Kind::Optimizer, "adagrad",
                      {"h ← h + g²; w ← w − η g / (√h + ε): each weight's step shrinks as its gradients add up. "
                       "PyTorch: torch.optim.Adagrad, whose default ε is 1e-10 (here 1e-7, as Keras).",
                       "h ← h + g²; w ← w − η g / (√h + ε). 기울기가 쌓일수록 가중치마다 보폭이 줄어듭니다. "
                       "PyTorch에서는 torch.optim.Adagrad이며, 기본 ε이 1e-10입니다(여기서는 Keras처럼 1e-7)."},
                      Schema{learningRateOption(0.01), epsilonOption(1e-7)}),
        [](const Options& o) {
            return std::make_unique<AdaGradOptimizer>(o.number("learning_rate"), o.number("epsilon"));
        });
    addGradientOptimizer(
        r,
        componentInfo(Kind::Optimizer, "rmsprop",
                      {"h ← ρh + (1 − ρ)g²; w ← w − η g / (√h + ε): like AdaGrad, but old gradients fade. "
                       "PyTorch: torch.optim.RMSprop(alpha=ρ); its defaults differ (η 0.01, ρ 0.99, "
                       "ε 1e-8; here Keras's η 0.001, ρ 0.9, ε 1e-7).",
                       "h ← ρh + (1 − ρ)g²; w ← w − η g / (√h + ε). AdaGrad와 비슷하지만 오래된 기울기는 "
                       "점점 잊습니다. PyTorch에서는 torch.optim.RMSprop(alpha=ρ)이며 기본값이 다릅니다(η 0.01, "
                       "ρ 0.99, ε 1e-8. 여기서는 Keras처럼 η 0.001, ρ 0.9, ε 1e-7)."},
                      Schema{learningRateOption(0.001),
                             numberOption("rho", 0.9, 0.0, 1.0,
                                          {"Decay rate ρ of the running average of g².",
                                           "g²의 이동 평균에 쓰는 감쇠율 ρ입니다."}),
                             epsilonOption(1e-7)}),
        [](const Options& o) {
            return std::make_unique<RmsPropOptimizer>(o.number("learning_rate"), o.number("rho"), o.number("epsilon"));
        });
    addGradientOptimizer(
        r,
        componentInfo(
            Kind::Optimizer, "adam",
            {"Adam: momentum (m) and RMSProp (v) together, with bias correction for the first steps. "
             "PyTorch: torch.optim.Adam(betas=(β1, β2)), with the same defaults.",
             "Adam: 모멘텀(m)과 RMSProp(v)을 합치고, 처음 몇 단계의 편향을 보정합니다. PyTorch에서는 "
             "torch.optim.Adam(betas=(β1, β2))이며 기본값도 같습니다."},
            Schema{learningRateOption(0.001),
                   numberOption("beta1", 0.9, 0.0, 0.999999,
                                {"Decay rate β1 of the average gradient m.", "기울기 평균 m의 감쇠율 β1입니다."}),
                   numberOption(
                       "beta2", 0.999, 0.0, 0.999999,
                       {"Decay rate β2 of the average squared gradient v.", "기울기 제곱 평균 v의 감쇠율 β2입니다."}),
                   epsilonOption(1e-8)}),
        [](const Options& o) {
            return std::make_unique<AdamOptimizer>(o.number("learning_rate"), o.number("beta1"), o.number("beta2"),
                                                   o.number("epsilon"));
        });
}

}  // namespace

void registerComponents(Registry& registry) {
    registerActivations(registry);
    registerLayers(registry);
    registerLosses(registry);
    registerOptimizers(registry);
}

}  // namespace deepstep::backprop
