#include "text.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace deepstep::cli {
namespace {

std::string currentLanguage = "en";

// The string table. Keep ids grouped by command; each entry is {English, Korean}.
const std::map<std::string, Text, std::less<>>& table() {
    static const std::map<std::string, Text, std::less<>> entries = {
        // ---- program ----
        {"app.description",
         {"DeepStep trains small neural networks and shows how they work, step by step.",
          "DeepStep은 작은 신경망을 학습시키고 그 동작을 한 단계씩 보여 줍니다."}},
        {"app.usage", {"Usage:", "사용법:"}},
        {"app.commands", {"Commands:", "명령:"}},
        {"app.globalOptions", {"Global options:", "공통 옵션:"}},
        {"app.options", {"Options:", "옵션:"}},
        {"app.more",
         {"Run 'deepstep COMMAND --help' for the options of a command.",
          "명령별 옵션은 'deepstep 명령 --help'로 확인하세요."}},
        {"app.version", {"deepstep {0} (plugin ABI {1})", "deepstep {0} (플러그인 ABI {1})"}},
        {"opt.help", {"show this help", "이 도움말을 보여 줍니다"}},
        {"opt.version", {"show the version", "버전을 보여 줍니다"}},
        {"opt.lang",
         {"language of messages: en or ko (default: from LANG)", "메시지 언어: en 또는 ko (기본값: LANG 환경 변수)"}},

        // ---- usage errors ----
        {"err.noCommand", {"no command given", "명령이 없습니다"}},
        {"err.unknownCommand", {"unknown command '{0}'", "알 수 없는 명령 '{0}'"}},
        {"err.unknownOption", {"unknown option '{0}' for '{1}'", "'{1}' 명령에 없는 옵션 '{0}'"}},
        {"err.unknownGlobalOption", {"unknown option '{0}'", "알 수 없는 옵션 '{0}'"}},
        {"err.missingValue", {"option '{0}' needs a value ({1})", "옵션 '{0}'에 값({1})이 필요합니다"}},
        {"err.unexpectedValue", {"option '{0}' takes no value", "옵션 '{0}'은(는) 값을 받지 않습니다"}},
        {"err.repeated", {"option '{0}' given more than once", "옵션 '{0}'이(가) 두 번 이상 주어졌습니다"}},
        {"err.missingArgument", {"missing argument {0}", "인수 {0}이(가) 없습니다"}},
        {"err.extraArgument", {"unexpected argument '{0}'", "예상하지 못한 인수 '{0}'"}},
        {"err.seeHelp", {"Try 'deepstep {0} --help'.", "'deepstep {0} --help'를 실행해 보세요."}},
        {"err.badInteger",
         {"{0}: expected a whole number >= {1}, got '{2}'",
          "{0}: {1} 이상의 정수가 필요한데 '{2}'이(가) 주어졌습니다"}},
        {"err.integerRange",
         {"{0}: expected a whole number from {1} to {2}, got '{3}'",
          "{0}: {1}부터 {2}까지의 정수가 필요한데 '{3}'이(가) 주어졌습니다"}},
        {"err.badNumber",
         {"{0}: expected a positive number, got '{1}'", "{0}: 양수가 필요한데 '{1}'이(가) 주어졌습니다"}},
        {"err.badLang",
         {"--lang: expected en or ko, got '{0}'", "--lang: en 또는 ko가 필요한데 '{0}'이(가) 주어졌습니다"}},
        {"err.internal", {"internal error: {0}", "내부 오류: {0}"}},
        {"err.outOfMemory",
         {"out of memory: the machine could not provide what this run asked for. A smaller model, batch or "
          "data set avoids it; DEEPSTEP_MEMORY_LIMIT sets how much DeepStep may plan to use.",
          "메모리가 부족합니다: 이 실행이 요구한 메모리를 컴퓨터가 내줄 수 없었습니다. 모델, 배치 또는 데이터를 "
          "줄이면 됩니다. DeepStep이 쓸 수 있는 메모리는 DEEPSTEP_MEMORY_LIMIT로 정합니다."}},
        {"err.jsonValue",
         {"a value in the input is not of the expected kind: {0}", "입력의 값이 기대한 종류가 아닙니다: {0}"}},
        {"warn.refused",
         {"warning: plugin {0} was not loaded: {1}", "경고: 플러그인 {0}을(를) 불러오지 못했습니다: {1}"}},
        {"err.createFolder", {"{0}: cannot create the folder: {1}", "{0}: 폴더를 만들 수 없습니다: {1}"}},
        {"out.notFolder",
         {"expected a folder to write the results in, but this is {0}",
          "결과를 저장할 폴더여야 하는데 {0}입니다"}},
        {"out.cannotCreateFolder",
         {"cannot create this folder for the results: {0}; choose another place with --out",
          "결과를 저장할 이 폴더를 만들 수 없습니다: {0}. --out으로 다른 곳을 지정하세요"}},
        {"out.folderNotWritable",
         {"cannot write in this folder ({0}); choose another place with --out",
          "이 폴더에 쓸 수 없습니다({0}). --out으로 다른 곳을 지정하세요"}},
        {"out.notRegular",
         {"cannot write here: expected a regular file or the name of a new one, but this is {0}",
          "여기에 쓸 수 없습니다: 일반 파일이나 새 파일 이름이어야 하는데 {0}입니다"}},
        {"out.sameAsInput",
         {"this output is the same file as the input {0}; writing it would replace that input. Choose another "
          "--out",
          "이 출력은 입력 파일 {0}과(와) 같은 파일이라 쓰면 그 입력이 덮어써집니다. --out으로 다른 곳을 지정하세요"}},
        {"kind.regular", {"a regular file", "일반 파일"}},
        {"kind.folder", {"a folder", "폴더"}},
        {"kind.fifo", {"a FIFO (named pipe)", "FIFO(이름 있는 파이프)"}},
        {"kind.charDevice", {"a character device", "문자 장치"}},
        {"kind.blockDevice", {"a block device", "블록 장치"}},
        {"kind.socket", {"a socket", "소켓"}},
        {"kind.other", {"not a regular file", "일반 파일이 아닌 것"}},

        // ---- component kinds ----
        {"kind.layer", {"layers", "레이어"}},
        {"kind.activation", {"activations", "활성화 함수"}},
        {"kind.loss", {"losses", "손실 함수"}},
        {"kind.optimizer", {"optimizers", "옵티마이저"}},
        {"kind.dataset", {"datasets", "데이터셋"}},
        {"kind1.layer", {"layer", "레이어"}},
        {"kind1.activation", {"activation", "활성화 함수"}},
        {"kind1.loss", {"loss", "손실 함수"}},
        {"kind1.optimizer", {"optimizer", "옵티마이저"}},
        {"kind1.dataset", {"dataset", "데이터셋"}},
        {"err.badKind",
         {"--kind: expected one of layer, activation, loss, optimizer, dataset; got '{0}'",
          "--kind: layer, activation, loss, optimizer, dataset 중 하나가 필요한데 '{0}'이(가) 주어졌습니다"}},

        // ---- devices ----
        {"cmd.devices.summary", {"list the CPU and GPUs DeepStep can compute on", "DeepStep이 계산에 쓸 수 있는 CPU와 GPU를 나열합니다"}},
        {"cmd.devices.description",
         {"Lists the CPU and every NVIDIA GPU the CUDA backend sees, with memory, driver and runtime versions; "
          "for a GPU that cannot be used, says why. Experiments choose one with \"device\", `train` with --device.",
          "CPU와 CUDA 백엔드가 찾은 모든 NVIDIA GPU를 메모리, 드라이버와 런타임 버전과 함께 나열하고, 쓸 수 없는 "
          "GPU는 그 까닭을 알려 줍니다. 실험은 \"device\"로, `train`은 --device로 장치를 고릅니다."}},
        {"opt.json", {"print JSON instead of a table", "표 대신 JSON으로 출력"}},
        {"opt.device",
         {"where to train: cpu, cuda or cuda:N (default: the experiment's \"device\", else cpu)",
          "학습할 장치: cpu, cuda 또는 cuda:N (기본값: 실험의 \"device\", 없으면 cpu)"}},
        {"devices.col.device", {"device", "장치"}},
        {"devices.col.about", {"what it is", "정보"}},
        {"devices.col.state", {"state", "상태"}},
        {"devices.threads", {"{0} threads", "스레드 {0}개"}},
        {"devices.capability", {"compute capability {0}", "연산 능력 {0}"}},
        {"devices.driver", {"driver {0}", "드라이버 {0}"}},
        {"devices.runtime", {"CUDA runtime {0}", "CUDA 런타임 {0}"}},
        {"devices.usable", {"usable", "사용 가능"}},
        {"devices.notUsable", {"not usable: {0}", "사용 불가: {0}"}},
        {"device.problem.0", {"usable", "사용 가능"}},
        {"device.problem.1",
         {"this DeepStep was built without the CUDA backend (no CUDA toolkit at build time)",
          "이 DeepStep은 CUDA 백엔드 없이 빌드되었습니다(빌드할 때 CUDA 툴킷이 없었음)"}},
        {"device.problem.2", {"the CUDA backend could not be loaded", "CUDA 백엔드를 불러올 수 없습니다"}},
        {"device.problem.3", {"no NVIDIA driver on this machine", "이 컴퓨터에 NVIDIA 드라이버가 없습니다"}},
        {"device.problem.4",
         {"the NVIDIA driver is older than the CUDA runtime DeepStep was built with",
          "NVIDIA 드라이버가 DeepStep을 빌드한 CUDA 런타임보다 오래되었습니다"}},
        {"device.problem.5", {"no GPU that the NVIDIA driver can use", "NVIDIA 드라이버가 쓸 수 있는 GPU가 없습니다"}},
        {"device.problem.6", {"the NVIDIA driver reported an error", "NVIDIA 드라이버가 오류를 알렸습니다"}},
        {"device.cpu", {"device: cpu ({0}, {1} threads)", "장치: cpu ({0}, 스레드 {1}개)"}},
        {"device.fallback",
         {"device: {0} was asked for, but {1}; training on the CPU",
          "장치: {0}을(를) 요청했지만 쓸 수 없어 CPU에서 학습합니다 — {1}"}},
        {"device.gpu", {"device: {0} ({1}): {2}", "장치: {0}({1}): {2}"}},

        // ---- plugins ----
        {"cmd.plugins.summary", {"list plugins and what they provide", "플러그인과 그 구성 요소를 나열합니다"}},
        {"cmd.plugins.description",
         {"Lists every plugin found on the search path, loaded or refused (with its file and the reason), "
          "and what each loaded plugin provides, grouped by kind. Every plugin is first tried in a separate "
          "process: one that crashes, hangs or ends that process while loading is refused by name and never "
          "loaded (DEEPSTEP_PLUGIN_PROBE_TIMEOUT sets how many seconds a plugin may take, default 10; 0 turns "
          "the trial off).",
          "검색 경로에서 찾은 모든 플러그인을 불러옴/거부 여부(파일과 이유 포함)와 함께 나열하고, "
          "불러온 플러그인이 제공하는 구성 요소를 종류별로 보여 줍니다. 모든 플러그인은 먼저 별도 프로세스에서 "
          "시험 삼아 불러 봅니다. 불러오는 중에 그 프로세스를 죽이거나 멈추게 하거나 끝내 버리는 플러그인은 "
          "이름과 함께 거부되고 실제로는 불러오지 않습니다(플러그인 하나에 허용하는 시간은 "
          "DEEPSTEP_PLUGIN_PROBE_TIMEOUT에 초 단위로 정하며 기본값은 10, 0이면 시험을 하지 않습니다)."}},
        {"opt.check",
         {"also show how each plugin's trial load in a separate process went; exit 2 if any plugin is refused",
          "각 플러그인을 별도 프로세스에서 시험 삼아 불러 본 결과도 보여 줍니다. 거부된 플러그인이 있으면 "
          "종료 코드 2로 끝납니다"}},
        {"plugins.trial", {"trial load:", "시험 로드:"}},
        {"plugins.trial.passed", {"passed ({0})", "통과 ({0})"}},
        {"plugins.trial.crashed",
         {"crashed with signal {0} while loading", "불러오는 중 시그널 {0}(으)로 비정상 종료됨"}},
        {"plugins.trial.hung",
         {"did not finish loading within {0} and was stopped", "{0} 안에 불러오기를 마치지 못해 중단됨"}},
        {"plugins.trial.ended",
         {"ended the program (exit {0}) while loading", "불러오는 중 프로그램을 끝내 버림(종료 코드 {0})"}},
        {"plugins.trial.notRun", {"not run (refused before)", "하지 않음(그 전에 거부됨)"}},
        {"plugins.trial.off", {"not run: {0}", "하지 않음: {0}"}},
        {"plugins.trialSummary",
         {"Trial loads took {0} in all; each plugin may take up to {1} (DEEPSTEP_PLUGIN_PROBE_TIMEOUT).",
          "시험 로드에 모두 {0} 걸렸습니다. 플러그인 하나에 최대 {1}까지 허용합니다"
          "(DEEPSTEP_PLUGIN_PROBE_TIMEOUT)."}},
        {"plugins.trialsOff", {"Trial loads were not run: {0}", "시험 로드를 하지 않았습니다: {0}"}},
        {"plugins.checkFailed",
         {"{0} of {1} plugins were refused: {2}", "플러그인 {1}개 중 {0}개가 거부되었습니다: {2}"}},
        {"plugins.searchPath", {"Plugin search path:", "플러그인 검색 경로:"}},
        {"plugins.count", {"Plugins: {0} loaded, {1} refused", "플러그인: {0}개 불러옴, {1}개 거부됨"}},
        {"plugins.none",
         {"No plugins found. Put plugin libraries next to deepstep, in its plugins/ folder, or in a folder "
          "listed in DEEPSTEP_PLUGIN_PATH.",
          "플러그인이 없습니다. 플러그인 라이브러리를 deepstep 옆이나 그 plugins/ 폴더, 또는 "
          "DEEPSTEP_PLUGIN_PATH에 적은 폴더에 두세요."}},
        {"plugins.loaded", {"loaded", "불러옴"}},
        {"plugins.refused", {"refused", "거부됨"}},
        {"plugins.file", {"file:", "파일:"}},
        {"plugins.reason", {"reason:", "이유:"}},
        {"plugins.depends", {"depends on:", "의존:"}},
        {"plugins.nothing", {"(registers nothing)", "(등록한 구성 요소 없음)"}},
        {"plugins.builtin", {"Built into the core", "코어에 내장"}},

        // ---- describe ----
        {"cmd.describe.summary",
         {"show a component's options, or an experiment's model", "구성 요소의 옵션이나 실험의 모델을 보여 줍니다"}},
        {"cmd.describe.description",
         {"Shows what a layer, activation, loss, optimizer or dataset does and its options: name, type, "
          "default, allowed values and help. Given an experiment file (EXP.json), shows its model layer by layer: "
          "each layer's type, output shape per example, parameter tensors and counts, frozen layers, the layers "
          "inside composite ones, and the totals.",
          "레이어, 활성화 함수, 손실 함수, 옵티마이저, 데이터셋이 하는 일과 옵션(이름, 형식, 기본값, "
          "허용 값, 설명)을 보여 줍니다. 실험 파일(EXP.json)을 주면 모델을 층마다 보여 줍니다. 층의 형식, "
          "예제 하나의 출력 모양, 파라미터 텐서와 개수, 고정된 층, 복합 층 안의 층, 합계를 보여 줍니다."}},
        {"opt.kind",
         {"the component's kind: layer, activation, loss, optimizer or dataset",
          "구성 요소의 종류: layer, activation, loss, optimizer, dataset"}},
        {"describe.unknown", {"no component is called '{0}'", "'{0}'(이)라는 구성 요소가 없습니다"}},
        {"describe.unknownOfKind",
         {"no {1} is called '{0}'; known: {2}", "'{0}'(이)라는 {1}이(가) 없습니다. 사용 가능: {2}"}},
        {"describe.didYouMean", {"did you mean {0}?", "혹시 {0}인가요?"}},
        {"describe.known", {"known components: {0}", "사용 가능한 구성 요소: {0}"}},
        {"describe.ambiguous",
         {"'{0}' names more than one component ({1}); choose one with --kind",
          "'{0}'(이)라는 구성 요소가 여럿입니다({1}). --kind로 하나를 고르세요"}},
        {"describe.title", {"{0} ({1}, plugin {2})", "{0} ({1}, 플러그인 {2})"}},
        {"describe.noOptions", {"No options.", "옵션이 없습니다."}},
        {"describe.errorDrivenOptimizer",
         {"Written for networks of error-driven layers (such as perceptrons): experiments pair it with no "
          "network trained by gradients.",
          "오차 기반 층(퍼셉트론 등)으로 된 신경망용입니다. 기울기로 학습하는 신경망과는 함께 쓸 수 "
          "없습니다."}},
        {"describe.errorDrivenLayer",
         {"An error-driven layer: its backward pass hands its parameters the rule's error signal, not a gradient.",
          "오차 기반 층입니다. 역전파 때 매개변수에 기울기가 아니라 학습 규칙의 오차 신호를 넘깁니다."}},
        {"describe.required", {"required", "필수"}},
        {"describe.model.title", {"{0} ({1})", "{0} ({1})"}},
        {"describe.model.input", {"Input: {0} per example", "입력: 예제 하나에 {0}"}},
        {"describe.model.frozen", {"frozen", "고정됨"}},
        {"describe.model.statistics", {"statistics, not trained", "통계값, 학습 안 함"}},
        {"describe.model.totals",
         {"Parameters: {0} trainable, {1} frozen, {2} in all",
          "파라미터: 학습 {0}개, 고정 {1}개, 모두 {2}개"}},
        {"describe.model.statisticsTotal",
         {"Besides: {0} saved statistics (running means and variances), not trained",
          "그 밖에: 저장만 하고 학습하지 않는 통계값(이동 평균과 분산) {0}개"}},
        {"describe.model.noKind",
         {"--kind is for component names; an experiment file is described layer by layer",
          "--kind는 구성 요소 이름에만 씁니다. 실험 파일은 층마다 설명합니다"}},
        {"col.layer", {"layer", "층"}},
        {"col.outputShape", {"output", "출력"}},
        {"col.shape", {"shape", "모양"}},
        {"col.parameters", {"parameters", "파라미터"}},
        {"col.name", {"name", "이름"}},
        {"col.type", {"type", "형식"}},
        {"col.default", {"default", "기본값"}},
        {"col.range", {"allowed", "허용 값"}},
        {"col.help", {"description", "설명"}},
        {"type.integer", {"integer", "정수"}},
        {"type.number", {"number", "실수"}},
        {"type.boolean", {"boolean", "참/거짓"}},
        {"type.string", {"text", "문자열"}},
        {"type.choice", {"choice", "선택"}},
        {"type.numberlist", {"numbers", "숫자 목록"}},
        {"type.activation", {"activation", "활성화 함수"}},
        {"type.layers", {"layer list", "레이어 목록"}},

        // ---- train ----
        {"cmd.train.summary", {"train an experiment", "실험을 학습시킵니다"}},
        {"cmd.train.description",
         {"Builds the experiment, trains it with a progress bar on stderr and writes DIR/model.json and "
          "DIR/metrics.csv (one row per epoch). Exit code 1 when training diverges.",
          "실험을 구성해 학습시키면서 표준 오류에 진행 막대를 그리고, DIR/model.json과 "
          "DIR/metrics.csv(에포크마다 한 줄)를 씁니다. 학습이 발산하면 종료 코드는 1입니다."}},
        {"opt.out.dir",
         {"output folder (default: runs/<experiment file name>)", "출력 폴더 (기본값: runs/<실험 파일 이름>)"}},
        {"opt.epochs",
         {"train this many epochs instead of the experiment's", "실험에 적힌 대신 이 에포크 수만큼 학습"}},
        {"opt.quiet", {"no progress bar", "진행 막대를 그리지 않음"}},
        {"train.header", {"Training \"{0}\" ({1})", "\"{0}\" 학습 ({1})"}},
        {"train.setup",
         {"layers: {0}, trainable parameters: {1}, examples: {2}, batch size: {3}, epochs: up to {4}",
          "레이어 {0}개, 학습 파라미터 {1}개, 예제 {2}개, 배치 크기 {3}, 최대 {4} 에포크"}},
        {"train.validationSplit", {"{0} of the data held out for validation", "데이터의 {0}를 검증용으로 떼어 둠"}},
        {"train.wholeSet", {"all", "전체"}},
        {"train.result",
         {"Stopped after {0} epochs ({1} iterations, {2}): {3}", "{0} 에포크({1} 반복, {2}) 후 멈춤: {3}"}},
        {"train.trainLine", {"  training:   loss {0}, accuracy {1}", "  학습:  손실 {0}, 정확도 {1}"}},
        {"train.validationLine", {"  validation: loss {0}, accuracy {1}", "  검증:  손실 {0}, 정확도 {1}"}},
        {"train.testLine",
         {"  test:       loss {0}, accuracy {1} ({2} examples not trained on)",
          "  테스트:  손실 {0}, 정확도 {1} (학습에 쓰지 않은 예제 {2}개)"}},
        {"train.peakMemory", {"  peak memory: {0}", "  최대 메모리 사용량: {0}"}},
        {"train.saved", {"Wrote {0}", "{0} 저장함"}},
        {"train.modelNotSaved",
         {"The model was not saved: training diverged, so its weights are no longer usable.",
          "모델은 저장하지 않았습니다. 학습이 발산해서 가중치를 더 이상 쓸 수 없습니다."}},
        {"train.learningRateHint",
         {"the learning rate was {0}; a smaller learning rate (for example {1}) keeps the updates from "
          "overshooting.",
          "학습률이 {0}이었습니다. 더 작은 학습률(예: {1})을 쓰면 갱신이 지나치게 튀지 않습니다."}},
        {"train.interrupted", {"interrupted", "중단됨"}},
        {"reason.completed", {"all epochs done", "모든 에포크 완료"}},
        {"reason.targetReached", {"target accuracy reached", "목표 정확도 도달"}},
        {"reason.targetMissed", {"target accuracy not reached", "목표 정확도 미달"}},
        {"reason.cancelled", {"cancelled", "취소됨"}},
        {"reason.diverged", {"diverged", "발산"}},
        {"reason.iterationLimit", {"iteration limit reached", "반복 한도 도달"}},
        {"progress.epoch", {"epoch", "에포크"}},
        {"progress.loss", {"loss", "손실"}},
        {"progress.accuracy", {"acc", "정확도"}},
        {"progress.validation", {"val", "검증"}},
        {"progress.rate", {"{0} samples/s", "초당 {0}개"}},
        {"progress.eta", {"ETA {0}", "남은 시간 {0}"}},

        // ---- eval ----
        {"cmd.eval.summary", {"evaluate a saved model", "저장된 모델을 평가합니다"}},
        {"cmd.eval.description",
         {"Evaluates a saved model on all examples of an experiment's dataset (with its loss) or of a "
          "registered dataset: loss, accuracy, confusion matrix and per-class precision, recall and F1.",
          "저장된 모델을 실험의 데이터셋 전체(실험의 손실 함수 포함)나 등록된 데이터셋으로 평가합니다: "
          "손실, 정확도, 혼동 행렬, 클래스별 정밀도·재현율·F1."}},
        {"opt.experiment", {"take the data and the loss from this experiment", "이 실험의 데이터와 손실 함수를 사용"}},
        {"opt.dataset", {"evaluate on this registered dataset", "등록된 이 데이터셋으로 평가"}},
        {"opt.option", {"an option of the dataset (repeatable)", "데이터셋 옵션 (여러 번 줄 수 있음)"}},
        {"eval.needSource",
         {"give the data with --experiment EXP.json or --dataset NAME",
          "--experiment EXP.json 또는 --dataset NAME으로 데이터를 지정하세요"}},
        {"eval.bothSources",
         {"give either --experiment or --dataset, not both", "--experiment와 --dataset 중 하나만 지정하세요"}},
        {"eval.optionNeedsDataset",
         {"--option applies only with --dataset", "--option은 --dataset과 함께만 쓸 수 있습니다"}},
        {"eval.badOption",
         {"--option: expected NAME=VALUE, got '{0}'", "--option: NAME=VALUE 형식이 필요한데 '{0}'이(가) 주어졌습니다"}},
        {"eval.inputMismatch",
         {"the model takes inputs of shape {0}, but the data has inputs of shape {1}",
          "모델의 입력 형태는 {0}인데 데이터의 입력 형태는 {1}입니다"}},
        {"eval.targetMismatch",
         {"the model gives outputs of shape {0}, but the data has targets of shape {1}",
          "모델의 출력 형태는 {0}인데 데이터의 목표값 형태는 {1}입니다"}},
        {"eval.emptyData", {"the dataset has no examples", "데이터셋에 예제가 없습니다"}},
        {"eval.header", {"Model {0} on {1}: {2} examples", "모델 {0}, 데이터 {1}: 예제 {2}개"}},
        {"eval.loss", {"loss ({0}): {1}", "손실 ({0}): {1}"}},
        {"eval.accuracy", {"accuracy: {0} ({1} of {2} correct)", "정확도: {0} ({2}개 중 {1}개 정답)"}},
        {"eval.confusion",
         {"Confusion matrix (rows: true class, columns: predicted class):",
          "혼동 행렬 (행: 실제 클래스, 열: 예측 클래스):"}},
        {"eval.perClass", {"Per class:", "클래스별:"}},
        {"eval.regression",
         {"The targets are not classes, so there is no confusion matrix.",
          "목표값이 클래스가 아니므로 혼동 행렬은 없습니다."}},
        {"eval.mse", {"mean squared error: {0}", "평균 제곱 오차: {0}"}},
        {"eval.mae", {"mean absolute error: {0}", "평균 절대 오차: {0}"}},
        {"col.class", {"class", "클래스"}},
        {"col.precision", {"precision", "정밀도"}},
        {"col.recall", {"recall", "재현율"}},
        {"col.f1", {"F1", "F1"}},
        {"col.support", {"examples", "예제 수"}},
        {"eval.macro", {"macro average", "매크로 평균"}},
        {"eval.trueLabel", {"true \\ predicted", "실제 \\ 예측"}},

        // ---- demo ----
        {"cmd.demo.summary",
         {"walk through one training step, then train", "학습 한 단계를 자세히 따라간 뒤 학습합니다"}},
        {"cmd.demo.description",
         {"Shows the first training step of an experiment in full: each layer's input, z and output, the loss, "
          "each layer's dE/d(output) and delta, and every weight's gradient and update. Then trains with a "
          "progress bar and compares the network's answers with the targets.",
          "실험의 첫 학습 단계를 모두 보여 줍니다: 각 레이어의 입력, z, 출력, 손실, 각 레이어의 dE/d(출력)과 "
          "델타, 모든 가중치의 기울기와 갱신량. 그다음 진행 막대와 함께 학습하고 신경망의 답을 정답과 비교합니다."}},
        {"demo.title", {"DeepStep walk-through: {0}", "DeepStep 따라가기: {0}"}},
        {"demo.inputShape", {"input {0}", "입력 {0}"}},
        {"demo.network", {"network: {0} ({1} parameters)", "신경망: {0} (매개변수 {1}개)"}},
        {"demo.setup",
         {"loss {0}, optimizer {1} (learning rate {2}), {3} examples, batch {4}",
          "손실 {0}, 옵티마이저 {1} (학습률 {2}), 예제 {3}개, 배치 {4}"}},
        {"demo.forward",
         {"Iteration {0}: forward pass over a batch of {1} examples", "반복 {0}: 예제 {1}개 배치의 순전파"}},
        {"demo.layer", {"Layer \"{0}\" ({1})", "레이어 \"{0}\" ({1})"}},
        {"demo.example", {"example", "예제"}},
        {"demo.input", {"input", "입력"}},
        {"demo.z", {"z = xW + b", "z = xW + b"}},
        {"demo.activationOutput", {"output = {0}(z)", "출력 = {0}(z)"}},
        {"demo.output", {"output", "출력"}},
        {"lesson.internals", {"Inside layer {0}:", "{0} 레이어의 내부 값:"}},
        {"lesson.noInternals", {"(this layer keeps no internal values)", "(이 레이어는 내부 값을 따로 두지 않습니다)"}},
        {"lesson.internal", {"internal", "내부 값"}},
        {"lesson.internalGrad", {"dE/d(internal)", "dE/d(내부 값)"}},
        {"demo.target", {"target", "정답"}},
        {"demo.loss", {"Loss E = {0} (mean over the batch)", "손실 E = {0} (배치 평균)"}},
        {"demo.backward",
         {"Backward pass: from the loss back to the input, layer by layer",
          "역전파: 손실에서 입력 쪽으로 레이어마다 거슬러 올라갑니다"}},
        {"demo.fused",
         {"The loss and the last activation are differentiated together: delta = output - target (divided by the batch "
          "size).",
          "손실과 마지막 활성화 함수를 함께 미분합니다: 델타 = 출력 - 정답 (배치 크기로 나눔)."}},
        {"demo.gradOutput", {"dE/d(output)", "dE/d(출력)"}},
        {"demo.gradOutputNote",
         {"The last layer's dE/d(output) is the loss's derivative for each example, already divided by the batch "
          "size {0} (the loss is the mean over the batch): for a squared error with ½, (output - target)/{0}.",
          "마지막 레이어의 dE/d(출력)은 예제마다 구한 손실의 미분을 배치 크기 {0}로 이미 나눈 값입니다(손실이 "
          "배치 평균이기 때문입니다). ½이 붙은 제곱 오차라면 (출력 - 정답)/{0}입니다."}},
        {"demo.delta", {"delta = dE/dz", "델타 = dE/dz"}},
        {"demo.gradInput", {"dE/d(input)", "dE/d(입력)"}},
        {"demo.update",
         {"Update: every weight moves against its gradient (learning rate {0})",
          "갱신: 모든 가중치가 기울기의 반대 방향으로 움직입니다 (학습률 {0})"}},
        {"demo.parameter", {"parameter", "매개변수"}},
        {"demo.value", {"value", "값"}},
        {"demo.gradient", {"dE/dw", "dE/dw"}},
        {"demo.change", {"change", "변화량"}},
        {"demo.newValue", {"new value", "새 값"}},
        {"demo.moreParameters", {"… and {0} more values", "… 그 밖에 값 {0}개"}},
        {"demo.moreExamples", {"… and {0} more examples", "… 그 밖에 예제 {0}개"}},
        {"demo.training", {"Training for {0} epochs", "{0} 에포크 동안 학습"}},
        {"demo.answers", {"What the trained network answers", "학습한 신경망의 답"}},
        {"demo.summary", {"Loss {0}, accuracy {1}", "손실 {0}, 정확도 {1}"}},

        // ---- trace ----
        {"cmd.trace.summary",
         {"record every value of the first training steps", "처음 몇 학습 단계의 모든 값을 기록합니다"}},
        {"cmd.trace.description",
         {"Trains N iterations with a trace attached and writes every layer's values, every gradient and "
          "every update to a JSON file (format deepstep.trace).",
          "추적을 켜고 N번 반복 학습한 뒤, 각 레이어의 값과 모든 기울기, 모든 갱신을 JSON 파일"
          "(deepstep.trace 형식)로 씁니다."}},
        {"opt.steps", {"number of iterations to record (default: 1)", "기록할 반복 횟수 (기본값: 1)"}},
        {"opt.out.file",
         {"where to write the trace (default: runs/<experiment file name>/trace.json)",
          "추적을 쓸 파일 (기본값: runs/<실험 파일 이름>/trace.json)"}},
        {"trace.step", {"  step {0} (epoch {1}): loss {2}", "  단계 {0} (에포크 {1}): 손실 {2}"}},
        {"trace.more", {"  ... {0} more", "  ... 외 {0}개"}},
        {"trace.summary",
         {"Recorded {0} step(s), each with {1} layer(s) and {2} parameter tensor(s)",
          "{0}단계 기록함 (단계마다 레이어 {1}개, 파라미터 텐서 {2}개)"}},
        {"trace.short",
         {"Training stopped after {0} of {1} steps: {2}", "{1}단계 중 {0}단계 후 학습이 멈췄습니다: {2}"}},

        // ---- gradcheck ----
        {"cmd.gradcheck.summary", {"compare gradients with finite differences", "기울기를 유한 차분과 비교합니다"}},
        {"cmd.gradcheck.description",
         {"Compares every gradient backward() computes with central finite differences "
          "(f(x + e) - f(x - e)) / 2e on the experiment's first batch. Exit code 1 when it fails.",
          "backward()가 계산한 모든 기울기를 실험의 첫 배치에서 중앙 유한 차분 "
          "(f(x + e) - f(x - e)) / 2e와 비교합니다. 실패하면 종료 코드는 1입니다."}},
        {"opt.tolerance",
         {"largest relative error that passes (default: 0.01)", "통과로 보는 최대 상대 오차 (기본값: 0.01)"}},
        {"opt.epsilon", {"finite-difference step e (default: 0.01)", "유한 차분 간격 e (기본값: 0.01)"}},
        {"grad.header",
         {"Gradient check on the first batch ({0} examples), e = {1}, tolerance {2}",
          "첫 배치(예제 {0}개)에서 기울기 검사, e = {1}, 허용 오차 {2}"}},
        {"col.tensor", {"tensor", "텐서"}},
        {"col.checked", {"checked", "검사 수"}},
        {"col.relative", {"max rel. error", "최대 상대 오차"}},
        {"col.absolute", {"max abs. error", "최대 절대 오차"}},
        {"col.result", {"result", "결과"}},

        // ---- conv ----
        {"cmd.conv.summary",
         {"convolution calculator: output size, receptive field, parameters",
          "합성곱 계산기: 출력 크기, 수용 영역, 파라미터 수"}},
        {"cmd.conv.description",
         {"Works out what a convolution does to an input of H × W pixels and C channels (default 1): the "
          "output size along each axis with the formula out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1 written out "
          "with the numbers, the receptive field of one output and the parameter count. Sizes are one number "
          "for both axes or HxW (e.g. 3x5). --depthwise-separable also counts the depthwise + 1×1 block against "
          "the plain convolution; --pool treats the window as pooling (channels kept, no parameters); --gap is "
          "global average pooling (the kernel covers the whole input). Exit code 2 for bad arguments.",
          "H × W 픽셀, C 채널(기본값 1)인 입력에 합성곱이 하는 일을 계산합니다. 축마다 출력 크기를 "
          "공식 출력 = ⌊(입력 + 2p − d(k − 1) − 1) / s⌋ + 1에 숫자를 넣어 보여 주고, 출력 하나의 수용 영역과 "
          "파라미터 수를 보여 줍니다. 크기는 두 축에 같은 수 하나 또는 HxW(예: 3x5)입니다. "
          "--depthwise-separable은 깊이별 + 1×1 블록의 파라미터 수를 일반 합성곱과 비교하고, --pool은 창을 "
          "풀링으로 봅니다(채널 유지, 파라미터 없음). --gap은 전역 평균 풀링입니다(커널이 입력 전체). "
          "인수가 잘못되면 종료 코드는 2입니다."}},
        {"opt.conv.kernel", {"kernel size k: K or KHxKW (required unless --gap)", "커널 크기 k: K 또는 KHxKW (--gap이 아니면 필수)"}},
        {"opt.conv.stride", {"stride s: S or SHxSW (default: 1)", "보폭 s: S 또는 SHxSW (기본값: 1)"}},
        {"opt.conv.padding",
         {"zero padding p on each side: P, PHxPW or same (default: 0)",
          "양쪽에 덧대는 0의 개수 p: P, PHxPW 또는 same (기본값: 0)"}},
        {"opt.conv.dilation", {"dilation d: D or DHxDW (default: 1)", "팽창 d: D 또는 DHxDW (기본값: 1)"}},
        {"opt.conv.groups", {"groups (default: 1; C gives a depthwise convolution)", "그룹 수 (기본값: 1, C이면 깊이별 합성곱)"}},
        {"opt.conv.filters", {"number of filters = output channels (default: C)", "필터 수 = 출력 채널 수 (기본값: C)"}},
        {"opt.conv.separable",
         {"also count a depthwise-separable block (depthwise k×k, then 1×1 to F filters)",
          "깊이별 분리 블록(깊이별 k×k 다음 F개 필터의 1×1)의 파라미터 수도 셉니다"}},
        {"opt.conv.pool", {"a pooling window: channels kept, no parameters", "풀링 창: 채널 유지, 파라미터 없음"}},
        {"opt.conv.gap", {"global average pooling: the kernel is the whole input", "전역 평균 풀링: 커널이 입력 전체"}},
        {"conv.err.size",
         {"{0}: expected a whole number from 1 to {1}, got '{2}'",
          "{0}: 1부터 {1}까지의 정수가 필요한데 '{2}'이(가) 주어졌습니다"}},
        {"conv.err.pair",
         {"{0}: expected a whole number from {1} to {2} or two as HxW (e.g. 3x5), got '{3}'",
          "{0}: {1}부터 {2}까지의 정수 하나 또는 HxW 꼴의 두 개(예: 3x5)가 필요한데 '{3}'이(가) 주어졌습니다"}},
        {"conv.err.noKernel", {"--kernel: required (the kernel size k)", "--kernel: 커널 크기 k가 필요합니다"}},
        {"conv.err.modes",
         {"--depthwise-separable, --pool and --gap: expected at most one of them",
          "--depthwise-separable, --pool, --gap 중 하나만 쓸 수 있습니다"}},
        {"conv.err.gapWindow",
         {"{0}: not with --gap (global average pooling's window is the whole input)",
          "{0}: --gap과 함께 쓸 수 없습니다 (전역 평균 풀링의 창은 입력 전체입니다)"}},
        {"conv.err.poolChannels",
         {"{0}: not with --pool (pooling keeps the channels)", "{0}: --pool과 함께 쓸 수 없습니다 (풀링은 채널을 유지합니다)"}},
        {"conv.err.separableGroups",
         {"--groups: not with --depthwise-separable (its depthwise step has groups = C, its 1×1 step groups = 1)",
          "--groups: --depthwise-separable과 함께 쓸 수 없습니다 (깊이별 단계는 그룹 = C, 1×1 단계는 그룹 = 1)"}},
        {"conv.err.groupsChannels",
         {"--groups: expected a divisor of the {1} input channels, got {0}",
          "--groups: 입력 채널 수 {1}의 약수가 필요한데 {0}이(가) 주어졌습니다"}},
        {"conv.err.groupsFilters",
         {"--groups: expected a divisor of the {1} filters, got {0}",
          "--groups: 필터 수 {1}의 약수가 필요한데 {0}이(가) 주어졌습니다"}},
        {"conv.err.noFit",
         {"--kernel: expected a window that fits the padded input's {0}, but the output {0} would be {1}",
          "--kernel: 덧댄 입력의 {0}에 들어가는 창이 필요한데, 출력 {0}이(가) {1}이 됩니다"}},
        {"conv.height", {"height", "높이"}},
        {"conv.width", {"width", "너비"}},
        {"conv.title.conv", {"Convolution {0} → {1} (H × W × C)", "합성곱 {0} → {1} (H × W × C)"}},
        {"conv.title.pool", {"Pooling {0} → {1} (H × W × C)", "풀링 {0} → {1} (H × W × C)"}},
        {"conv.title.gap", {"Global average pooling {0} → {1} (H × W × C)", "전역 평균 풀링 {0} → {1} (H × W × C)"}},
        {"conv.window",
         {"kernel {0}, stride {1}, padding {2}, dilation {3}", "커널 {0}, 보폭 {1}, 패딩 {2}, 팽창 {3}"}},
        {"conv.groupsFilters", {"groups {0}, filters {1}", "그룹 {0}, 필터 {1}"}},
        {"conv.formula", {"Output size per axis: {0}", "축마다 출력 크기: {0}"}},
        {"conv.receptive",
         {"Receptive field of one output: {0} inputs (height d(k − 1) + 1 = {1}); neighbouring outputs {2} apart",
          "출력 하나의 수용 영역: 입력 {0} (높이 d(k − 1) + 1 = {1}), 이웃한 출력 사이 간격 {2}"}},
        {"conv.noParameters", {"Parameters: none", "파라미터: 없음"}},
        {"conv.gapValues",
         {"One average per channel: {0} values feed the next layer", "채널마다 평균 하나: 다음 레이어로 값 {0}개가 갑니다"}},
        {"conv.parameters",
         {"Parameters: weights filters · C/groups · kh · kw = {0}, biases {1}, total {2}",
          "파라미터: 가중치 필터 · C/그룹 · kh · kw = {0}, 편향 {1}, 합계 {2}"}},
        {"conv.separable",
         {"Depthwise-separable block (depthwise k×k per channel, then 1×1):",
          "깊이별 분리 블록(채널마다 깊이별 k×k, 다음 1×1):"}},
        {"conv.depthwise", {"depthwise: C · kh · kw + C = {0}", "깊이별: C · kh · kw + C = {0}"}},
        {"conv.pointwise", {"pointwise 1×1: filters · C + filters = {0}", "점별 1×1: 필터 · C + 필터 = {0}"}},
        {"conv.separableTotal",
         {"total {0} against {1} for the plain convolution ({2}× fewer)",
          "합계 {0}, 일반 합성곱은 {1} ({2}배 적음)"}},

        // ---- race ----
        {"cmd.race.summary",
         {"race every optimizer on a 2-D loss surface", "모든 옵티마이저를 2차원 손실 곡면에서 경주시킵니다"}},
        {"cmd.race.description",
         {"Starts every registered optimizer, plugins' included, from the same point of a loss surface "
          "of two variables and runs it with the surface's exact gradient (error-driven rules such as "
          "Rosenblatt's, made for perceptrons, are left out). Prints where each one ended, "
          "sorted by final loss, and draws the trajectories on a map of the surface. Without SURFACE, "
          "lists the surfaces.",
          "플러그인의 것을 포함해 등록된 모든 옵티마이저를 2변수 손실 곡면의 같은 점에서 출발시켜 "
          "곡면의 정확한 기울기로 실행합니다(퍼셉트론을 위한 로젠블랫 규칙처럼 오차로 움직이는 규칙은 빠집니다). 각 옵티마이저가 도착한 곳을 최종 손실 순으로 보여 주고, "
          "곡면 지도 위에 궤적을 그립니다. SURFACE 없이 실행하면 곡면 목록을 보여 줍니다."}},
        {"opt.raceSteps", {"steps per optimizer (default: 200)", "옵티마이저마다 실행할 단계 수 (기본값: 200)"}},
        {"opt.raceStepsRange",
         {"steps per optimizer, 1 to 1000000 (default: 200)",
          "옵티마이저마다 실행할 단계 수, 1부터 1000000까지 (기본값: 200)"}},
        {"opt.raceRate",
         {"learning rate for every optimizer that has one (default: the surface's)",
          "학습률이 있는 모든 옵티마이저에 쓸 학습률 (기본값: 곡면의 권장값)"}},
        {"opt.raceOut", {"write every trajectory to this JSON file", "모든 궤적을 이 JSON 파일에 기록합니다"}},
        {"race.surfaces", {"Loss surfaces:", "손실 곡면:"}},
        {"race.usage",
         {"Run one with: deepstep race SURFACE [--steps N] [--learning-rate LR]",
          "실행 방법: deepstep race SURFACE [--steps N] [--learning-rate LR]"}},
        {"race.unknown", {"expected one of {1}, got \"{0}\"", "{1} 중 하나여야 하는데 \"{0}\"입니다"}},
        {"race.header",
         {"{0}: every optimizer from {1}, learning rate {2}, {3} steps",
          "{0}: 모든 옵티마이저가 {1}에서 출발, 학습률 {2}, {3}단계"}},
        {"race.diverged", {"diverged after {0} steps", "{0}단계 후 발산"}},
        {"race.legend", {"o start   * minimum", "o 출발점   * 최솟점"}},
        {"race.legendSaddle", {"o start (the saddle has no minimum)", "o 출발점 (안장점 곡면에는 최솟값이 없습니다)"}},
        {"race.written", {"Trajectories written to {0}", "궤적을 {0}에 기록했습니다"}},
        {"col.start", {"start", "출발점"}},
        {"col.minimum", {"minimum", "최솟점"}},
        {"col.rate", {"rate", "학습률"}},
        {"col.description", {"description", "설명"}},
        {"col.optimizer", {"optimizer", "옵티마이저"}},
        {"col.finalX", {"final x", "최종 x"}},
        {"col.finalY", {"final y", "최종 y"}},
        {"col.finalLoss", {"final loss", "최종 손실"}},
        {"col.toMinimum", {"to minimum", "최솟점까지 거리"}},
        {"col.travelled", {"from start", "출발점에서 거리"}},
        {"grad.ok", {"ok", "통과"}},
        {"grad.fail", {"FAIL", "실패"}},
        {"grad.passed",
         {"Passed: the worst relative error {0} is within the tolerance {1}.",
          "통과: 가장 큰 상대 오차 {0}이(가) 허용 오차 {1} 이내입니다."}},
        {"grad.failed",
         {"gradient check failed: the worst relative error {0} exceeds the tolerance {1}; the gradients "
          "from backward() do not match the finite differences",
          "기울기 검사 실패: 가장 큰 상대 오차 {0}이(가) 허용 오차 {1}보다 큽니다. backward()의 기울기가 "
          "유한 차분과 맞지 않습니다"}},
        // ---- lesson ----
        {"err.groupCommand",
         {"'{0}' needs one of these commands: {1}", "'{0}' 뒤에는 다음 명령 가운데 하나가 와야 합니다: {1}"}},
        {"cmd.lessonList.summary", {"list the lesson packs and your progress", "레슨 팩과 진행 상황을 나열합니다"}},
        {"cmd.lessonList.description",
         {"Lists every lesson pack on the lesson search path ($DEEPSTEP_LESSON_PATH, the installed packs, "
          "the packs of the source tree), the plugin that ships each, its lessons and how far you got.",
          "레슨 검색 경로($DEEPSTEP_LESSON_PATH, 설치된 팩, 소스 트리의 팩)에 있는 모든 레슨 팩을 "
          "그 팩을 제공하는 플러그인, 레슨 목록, 진행 상황과 함께 보여 줍니다."}},
        {"cmd.lessonCheck.summary", {"check a lesson pack", "레슨 팩을 검사합니다"}},
        {"cmd.lessonCheck.description",
         {"Checks a lesson pack (a folder, or the id of a pack on the search path) and lists every problem "
          "as FILE: JSON.PATH: what was expected. Every lesson is played through: every action runs, every "
          "reference must name a value of its step's experiment, and every outcome checkpoint's example "
          "answer must pass. Exit code 2 when the pack has problems.",
          "레슨 팩(폴더, 또는 검색 경로에 있는 팩의 id)을 검사하고 모든 문제를 '파일: JSON 경로: 기대한 것' "
          "형식으로 나열합니다. 모든 레슨을 끝까지 실행해 보며, 모든 동작이 실행되는지, 모든 참조가 그 단계 "
          "실험의 값을 가리키는지, 결과형 체크포인트의 예시 답이 통과하는지 확인합니다. 문제가 있으면 종료 "
          "코드는 2입니다."}},
        {"cmd.lessonRun.summary", {"play a lesson in the terminal", "터미널에서 레슨을 진행합니다"}},
        {"cmd.lessonRun.description",
         {"Plays a lesson: ID is PACK (every lesson of the pack), PACK/LESSON, a lesson id, or a pack folder "
          "(FOLDER or FOLDER/LESSON). Each step shows its text and the values of the moment, then asks its "
          "questions on stdin; after a wrong answer comes a hint, after the last hint the answer. Your "
          "progress is saved after every step, and the next run resumes there. With --answers FILE the "
          "answers come from the file, every result and the hints after wrong answers are printed, and a "
          "score ends the output.",
          "레슨을 진행합니다. ID는 PACK(팩의 모든 레슨), PACK/LESSON, 레슨 id, 또는 팩 폴더(FOLDER나 "
          "FOLDER/LESSON)입니다. 단계마다 설명과 그 순간의 값을 보여 주고 표준 입력으로 질문합니다. 틀리면 "
          "힌트를, 마지막 힌트 뒤에는 답을 보여 줍니다. 진행 상황은 단계마다 저장되고 다음 실행은 거기서 "
          "이어집니다. --answers FILE을 주면 답을 파일에서 읽어 결과와 틀린 답의 힌트를 출력하고 마지막에 "
          "점수를 보여 줍니다."}},
        {"opt.lesson.pack",
         {"the pack folder to play from (an instructor's own pack)", "레슨을 가져올 팩 폴더 (강사가 만든 팩)"}},
        {"opt.lesson.packExtra",
         {"list this pack folder too (repeatable)", "이 팩 폴더도 함께 나열 (여러 번 줄 수 있음)"}},
        {"opt.lesson.answers",
         {"take the answers from this file and print a score (format deepstep.lesson-answers)",
          "이 파일에서 답을 읽고 점수를 출력 (deepstep.lesson-answers 형식)"}},
        {"opt.lesson.reveal", {"also print the expected answers", "정답도 함께 출력"}},
        {"opt.lesson.restart", {"start over instead of resuming", "이어 하지 않고 처음부터 시작"}},
        {"col.lesson", {"lesson", "레슨"}},
        {"col.title", {"title", "제목"}},
        {"col.steps", {"steps", "단계"}},
        {"col.progress", {"progress", "진행"}},
        {"lesson.searchPath", {"Lesson search path:", "레슨 검색 경로:"}},
        {"lesson.nonePacks",
         {"no lesson packs found", "레슨 팩이 없습니다"}},
        {"lesson.noPack",
         {"no lesson pack is called '{0}' and there is no such folder (packs: {1})",
          "'{0}'(이)라는 레슨 팩도 폴더도 없습니다 (팩: {1})"}},
        {"lesson.noTarget",
         {"no lesson pack or lesson is called '{0}' (packs: {1})",
          "'{0}'(이)라는 레슨 팩이나 레슨이 없습니다 (팩: {1})"}},
        {"lesson.ambiguous",
         {"more than one pack has a lesson '{0}': {1}; name one of them",
          "'{0}' 레슨이 여러 팩에 있습니다: {1}. 이 가운데 하나를 지정하세요"}},
        {"lesson.noLesson",
         {"pack '{1}' has no lesson '{0}' (lessons: {2})", "'{1}' 팩에는 '{0}' 레슨이 없습니다 (레슨: {2})"}},
        {"lesson.broken",
         {"cannot be read ({0} problems); run 'deepstep lesson check {1}'",
          "읽을 수 없습니다 (문제 {0}개). 'deepstep lesson check {1}'을(를) 실행해 보세요"}},
        {"lesson.lecture", {"lecture {0}", "{0}강"}},
        {"lesson.shippedBy", {"shipped with plugin {0}", "플러그인 {0}에 포함"}},
        {"lesson.ownPack", {"a pack of its own (no plugin ships it)", "독립 팩 (이 팩을 제공하는 플러그인 없음)"}},
        {"lesson.folder", {"folder: {0}", "폴더: {0}"}},
        {"lesson.requires", {"uses plugins: {0}", "사용 플러그인: {0}"}},
        {"lesson.completed", {"done", "완료"}},
        {"lesson.atStep", {"at step {0} of {1}", "{1}단계 중 {0}단계"}},
        {"lesson.missingPack",
         {"Plugin {0} ships the lesson pack '{1}', but it is not on the lesson search path.",
          "플러그인 {0}이(가) 레슨 팩 '{1}'을(를) 제공한다고 하지만 레슨 검색 경로에 없습니다."}},
        {"lesson.progressUnreadable",
         {"your progress cannot be read: {0}", "진행 상황을 읽을 수 없습니다: {0}"}},
        {"lesson.problems",
         {"{0} problem(s) in {1}", "{1}에서 문제 {0}개를 찾았습니다"}},
        {"lesson.valid",
         {"{0}: lesson pack '{1}' is valid ({2} lessons, {3} steps, {4} checkpoints)",
          "{0}: 레슨 팩 '{1}'에 문제가 없습니다 (레슨 {2}개, 단계 {3}개, 체크포인트 {4}개)"}},
        {"lesson.header", {"Lesson: {0} ({1})", "레슨: {0} ({1})"}},
        {"lesson.step", {"Step {0} of {1}", "{1}단계 중 {0}단계"}},
        {"lesson.resuming",
         {"Resuming at step {0} of {1} (--restart begins again).", "{1}단계 중 {0}단계부터 이어 합니다 (--restart로 처음부터)."}},
        {"lesson.skipDone",
         {"{0}: done already (play it by name to repeat it, or use --restart)",
          "{0}: 이미 마쳤습니다 (다시 하려면 이름으로 지정하거나 --restart를 쓰세요)"}},
        {"lesson.notShownYet", {"(nothing of this layer is shown yet)", "(이 레이어는 아직 보여 줄 값이 없습니다)"}},
        {"lesson.parameter", {"Parameter {0} {1}", "매개변수 {0} {1}"}},
        {"lesson.lossNotYet",
         {"(the loss is shown once the forward pass reaches the output)",
          "(손실은 순전파가 출력층에 이르면 보여 줍니다)"}},
        {"lesson.eval",
         {"On all {0} examples: loss {1}, accuracy {2}", "전체 예제 {0}개에서: 손실 {1}, 정확도 {2}"}},
        {"lesson.trained", {"Trained {0} epochs ({1}).", "{0} 에포크 학습함 ({1})."}},
        {"lesson.trainedValues", {"Loss {0}, accuracy {1}.", "손실 {0}, 정확도 {1}."}},
        {"lesson.timing.title",
         {"The same network from the same initial weights on each device, epochs: {0}",
          "같은 신경망을 같은 초기 가중치에서 장치마다 학습, 에포크: {0}"}},
        {"lesson.timing.device", {"device", "장치"}},
        {"lesson.timing.seconds", {"seconds", "초"}},
        {"lesson.timing.rate", {"examples/s", "초당 예제"}},
        {"lesson.timing.loss", {"loss after", "학습 후 손실"}},
        {"lesson.timing.noGpu",
         {"No GPU ran: {0}.", "GPU에서는 실행하지 못했습니다: {0}."}},
        {"lesson.timing.ratio", {"Speed-up of the GPU over the CPU: {0}×", "CPU 대비 GPU의 속도 향상: {0}배"}},
        {"lesson.lookAt", {"Look at: {0}", "눈여겨볼 곳: {0}"}},
        {"lesson.layerRef", {"layer \"{0}\"", "\"{0}\" 레이어"}},
        {"lesson.question", {"Question: {0}", "질문: {0}"}},
        {"lesson.outcomeSetup",
         {"(your value sets {0}; the network then trains {1} epochs)",
          "(입력한 값이 {0}에 들어가고, 그다음 신경망을 {1} 에포크 학습시킵니다)"}},
        {"lesson.prompt", {"Your answer (q to stop):", "답 (그만하려면 q):"}},
        {"lesson.typeNumber",
         {"Please type a number, for example 0.25, -0.25, 1/2 or 50%.",
          "숫자를 입력하세요. 예: 0.25, -0.25, 1/2, 50%"}},
        {"lesson.typeInteger", {"Please type a whole number.", "정수를 입력하세요."}},
        {"lesson.typeChoice", {"Please type a number from 1 to {0}.", "1부터 {0} 사이의 번호를 입력하세요."}},
        {"lesson.training", {"Training {0} epochs…", "{0} 에포크 학습하는 중…"}},
        {"lesson.correct", {"Right!", "맞았습니다!"}},
        {"lesson.notQuite", {"Not quite.", "아쉽지만 틀렸습니다."}},
        {"lesson.hint", {"Hint: {0}", "힌트: {0}"}},
        {"lesson.theAnswer", {"The answer: {0}", "정답: {0}"}},
        {"lesson.continue", {"[Enter] next step, q to stop:", "[Enter] 다음 단계, 그만하려면 q:"}},
        {"lesson.done", {"Lesson done: {0}", "레슨 완료: {0}"}},
        {"lesson.saved", {"Your progress is saved in {0}.", "진행 상황을 {0}에 저장했습니다."}},
        {"lesson.right", {"[right] {0}: {1}", "[정답] {0}: {1}"}},
        {"lesson.wrong", {"[wrong] {0}: {1}", "[오답] {0}: {1}"}},
        {"lesson.yourAnswer", {"your answer: {0}", "입력한 답: {0}"}},
        {"lesson.noAnswer", {"no answer given", "답이 없습니다"}},
        {"lesson.expected", {"expected: {0}", "정답: {0}"}},
        {"lesson.score",
         {"Score: {0}/{1} (right on the first try: {2}/{1}; answers given: {3})",
          "점수: {0}/{1} (첫 시도에 맞힌 문제: {2}/{1}, 답한 횟수: {3})"}},

        // ---- dataset list / dataset inspect ----
        {"cmd.datasetList.summary", {"list the datasets the plugins provide", "플러그인이 제공하는 데이터셋을 나열합니다"}},
        {"cmd.datasetList.description",
         {"Lists every registered dataset, grouped by the plugin that provides it, with a one-line "
          "description. 'deepstep dataset inspect NAME' shows what a dataset holds, and whether its "
          "data is there.",
          "등록된 모든 데이터셋을 제공하는 플러그인별로 묶어 한 줄 설명과 함께 나열합니다. 데이터셋에 "
          "무엇이 들어 있는지, 데이터가 준비되어 있는지는 'deepstep dataset inspect NAME'으로 확인하세요."}},
        {"datasetList.count", {"Datasets: {0}", "데이터셋: {0}개"}},
        {"datasetList.none",
         {"No datasets are registered. Dataset plugins (such as toy_datasets) are loaded from the plugin "
          "search path; see 'deepstep plugins'.",
          "등록된 데이터셋이 없습니다. 데이터셋 플러그인(예: toy_datasets)은 플러그인 검색 경로에서 "
          "불러옵니다. 'deepstep plugins'로 확인하세요."}},
        {"datasetList.hint",
         {"Run 'deepstep dataset inspect NAME' to see what a dataset holds, 'deepstep describe NAME' for its "
          "options.",
          "데이터셋의 내용은 'deepstep dataset inspect NAME'으로, 옵션은 'deepstep describe NAME'으로 "
          "확인하세요."}},
        {"cmd.datasetInspect.summary", {"show what a dataset holds", "데이터셋의 내용을 보여 줍니다"}},
        {"cmd.datasetInspect.description",
         {"Shows a registered dataset (built with its default options; change them with --option NAME=VALUE) "
          "or a dataset file (IDX images with their labels file beside them, or CSV): the number of examples, "
          "the input and target shapes, the task, the classes with their counts, the range of the input values "
          "and the first K examples, pictures drawn as text.",
          "등록된 데이터셋(기본 옵션으로 만들며 --option NAME=VALUE로 바꿀 수 있음)이나 데이터셋 "
          "파일(레이블 파일이 옆에 있는 IDX 이미지, 또는 CSV)의 내용을 보여 줍니다: 예제 수, 입력과 "
          "목표값의 형태, 과제 종류, 클래스별 예제 수, 입력값의 범위, 처음 K개 예제(이미지는 문자로 "
          "그림)."}},
        {"opt.samples", {"show this many examples (default 3)", "보여 줄 예제 수 (기본값 3)"}},
        {"inspect.title", {"Dataset {0} (plugin {1})", "데이터셋 {0} (플러그인 {1})"}},
        {"inspect.fileTitle", {"Dataset file {0}", "데이터셋 파일 {0}"}},
        {"inspect.examples", {"examples", "예제 수"}},
        {"inspect.inputShape", {"input shape", "입력 형태"}},
        {"inspect.targetShape", {"target shape", "목표값 형태"}},
        {"inspect.task", {"task", "과제"}},
        {"inspect.classification", {"classification, {0} classes", "분류, 클래스 {0}개"}},
        {"inspect.regression", {"regression (the targets are not classes)", "회귀 (목표값이 클래스가 아님)"}},
        {"inspect.features", {"features", "특성"}},
        {"inspect.more", {"… {0} more", "… 외 {0}개"}},
        {"inspect.inputValues", {"input values", "입력값"}},
        {"inspect.targetValues", {"target values", "목표값"}},
        {"inspect.range",
         {"min {0}, max {1}, mean {2}, standard deviation {3}", "최솟값 {0}, 최댓값 {1}, 평균 {2}, 표준편차 {3}"}},
        {"inspect.classes", {"Classes:", "클래스:"}},
        {"inspect.share", {"share", "비율"}},
        {"inspect.samples", {"The first {0} of {1} examples:", "예제 {1}개 중 처음 {0}개:"}},
        {"inspect.label", {"class", "클래스"}},
        {"inspect.target", {"target", "목표값"}},
        {"inspect.targetColumn", {"target", "목표값"}},
        {"inspect.inputColumn", {"input", "입력"}},
        {"inspect.unknown",
         {"no dataset is called '{0}' and there is no such file (datasets: {1})",
          "'{0}'(이)라는 데이터셋도 파일도 없습니다 (데이터셋: {1})"}},
        {"inspect.optionNeedsName",
         {"--option applies only to a registered dataset, not to a file",
          "--option은 파일이 아닌 등록된 데이터셋에만 쓸 수 있습니다"}},
        {"inspect.noFile", {"no such file", "파일이 없습니다"}},
        {"inspect.folder",
         {"is a folder; give a dataset file (IDX images or CSV)",
          "폴더입니다. 데이터셋 파일(IDX 이미지나 CSV)을 지정하세요"}},

        // ---- generate ----
        {"cmd.generate.summary",
         {"write text with a saved character model", "저장된 문자 모델로 글을 씁니다"}},
        {"cmd.generate.description",
         {"For a model trained on the `text` dataset (any model whose input is T characters, one-hot [T, V] or "
          "ids [T], and whose classes are the characters): starts from the prime text, gives the model the last T "
          "characters, draws the next character from its probabilities raised to the power 1/temperature (below "
          "1: surer, more repetitive; above 1: wilder) and repeats. A prime shorter than T is padded on the left: "
          "with empty steps for one-hot input, with spaces for ids. The same seed writes the same text.",
          "`text` 데이터셋으로 학습한 모델(입력이 문자 T개, 곧 원-핫 [T, V] 또는 id [T]이고 클래스가 문자인 "
          "모델)에 쓰입니다. 시작 글에서 출발해 마지막 문자 T개를 모델에 주고, 모델의 확률을 1/온도 제곱한 "
          "분포에서 다음 문자를 뽑는 일을 되풀이합니다(온도가 1보다 낮으면 더 확실하고 반복적으로, 높으면 더 "
          "제멋대로 씁니다). 시작 글이 T보다 짧으면 앞을 채웁니다. 원-핫 입력은 빈 시점으로, id는 공백으로 "
          "채웁니다. 시드가 같으면 같은 글을 씁니다."}},
        {"opt.prime", {"the text to start from (default \"The \")", "시작 글 (기본값 \"The \")"}},
        {"opt.length", {"characters to generate (default 200)", "생성할 문자 수 (기본값 200)"}},
        {"opt.temperature",
         {"how adventurous the draws are, > 0 (default 1)", "뽑기가 얼마나 과감한지, 0보다 큼 (기본값 1)"}},
        {"opt.generateSeed", {"seed of the draws (default 1)", "뽑기의 시드 (기본값 1)"}},
        {"generate.notCharacterModel",
         {"expected a character model: input [T, V] of one-hot characters or [T] of character ids, V class "
          "names of one character each (as the text dataset gives) and V outputs; this model takes {0} and names "
          "{1} classes",
          "문자 모델이어야 합니다: 입력이 원-핫 문자 [T, V] 또는 문자 id [T]이고, 클래스 이름 V개가 각각 문자 "
          "하나이며(text 데이터셋처럼), 출력이 V개여야 합니다. 이 모델의 입력은 {0}, 클래스 이름은 {1}개입니다"}},
        {"generate.emptyPrime", {"--prime: expected at least one character", "--prime: 문자가 하나 이상 있어야 합니다"}},
        {"generate.unknownCharacter",
         {"--prime: character {0} (position {1}) is not among the model's {2} characters: {3}",
          "--prime: {1}번째 문자 {0}는 모델이 아는 문자 {2}개에 없습니다: {3}"}},
        {"generate.notFinite",
         {"{0}: the model's outputs are not finite numbers; was it trained to the end?",
          "{0}: 모델의 출력이 유한한 수가 아닙니다. 학습이 제대로 끝났습니까?"}},

        // ---- forecast ----
        {"cmd.forecast.summary",
         {"forecast a series with a saved model, feeding it its own forecasts",
          "저장된 모델로 시계열을 예측하며, 모델의 예측을 다시 모델에 넣습니다"}},
        {"cmd.forecast.description",
         {"For a model that reads T values of one series (input [T, 1] or [T]) and gives the next one (output "
          "[1]), such as experiments/airline_lstm.json's: starts from the first window of the experiment's test "
          "data (its dataset when it has none), forecasts the next value, appends it to the window and goes on, "
          "so that the model reads its own forecasts. Each row also shows the model's one-step-ahead forecast "
          "from the real window of that step and the real value, while the data has them; the last line gives "
          "the mean squared errors of both, each against the naive forecast that repeats the last real value.",
          "한 시계열의 값 T개를 읽고(입력 [T, 1] 또는 [T]) 다음 값을 내는(출력 [1]) 모델에 쓰입니다. 예를 들어 "
          "experiments/airline_lstm.json의 모델입니다. 실험의 테스트 데이터(없으면 데이터셋)의 첫 구간에서 "
          "출발해 다음 값을 예측하고, 그 값을 구간 끝에 붙여 계속하므로 모델은 자기 예측을 다시 읽게 됩니다. "
          "각 행에는 그 시점의 실제 구간으로 한 단계만 예측한 값과, 데이터에 있는 동안 실제 값도 함께 "
          "나옵니다. 마지막 줄은 두 예측의 평균 제곱 오차를, 마지막 실제 값을 되풀이하는 단순 예측과 "
          "견주어 보여 줍니다."}},
        {"opt.forecastSteps",
         {"how many steps to forecast (default: as many as the data has windows, at most 10000)",
          "예측할 단계 수 (기본값: 데이터의 구간 수, 최대 10000)"}},
        {"forecast.notSeriesModel",
         {"expected a model of one series: input [T, 1] or [T] and one output; this model takes {0} and gives {1}",
          "시계열 하나의 모델이어야 합니다: 입력 [T, 1] 또는 [T], 출력 하나. 이 모델의 입력은 {0}, 출력은 "
          "{1}입니다"}},
        {"forecast.dataMismatch",
         {"expected windows of the model's input {0} with one target each, got inputs {1} and targets {2}",
          "모델의 입력 {0}과 같은 구간에 목표가 하나씩 있어야 하는데, 입력은 {1}, 목표는 {2}입니다"}},
        {"forecast.header",
         {"{0}, from the first window of {1} (T = {2}):", "{0}, {1}의 첫 구간에서 출발 (T = {2}):"}},
        {"forecast.step", {"step", "단계"}},
        {"forecast.own", {"forecast", "예측"}},
        {"forecast.oneStep", {"one step ahead", "한 단계 예측"}},
        {"forecast.actual", {"actual", "실제"}},
        {"forecast.errors",
         {"Mean squared error over {0} steps: forecast {1} (repeating the last known value: {2}); one step ahead "
          "{3} (repeating each window's last value: {4})",
          "{0}단계의 평균 제곱 오차: 예측 {1} (마지막으로 알던 값을 되풀이하면 {2}), 한 단계 예측 {3} (각 "
          "구간의 마지막 값을 되풀이하면 {4})"}},

        // ---- lab ----
        {"cmd.labBuild.summary", {"check a lab and write the file to hand out", "실습을 검사하고 나눠 줄 파일을 씁니다"}},
        {"cmd.labBuild.description",
         {"Reads the lab in FOLDER (lab.json beside a lesson pack, or naming one with \"pack\"), checks the manifest "
          "against the pack, checks the pack as `lesson check` does, then plays every lesson of the lab for --seeds "
          "sample students (default 8) with the engine's own answers, so that every student's variant is known to be "
          "passable. Writes one file with the pack, the manifest and the key that signs the students' results; "
          "experiments the pack takes from DeepStep's experiments folder are copied in.",
          "FOLDER의 실습(레슨 팩 옆의 lab.json, 또는 \"pack\"으로 팩을 가리키는 lab.json)을 읽고, 매니페스트를 팩과 "
          "맞춰 보고, 팩을 `lesson check`처럼 검사한 뒤, 표본 학생 --seeds명(기본값 8)의 변형마다 실습의 모든 "
          "레슨을 엔진이 계산한 답으로 끝까지 진행해 모든 변형을 풀 수 있는지 확인합니다. 팩, 매니페스트, 학생 "
          "결과에 서명하는 키를 파일 하나에 씁니다. 팩이 DeepStep의 experiments 폴더에서 가져오는 실험도 함께 "
          "넣습니다."}},
        {"cmd.labStart.summary", {"play a lab as a student", "학생으로 실습을 진행합니다"}},
        {"cmd.labStart.description",
         {"Plays the lab's lessons with the numbers of your own variant (decided by the lab and your student id), "
          "with its settings locked and its attempts counted. Every answer is saved at once in your data folder; "
          "run it again to go on where you stopped (q quits). With --answers FILE the answers come from a file "
          "(format \"deepstep.lesson-answers\"), one attempt each.",
          "실습의 레슨을 내 변형(실습과 학생 id로 정해짐)의 숫자로 진행합니다. 설정은 잠겨 있고 시도 횟수를 "
          "셉니다. 답은 하나하나 곧바로 데이터 폴더에 저장되며, 다시 실행하면 멈춘 곳부터 이어 갑니다(q로 "
          "끝냅니다). --answers FILE을 주면 답을 파일(형식 \"deepstep.lesson-answers\")에서 읽고, 답마다 한 번씩만 "
          "시도합니다."}},
        {"cmd.labSubmit.summary", {"write the result file to hand in", "낼 결과 파일을 씁니다"}},
        {"cmd.labSubmit.description",
         {"Writes your answers so far as a result file (default LAB-ID-STUDENT.json in the current folder): the "
          "lab and its content hash, your id and variant, every answer with its time in UTC, and a MAC that shows "
          "whether the file was changed afterwards.",
          "지금까지의 답을 결과 파일(기본값: 현재 폴더의 실습id-학생.json)로 씁니다. 실습과 그 내용의 해시, 학생 "
          "id와 변형, 모든 답과 그 시각(UTC), 그리고 나중에 파일이 바뀌었는지 알려 주는 MAC이 들어갑니다."}},
        {"cmd.labGrade.summary", {"grade the class's result files", "반 전체의 결과 파일을 채점합니다"}},
        {"cmd.labGrade.description",
         {"Reads every result file given (or every .json file of a folder), checks that it was made for this lab, "
          "that its MAC matches and that its variant belongs to its student, and checks every answer again on that "
          "student's variant. Points count when one of the first allowed attempts is right, times the late credit "
          "after the deadline; a student's latest submission counts. Writes grades.csv, report.html (the class "
          "report) and gradescope/STUDENT/results.json to --out. Exit status 2 when a file was not valid "
          "(tampered, for another lab, unreadable); the others are graded all the same.",
          "주어진 결과 파일(또는 폴더 안의 모든 .json 파일)을 읽어, 이 실습용인지, MAC이 맞는지, 변형이 그 학생의 "
          "것인지 확인하고, 모든 답을 그 학생의 변형에서 다시 채점합니다. 허용된 시도 안에 맞힌 체크포인트만 "
          "점수를 받고, 마감 뒤에 낸 결과에는 지각 비율을 곱합니다. 학생마다 가장 늦게 낸 결과가 반영됩니다. "
          "--out 폴더에 grades.csv, report.html(반 보고서), gradescope/학생/results.json을 씁니다. 올바르지 않은 "
          "파일(변조, 다른 실습, 읽을 수 없음)이 있으면 종료 상태 2이며, 나머지 파일은 그대로 채점합니다."}},
        {"opt.lab.out", {"the lab file to write", "쓸 실습 파일"}},
        {"opt.lab.seeds", {"sample students whose variants are played (default 8)", "변형을 끝까지 진행해 볼 표본 학생 수 (기본값 8)"}},
        {"opt.lab.keyFile",
         {"a file whose bytes are the signing key (default: a new random key)", "서명 키로 쓸 파일 (기본값: 새 무작위 키)"}},
        {"opt.lab.student", {"your student id (letters, digits, .-_@)", "학생 id (문자, 숫자, .-_@)"}},
        {"opt.lab.answers", {"answers from a file instead of the keyboard", "키보드 대신 파일에서 읽을 답"}},
        {"opt.lab.resultOut", {"the result file to write", "쓸 결과 파일"}},
        {"opt.lab.gradeOut", {"the folder for grades.csv, report.html and gradescope/", "grades.csv, report.html, gradescope/를 쓸 폴더"}},
        {"lab.needOut", {"--out is required", "--out이 필요합니다"}},
        {"lab.needStudent", {"--student ID is required", "--student ID가 필요합니다"}},
        {"lab.badStudent",
         {"--student: expected 1 to 64 letters, digits and \".-_@\", got \"{0}\"",
          "--student: 문자, 숫자, \".-_@\" 1~64자여야 하는데 \"{0}\"입니다"}},
        {"lab.keyUnreadable", {"cannot read the key file", "키 파일을 읽을 수 없습니다"}},
        {"lab.keySize", {"expected a key of 16 to 4096 bytes, got {0}", "키는 16~4096바이트여야 하는데 {0}바이트입니다"}},
        {"lab.buildProblems", {"the lab has {0} problem(s):", "실습에 문제가 {0}개 있습니다:"}},
        {"lab.built",
         {"Wrote {0}: lab {1} version {2}, {3} lesson(s), every variant of {4} sample students passable (content {5}).",
          "{0}을(를) 썼습니다: 실습 {1} 버전 {2}, 레슨 {3}개, 표본 학생 {4}명의 변형을 모두 풀 수 있습니다 (내용 {5})."}},
        {"lab.header", {"{0} — student {1}", "{0} — 학생 {1}"}},
        {"lab.deadline", {"Deadline: {0} (your local time)", "마감: {0} (현지 시각)"}},
        {"lab.attempts", {"Attempts per question: {0}", "문제당 시도 횟수: {0}"}},
        {"lab.wrong", {"Not right.", "틀렸습니다."}},
        {"lab.noAttempts", {"No attempts left for this question.", "이 문제는 시도 횟수를 다 썼습니다."}},
        {"lab.hint", {"Hint: {0}", "힌트: {0}"}},
        {"lab.newKey",
         {"A new signing key was drawn: results can be graded only with this lab file. To rebuild the lab later "
          "with the same key, save one in a file and pass --key-file.",
          "새 서명 키를 만들었습니다. 결과는 이 실습 파일로만 채점할 수 있습니다. 나중에 같은 키로 다시 만들려면 "
          "키를 파일에 저장해 --key-file로 주세요."}},
        {"lab.noResults", {"no result files (*.json) found", "결과 파일(*.json)이 없습니다"}},
        {"lab.saved",
         {"Saved. Go on later with: deepstep lab start {0} --student {1}",
          "저장했습니다. 나중에 이어 하려면: deepstep lab start {0} --student {1}"}},
        {"lab.finished",
         {"{0} of {1} right. Hand in with: deepstep lab submit {2} --student {3}",
          "{1}개 중 {0}개를 맞혔습니다. 내려면: deepstep lab submit {2} --student {3}"}},
        {"lab.alreadySubmitted", {"student {0} has already submitted this lab", "학생 {0}은(는) 이 실습을 이미 냈습니다"}},
        {"lab.nothingToSubmit",
         {"student {0} has not started this lab here (deepstep lab start first)",
          "학생 {0}은(는) 여기서 이 실습을 시작하지 않았습니다 (먼저 deepstep lab start)"}},
        {"lab.submitted", {"Wrote {0} (submitted {1}).", "{0}을(를) 썼습니다 (제출 {1})."}},
        {"lab.lateNote", {"This is after the deadline ({0}).", "마감({0}) 뒤에 냈습니다."}},
        {"lab.graded",
         {"Read {0} file(s): {1} student(s) graded, {2} file(s) not valid. Wrote grades.csv, report.html and "
          "gradescope/ to {3}.",
          "파일 {0}개를 읽었습니다: 학생 {1}명을 채점했고, 올바르지 않은 파일은 {2}개입니다. {3}에 grades.csv, "
          "report.html, gradescope/를 썼습니다."}},

        // ---- predict ----
        {"cmd.predict.summary", {"classify a picture with a saved model", "저장된 모델로 이미지를 분류합니다"}},
        {"cmd.predict.description",
         {"Reads a picture (PNG, JPEG, BMP, …) and prepares it the way MNIST's digits were: greyscale, "
          "inverted when its background is light, fitted into the model's input size keeping its proportions "
          "and centred, values from 0 to 1. Then prints the probability of every class (or of the K most "
          "likely) and the winner.",
          "이미지(PNG, JPEG, BMP 등)를 읽어 MNIST 숫자와 같은 방식으로 준비합니다: 회색조로 바꾸고, "
          "배경이 밝으면 반전하고, 비율을 유지한 채 모델의 입력 크기에 맞춰 가운데에 놓고, 값을 0에서 "
          "1 사이로 맞춥니다. 그다음 모든 클래스(또는 가능성이 가장 높은 K개)의 확률과 최종 예측을 "
          "출력합니다."}},
        {"opt.top", {"show only the K most likely classes", "가능성이 가장 높은 K개 클래스만 표시"}},
        {"opt.show", {"also draw the picture as the network sees it", "신경망이 보는 입력 이미지도 문자로 그림"}},
        {"predict.noFile", {"no such file", "파일이 없습니다"}},
        {"predict.notImage",
         {"not an image Qt can read (PNG, JPEG, BMP, …)", "Qt가 읽을 수 있는 이미지가 아닙니다 (PNG, JPEG, BMP 등)"}},
        {"predict.notImageModel",
         {"the model takes inputs of shape {0}, not pictures: expected [1, H, W], [H, W] or a square number "
          "of features such as [784] (28 × 28)",
          "모델의 입력 형태가 {0}(이)라 이미지를 받지 않습니다. [1, H, W], [H, W], 또는 [784](28 × 28)처럼 "
          "제곱수 개의 특성이어야 합니다"}},
        {"predict.notFinite",
         {"{0}: the model's outputs are not finite numbers", "{0}: 모델의 출력이 유한한 수가 아닙니다"}},
        {"predict.model", {"Model {0}: input {1}, {2} classes", "모델 {0}: 입력 {1}, 클래스 {2}개"}},
        {"predict.image",
         {"Image {0}: {1}×{2} pixels, scaled to {3}×{4} and centred in {5}×{6}",
          "이미지 {0}: {1}×{2} 픽셀, 크기를 {3}×{4}(으)로 맞춰 {5}×{6}의 가운데에 놓음"}},
        {"predict.inverted",
         {"The background is light (border mean {0} of 255), so the picture was inverted: the model expects "
          "light strokes on a dark background.",
          "배경이 밝아서(테두리 평균 {0}/255) 이미지를 반전했습니다. 모델은 어두운 배경에 밝은 획을 "
          "기대합니다."}},
        {"predict.appliedSoftmax",
         {"The model's last layer is not a softmax: a softmax turned its outputs into probabilities.",
          "모델의 마지막 층이 소프트맥스가 아니어서, 출력에 소프트맥스를 적용해 확률로 바꿨습니다."}},
        {"predict.appliedSigmoid",
         {"The model's one output has no sigmoid: its sigmoid is taken as the probability of class 1.",
          "모델의 출력 하나에 시그모이드가 없어서, 그 시그모이드 값을 클래스 1의 확률로 삼았습니다."}},
        {"predict.seen", {"What the network sees:", "신경망이 보는 입력:"}},
        {"predict.top", {"The {0} most likely of {1} classes:", "클래스 {1}개 중 가능성이 가장 높은 {0}개:"}},
        {"predict.probability", {"probability", "확률"}},
        {"predict.winner", {"Prediction: {0} ({1})", "예측: {0} ({1})"}},
    };
    return entries;
}

std::size_t charWidth(char32_t c) {
    if (c == 0) return 0;
    if (c >= 0x0300 && c <= 0x036F) return 0;  // combining marks
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

/// Decodes the UTF-8 character at s[i]; sets `length` to its byte count.
char32_t decode(std::string_view s, std::size_t i, std::size_t& length) {
    const auto byte = static_cast<unsigned char>(s[i]);
    char32_t c = byte;
    length = 1;
    if (byte >= 0xF0) {
        c = byte & 0x07U;
        length = 4;
    } else if (byte >= 0xE0) {
        c = byte & 0x0FU;
        length = 3;
    } else if (byte >= 0xC0) {
        c = byte & 0x1FU;
        length = 2;
    }
    for (std::size_t k = 1; k < length && i + k < s.size(); ++k)
        c = (c << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    return c;
}

}  // namespace

const std::string& language() {
    return currentLanguage;
}

void setLanguage(const std::string& lang) {
    currentLanguage = (lang == "ko") ? "ko" : "en";
}

std::string languageFromEnvironment() {
    const char* lang = std::getenv("LANG");
    return (lang != nullptr && std::string_view(lang).starts_with("ko")) ? "ko" : "en";
}

std::string tr(std::string_view id, std::initializer_list<std::string> args) {
    const Text* entry = textEntry(id);
    const std::string pattern = entry != nullptr ? entry->in(currentLanguage) : std::string(id);
    std::string out;
    out.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            pattern[i + 1] <= '9') {
            const auto index = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (index < args.size()) out += *(args.begin() + index);
            i += 2;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string pick(const Text& text) {
    return text.in(currentLanguage);
}

std::vector<std::string> textIds() {
    std::vector<std::string> ids;
    for (const auto& [id, text] : table())
        ids.push_back(id);
    return ids;
}

const Text* textEntry(std::string_view id) {
    const auto& entries = table();
    const auto it = entries.find(id);
    return it == entries.end() ? nullptr : &it->second;
}

std::string terminalSafe(std::string_view s) {
    static const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out += (b < 0x20 && b != '\n' && b != '\t') || b == 0x7F ? replacement : std::string(1, s[i]);
            ++i;
            continue;
        }
        // A well-formed UTF-8 sequence of 2 to 4 bytes, or a replacement for one byte.
        const std::size_t len = b >= 0xF0 && b < 0xF5 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
        bool ok = len != 0 && i + len <= s.size();
        char32_t c = 0;
        if (ok) {
            c = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
            for (std::size_t k = 1; k < len; ++k) {
                const auto t = static_cast<unsigned char>(s[i + k]);
                if ((t & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                c = (c << 6) | (t & 0x3F);
            }
        }
        ok = ok && !(len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) && !(len == 4 && (c < 0x10000 || c > 0x10FFFF));
        if (!ok) {
            out += replacement;
            ++i;
            continue;
        }
        const bool control = (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        out += control ? replacement : std::string(s.substr(i, len));
        i += len;
    }
    return out;
}

std::size_t displayWidth(std::string_view s) {
    std::size_t width = 0;
    for (std::size_t i = 0, length = 0; i < s.size(); i += length)
        width += charWidth(decode(s, i, length));
    return width;
}

std::string truncateToWidth(const std::string& s, std::size_t width) {
    std::size_t used = 0;
    for (std::size_t i = 0, length = 0; i < s.size(); i += length) {
        const std::size_t w = charWidth(decode(s, i, length));
        if (used + w > width) return s.substr(0, i);
        used += w;
    }
    return s;
}

std::vector<std::string> wrapText(const std::string& text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        std::string word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        if (!line.empty() && displayWidth(line) + 1 + displayWidth(word) > width) {
            lines.push_back(line);
            line.clear();
        }
        if (!line.empty()) {
            line += " " + word;
            continue;
        }
        // A word too wide for a line of its own is broken between characters.
        while (displayWidth(word) > width) {
            std::string head = truncateToWidth(word, width);
            if (head.empty()) head = word.substr(0, 1);
            lines.push_back(head);
            word.erase(0, head.size());
        }
        line = word;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

std::size_t terminalColumns() {
    if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
        char* end = nullptr;
        const long n = std::strtol(columns, &end, 10);
        if (end != nullptr && *end == '\0' && n > 0) return static_cast<std::size_t>(std::max(20L, std::min(n, 1000L)));
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
        return size.ws_col;
    return 80;
}

namespace {

/// How far the continuation lines of `line` are indented: its own indentation, and the
/// width of a list marker ("- ", "* ", "12) ", "3. ") that follows it.
std::size_t hangingIndent(const std::string& line) {
    std::size_t i = line.find_first_not_of(' ');
    if (i == std::string::npos) return 0;
    const std::size_t indent = i;
    if ((line[i] == '-' || line[i] == '*') && i + 1 < line.size() && line[i + 1] == ' ') return indent + 2;
    std::size_t digits = i;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9')
        ++digits;
    if (digits > i && digits + 1 < line.size() && (line[digits] == ')' || line[digits] == '.') &&
        line[digits + 1] == ' ')
        return digits + 2;
    return indent;
}

}  // namespace

struct WrappedOutput::Buffer : std::streambuf {
    std::streambuf* target;
    std::size_t width;
    std::string line;
    std::size_t column = 0;  ///< columns already written on the current line (a prompt)

    Buffer(std::streambuf* t, std::size_t w) : target(t), width(w) {}

    int overflow(int c) override {
        if (c == traits_type::eof()) return traits_type::not_eof(c);
        if (c == '\n')
            endLine();
        else
            line += static_cast<char>(c);
        return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        for (std::streamsize i = 0; i < n; ++i)
            overflow(static_cast<unsigned char>(s[i]));
        return n;
    }
    int sync() override {
        write(line);
        column += displayWidth(line);
        line.clear();
        return target->pubsync();
    }
    void write(const std::string& s) { target->sputn(s.data(), static_cast<std::streamsize>(s.size())); }
    void endLine() {
        if (column + displayWidth(line) <= width) {
            write(line + "\n");
        } else {
            // What follows a prompt starts on a line of its own when it does not fit.
            if (column > 0) write("\n");
            std::size_t hang = hangingIndent(line);
            if (hang * 2 > width) hang = 0;
            const std::size_t indent = std::min(line.find_first_not_of(' '), hang);
            const auto lines = wrapText(line.substr(indent), width - hang);
            for (std::size_t k = 0; k < lines.size(); ++k)
                write(std::string(k == 0 ? indent : hang, ' ') + lines[k] + "\n");
        }
        line.clear();
        column = 0;
    }
};

WrappedOutput::WrappedOutput(std::size_t width)
    : buffer_(std::make_unique<Buffer>(std::cout.rdbuf(), std::max<std::size_t>(width, 20))),
      previous_(std::cout.rdbuf()) {
    std::cout.rdbuf(buffer_.get());
}

WrappedOutput::~WrappedOutput() {
    std::cout.flush();
    if (!buffer_->line.empty()) buffer_->write(buffer_->line);
    std::cout.rdbuf(previous_);
    std::cout.flush();
}

std::string padRight(const std::string& s, std::size_t width) {
    const std::size_t w = displayWidth(s);
    return w >= width ? s : s + std::string(width - w, ' ');
}

std::string padLeft(const std::string& s, std::size_t width) {
    const std::size_t w = displayWidth(s);
    return w >= width ? s : std::string(width - w, ' ') + s;
}

std::string formatNumber(double v, int significant) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) v = 0;  // never "-0"
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*g", significant, v);
    return buffer;
}

std::string formatPercent(double fraction) {
    if (!std::isfinite(fraction)) return "-";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", fraction * 100.0);
    return buffer;
}

std::string formatDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "-";
    char buffer[48];
    if (seconds < 10.0) {
        std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
        return buffer;
    }
    const auto total = static_cast<long long>(std::llround(seconds));
    const long long h = total / 3600;
    const long long m = (total / 60) % 60;
    const long long s = total % 60;
    if (h > 0)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", h, m, s);
    else
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", m, s);
    return buffer;
}

std::string formatRate(double perSecond) {
    if (!std::isfinite(perSecond)) return "-";
    char buffer[32];
    if (perSecond >= 1e6)
        std::snprintf(buffer, sizeof buffer, "%.1fM", perSecond / 1e6);
    else if (perSecond >= 1e4)
        std::snprintf(buffer, sizeof buffer, "%.1fk", perSecond / 1e3);
    else
        std::snprintf(buffer, sizeof buffer, "%.0f", perSecond);
    return buffer;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i != 0) out += separator;
        out += parts[i];
    }
    return out;
}

std::string formatValue(double v) {
    return formatNumber(v, 4);
}

std::string formatSample(const Tensor& t, std::size_t row) {
    if (t.empty() || row >= t.batch()) return "-";
    const std::size_t per = t.sampleSize();
    std::vector<std::string> parts;
    for (std::size_t j = 0; j < per && j < 6; ++j) parts.push_back(formatValue(t[row * per + j]));
    if (per > 6) parts.push_back("…");
    return join(parts, ", ");
}

}  // namespace deepstep::cli
