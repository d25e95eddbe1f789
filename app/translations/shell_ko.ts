<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>deepstep::studio::ClassReport</name>
    <message>
        <location filename="../shell/class_report.cpp" line="107"/>
        <source>Save the report into a folder</source>
        <translation>보고서를 저장할 폴더</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="142"/>
        <source>Class report: %1</source>
        <translation>반 보고서: %1</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="143"/>
        <source>Questions (the hard ones have the lowest shares)</source>
        <translation>문제 (어려운 문제일수록 정답 비율이 낮습니다)</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="144"/>
        <source>Students</source>
        <translation>학생</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="145"/>
        <source>Files that do not count</source>
        <translation>반영하지 않은 파일</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="146"/>
        <source>Save report…</source>
        <translation>보고서 저장…</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="149"/>
        <source>question</source>
        <translation>문제</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="149"/>
        <source>points</source>
        <translation>배점</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="149"/>
        <source>right</source>
        <translation>정답</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="149"/>
        <source>right on the first try</source>
        <translation>첫 시도 정답</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="149"/>
        <source>answers per student</source>
        <translation>학생당 답 수</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="151"/>
        <location filename="../shell/class_report.cpp" line="153"/>
        <source>student</source>
        <translation>학생</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="151"/>
        <source>score</source>
        <translation>점수</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="151"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="151"/>
        <source>submitted (local time)</source>
        <translation>제출 (현지 시각)</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="151"/>
        <source>note</source>
        <translation>비고</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="153"/>
        <source>file</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="153"/>
        <source>why</source>
        <translation>이유</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="160"/>
        <source>%1 students graded from %2 files. Mean score %3 %, median %4 %. %5 late, %6 files not valid.</source>
        <translation>파일 %2개에서 학생 %1명을 채점했습니다. 평균 %3 %, 중앙값 %4 %. 지각 %5명, 올바르지 않은 파일 %6개.</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="187"/>
        <source>late</source>
        <translation>지각</translation>
    </message>
    <message numerus="yes">
        <location filename="../shell/class_report.cpp" line="188"/>
        <source>%n answer(s) marked right that are wrong</source>
        <translation>
            <numerusform>맞았다고 표시됐지만 틀린 답 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="201"/>
        <source>tampered</source>
        <translation>변조됨</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="202"/>
        <source>another lab or build</source>
        <translation>다른 실습이나 빌드</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="203"/>
        <source>superseded by a later submission</source>
        <translation>나중 제출로 대체됨</translation>
    </message>
    <message>
        <location filename="../shell/class_report.cpp" line="204"/>
        <source>unreadable</source>
        <translation>읽을 수 없음</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::DeviceMenu</name>
    <message>
        <location filename="../shell/device_menu.cpp" line="72"/>
        <source>this DeepStep was built without the CUDA backend</source>
        <translation>이 DeepStep은 CUDA 백엔드 없이 빌드되었습니다</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="75"/>
        <source>the CUDA backend could not be loaded</source>
        <translation>CUDA 백엔드를 불러올 수 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="78"/>
        <source>no NVIDIA driver on this machine</source>
        <translation>이 컴퓨터에 NVIDIA 드라이버가 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="81"/>
        <source>the NVIDIA driver is older than the CUDA runtime DeepStep was built with</source>
        <translation>NVIDIA 드라이버가 DeepStep을 빌드한 CUDA 런타임보다 오래되었습니다</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="84"/>
        <source>no GPU that the NVIDIA driver can use</source>
        <translation>NVIDIA 드라이버가 쓸 수 있는 GPU가 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="87"/>
        <source>the NVIDIA driver reported an error</source>
        <translation>NVIDIA 드라이버가 오류를 알렸습니다</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="97"/>
        <source>1 thread</source>
        <translation>스레드 1개</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="97"/>
        <source>%1 threads</source>
        <translation>스레드 %1개</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="98"/>
        <source>CPU, %1</source>
        <translation>CPU, %1</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="98"/>
        <source>CPU: %1, %2</source>
        <translation>CPU: %1, %2</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="100"/>
        <source>GPU — not usable: %1</source>
        <translation>GPU — 사용 불가: %1</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="101"/>
        <source>GPU %1: %2, %3 GiB</source>
        <translation>GPU %1: %2, %3 GiB</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="107"/>
        <source>Device: CPU</source>
        <translation>장치: CPU</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="108"/>
        <source>Device: %1 (layers with a GPU form train there, the others on the CPU)</source>
        <translation>장치: %1 (GPU 형태가 있는 층은 그곳에서, 나머지는 CPU에서 학습)</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="115"/>
        <source>driver %1</source>
        <translation>드라이버 %1</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="117"/>
        <source>CUDA runtime %1</source>
        <translation>CUDA 런타임 %1</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="125"/>
        <source>Devices</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="130"/>
        <source>&amp;Device</source>
        <translation>장치(&amp;D)</translation>
    </message>
    <message>
        <location filename="../shell/device_menu.cpp" line="133"/>
        <source>About the devices…</source>
        <translation>장치 정보…</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::Export</name>
    <message>
        <location filename="../shell/export_tools.cpp" line="20"/>
        <source>Cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <location filename="../shell/export_tools.cpp" line="38"/>
        <source>the view could not be drawn as PNG</source>
        <translation>화면을 PNG로 그릴 수 없었습니다</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::LabPanel</name>
    <message>
        <location filename="../shell/lab_panel.cpp" line="111"/>
        <source>Submit the lab</source>
        <translation>실습 내기</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="112"/>
        <source>%1 of %2 questions are answered right. After submitting, this lab takes no more answers. Submit now?</source>
        <translation>%2문제 중 %1문제를 맞혔습니다. 내고 나면 이 실습에는 더 답할 수 없습니다. 지금 낼까요?</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="118"/>
        <source>Save the result file</source>
        <translation>결과 파일 저장</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="119"/>
        <source>Lab results (*.json)</source>
        <translation>실습 결과 (*.json)</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="128"/>
        <source>%1 of %2 questions answered right.</source>
        <translation>%2문제 중 %1문제를 맞혔습니다.</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="130"/>
        <source>Submitted on %1: this lab takes no more answers.</source>
        <translation>%1에 냈습니다. 이 실습에는 더 답할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="148"/>
        <source>Student: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>학생: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="151"/>
        <source>Deadline: %1 (your local time)</source>
        <translation>마감: %1 (현지 시각)</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="154"/>
        <source>— passed: a result submitted now counts as late.</source>
        <translation>— 지났습니다. 지금 내는 결과는 지각으로 처리됩니다.</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="157"/>
        <source>Attempts per question: %1</source>
        <translation>문제당 시도 횟수: %1</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="157"/>
        <source>Attempts per question: no limit</source>
        <translation>문제당 시도 횟수: 제한 없음</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="158"/>
        <source>Your numbers are your own: they follow from your student id. The settings of this lab are locked.</source>
        <translation>숫자는 학번에 따라 정해지는 나만의 것입니다. 이 실습의 설정은 잠겨 있습니다.</translation>
    </message>
    <message>
        <location filename="../shell/lab_panel.cpp" line="168"/>
        <source>Submit…</source>
        <translation>내기…</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::LessonBrowser</name>
    <message>
        <location filename="../shell/lesson_browser.cpp" line="109"/>
        <source>Lectures and lessons</source>
        <translation>강의와 레슨</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::LessonCatalog</name>
    <message>
        <location filename="../shell/lesson_catalog.cpp" line="21"/>
        <source>Lecture 1 · The perceptron</source>
        <translation>1강 · 퍼셉트론</translation>
    </message>
    <message>
        <location filename="../shell/lesson_catalog.cpp" line="23"/>
        <source>Lecture 2 · Backpropagation</source>
        <translation>2강 · 역전파</translation>
    </message>
    <message>
        <location filename="../shell/lesson_catalog.cpp" line="49"/>
        <source>en</source>
        <comment>language code of this translation</comment>
        <translation>ko</translation>
    </message>
    <message>
        <location filename="../shell/lesson_catalog.cpp" line="99"/>
        <source>Lecture %1 · %2</source>
        <translation>%1강 · %2</translation>
    </message>
    <message>
        <location filename="../shell/lesson_catalog.cpp" line="118"/>
        <source>Experiments</source>
        <translation>실험</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::LessonPlayer</name>
    <message>
        <location filename="../shell/lesson_player.cpp" line="358"/>
        <source>◀ Previous step</source>
        <translation>◀ 이전 단계</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="359"/>
        <source>Next step ▶</source>
        <translation>다음 단계 ▶</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="387"/>
        <source>Step through it</source>
        <translation>단계별로 따라가기</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="388"/>
        <source>Load this experiment into the step-by-step view</source>
        <translation>이 실험을 단계별 계산 화면으로 불러옵니다</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="380"/>
        <source>Choose a lesson on the left.</source>
        <translation>왼쪽에서 레슨을 고르세요.</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="147"/>
        <location filename="../shell/lesson_player.cpp" line="363"/>
        <source>Checking: training with your answer…</source>
        <translation>확인 중: 입력한 답으로 학습하고 있습니다…</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="147"/>
        <location filename="../shell/lesson_player.cpp" line="363"/>
        <source>Running this step…</source>
        <translation>이 단계를 실행하고 있습니다…</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="161"/>
        <source>Checking: epoch %1 of %2</source>
        <translation>확인 중: 에포크 %1 / %2</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="162"/>
        <source>Training: epoch %1 of %2</source>
        <translation>학습 중: 에포크 %1 / %2</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="315"/>
        <source>The same network from the same initial weights on each device, epochs: %1</source>
        <translation>같은 신경망을 같은 초기 가중치에서 장치마다 학습, 에포크: %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="360"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="361"/>
        <source>Stop the training; everything stays as it was</source>
        <translation>학습을 멈춥니다. 모든 것이 이전 그대로 남습니다</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="375"/>
        <source>**This step cannot be run.**

%1</source>
        <translation>**이 단계를 실행할 수 없습니다.**

%1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="376"/>
        <source>Show in the step view</source>
        <translation>단계별 계산 탭에서 보기</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="377"/>
        <source>See the network in the state this step left it</source>
        <translation>이 단계를 마친 뒤의 신경망 상태를 봅니다</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="391"/>
        <source>Step %1 of %2</source>
        <translation>%2단계 중 %1단계</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="732"/>
        <source>Score: %1/%2 · right on the first try: %3/%2 · answers given: %4</source>
        <translation>점수: %1/%2 · 첫 시도에 맞힌 문제: %3/%2 · 답한 횟수: %4</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="561"/>
        <source>a whole number</source>
        <translation>정수</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="317"/>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="317"/>
        <source>Seconds</source>
        <translation>초</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="317"/>
        <source>Examples per second</source>
        <translation>초당 예제</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="317"/>
        <source>Loss after</source>
        <translation>학습 후 손실</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="320"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="321"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="337"/>
        <source>No GPU ran: %1.</source>
        <translation>GPU에서는 실행하지 못했습니다: %1.</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="339"/>
        <source>Speed-up of the GPU over the CPU: %1×</source>
        <translation>CPU 대비 GPU의 속도 향상: %1배</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="437"/>
        <source>%1 values: see them in the step view.</source>
        <translation>값 %1개: 단계별 계산 탭에서 보세요.</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="459"/>
        <source>row %1</source>
        <translation>%1행</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="561"/>
        <source>a number, e.g. 0.25</source>
        <translation>숫자 (예: 0.25)</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="578"/>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="590"/>
        <source>✔ Answered right before: %1</source>
        <translation>✔ 이미 맞힌 문제입니다: %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="600"/>
        <source>Give an answer first.</source>
        <translation>먼저 답을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="619"/>
        <location filename="../shell/lesson_player.cpp" line="680"/>
        <source>No attempts left for this question.</source>
        <translation>이 문제는 시도 횟수를 다 썼습니다.</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="673"/>
        <source>✔ Right.</source>
        <translation>✔ 정답입니다.</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="676"/>
        <source>✘ Not quite.</source>
        <translation>✘ 틀렸습니다.</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="682"/>
        <source>Hint: %1</source>
        <translation>힌트: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../shell/lesson_player.cpp" line="683"/>
        <location filename="../shell/lesson_player.cpp" line="685"/>
        <source>(%n attempt(s) left)</source>
        <translation>
            <numerusform>(%n번 남음)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="687"/>
        <source>The right answer: %1</source>
        <translation>정답: %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="783"/>
        <source>**This experiment cannot be read.**

%1</source>
        <translation>**이 실험 파일을 읽을 수 없습니다.**

%1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="792"/>
        <source>en</source>
        <comment>language code of this translation</comment>
        <translation>ko</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="805"/>
        <source>1 unit</source>
        <translation>유닛 1개</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="805"/>
        <source>%1 units</source>
        <translation>유닛 %1개</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="809"/>
        <source>initial weights given</source>
        <translation>초기 가중치 지정</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="814"/>
        <source>- **Input:** %1 values</source>
        <translation>- **입력:** 값 %1개</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="816"/>
        <source>- **Layers:** %1</source>
        <translation>- **층:** %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="817"/>
        <source>- **Loss:** %1</source>
        <translation>- **손실 함수:** %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="818"/>
        <source>- **Optimizer:** %1</source>
        <translation>- **옵티마이저:** %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="819"/>
        <source>- **Data:** %1</source>
        <translation>- **데이터:** %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="822"/>
        <source>- **Epochs:** %1</source>
        <translation>- **에포크:** %1</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="825"/>
        <source>- **Batch:** the whole data set per update</source>
        <translation>- **배치:** 업데이트마다 데이터 전체</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="825"/>
        <source>- **Batch:** %1 examples per update</source>
        <translation>- **배치:** 업데이트마다 예제 %1개</translation>
    </message>
    <message>
        <location filename="../shell/lesson_player.cpp" line="830"/>
        <source>Press **Step through it** to load this experiment into the step-by-step view. There you compute one layer at a time: the forward pass from the input, the backward pass from the loss, then the weight update. The Step menu lists the keyboard shortcuts.</source>
        <translation>**단계별로 따라가기**를 누르면 이 실험이 단계별 계산 화면에 열립니다. 그곳에서 한 번에 한 층씩 계산합니다. 입력에서 시작하는 순전파, 손실에서 시작하는 역전파, 그리고 가중치 업데이트 순서입니다. 단축키는 단계 메뉴에 있습니다.</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::MainWindow</name>
    <message>
        <location filename="../shell/main_window.cpp" line="246"/>
        <source>Optimizer race</source>
        <translation>옵티마이저 경주</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="248"/>
        <source>CNN training</source>
        <translation>CNN 학습</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="241"/>
        <source>DeepStep Studio</source>
        <translation>DeepStep 스튜디오</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="241"/>
        <source>%1 — DeepStep Studio</source>
        <translation>%1 — DeepStep 스튜디오</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="242"/>
        <source>Lessons</source>
        <translation>레슨</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="243"/>
        <source>Step by step</source>
        <translation>단계별 계산</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="244"/>
        <source>Playground</source>
        <translation>플레이그라운드</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="245"/>
        <source>Charts</source>
        <translation>차트</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="247"/>
        <source>Convolution</source>
        <translation>합성곱</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="249"/>
        <source>Recurrent networks</source>
        <translation>순환 신경망</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="251"/>
        <source>The loss of each iteration computed in the step-by-step view. Export ▸ Current view saves it as an image.</source>
        <translation>단계별 계산 화면에서 계산한 반복마다의 손실입니다. 내보내기 ▸ 현재 화면으로 이미지로 저장할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="253"/>
        <source>No experiment loaded</source>
        <translation>불러온 실험 없음</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="253"/>
        <source>Experiment: %1</source>
        <translation>실험: %1</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="265"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="266"/>
        <source>&amp;Open experiment…</source>
        <translation>실험 열기(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="267"/>
        <source>Open &amp;lab…</source>
        <translation>실습 열기(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="268"/>
        <source>&amp;Close lab</source>
        <translation>실습 닫기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="269"/>
        <source>&amp;Grade a lab…</source>
        <translation>실습 채점(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="270"/>
        <location filename="../shell/main_window.cpp" line="435"/>
        <source>Lab</source>
        <translation>실습</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="271"/>
        <location filename="../shell/main_window.cpp" line="478"/>
        <source>Class report</source>
        <translation>반 보고서</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="272"/>
        <source>Save experiment &amp;as…</source>
        <translation>다른 이름으로 실험 저장(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="273"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="274"/>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="275"/>
        <source>Current view as &amp;PNG…</source>
        <translation>현재 화면을 PNG로(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="276"/>
        <source>Current view as &amp;SVG…</source>
        <translation>현재 화면을 SVG로(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="277"/>
        <source>Trace of this step as &amp;JSON…</source>
        <translation>이 단계의 기록을 JSON으로(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="278"/>
        <source>Trace of this step as &amp;CSV…</source>
        <translation>이 단계의 기록을 CSV로(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="279"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="280"/>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="281"/>
        <source>&amp;Presentation mode (large fonts)</source>
        <translation>발표 모드 - 큰 글꼴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="282"/>
        <source>&amp;Step</source>
        <translation>단계(&amp;S)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="283"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="284"/>
        <source>&amp;Plugins…</source>
        <translation>플러그인(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="285"/>
        <source>&amp;About DeepStep Studio</source>
        <translation>DeepStep 스튜디오 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="328"/>
        <source>1 plugin was refused: see Help ▸ Plugins.</source>
        <translation>플러그인 1개를 불러오지 않았습니다. 도움말 ▸ 플러그인을 보세요.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="329"/>
        <source>%1 plugins were refused: see Help ▸ Plugins.</source>
        <translation>플러그인 %1개를 불러오지 않았습니다. 도움말 ▸ 플러그인을 보세요.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="337"/>
        <location filename="../shell/main_window.cpp" line="355"/>
        <source>Cannot open the experiment</source>
        <translation>실험을 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="345"/>
        <source>A lab is open</source>
        <translation>실습이 열려 있습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="346"/>
        <source>The settings of the open lab are locked: close the lab (File ▸ Close lab) to open other experiments.</source>
        <translation>열린 실습의 설정은 잠겨 있습니다. 다른 실험을 열려면 실습을 닫으세요(파일 ▸ 실습 닫기).</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="362"/>
        <source>Loaded %1</source>
        <translation>%1을(를) 불러왔습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="370"/>
        <source>Nothing to save</source>
        <translation>저장할 것이 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="370"/>
        <source>Open an experiment first.</source>
        <translation>먼저 실험을 여세요.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="375"/>
        <source>Saved %1</source>
        <translation>%1을(를) 저장했습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="378"/>
        <source>Cannot save the experiment</source>
        <translation>실험을 저장할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="393"/>
        <source>Cannot export the view</source>
        <translation>화면을 내보낼 수 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="400"/>
        <source>No step to export</source>
        <translation>내보낼 단계가 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="401"/>
        <source>Compute at least one layer in the step-by-step view first.</source>
        <translation>먼저 단계별 계산 화면에서 한 층 이상 계산하세요.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="407"/>
        <source>Cannot export the trace</source>
        <translation>기록을 내보낼 수 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="414"/>
        <source>Open experiment</source>
        <translation>실험 열기</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="415"/>
        <source>Experiments (*.json);;All files (*)</source>
        <translation>실험 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="424"/>
        <source>Cannot open the lab</source>
        <translation>실습을 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="428"/>
        <source>Lab already submitted</source>
        <translation>이미 낸 실습</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="429"/>
        <source>Student %1 has already submitted this lab.</source>
        <translation>학생 %1은(는) 이 실습을 이미 냈습니다.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="483"/>
        <source>Cannot grade the lab</source>
        <translation>실습을 채점할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="490"/>
        <location filename="../shell/main_window.cpp" line="493"/>
        <source>Open lab</source>
        <translation>실습 열기</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="490"/>
        <location filename="../shell/main_window.cpp" line="500"/>
        <source>Labs (*.json *.dslab);;All files (*)</source>
        <translation>실습 (*.json *.dslab);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="493"/>
        <source>Your student id:</source>
        <translation>학번:</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="500"/>
        <source>Grade a lab: the lab file</source>
        <translation>실습 채점: 실습 파일</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="502"/>
        <source>Grade a lab: the folder of result files</source>
        <translation>실습 채점: 결과 파일 폴더</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="507"/>
        <source>Save experiment as</source>
        <translation>다른 이름으로 실험 저장</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="508"/>
        <source>Experiments (*.json)</source>
        <translation>실험 (*.json)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="513"/>
        <source>SVG images (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="513"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="514"/>
        <source>Export the current view</source>
        <translation>현재 화면 내보내기</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="517"/>
        <location filename="../shell/main_window.cpp" line="526"/>
        <source>Exported %1</source>
        <translation>%1(으)로 내보냈습니다</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="522"/>
        <source>Export the trace of this step</source>
        <translation>이 단계의 기록 내보내기</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="523"/>
        <source>Trace JSON (*.json)</source>
        <translation>기록 JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="523"/>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 표 (*.csv)</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="531"/>
        <source>No plugins were found.</source>
        <translation>플러그인을 찾지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="534"/>
        <source>✔ %1 %2: loaded</source>
        <translation>✔ %1 %2: 불러옴</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="535"/>
        <source>✘ %1: refused: %2</source>
        <translation>✘ %1: 거부됨: %2</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="538"/>
        <source>Plugins</source>
        <translation>플러그인</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="542"/>
        <source>About DeepStep Studio</source>
        <translation>DeepStep 스튜디오 정보</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="543"/>
        <source>DeepStep Studio %1

Step through a real neural network: every forward value, every gradient, every weight update.</source>
        <translation>DeepStep 스튜디오 %1

실제 신경망을 한 단계씩 따라갑니다. 순전파의 모든 값, 모든 기울기, 모든 가중치 업데이트를 볼 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.cpp" line="604"/>
        <source>Cannot restore the session</source>
        <translation>세션을 복원할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::ScoreHistogram</name>
    <message>
        <location filename="../shell/class_report.cpp" line="64"/>
        <source>score (% of the points)</source>
        <translation>점수 (득점률 %)</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::StepLossChart</name>
    <message>
        <location filename="../shell/step_loss_chart.cpp" line="64"/>
        <source>Batch loss per iteration (step by step)</source>
        <translation>반복마다의 배치 손실 (단계별 계산)</translation>
    </message>
    <message>
        <location filename="../shell/step_loss_chart.cpp" line="69"/>
        <source>Step through an experiment (Step by step tab) to see its loss here.</source>
        <translation>실험을 단계별로 계산하면(단계별 계산 탭) 여기에 손실이 나타납니다.</translation>
    </message>
    <message>
        <location filename="../shell/step_loss_chart.cpp" line="110"/>
        <source>iteration</source>
        <translation>반복</translation>
    </message>
    <message>
        <location filename="../shell/step_loss_chart.cpp" line="114"/>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <location filename="../shell/step_loss_chart.cpp" line="129"/>
        <source>iteration %1: loss %2</source>
        <translation>반복 %1: 손실 %2</translation>
    </message>
</context>
<context>
    <name>deepstep::studio::Studio</name>
    <message>
        <location filename="../shell/studio_application.cpp" line="29"/>
        <source>DeepStep Studio: step through a neural network, one layer at a time.</source>
        <translation>DeepStep 스튜디오: 신경망을 한 층씩 따라가며 계산합니다.</translation>
    </message>
    <message>
        <location filename="../shell/studio_application.cpp" line="35"/>
        <source>Render every main view in both languages to DIR/&lt;lang&gt;/&lt;view&gt;.png and exit.</source>
        <translation>주요 화면을 두 언어로 모두 DIR/&lt;lang&gt;/&lt;view&gt;.png에 그린 뒤 끝냅니다.</translation>
    </message>
    <message>
        <location filename="../shell/studio_application.cpp" line="39"/>
        <source>UI language: en or ko.</source>
        <translation>화면 언어: en 또는 ko.</translation>
    </message>
    <message>
        <location filename="../shell/studio_application.cpp" line="43"/>
        <source>Open this experiment file at start.</source>
        <translation>시작할 때 이 실험 파일을 엽니다.</translation>
    </message>
    <message>
        <location filename="../shell/studio_application.cpp" line="47"/>
        <source>Start in presentation mode (large fonts).</source>
        <translation>발표 모드(큰 글꼴)로 시작합니다.</translation>
    </message>
    <message>
        <location filename="../shell/studio_application.cpp" line="170"/>
        <source>The Studio did not close properly last time; your session was restored.</source>
        <translation>지난번에 스튜디오가 제대로 종료되지 않아 세션을 복원했습니다.</translation>
    </message>
    <message>
        <location filename="../shell/studio_application.cpp" line="173"/>
        <source>The Studio did not close properly last time; the session could not be restored.</source>
        <translation>지난번에 스튜디오가 제대로 종료되지 않았지만 세션을 복원하지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../shell/studio_application.cpp" line="183"/>
        <source>Some plugins were refused</source>
        <translation>일부 플러그인을 불러오지 않았습니다</translation>
    </message>
</context>
</TS>
