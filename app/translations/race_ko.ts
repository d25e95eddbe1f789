<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>deepstep::studio::RaceView</name>
    <message>
        <source>The learning rate must be a number greater than 0, not &quot;%1&quot;.</source>
        <translation>학습률은 0보다 큰 수여야 합니다. 입력한 값: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>The start point must be two numbers, not (%1, %2).</source>
        <translation>출발점은 두 개의 수여야 합니다. 입력한 값: (%1, %2)</translation>
    </message>
    <message>
        <source>The start point must lie in the drawn region: x from %1 to %2, y from %3 to %4.</source>
        <translation>출발점은 그려진 영역 안에 있어야 합니다: x는 %1부터 %2까지, y는 %3부터 %4까지입니다.</translation>
    </message>
    <message>
        <source>The number of steps must be from 1 to %1.</source>
        <translation>단계 수는 1부터 %1까지여야 합니다.</translation>
    </message>
    <message>
        <source>An optimizer refused these settings: %1</source>
        <translation>이 설정을 받아들이지 않는 옵티마이저가 있습니다: %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>%2단계 중 %1단계</translation>
    </message>
    <message>
        <source>diverged at step %1</source>
        <translation>%1단계에서 발산</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>손실 곡면</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계 수</translation>
    </message>
    <message>
        <source>Start (x, y)</source>
        <translation>출발점 (x, y)</translation>
    </message>
    <message>
        <source>Run the race with these settings</source>
        <translation>이 설정으로 경주 시작</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 단계</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>처음으로</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>%1 — every registered optimizer from (%2, %3), learning rate %4. Ring: start; cross: minimum.</source>
        <translation>%1 — 등록된 모든 옵티마이저가 (%2, %3)에서 출발, 학습률 %4. 동그라미: 출발점, 가위표: 최솟값.</translation>
    </message>
    <message>
        <source>%1 (the path of %2)</source>
        <translation>%1 (%2와 같은 경로)</translation>
    </message>
</context>
</TS>
