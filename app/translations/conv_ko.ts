<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ConvProbe</name>
    <message>
        <source>The kernel spans %1 × %1 pixels (d·(k − 1) + 1 with k = %2, d = %3), but the padded input is only %4 × %5: no window fits, so there is no output. Choose a smaller kernel or dilation, or more padding.</source>
        <translation>커널이 %1 × %1 픽셀에 걸치는데(k = %2, d = %3일 때 d·(k − 1) + 1), 덧댄 입력은 %4 × %5뿐입니다. 창이 한 번도 들어가지 않아 출력이 없습니다. 커널이나 팽창을 줄이거나 패딩을 늘리세요.</translation>
    </message>
    <message>
        <source>Groups must divide both the input channels (%1) and the filters (%2); %3 does not.</source>
        <translation>그룹 수는 입력 채널 수(%1)와 필터 수(%2)를 모두 나누어떨어지게 해야 합니다. %3은(는) 그렇지 않습니다.</translation>
    </message>
    <message>
        <source>The layer's output shape differs from the output-size formula.</source>
        <translation>층의 출력 모양이 출력 크기 공식과 다릅니다.</translation>
    </message>
    <message>
        <source>The layer refused these settings: %1</source>
        <translation>층이 이 설정을 받아들이지 않았습니다: %1</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::conv::ConvSandbox</name>
    <message>
        <source>The MNIST digits are not installed on this computer (datasets/fetch-mnist-digits.sh fetches them); the grid is shown instead.</source>
        <translation>이 컴퓨터에는 MNIST 숫자가 설치되어 있지 않습니다(datasets/fetch-mnist-digits.sh로 받을 수 있습니다). 대신 격자를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Fashion-MNIST is not installed on this computer (the package dataset-fashion-mnist provides it); the grid is shown instead.</source>
        <translation>이 컴퓨터에는 패션 MNIST가 설치되어 있지 않습니다(dataset-fashion-mnist 패키지로 설치할 수 있습니다). 대신 격자를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Warning: the sum computed here (%1) differs from the layer's output (%2).</source>
        <translation>경고: 여기서 계산한 합(%1)이 층의 출력(%2)과 다릅니다.</translation>
    </message>
    <message>
        <source>Warning: the engine's im2col buffer differs from the unfolding computed here.</source>
        <translation>경고: 엔진의 im2col 버퍼가 여기서 펼친 행렬과 다릅니다.</translation>
    </message>
    <message>
        <source>Input channel %1: %2 × %3</source>
        <translation>입력 채널 %1: %2 × %3</translation>
    </message>
    <message>
        <source>Filter %1 on channel %2</source>
        <translation>필터 %1, 채널 %2</translation>
    </message>
    <message>
        <source>Output map %1 of %2 (%3 × %4): click a value</source>
        <translation>출력 맵 %1/%2 (%3 × %4): 값을 클릭하세요</translation>
    </message>
    <message>
        <source>height: %1</source>
        <translation>높이: %1</translation>
    </message>
    <message>
        <source>width: %1</source>
        <translation>너비: %1</translation>
    </message>
    <message>
        <source>Output: %1 maps of %2 × %3. One output sees %4 × %4 pixels; neighbouring outputs are %5 apart.</source>
        <translation>출력: %2 × %3 맵 %1개. 출력 하나는 %4 × %4 픽셀을 보고, 이웃한 출력은 %5 픽셀 떨어져 있습니다.</translation>
    </message>
    <message>
        <source>Output map %1, row %2, column %3:</source>
        <translation>출력 맵 %1, %2행 %3열:</translation>
    </message>
    <message>
        <source>channel %1: pixel × weight</source>
        <translation>채널 %1: 픽셀 × 가중치</translation>
    </message>
    <message>
        <source>  sum over channel %1 = %2</source>
        <translation>  채널 %1의 합 = %2</translation>
    </message>
    <message>
        <source>Σ over %1 channel(s): %2</source>
        <translation>채널 %1개에 걸친 Σ: %2</translation>
    </message>
    <message>
        <source>+ bias %1</source>
        <translation>+ 편향 %1</translation>
    </message>
    <message>
        <source>= %1</source>
        <translation>= %1</translation>
    </message>
    <message>
        <source>The layer's output here: %1</source>
        <translation>이 위치의 층 출력: %1</translation>
    </message>
    <message>
        <source>✓ The same number: the layer computed exactly this sum.</source>
        <translation>✓ 같은 수입니다. 층은 정확히 이 합을 계산했습니다.</translation>
    </message>
    <message>
        <source>⚠ Differs from the sum above.</source>
        <translation>⚠ 위의 합과 다릅니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Parameters&lt;/b&gt;, C = %1 → F = %2 channels, %3 × %3 kernel%4:</source>
        <translation>&lt;b&gt;파라미터 수&lt;/b&gt;, 채널 C = %1 → F = %2, %3 × %3 커널%4:</translation>
    </message>
    <message>
        <source>, with biases</source>
        <translation>, 편향 포함</translation>
    </message>
    <message>
        <source>plain</source>
        <translation>일반</translation>
    </message>
    <message>
        <source>depthwise</source>
        <translation>깊이별</translation>
    </message>
    <message>
        <source>depthwise-separable</source>
        <translation>깊이별 분리</translation>
    </message>
    <message>
        <source>this layer (groups %1)</source>
        <translation>이 층 (groups %1)</translation>
    </message>
    <message>
        <source>Depthwise keeps C channels; the separable one then mixes them to F with a 1 × 1 convolution.</source>
        <translation>깊이별 합성곱은 채널 C개를 그대로 두고, 깊이별 분리 합성곱은 이어서 1 × 1 합성곱으로 섞어 F개로 만듭니다.</translation>
    </message>
    <message>
        <source>The engine runs a convolution as one matrix product per group: the filters as rows (%1 × %2) times the unfolded input (%2 × %3: one row per kernel tap (channel, i, j), one column per output position) give the output maps (%1 × %3). Group %4 of %5.</source>
        <translation>엔진은 합성곱을 그룹마다 행렬 곱 하나로 계산합니다. 행으로 놓은 필터(%1 × %2)에 펼친 입력(%2 × %3: 커널 위치 (채널, i, j)마다 한 행, 출력 위치마다 한 열)을 곱하면 출력 맵(%1 × %3)이 됩니다. 그룹 %4/%5.</translation>
    </message>
    <message>
        <source>Filters as rows (%1 × %2)</source>
        <translation>행으로 놓은 필터 (%1 × %2)</translation>
    </message>
    <message>
        <source>× the unfolded input (%1 × %2): the engine's own im2col buffer</source>
        <translation>× 펼친 입력 (%1 × %2): 엔진의 im2col 버퍼 그대로</translation>
    </message>
    <message>
        <source>× the unfolded input (%1 × %2), unfolded here</source>
        <translation>× 펼친 입력 (%1 × %2), 여기서 펼침</translation>
    </message>
    <message>
        <source>= the output maps (%1 × %2), bias added</source>
        <translation>= 출력 맵 (%1 × %2), 편향 더함</translation>
    </message>
    <message>
        <source>Column %1 = the window of output (row %2, column %3), one kernel tap per row; row %4 = filter %5:</source>
        <translation>%1열 = 출력 (%2행, %3열)의 창, 한 행에 커널 위치 하나; %4행 = 필터 %5:</translation>
    </message>
    <message>
        <source>row · column = %1</source>
        <translation>행 · 열 = %1</translation>
    </message>
    <message>
        <source>+ bias %1 = %2 (the layer's output: %3)</source>
        <translation>+ 편향 %1 = %2 (층의 출력: %3)</translation>
    </message>
    <message>
        <source>Small grid (click to edit)</source>
        <translation>작은 격자 (클릭해서 편집)</translation>
    </message>
    <message>
        <source>Digit (MNIST)</source>
        <translation>손글씨 숫자 (MNIST)</translation>
    </message>
    <message>
        <source>Clothing (Fashion-MNIST)</source>
        <translation>옷 (패션 MNIST)</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>예제 번호</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>채널 수</translation>
    </message>
    <message>
        <source>Kernel k</source>
        <translation>커널 k</translation>
    </message>
    <message>
        <source>Stride s</source>
        <translation>보폭 s</translation>
    </message>
    <message>
        <source>Padding p</source>
        <translation>패딩 p</translation>
    </message>
    <message>
        <source>&quot;same&quot;</source>
        <translation>&quot;same&quot;</translation>
    </message>
    <message>
        <source>Dilation d</source>
        <translation>팽창 d</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>그룹 수</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>필터 수</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>output size = ⌈in / s⌉</source>
        <translation>출력 크기 = ⌈입력 / s⌉</translation>
    </message>
    <message>
        <source>one per filter</source>
        <translation>필터마다 하나</translation>
    </message>
    <message>
        <source>Step the window ▶</source>
        <translation>창 한 칸 이동 ▶</translation>
    </message>
    <message>
        <source>Arrow keys move the window; Page Up/Down change the output map.</source>
        <translation>화살표 키로 창을 옮기고, Page Up/Down으로 출력 맵을 바꿉니다.</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>미끄러지는 창</translation>
    </message>
    <message>
        <source>im2col: the matrix product</source>
        <translation>im2col: 행렬 곱</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::MainWindow</name>
    <message>
        <source>Convolution</source>
        <translation>합성곱</translation>
    </message>
</context>
</TS>
