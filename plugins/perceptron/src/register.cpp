#include "deepstep/perceptron/perceptron.hpp"

#include <memory>
#include <optional>
#include <utility>

namespace deepstep::perceptron {

void registerComponents(Registry& registry) {
    registry.addActivation(
        componentInfo(Kind::Activation, "step",
                      {"Step function: 1 when z >= 0, else 0. Its derivative is 0, so backpropagation cannot train it.",
                       "계단 함수: z >= 0이면 1, 아니면 0입니다. 도함수가 0이라서 역전파로는 학습할 수 없습니다."}),
        [](const Options&) { return std::make_unique<StepActivation>(); });

    const OptionSpec initSpec =
        choiceOption("init", "zeros", init::names(),
                     {"How the weights start. Rosenblatt's rule works from zeros; the bias always starts at 0.",
                      "가중치의 초깃값을 정하는 방법입니다. 로젠블랫 규칙은 0에서 시작해도 학습되며, 편향은 항상 0에서 "
                      "시작합니다."});
    ComponentInfo layerInfo =
        componentInfo(
            Kind::Layer, "perceptron",
            {"Rosenblatt's perceptron: y = step(xW + b), trained by the perceptron learning rule.",
             "로젠블랫의 퍼셉트론: y = step(xW + b)이며 퍼셉트론 학습 규칙으로 학습합니다."},
            Schema{
                integerOption("units", 1, 1, 100000,
                              {"Number of perceptrons side by side; each sees every input.",
                               "나란히 놓인 퍼셉트론의 개수입니다. 각 퍼셉트론은 모든 입력을 받습니다."}),
                initSpec,
                numberOption("init_scale", 0.5, 0, std::nullopt,
                             {"Value for \"constant\", half-width for \"uniform\", standard deviation for \"normal\".",
                              "\"constant\"의 값, \"uniform\"의 반폭, \"normal\"의 표준편차입니다."})});
    // backward() passes (y − t) through the step unchanged: the perceptron rule's signal.
    layerInfo.signal = LearningSignal::ErrorDriven;
    registry.addLayer(
        std::move(layerInfo),
        [](const Options& o) {
            PerceptronLayer::Settings s;
            s.units = o.integerAs<std::size_t>("units");
            s.init = o.text("init");
            s.initScale = static_cast<float>(o.number("init_scale"));
            return std::make_unique<PerceptronLayer>(s);
        });

    registry.addLoss(
        componentInfo(
            Kind::Loss, "perceptron_error",
            {"Mean number of misclassified outputs; its gradient (y − t)/N is the perceptron rule's error signal.",
             "잘못 분류한 출력의 평균 개수입니다. 기울기 (y − t)/N은 퍼셉트론 학습 규칙의 오차 신호입니다."},
            Schema{lossReductionOption()}),
        [](const Options& o) { return std::make_unique<PerceptronErrorLoss>(lossReductionFromName(o.text("reduction"))); });

    ComponentInfo rosenblatt =
        componentInfo(Kind::Optimizer, "rosenblatt",
                      {"Rosenblatt's update Δ = −η·grad; with batch size 1: w ← w + η(t − y)x.",
                       "로젠블랫 갱신 Δ = −η·grad입니다. 배치 크기가 1이면 w ← w + η(t − y)x와 같습니다."},
                      Schema{numberOption(
                          "learning_rate", 1.0, 0, std::nullopt,
                          {"Step size η: each mistake moves the weights by η·x (the classic rule uses 1).",
                            "학습률 η: 틀릴 때마다 가중치가 η·x만큼 움직입니다(고전적인 규칙은 1을 씁니다)."})});
    // Written for perceptron layers: on a network trained by gradients it would be
    // plain gradient descent under Rosenblatt's name, so it is not offered there.
    rosenblatt.signal = LearningSignal::ErrorDriven;
    registry.addOptimizer(std::move(rosenblatt),
                          [](const Options& o) { return std::make_unique<RosenblattOptimizer>(o.number("learning_rate")); });
}

}  // namespace deepstep::perceptron
