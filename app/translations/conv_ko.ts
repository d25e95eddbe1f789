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
    <message>
        <source>Backward: the gradients</source>
        <translation>역전파: 기울기</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::conv::BackwardPage</name>
    <message>
        <source>δ = ∂E/∂Y, map %1 (%2 × %3)</source>
        <translation>δ = ∂E/∂Y, 맵 %1 (%2 × %3)</translation>
    </message>
    <message>
        <source>Input %1 under K(%2, %3)</source>
        <translation>K(%2, %3) 아래의 입력 %1</translation>
    </message>
    <message>
        <source>∂E/∂K, filter %1, channel %2</source>
        <translation>∂E/∂K, 필터 %1, 채널 %2</translation>
    </message>
    <message>
        <source>δ spread by %1, padded %2</source>
        <translation>보폭 %1로 펼친 δ, 패딩 %2</translation>
    </message>
    <message>
        <source>δ padded by %1</source>
        <translation>패딩 %1을 덧댄 δ</translation>
    </message>
    <message>
        <source>Kernel turned 180°, d = %1</source>
        <translation>180° 돌린 커널, d = %1</translation>
    </message>
    <message>
        <source>Kernel turned 180°</source>
        <translation>180° 돌린 커널</translation>
    </message>
    <message>
        <source>∂E/∂x, channel %1 (%2 × %3)</source>
        <translation>∂E/∂x, 채널 %1 (%2 × %3)</translation>
    </message>
    <message>
        <source>pad</source>
        <translation>패딩</translation>
    </message>
    <message>
        <source>&lt;b&gt;∂E/∂K[%1, %2, %3, %4]&lt;/b&gt; = Σ x · δ: the input correlated with δ, one term per output (click one):</source>
        <translation>&lt;b&gt;∂E/∂K[%1, %2, %3, %4]&lt;/b&gt; = Σ x · δ: 입력과 δ의 상관, 출력마다 항 하나 (항을 클릭하세요):</translation>
    </message>
    <message>
        <source>= %1; the layer's backward(): %2 %3</source>
        <translation>= %1; 층의 backward(): %2 %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;∂E/∂b[%1]&lt;/b&gt; = Σ δ = &lt;a href=&quot;b:0&quot;&gt;%2&lt;/a&gt;; the layer's backward(): %3 %4</source>
        <translation>&lt;b&gt;∂E/∂b[%1]&lt;/b&gt; = Σ δ = &lt;a href=&quot;b:0&quot;&gt;%2&lt;/a&gt;; 층의 backward(): %3 %4</translation>
    </message>
    <message>
        <source>This layer has no bias.</source>
        <translation>이 층에는 편향이 없습니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;∂E/∂x[%1, %2, %3]&lt;/b&gt; = Σ δ · k: the flipped kernels over the spread δ; %4 of %5 taps land on a δ value (the rest on holes or padding: 0):</source>
        <translation>&lt;b&gt;∂E/∂x[%1, %2, %3]&lt;/b&gt; = Σ δ · k: 펼친 δ 위의 뒤집은 커널. 탭 %5개 중 %4개가 δ 값에 닿습니다 (나머지는 구멍이나 패딩: 0):</translation>
    </message>
    <message>
        <source>✓ Every gradient computed here equals the layer's.</source>
        <translation>✓ 여기서 계산한 기울기가 모두 층의 값과 같습니다.</translation>
    </message>
    <message>
        <source>δ = ∂E/∂Y = 1: E = ΣY counts every output once.</source>
        <translation>δ = ∂E/∂Y = 1: E = ΣY는 모든 출력을 한 번씩 셉니다.</translation>
    </message>
    <message>
        <source>δ = ∂E/∂Y = 1: E = Y[%1, %2, %3], this very output.</source>
        <translation>δ = ∂E/∂Y = 1: E = Y[%1, %2, %3], 바로 이 출력입니다.</translation>
    </message>
    <message>
        <source>δ = ∂E/∂Y = 0: E = Y[%1, %2, %3] does not depend on this output.</source>
        <translation>δ = ∂E/∂Y = 0: E = Y[%1, %2, %3]는 이 출력에 의존하지 않습니다.</translation>
    </message>
    <message>
        <source>δ = ∂E/∂Y = Y − T = %1 − %2 = %3, from E = ½‖Y − T‖².</source>
        <translation>δ = ∂E/∂Y = Y − T = %1 − %2 = %3 (E = ½‖Y − T‖²에서).</translation>
    </message>
    <message>
        <source>Click a term or a sum on the list above.</source>
        <translation>위 목록에서 항이나 합을 클릭하세요.</translation>
    </message>
    <message>
        <source>∂E/∂%1 = Σ over the outputs of ∂E/∂Y · ∂Y/∂%1; term %2 of %3, output %4:</source>
        <translation>∂E/∂%1 = 모든 출력에 걸친 ∂E/∂Y · ∂Y/∂%1의 합. %3개 중 %2번째 항, 출력 %4:</translation>
    </message>
    <message>
        <source>∂Y/∂K = x = 0: Y = Σ K · x + b, and in this window the tap lies on the padding.</source>
        <translation>∂Y/∂K = x = 0: Y = Σ K · x + b이고, 이 창에서 이 탭은 패딩 위에 있습니다.</translation>
    </message>
    <message>
        <source>∂Y/∂K = x[%1, %2, %3] = %4: Y = Σ K · x + b, and this tap multiplies that pixel.</source>
        <translation>∂Y/∂K = x[%1, %2, %3] = %4: Y = Σ K · x + b이고, 이 탭이 그 픽셀에 곱해집니다.</translation>
    </message>
    <message>
        <source>Their sum over all %1 outputs: ∂E/∂K = %2.</source>
        <translation>출력 %1개 전체의 합: ∂E/∂K = %2.</translation>
    </message>
    <message>
        <source>∂E/∂b[%1] = Σ over the outputs of ∂E/∂Y · ∂Y/∂b = Σ δ · 1 = &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>∂E/∂b[%1] = 모든 출력에 걸친 ∂E/∂Y · ∂Y/∂b의 합 = Σ δ · 1 = &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>∂Y/∂b = 1: the bias is added once to every output of its map.</source>
        <translation>∂Y/∂b = 1: 편향은 자기 맵의 모든 출력에 한 번씩 더해집니다.</translation>
    </message>
    <message>
        <source>∂E/∂%1 = Σ over the outputs it reaches of ∂E/∂Y · ∂Y/∂%1; term %2 of %3, output %4:</source>
        <translation>∂E/∂%1 = 이 픽셀이 닿는 출력들에 걸친 ∂E/∂Y · ∂Y/∂%1의 합. %3개 중 %2번째 항, 출력 %4:</translation>
    </message>
    <message>
        <source>∂Y/∂x = K[%1, %2, %3, %4] = %5: the pixel lies under this tap of that output's window (tap (%6, %7) of the flipped kernel).</source>
        <translation>∂Y/∂x = K[%1, %2, %3, %4] = %5: 그 출력의 창에서 이 픽셀은 이 탭 아래에 있습니다 (뒤집은 커널의 탭 (%6, %7)).</translation>
    </message>
    <message>
        <source>Their sum over the %1 terms: ∂E/∂x = %2.</source>
        <translation>항 %1개의 합: ∂E/∂x = %2.</translation>
    </message>
    <message>
        <source>%1 of ∂E/∂K</source>
        <translation>∂E/∂K %1개</translation>
    </message>
    <message>
        <source>%1 of ∂E/∂b</source>
        <translation>∂E/∂b %1개</translation>
    </message>
    <message>
        <source>%1 of ∂E/∂x</source>
        <translation>∂E/∂x %1개</translation>
    </message>
    <message>
        <source>Warning: gradients computed here differ from the layer's backward(): %1.</source>
        <translation>경고: 여기서 계산한 기울기가 층의 backward()와 다릅니다: %1.</translation>
    </message>
    <message>
        <source>The backward pass of the same layer. δ = ∂E/∂Y comes from above; the layer passes on ∂E/∂K = the input correlated with δ, ∂E/∂b = Σ δ, and ∂E/∂x = δ spread by the stride (holes of zeros) and padded by d·(k − 1), convolved in full with the kernel turned 180°. Click a map or a term.</source>
        <translation>같은 층의 역전파입니다. δ = ∂E/∂Y가 위에서 내려오고, 층은 ∂E/∂K = 입력과 δ의 상관, ∂E/∂b = Σ δ, ∂E/∂x = 보폭만큼 펼치고(0으로 채운 구멍) d·(k − 1)만큼 패딩한 δ와 180° 돌린 커널의 완전 합성곱을 내보냅니다. 맵이나 항을 클릭하세요.</translation>
    </message>
    <message>
        <source>δ = ∂E/∂Y:</source>
        <translation>δ = ∂E/∂Y:</translation>
    </message>
    <message>
        <source>all ones (E = ΣY)</source>
        <translation>모두 1 (E = ΣY)</translation>
    </message>
    <message>
        <source>one-hot at the chosen output (E = Y[f, r, c])</source>
        <translation>고른 출력에서만 1 (E = Y[f, r, c])</translation>
    </message>
    <message>
        <source>from the loss E = ½‖Y − T‖²: δ = Y − T</source>
        <translation>손실 E = ½‖Y − T‖²에서: δ = Y − T</translation>
    </message>
    <message>
        <source>target T</source>
        <translation>목표 T</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>입력 채널</translation>
    </message>
    <message>
        <source>Chain rule for the term clicked</source>
        <translation>클릭한 항의 연쇄 법칙</translation>
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
