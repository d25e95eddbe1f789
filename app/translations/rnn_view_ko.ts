<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>deepstep::studio::rnn::GateTimeline</name>
    <message>
        <location filename="../rnn_view/gate_timeline.cpp" line="44"/>
        <source>Choose a recurrent lab to see its gates over time.</source>
        <translation>순환 실습을 고르면 게이트 값이 시간에 따라 어떻게 변하는지 보입니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/gate_timeline.cpp" line="49"/>
        <source>Gradients dE/d(value) of every internal of layer &quot;%1&quot;, one row per unit, one column per time step t = 1 … %2.</source>
        <translation>&quot;%1&quot; 레이어의 모든 내부 값에 대한 기울기 dE/d(값). 행은 유닛, 열은 시점 t = 1 … %2입니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/gate_timeline.cpp" line="51"/>
        <source>Values of every internal of layer &quot;%1&quot;, one row per unit, one column per time step t = 1 … %2.</source>
        <translation>&quot;%1&quot; 레이어의 모든 내부 값. 행은 유닛, 열은 시점 t = 1 … %2입니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/gate_timeline.cpp" line="55"/>
        <source>Units 1 … %1 of %2 are shown.</source>
        <translation>유닛 %2개 중 1 … %1을 보여 줍니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/gate_timeline.cpp" line="64"/>
        <source>no gradient: run the backward pass</source>
        <translation>기울기 없음: 역전파를 실행하세요</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::rnn::RnnView</name>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="242"/>
        <source>en</source>
        <comment>Language code of engine texts: translate as ko</comment>
        <translation>ko</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="386"/>
        <source>Nothing computed yet: press Step to run the first time step.</source>
        <translation>아직 계산한 것이 없습니다. 한 단계를 누르면 첫 시점을 계산합니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="387"/>
        <source>Forward pass: time steps 1 … %1 of %2 computed.</source>
        <translation>순전파: 시점 %2개 중 1 … %1을 계산했습니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="388"/>
        <source>Backward pass done: δ has flowed back to the first time step.</source>
        <translation>역전파 완료: δ가 첫 시점까지 거슬러 왔습니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="389"/>
        <source>Backward pass: δ has flowed back from step %1 to step %2.</source>
        <translation>역전파: δ가 시점 %1에서 시점 %2까지 거슬러 왔습니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="447"/>
        <source>This lab&apos;s network has no recurrent layer to show.</source>
        <translation>이 실습의 신경망에는 보여 줄 순환 레이어가 없습니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="467"/>
        <source>%1: ‖∂E/∂h_t‖</source>
        <translation>%1: ‖∂E/∂h_t‖</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="469"/>
        <source>%1: ‖∂E/∂c_t‖ (cell state)</source>
        <translation>%1: ‖∂E/∂c_t‖ (셀 상태)</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="479"/>
        <source>Layer &quot;%1&quot;: %2 time steps, %3 units. Sequence %4: loss E = %5, output %6.</source>
        <translation>&quot;%1&quot; 레이어: 시점 %2개, 유닛 %3개. 시퀀스 %4: 손실 E = %5, 출력 %6.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="486"/>
        <source>%1 values</source>
        <translation>값 %1개</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="532"/>
        <source>%1 (training, epoch %2)</source>
        <translation>%1 (학습 중, 에포크 %2)</translation>
    </message>
    <message numerus="yes">
        <location filename="../rnn_view/rnn_view.cpp" line="533"/>
        <source>%1 (trained %n epoch(s))</source>
        <translation>
            <numerusform>%1 (%n 에포크 학습함)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="534"/>
        <source>%1 (untrained)</source>
        <translation>%1 (학습 전)</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="539"/>
        <source>Choose a recurrent lab.</source>
        <translation>순환 실습을 고르세요.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="546"/>
        <source>Click a time step in the unrolled layer to see its numbers and the chain rule through it.</source>
        <translation>펼친 레이어에서 시점 하나를 누르면 그 시점의 값과 그곳을 지나는 연쇄 법칙이 보입니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="555"/>
        <source>Time step t = %1, unit %2</source>
        <translation>시점 t = %1, 유닛 %2</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="558"/>
        <source>internal</source>
        <translation>내부 값</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="558"/>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="558"/>
        <source>dE/d(value)</source>
        <translation>dE/d(값)</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="558"/>
        <source>what it is</source>
        <translation>의미</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="570"/>
        <source>∂E/∂h&lt;sub&gt;%1&lt;/sub&gt; has two parts: what the output at this step sends back (when the loss reads it) and what step %2 sends back through the recurrent weights U. That is why δ can grow or fade from step to step.</source>
        <translation>∂E/∂h&lt;sub&gt;%1&lt;/sub&gt;은 두 몫의 합입니다. 하나는 이 시점의 출력이 돌려보내는 몫(손실이 그 출력을 읽을 때), 다른 하나는 시점 %2가 순환 가중치 U를 거쳐 돌려보내는 몫입니다. 그래서 δ는 시점을 거슬러 가며 커지거나 약해질 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="575"/>
        <source>∂E/∂h&lt;sub&gt;%1&lt;/sub&gt; comes from the loss directly: this is where the backward pass through time starts.</source>
        <translation>∂E/∂h&lt;sub&gt;%1&lt;/sub&gt;은 손실에서 바로 옵니다. 시간을 거스르는 역전파가 여기서 시작합니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="581"/>
        <source>∂E/∂U[%1][%1] as a sum over the time steps</source>
        <translation>시점들에 걸친 합으로 본 ∂E/∂U[%1][%1]</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="583"/>
        <source>The same U is used at every step, so its gradient adds up every step&apos;s share: ∂E/∂U[i][j] = Σ&lt;sub&gt;t&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt;[i] · ∂E/∂z&lt;sub&gt;t&lt;/sub&gt;[j]. Shares appear as the backward pass reaches their step.</source>
        <translation>모든 시점이 같은 U를 쓰므로, U의 기울기는 시점마다의 몫을 모두 더한 것입니다: ∂E/∂U[i][j] = Σ&lt;sub&gt;t&lt;/sub&gt; h&lt;sub&gt;t−1&lt;/sub&gt;[i] · ∂E/∂z&lt;sub&gt;t&lt;/sub&gt;[j]. 역전파가 어떤 시점에 닿으면 그 시점의 몫이 나타납니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="587"/>
        <source>share</source>
        <translation>몫</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="587"/>
        <source>sum so far</source>
        <translation>지금까지의 합</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="602"/>
        <source>Sum of the shares: %1. The engine&apos;s ∂E/∂U[%2][%2]: %3.</source>
        <translation>몫의 합: %1. 엔진이 계산한 ∂E/∂U[%2][%2]: %3.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="617"/>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="617"/>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="624"/>
        <source>Not trained in this tab yet.</source>
        <translation>이 탭에서는 아직 학습하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="627"/>
        <source>Paused at epoch %1 of %2</source>
        <translation>에포크 %1/%2에서 일시 정지</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="628"/>
        <source>Training: epoch %1 of %2</source>
        <translation>학습 중: 에포크 %1/%2</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="631"/>
        <source>, loss %1</source>
        <translation>, 손실 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../rnn_view/rnn_view.cpp" line="634"/>
        <source>Trained %n epoch(s) in this tab.</source>
        <translation>
            <numerusform>이 탭에서 %n 에포크 학습했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="636"/>
        <source>(On the first %1 training sequences only.)</source>
        <translation>(학습 시퀀스 중 처음 %1개만 썼습니다.)</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="654"/>
        <source>Lab:</source>
        <translation>실습:</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="655"/>
        <source>Epochs:</source>
        <translation>에포크:</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="656"/>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="657"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="658"/>
        <source>Sequence:</source>
        <translation>시퀀스:</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="659"/>
        <source>Unit:</source>
        <translation>유닛:</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="660"/>
        <source>Reset</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="661"/>
        <source>◀ Back</source>
        <translation>◀ 뒤로</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="662"/>
        <source>Step ▶</source>
        <translation>한 단계 ▶</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="663"/>
        <source>Whole forward pass</source>
        <translation>순전파 전체</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="664"/>
        <source>Whole backward pass</source>
        <translation>역전파 전체</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="665"/>
        <source>Show gradients dE/d(value) instead of values</source>
        <translation>값 대신 기울기 dE/d(값) 보기</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="666"/>
        <source>‖∂E/∂h_t‖: how much the loss still feels each time step&apos;s state. The same sequence goes through this lab&apos;s network and through the other labs on the same data, each as trained in this tab so far. Where a curve has fallen by many powers of ten, the first steps barely move the weights: the gradient has vanished on its way back. An LSTM also passes gradient back along its cell state c_t (dashed). Train each lab and compare the curves before and after.</source>
        <translation>‖∂E/∂h_t‖: 손실이 각 시점의 상태를 아직 얼마나 느끼는지를 나타냅니다. 같은 시퀀스를 이 실습의 신경망과, 같은 데이터를 쓰는 다른 실습의 신경망(이 탭에서 지금까지 학습한 상태)에 넣었습니다. 곡선이 10의 거듭제곱으로 여러 번 떨어진 곳에서는 앞쪽 시점이 가중치를 거의 움직이지 못합니다. 거슬러 가는 동안 기울기가 사라진 것입니다. LSTM은 셀 상태 c_t를 따라서도 기울기를 돌려보냅니다(점선). 실습마다 학습시킨 뒤 곡선을 전후로 비교해 보세요.</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="672"/>
        <source>Unrolled</source>
        <translation>펼친 모습</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="673"/>
        <source>Gates over time</source>
        <translation>시간에 따른 게이트</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="674"/>
        <source>Gradient per step</source>
        <translation>시점별 기울기</translation>
    </message>
    <message>
        <location filename="../rnn_view/rnn_view.cpp" line="675"/>
        <source>Text</source>
        <translation>글</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::rnn::StepGradientChart</name>
    <message>
        <location filename="../rnn_view/gate_timeline.cpp" line="104"/>
        <source>No gradients yet.</source>
        <translation>아직 기울기가 없습니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/gate_timeline.cpp" line="142"/>
        <source>time step t  (gradient norm, log scale)</source>
        <translation>시점 t  (기울기 크기, 로그 눈금)</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::rnn::TextPage</name>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="225"/>
        <source>Temperature %1:</source>
        <translation>온도 %1:</translation>
    </message>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="234"/>
        <source>Each character of the training text is coloured by the chosen unit&apos;s h after the network has read up to it: blue above zero, red below. Hover a character for its value. Below, the network writes: each next character is drawn from p^(1/T), so a low temperature repeats the likeliest characters and a high one takes more risks.</source>
        <translation>학습 글의 각 글자는, 신경망이 그 글자까지 읽었을 때 고른 유닛의 h 값으로 칠했습니다. 0보다 크면 파란색, 작으면 빨간색입니다. 글자 위에 마우스를 올리면 값이 보입니다. 아래에서는 신경망이 글을 씁니다. 다음 글자는 p^(1/T)에 따라 뽑으므로, 온도가 낮으면 가장 그럴듯한 글자를 되풀이하고 높으면 더 과감하게 고릅니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="239"/>
        <source>The text view needs a character model (the fable lab): its inputs are characters and its outputs the next character&apos;s probabilities.</source>
        <translation>글 보기에는 글자 모델(우화 실습)이 필요합니다. 입력은 글자이고, 출력은 다음 글자의 확률이어야 합니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="241"/>
        <source>Colour by unit:</source>
        <translation>색을 정할 유닛:</translation>
    </message>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="242"/>
        <source>Start with:</source>
        <translation>시작 글:</translation>
    </message>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="243"/>
        <source>Characters:</source>
        <translation>글자 수:</translation>
    </message>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="244"/>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <location filename="../rnn_view/text_page.cpp" line="245"/>
        <source>Write</source>
        <translation>쓰기</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::rnn::UnrolledView</name>
    <message>
        <location filename="../rnn_view/unrolled_view.cpp" line="141"/>
        <source>Choose a recurrent lab to see its layer unrolled over time.</source>
        <translation>순환 실습을 고르면 레이어를 시간에 따라 펼친 모습이 보입니다.</translation>
    </message>
    <message>
        <location filename="../rnn_view/unrolled_view.cpp" line="194"/>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
</context>
</TS>
