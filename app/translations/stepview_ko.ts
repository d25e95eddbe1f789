<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>GradientChain</name>
    <message>
        <location filename="../stepview/gradient_chain.cpp" line="201"/>
        <source>from layer %1 (%2)</source>
        <translation>%1 층(%2)에서 전달됨</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::ChainRulePanel</name>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="89"/>
        <source>No step has been computed yet. Step forward through the network and then backward.</source>
        <translation>아직 계산한 단계가 없습니다. 먼저 순전파를 진행한 뒤 역전파를 진행하세요.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="93"/>
        <source>There is no parameter %1[%2][%3] in this network.</source>
        <translation>이 신경망에는 매개변수 %1[%2][%3]이(가) 없습니다.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="97"/>
        <source>The backward pass has not reached this layer yet. Step backward until its layer is highlighted.</source>
        <translation>역전파가 아직 이 층에 이르지 않았습니다. 이 층이 강조될 때까지 역전파를 진행하세요.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="84"/>
        <source>Click a weight (an edge) or a unit&apos;s bias (a node) in the network, or a cell of a parameter&apos;s heatmap, to see its gradient written as the chain rule, with this step&apos;s numbers.</source>
        <translation>신경망의 가중치(간선)나 유닛의 편향(노드), 또는 파라미터 히트맵의 칸을 누르면 그 기울기를 이번 단계의 숫자로 연쇄 법칙에 따라 풀어 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="102"/>
        <source>The chain is written out for the connection weights and biases of the network&apos;s own layers. The engine&apos;s gradient of this parameter is %1. A parameter used more than once in a pass (a recurrent layer&apos;s at every time step, a convolution&apos;s at every position) gets one such chain per use, summed; the Recurrent networks tab writes that sum out over the time steps.</source>
        <translation>연쇄 법칙은 신경망 레이어의 연결 가중치와 편향에 대해서만 풀어 씁니다. 엔진이 계산한 이 파라미터의 기울기는 %1입니다. 한 번의 계산에서 여러 번 쓰이는 파라미터(모든 시점에서 쓰이는 순환 레이어의 파라미터, 모든 위치에서 쓰이는 합성곱의 파라미터)는 쓰일 때마다 이런 연쇄가 하나씩 생기고, 그 합이 기울기가 됩니다. 순환 신경망 탭에서는 이 합을 시점별로 풀어 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="120"/>
        <source>Values from the step record, from the output back:</source>
        <translation>단계 기록에서 읽은 값 (출력층부터 거꾸로):</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="125"/>
        <source>The loss is fused with the output activation, so the engine starts the backward pass at δ = (o − t) / N.</source>
        <translation>손실 함수가 출력층의 활성화 함수와 합쳐져 있어서, 엔진은 δ = (o − t) / N에서 역전파를 시작합니다.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="129"/>
        <source>This is the chain for example %1 of the batch of %2; its share of the gradient is %3. The engine&apos;s gradient sums the shares of all examples: %4 = %5.</source>
        <translation>배치의 예제 %2개 중 %1번째 예제에 대한 연쇄입니다. 이 예제가 기울기에 더하는 몫은 %3입니다. 엔진의 기울기는 모든 예제의 몫을 더한 값입니다: %4 = %5.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="136"/>
        <source>The engine&apos;s gradient %1 = %2 also contains the weight decay term (L1/L2).</source>
        <translation>엔진의 기울기 %1 = %2에는 가중치 감쇠(L1/L2) 항도 들어 있습니다.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="143"/>
        <source>Update by the optimizer: Δ = %1, so the value changes from %2 to %3.</source>
        <translation>옵티마이저의 업데이트: Δ = %1, 따라서 값이 %2에서 %3(으)로 바뀝니다.</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="148"/>
        <source>Derivative of the activation %1 at this unit: f′(z) = %2 (z its input, a its output).</source>
        <translation>이 유닛에서 활성화 함수 %1의 도함수: f′(z) = %2 (z는 입력, a는 출력).</translation>
    </message>
    <message>
        <location filename="../stepview/chain_rule_panel.cpp" line="158"/>
        <source>Chain rule</source>
        <translation>연쇄 법칙</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::InternalsView</name>
    <message numerus="yes">
        <location filename="../stepview/internals_view.cpp" line="70"/>
        <source>%1 (%n internal(s))</source>
        <translation>
            <numerusform>%1 (내부 값 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="97"/>
        <source>No experiment loaded.</source>
        <translation>불러온 실험이 없습니다.</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="114"/>
        <source>Layer %1 shows no intermediate values of its own.</source>
        <translation>%1 층에는 따로 보여 줄 중간값이 없습니다.</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="118"/>
        <source>Rows are the examples of the batch. The value is shown once the forward pass has reached the layer, the gradient once the backward pass has.</source>
        <translation>행은 배치의 예제입니다. 값은 순전파가 이 층에 이르면, 기울기는 역전파가 이 층에 이르면 나타납니다.</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="120"/>
        <source>en</source>
        <comment>language code of this translation: ko in the Korean one</comment>
        <translation>ko</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="129"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="148"/>
        <source>shown when the forward pass reaches this layer</source>
        <translation>순전파가 이 층에 이르면 나타납니다</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="154"/>
        <source>this layer gives no gradient for it</source>
        <translation>이 층은 이 값의 기울기를 주지 않습니다</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="155"/>
        <source>shown when the backward pass reaches this layer</source>
        <translation>역전파가 이 층에 이르면 나타납니다</translation>
    </message>
    <message>
        <location filename="../stepview/internals_view.cpp" line="197"/>
        <source>Layer:</source>
        <translation>층:</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::MatrixHeatmap</name>
    <message>
        <location filename="../stepview/matrix_heatmap.cpp" line="102"/>
        <source>row %1, column %2: %3</source>
        <translation>%1행, %2열: %3</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::NetworkView</name>
    <message>
        <location filename="../stepview/network_view.cpp" line="145"/>
        <source>(no step yet)</source>
        <translation>(아직 단계 없음)</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="154"/>
        <source>%1 of %2 (data set index %3)</source>
        <translation>%2개 중 %1번째 (데이터셋 인덱스 %3)</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="176"/>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="178"/>
        <source>%1: x + f(x)</source>
        <translation>%1: x + f(x)</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="561"/>
        <source>skip: + x</source>
        <translation>건너뛰기: + x</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="579"/>
        <source>No experiment loaded.</source>
        <translation>불러온 실험이 없습니다.</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="774"/>
        <source>blue: w &gt; 0, red: w &lt; 0</source>
        <translation>파랑: w &gt; 0, 빨강: w &lt; 0</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="774"/>
        <source>thickness: |w|</source>
        <translation>굵기: |w|</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="774"/>
        <source>click an edge or a node</source>
        <translation>연결선이나 노드를 클릭하세요</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="829"/>
        <source>shown when the backward pass reaches this layer</source>
        <translation>역전파가 이 층에 이르면 표시됩니다</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="834"/>
        <source>shown after the update</source>
        <translation>업데이트 후에 표시됩니다</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="837"/>
        <source>  ← this step&apos;s layer</source>
        <translation>  ← 이번 단계의 레이어</translation>
    </message>
    <message>
        <location filename="../stepview/network_view.cpp" line="858"/>
        <source>Example of the batch:</source>
        <translation>배치의 예제:</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::OptimizerStateView</name>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="103"/>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="103"/>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="105"/>
        <source>No experiment loaded.</source>
        <translation>불러온 실험이 없습니다.</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="110"/>
        <source>The optimizer has already taken this iteration&apos;s step; its new state is shown when the update is applied.</source>
        <translation>옵티마이저는 이번 반복의 단계를 이미 계산했습니다. 새 상태는 업데이트를 적용하면 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="117"/>
        <source>State after the update of iteration %1.</source>
        <translation>반복 %1의 업데이트 후 상태입니다.</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="121"/>
        <source>State before the first step.</source>
        <translation>첫 단계 전의 상태입니다.</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="123"/>
        <source>State before this iteration&apos;s update (after %1 steps).</source>
        <translation>이번 반복의 업데이트 전 상태입니다(%1단계 후).</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="126"/>
        <source>optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="127"/>
        <source>step count</source>
        <translation>단계 수</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="128"/>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="131"/>
        <source>state</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../stepview/optimizer_state_view.cpp" line="131"/>
        <source>none kept between steps</source>
        <translation>단계 사이에 유지하는 상태 없음</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::StepControls</name>
    <message>
        <location filename="../stepview/step_controls.cpp" line="121"/>
        <source>The loss is no longer a finite number: training diverged. Lower the learning rate and reset.</source>
        <translation>손실이 더 이상 유한한 수가 아닙니다. 학습이 발산했습니다. 학습률을 낮추고 초기화하세요.</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="148"/>
        <source>No experiment loaded.</source>
        <translation>불러온 실험이 없습니다.</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="157"/>
        <source>Ready: step forward to compute the first layer</source>
        <translation>준비: 순전파를 진행하여 첫 층을 계산하세요</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="160"/>
        <source>Forward pass: layer %1 of %2 (%3)</source>
        <translation>순전파: %2개 층 중 %1번째 층 (%3)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="163"/>
        <source>Backward pass: layer %1 of %2 from the output (%3)</source>
        <translation>역전파: 출력층부터 %2개 층 중 %1번째 층 (%3)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="166"/>
        <source>Update applied</source>
        <translation>업데이트 적용됨</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="169"/>
        <source>iteration %1</source>
        <translation>반복 %1</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="174"/>
        <source>batch loss %1</source>
        <translation>배치 손실 %1</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="175"/>
        <source>penalty %1</source>
        <translation>규제 항 %1</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="183"/>
        <source>Forward layer</source>
        <translation>한 층 순전파</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="184"/>
        <source>Compute the next layer&apos;s forward values (F)</source>
        <translation>다음 층의 순전파 값을 계산합니다 (F)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="185"/>
        <source>Backward layer</source>
        <translation>한 층 역전파</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="186"/>
        <source>Compute the next layer&apos;s gradients, from the output back (B)</source>
        <translation>출력층부터 거꾸로 다음 층의 기울기를 계산합니다 (B)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="187"/>
        <source>Apply update</source>
        <translation>업데이트 적용</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="188"/>
        <source>Let the optimizer change the weights (U)</source>
        <translation>옵티마이저가 가중치를 바꾸게 합니다 (U)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="189"/>
        <source>Full iteration</source>
        <translation>반복 한 번 전체</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="190"/>
        <source>Finish this iteration, or do a whole new one (Space)</source>
        <translation>이번 반복을 끝내거나 새 반복을 통째로 진행합니다 (Space)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="191"/>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="191"/>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="193"/>
        <source>Run one iteration per tick until paused (R)</source>
        <translation>멈출 때까지 일정 간격마다 반복을 한 번씩 실행합니다 (R)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="194"/>
        <source>Undo</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="195"/>
        <source>Go back to before the last step (Ctrl+Z)</source>
        <translation>마지막 단계 이전으로 돌아갑니다 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="196"/>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="197"/>
        <source>Start again from the same initial weights (Ctrl+R)</source>
        <translation>같은 초기 가중치로 처음부터 다시 시작합니다 (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="198"/>
        <source>Interval:</source>
        <translation>간격:</translation>
    </message>
    <message>
        <location filename="../stepview/step_controls.cpp" line="199"/>
        <source>Time between iterations while running</source>
        <translation>실행 중 반복 사이의 시간</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::StepView</name>
    <message>
        <location filename="../stepview/step_view.cpp" line="48"/>
        <source>Optimizer state</source>
        <translation>옵티마이저 상태</translation>
    </message>
    <message>
        <location filename="../stepview/step_view.cpp" line="49"/>
        <source>Layer internals</source>
        <translation>층 내부 값</translation>
    </message>
</context>
</TS>
