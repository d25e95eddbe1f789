#include "deepstep/loss_reduction.hpp"

#include <stdexcept>

namespace deepstep {

std::string lossReductionName(LossReduction reduction) {
    switch (reduction) {
        case LossReduction::BatchMean: return "batch_mean";
        case LossReduction::Mean: return "mean";
        case LossReduction::Sum: return "sum";
    }
    return "batch_mean";
}

LossReduction lossReductionFromName(const std::string& name) {
    for (LossReduction r : {LossReduction::BatchMean, LossReduction::Mean, LossReduction::Sum}) {
        if (lossReductionName(r) == name) {
            return r;
        }
    }
    throw std::invalid_argument("unknown loss reduction \"" + name + "\" (expected batch_mean, mean or sum)");
}

double lossReductionScale(LossReduction reduction, const Tensor& output, bool perSampleSum) {
    return lossReductionScale(reduction, output.batch(), output.size(), perSampleSum);
}

double lossReductionScale(LossReduction reduction, std::size_t batch, std::size_t elements, bool perSampleSum) {
    const auto samples = static_cast<double>(batch);
    switch (reduction) {
        case LossReduction::BatchMean: return 1.0 / samples;
        case LossReduction::Mean:
            return perSampleSum ? 1.0 / samples : 1.0 / static_cast<double>(elements);
        case LossReduction::Sum: return 1.0;
    }
    return 1.0 / samples;
}

OptionSpec lossReductionOption(bool perSampleSum) {
    // The help as plain strings chosen first: a Text built from a conditional of two
    // temporaries trips gcc's -Warray-bounds (a false positive) at -O2.
    const char* en = perSampleSum
                         ? "How the batch is reduced to one number. batch_mean (default) and mean: the average "
                           "over the samples of each sample's sum over classes (PyTorch's CrossEntropyLoss "
                           "with reduction=\"mean\"); sum: the total. The gradient is scaled alike."
                         : "How the batch is reduced to one number. batch_mean (default, the lectures' "
                           "convention): summed over a sample's outputs, averaged over the samples. mean: "
                           "averaged over every element, PyTorch's and Keras's default (equal to batch_mean "
                           "for one output). sum: the total. The gradient is scaled alike.";
    const char* ko = perSampleSum
                         ? "배치를 하나의 값으로 줄이는 방법입니다. batch_mean(기본값)과 mean은 샘플마다 클래스에 "
                           "대해 더한 값을 샘플 수로 평균 냅니다(PyTorch의 CrossEntropyLoss, reduction=\"mean\"과 "
                           "같습니다). sum은 모두 더합니다. 기울기도 같은 비율로 줄어듭니다."
                         : "배치를 하나의 값으로 줄이는 방법입니다. batch_mean(기본값, 강의의 약속)은 샘플 "
                           "하나의 출력들에 대해 더한 뒤 샘플 수로 평균 냅니다. mean은 모든 원소의 평균으로 "
                           "PyTorch와 Keras의 기본값입니다(출력이 하나면 batch_mean과 같습니다). sum은 모두 "
                           "더합니다. 기울기도 같은 비율로 줄어듭니다.";
    return choiceOption("reduction", "batch_mean", {"batch_mean", "mean", "sum"}, Text{en, ko});
}

}  // namespace deepstep
