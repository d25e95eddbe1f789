<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>deepstep::studio::ConfusionMatrixView</name>
    <message>
        <location filename="../playground/confusion_matrix_view.cpp" line="165"/>
        <source>Confusion matrix</source>
        <translation>혼동 행렬</translation>
    </message>
    <message>
        <location filename="../playground/confusion_matrix_view.cpp" line="165"/>
        <source>Confusion matrix (%1)</source>
        <translation>혼동 행렬(%1)</translation>
    </message>
    <message>
        <location filename="../playground/confusion_matrix_view.cpp" line="143"/>
        <source>true %1, predicted %2: %3</source>
        <translation>실제 %1, 예측 %2: %3</translation>
    </message>
    <message>
        <location filename="../playground/confusion_matrix_view.cpp" line="172"/>
        <source>No predictions yet</source>
        <translation>아직 예측이 없습니다</translation>
    </message>
    <message>
        <location filename="../playground/confusion_matrix_view.cpp" line="92"/>
        <location filename="../playground/confusion_matrix_view.cpp" line="184"/>
        <source>true</source>
        <translation>실제</translation>
    </message>
    <message>
        <location filename="../playground/confusion_matrix_view.cpp" line="180"/>
        <source>predicted</source>
        <translation>예측</translation>
    </message>
    <message>
        <location filename="../playground/confusion_matrix_view.cpp" line="224"/>
        <source>Accuracy %1 % of %2</source>
        <translation>정확도 %1 % (%2개 중)</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::HiddenLayerEditor</name>
    <message>
        <location filename="../playground/hidden_layer_editor.cpp" line="88"/>
        <source>Add a hidden layer</source>
        <translation>은닉층 추가</translation>
    </message>
    <message>
        <location filename="../playground/hidden_layer_editor.cpp" line="89"/>
        <source>Remove the last hidden layer</source>
        <translation>마지막 은닉층 제거</translation>
    </message>
    <message numerus="yes">
        <location filename="../playground/hidden_layer_editor.cpp" line="90"/>
        <source>%n hidden layer(s):</source>
        <translation>
            <numerusform>은닉층 %n개:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../playground/hidden_layer_editor.cpp" line="92"/>
        <source>Units (neurons) in hidden layer %1</source>
        <translation>은닉층 %1의 유닛(뉴런) 수</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::LossChart</name>
    <message>
        <location filename="../playground/loss_chart.cpp" line="116"/>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <location filename="../playground/loss_chart.cpp" line="117"/>
        <source>Test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <location filename="../playground/loss_chart.cpp" line="154"/>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../playground/loss_chart.cpp" line="155"/>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <location filename="../playground/loss_chart.cpp" line="166"/>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <location filename="../playground/loss_chart.cpp" line="185"/>
        <source>No epochs yet</source>
        <translation>아직 진행한 에포크가 없습니다</translation>
    </message>
    <message>
        <location filename="../playground/loss_chart.cpp" line="199"/>
        <source>Loss and accuracy</source>
        <translation>손실과 정확도</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::NeuronThumbnails</name>
    <message>
        <location filename="../playground/neuron_thumbnails.cpp" line="112"/>
        <source>positive weight</source>
        <translation>양의 가중치</translation>
    </message>
    <message>
        <location filename="../playground/neuron_thumbnails.cpp" line="112"/>
        <source>negative weight</source>
        <translation>음의 가중치</translation>
    </message>
    <message>
        <location filename="../playground/neuron_thumbnails.cpp" line="112"/>
        <source>line width: |weight|</source>
        <translation>선 굵기: |가중치|</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::PlaygroundControls</name>
    <message>
        <location filename="../playground/playground_controls.cpp" line="243"/>
        <source>Epochs</source>
        <translation>에포크 수</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="244"/>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="245"/>
        <source>Can be changed while training; the optimizer keeps its state.</source>
        <translation>학습 중에도 바꿀 수 있으며, 옵티마이저의 상태는 그대로 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="246"/>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="247"/>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="248"/>
        <source>Regularization</source>
        <translation>규제</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="249"/>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="250"/>
        <source>Regularization rate</source>
        <translation>규제 강도</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="251"/>
        <source>Dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="252"/>
        <source>Dropout rate after every hidden layer (0: none)</source>
        <translation>각 은닉층 뒤에 적용할 드롭아웃 비율(0이면 적용하지 않음)</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="254"/>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="255"/>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="256"/>
        <source>Circle</source>
        <translation>원</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="257"/>
        <source>Exclusive or</source>
        <translation>배타적 논리합(XOR)</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="258"/>
        <source>Gaussian</source>
        <translation>가우시안</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="259"/>
        <source>Spiral</source>
        <translation>나선</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="268"/>
        <source>Points</source>
        <translation>점 개수</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="269"/>
        <source>Noise: %1</source>
        <translation>잡음: %1</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="270"/>
        <source>Training: %1 %</source>
        <translation>학습용: %1 %</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="271"/>
        <source>Share of the points used for training; the rest is test data</source>
        <translation>학습에 쓰는 점의 비율이며, 나머지는 테스트 데이터가 됩니다</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="272"/>
        <source>Batch size: %1</source>
        <translation>배치 크기: %1</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="273"/>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="274"/>
        <source>Seeds the data, the split and the initial weights: the same seed gives the same run</source>
        <translation>데이터, 학습/테스트 분할, 초기 가중치를 정하는 시드입니다. 시드가 같으면 같은 학습이 재현됩니다</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="275"/>
        <source>Show test data</source>
        <translation>테스트 데이터 표시</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="277"/>
        <source>Features</source>
        <translation>입력 특성</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="278"/>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="287"/>
        <source>Mean squared error</source>
        <translation>평균 제곱 오차</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="287"/>
        <source>Cross-entropy</source>
        <translation>교차 엔트로피</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="292"/>
        <source>Save as experiment…</source>
        <translation>실험으로 저장…</translation>
    </message>
    <message>
        <location filename="../playground/playground_controls.cpp" line="293"/>
        <source>Save the network, data and training settings as an experiment file, which `deepstep train FILE` and the step-by-step view can load</source>
        <translation>신경망, 데이터, 학습 설정을 실험 파일로 저장합니다. 이 파일은 `deepstep train FILE`과 단계별 계산 화면에서 불러올 수 있습니다</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::PlaygroundWidget</name>
    <message>
        <location filename="../playground/playground_widget.cpp" line="201"/>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="202"/>
        <source>Build the network from the settings and train it</source>
        <translation>설정대로 신경망을 만들어 학습합니다</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="203"/>
        <location filename="../playground/playground_widget.cpp" line="245"/>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="203"/>
        <location filename="../playground/playground_widget.cpp" line="245"/>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="204"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="205"/>
        <location filename="../playground/playground_widget.cpp" line="519"/>
        <source>Epoch %1</source>
        <translation>에포크 %1</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="337"/>
        <location filename="../playground/playground_widget.cpp" line="559"/>
        <source>Features</source>
        <translation>입력 특성</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="207"/>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="208"/>
        <location filename="../playground/playground_widget.cpp" line="345"/>
        <location filename="../playground/playground_widget.cpp" line="559"/>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="209"/>
        <location filename="../playground/playground_widget.cpp" line="548"/>
        <source>test data</source>
        <translation>테스트 데이터</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="209"/>
        <location filename="../playground/playground_widget.cpp" line="548"/>
        <source>training data</source>
        <translation>학습 데이터</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="214"/>
        <source>epoch %v of %m</source>
        <translation>에포크 %v / %m</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="226"/>
        <source>orange</source>
        <translation>주황</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="227"/>
        <source>blue</source>
        <translation>파랑</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="257"/>
        <source>Test loss %1 · training loss %2
Test accuracy %3 · training accuracy %4</source>
        <translation>테스트 손실 %1 · 학습 손실 %2
테스트 정확도 %3 · 학습 정확도 %4</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="264"/>
        <source>UI latency: –</source>
        <translation>UI 지연: –</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="264"/>
        <source>UI latency: measuring…</source>
        <translation>UI 지연: 측정 중…</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="265"/>
        <source>How late a 5 ms timer fires on the UI thread while training</source>
        <translation>학습하는 동안 UI 스레드에서 5 ms 타이머가 얼마나 늦게 울리는지 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="268"/>
        <source>UI latency: max %1 ms, 99 %: %2 ms</source>
        <translation>UI 지연: 최대 %1 ms, 99 %: %2 ms</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="358"/>
        <source>Choose at least one input feature.</source>
        <translation>입력 특성을 하나 이상 고르세요.</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="383"/>
        <source>Playground: %1, no hidden layer</source>
        <translation>플레이그라운드: %1, 은닉층 없음</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="384"/>
        <source>Playground: %1, hidden layers %2</source>
        <translation>플레이그라운드: %1, 은닉층 %2</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="406"/>
        <source>Save the playground as an experiment</source>
        <translation>플레이그라운드를 실험으로 저장</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="407"/>
        <source>Experiments (*.json)</source>
        <translation>실험 (*.json)</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="413"/>
        <source>Saved as %1: `deepstep train %1` trains the same network.</source>
        <translation>%1(으)로 저장했습니다. `deepstep train %1`을 실행하면 같은 신경망을 학습합니다.</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="416"/>
        <source>Cannot save the experiment</source>
        <translation>실험을 저장할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="417"/>
        <source>The playground could not be saved as %1.

%2</source>
        <translation>플레이그라운드를 %1(으)로 저장하지 못했습니다.

%2</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="464"/>
        <source>Cannot start: %1</source>
        <translation>시작할 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="476"/>
        <location filename="../playground/playground_widget.cpp" line="489"/>
        <source>Training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="483"/>
        <source>Paused at epoch %1.</source>
        <translation>에포크 %1에서 일시 정지했습니다.</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="495"/>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="513"/>
        <source>Training… %1</source>
        <translation>학습 중… %1</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="344"/>
        <location filename="../playground/playground_widget.cpp" line="559"/>
        <source>Layer %1</source>
        <translation>층 %1</translation>
    </message>
    <message>
        <location filename="../playground/playground_widget.cpp" line="191"/>
        <source>Training failed: %1</source>
        <translation>학습 실패: %1</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::SchemaOptionsEditor</name>
    <message>
        <location filename="../playground/schema_options_editor.cpp" line="273"/>
        <source>This component has no options.</source>
        <translation>이 구성 요소에는 옵션이 없습니다.</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::playground</name>
    <message>
        <location filename="../playground/playground_style.cpp" line="51"/>
        <source>en</source>
        <comment>Language code of engine texts: translate as ko</comment>
        <translation>ko</translation>
    </message>
</context>
</TS>
