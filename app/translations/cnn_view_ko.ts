<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>deepstep::studio::cnn::CnnProgressChart</name>
    <message>
        <source>Training loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>Training loss: %1</source>
        <translation>학습 손실: %1</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>테스트 정확도</translation>
    </message>
    <message>
        <source>Test accuracy: %1 %</source>
        <translation>테스트 정확도: %1%</translation>
    </message>
    <message>
        <source>batches trained (0 … %1)</source>
        <translation>학습한 배치 수 (0 … %1)</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::cnn::CnnView</name>
    <message>
        <source>Training stopped with an error: %1</source>
        <translation>오류로 학습이 멈췄습니다: %1</translation>
    </message>
    <message>
        <source>en</source>
        <comment>Language code of engine texts: translate as ko</comment>
        <translation>ko</translation>
    </message>
    <message>
        <source>Stop the training before opening a model.</source>
        <translation>모델을 열기 전에 학습을 멈추세요.</translation>
    </message>
    <message>
        <source>Cannot open the model %1: %2</source>
        <translation>모델 %1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>모델 열기</translation>
    </message>
    <message>
        <source>DeepStep models (*.json)</source>
        <translation>DeepStep 모델 (*.json)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Choose a lab and press Start: the images are read and LeNet-5 trains in the background.</source>
        <translation>실습을 고르고 시작을 누르세요. 이미지를 읽은 뒤 LeNet-5가 백그라운드에서 학습합니다.</translation>
    </message>
    <message>
        <source>Reading the images and building the network…</source>
        <translation>이미지를 읽고 신경망을 만드는 중…</translation>
    </message>
    <message>
        <source>Epoch %1 of %2, batch %3 of %4 (%5 training images, learning rate %6)</source>
        <translation>에포크 %1/%2, 배치 %3/%4 (학습 이미지 %5장, 학습률 %6)</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>일시 정지: %1</translation>
    </message>
    <message>
        <source>Training stopped with an error.</source>
        <translation>오류로 학습이 멈췄습니다.</translation>
    </message>
    <message>
        <source>Stopped at epoch %1, batch %2. Start trains on from here.</source>
        <translation>에포크 %1, 배치 %2에서 멈췄습니다. 시작을 누르면 여기서부터 이어서 학습합니다.</translation>
    </message>
    <message>
        <source>class %1, predicted %2</source>
        <translation>정답 %1, 예측 %2</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>정답 %1</translation>
    </message>
    <message>
        <source>Lab:</source>
        <translation>실습:</translation>
    </message>
    <message>
        <source>Training images:</source>
        <translation>학습 이미지:</translation>
    </message>
    <message>
        <source>Test images:</source>
        <translation>테스트 이미지:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>에포크:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전부</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>모델 열기…</translation>
    </message>
    <message>
        <source>Misclassified test images, true→predicted (click one to see its feature maps):</source>
        <translation>잘못 분류한 테스트 이미지, 정답→예측 (누르면 그 이미지의 특성 맵을 봅니다):</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>테스트 세트</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>특성 맵</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>필터</translation>
    </message>
    <message>
        <source>Max-pool routing</source>
        <translation>최대 풀링 경로</translation>
    </message>
    <message>
        <source>Test image:</source>
        <translation>테스트 이미지:</translation>
    </message>
    <message>
        <source>Colour scale:</source>
        <translation>색 범위:</translation>
    </message>
    <message>
        <source>each map its own range</source>
        <translation>맵마다 자기 범위</translation>
    </message>
    <message>
        <source>one range per layer</source>
        <translation>층마다 한 범위</translation>
    </message>
    <message>
        <source>one range for all layers</source>
        <translation>모든 층에 한 범위</translation>
    </message>
    <message>
        <source>Max-pool layer:</source>
        <translation>최대 풀링 층:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>채널:</translation>
    </message>
    <message>
        <source>Finished at epoch %1 of %2 (%3 batches). Start trains on from here.</source>
        <translation>에포크 %1/%2에서 마쳤습니다(배치 %3개). 시작을 누르면 여기서부터 이어서 학습합니다.</translation>
    </message>
    <message>
        <source>%1
→ %2</source>
        <translation>%1
→ %2</translation>
    </message>
    <message>
        <source>The model was evaluated on %1 test images. Start trains it on.</source>
        <translation>모델을 테스트 이미지 %1장으로 평가했습니다. 시작을 누르면 이 모델을 이어서 학습합니다.</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::cnn::FeatureMapsView</name>
    <message>
        <source>No network yet: start training or open a model.</source>
        <translation>아직 신경망이 없습니다. 학습을 시작하거나 모델을 여세요.</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>, shades %1 … %2</source>
        <translation>, 명암 %1 … %2</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::cnn::FiltersView</name>
    <message>
        <source>This network has no convolution.</source>
        <translation>이 신경망에는 합성곱 층이 없습니다.</translation>
    </message>
    <message>
        <source>%1: %2 filters × %3 input channels, %4 × %5 each; blue negative, red positive, full at ±%6</source>
        <translation>%1: 필터 %2개 × 입력 채널 %3개, 각각 %4 × %5. 파랑은 음수, 빨강은 양수이며 ±%6에서 가장 진합니다</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>입력 %1</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::cnn::ImageStrip</name>
    <message>
        <source>No misclassified test image.</source>
        <translation>잘못 분류한 테스트 이미지가 없습니다.</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::cnn::PoolRoutingView</name>
    <message>
        <source>No max-pooling layer to show: start training or open a model with one.</source>
        <translation>보여 줄 최대 풀링 층이 없습니다. 학습을 시작하거나 최대 풀링 층이 있는 모델을 여세요.</translation>
    </message>
    <message>
        <source>Input %1 × %2</source>
        <translation>입력 %1 × %2</translation>
    </message>
    <message>
        <source>Output %1 × %2</source>
        <translation>출력 %1 × %2</translation>
    </message>
    <message>
        <source>Output (%1, %2) = %3. Its window covers input rows %4–%5 and columns %6–%7; the largest value there, %8 at (%9, %10), is the one passed on, and in backward the only one that gets a gradient.</source>
        <translation>출력 (%1, %2) = %3. 이 출력의 창은 입력의 %4–%5행, %6–%7열입니다. 그 안에서 가장 큰 값인 (%9, %10)의 %8이 전달되며, 역전파 때도 이 값만 기울기를 받습니다.</translation>
    </message>
    <message>
        <source>(No input in the window equals the output exactly.)</source>
        <translation>(창 안에 출력과 정확히 같은 입력이 없습니다.)</translation>
    </message>
</context>
</TS>
