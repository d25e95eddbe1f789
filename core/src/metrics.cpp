#include "deepstep/metrics.hpp"

#include "deepstep/random.hpp"

#include <cmath>
#include <stdexcept>

namespace deepstep {

namespace {
void checkMatrix(const Tensor& t, const char* what) {
    if (t.rank() != 2) {
        throw std::invalid_argument(std::string(what) + ": expected an N × K tensor, got shape " + t.shape().str());
    }
}
}  // namespace

std::vector<std::size_t> predictedClasses(const Tensor& outputs) {
    checkMatrix(outputs, "predictedClasses");
    const std::size_t n = outputs.dim(0);
    const std::size_t k = outputs.dim(1);
    std::vector<std::size_t> cls(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float* row = outputs.data() + i * k;
        if (k == 1) {
            cls[i] = row[0] >= 0.5F ? 1 : 0;
            continue;
        }
        std::size_t best = 0;
        for (std::size_t j = 1; j < k; ++j) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        cls[i] = best;
    }
    return cls;
}

std::size_t classCount(const Tensor& outputs) {
    checkMatrix(outputs, "classCount");
    return outputs.dim(1) == 1 ? 2 : outputs.dim(1);
}

ConfusionMatrix::ConfusionMatrix(std::size_t classes) : c_(classes), m_(classes * classes, 0) {
    if (classes < 2) {
        throw std::invalid_argument("ConfusionMatrix: needs at least 2 classes");
    }
}

void ConfusionMatrix::add(std::size_t truth, std::size_t predicted) {
    if (truth >= c_ || predicted >= c_) {
        throw std::out_of_range("ConfusionMatrix::add: class out of range");
    }
    ++m_[truth * c_ + predicted];
}

void ConfusionMatrix::add(const Tensor& outputs, const Tensor& targets) {
    if (outputs.shape() != targets.shape()) {
        throw std::invalid_argument("ConfusionMatrix::add: outputs " + outputs.shape().str() + " and targets " +
                                    targets.shape().str() + " differ");
    }
    const auto p = predictedClasses(outputs);
    const auto t = predictedClasses(targets);
    for (std::size_t i = 0; i < p.size(); ++i) {
        add(t[i], p[i]);
    }
}

std::size_t ConfusionMatrix::total() const {
    std::size_t s = 0;
    for (std::size_t v : m_) {
        s += v;
    }
    return s;
}

double ConfusionMatrix::accuracy() const {
    const std::size_t n = total();
    if (n == 0) {
        return 0.0;
    }
    std::size_t diag = 0;
    for (std::size_t i = 0; i < c_; ++i) {
        diag += count(i, i);
    }
    return static_cast<double>(diag) / static_cast<double>(n);
}

double ConfusionMatrix::precision(std::size_t cls) const {
    std::size_t predicted = 0;
    for (std::size_t t = 0; t < c_; ++t) {
        predicted += count(t, cls);
    }
    return predicted == 0 ? 0.0 : static_cast<double>(count(cls, cls)) / static_cast<double>(predicted);
}

double ConfusionMatrix::recall(std::size_t cls) const {
    std::size_t actual = 0;
    for (std::size_t p = 0; p < c_; ++p) {
        actual += count(cls, p);
    }
    return actual == 0 ? 0.0 : static_cast<double>(count(cls, cls)) / static_cast<double>(actual);
}

double ConfusionMatrix::f1(std::size_t cls) const {
    const double p = precision(cls);
    const double r = recall(cls);
    return (p + r) == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
}

double ConfusionMatrix::macroPrecision() const {
    double s = 0.0;
    for (std::size_t i = 0; i < c_; ++i) {
        s += precision(i);
    }
    return s / static_cast<double>(c_);
}

double ConfusionMatrix::macroRecall() const {
    double s = 0.0;
    for (std::size_t i = 0; i < c_; ++i) {
        s += recall(i);
    }
    return s / static_cast<double>(c_);
}

double ConfusionMatrix::macroF1() const {
    double s = 0.0;
    for (std::size_t i = 0; i < c_; ++i) {
        s += f1(i);
    }
    return s / static_cast<double>(c_);
}

double accuracy(const Tensor& outputs, const Tensor& targets) {
    ConfusionMatrix m(classCount(outputs));
    m.add(outputs, targets);
    return m.accuracy();
}

namespace {
template <typename F>
double meanOver(const Tensor& a, const Tensor& b, F f) {
    if (a.shape() != b.shape()) {
        throw std::invalid_argument("metric: shapes " + a.shape().str() + " and " + b.shape().str() + " differ");
    }
    if (a.empty()) {
        return 0.0;
    }
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        s += f(static_cast<double>(a[i]) - static_cast<double>(b[i]));
    }
    return s / static_cast<double>(a.size());
}
}  // namespace

double meanSquaredError(const Tensor& outputs, const Tensor& targets) {
    return meanOver(outputs, targets, [](double d) { return d * d; });
}

double meanAbsoluteError(const Tensor& outputs, const Tensor& targets) {
    return meanOver(outputs, targets, [](double d) { return std::fabs(d); });
}

std::vector<std::vector<std::size_t>> kFoldIndices(std::size_t n, std::size_t k, std::uint64_t seed) {
    if (k < 2 || k > n) {
        throw std::invalid_argument("kFoldIndices: need 2 <= k <= n, got k = " + std::to_string(k) +
                                    ", n = " + std::to_string(n));
    }
    Rng rng(seed);
    const auto perm = rng.permutation(n);
    std::vector<std::vector<std::size_t>> folds(k);
    // The first n % k folds take one extra example.
    std::size_t pos = 0;
    for (std::size_t f = 0; f < k; ++f) {
        const std::size_t size = n / k + (f < n % k ? 1 : 0);
        folds[f].assign(perm.begin() + static_cast<std::ptrdiff_t>(pos),
                        perm.begin() + static_cast<std::ptrdiff_t>(pos + size));
        pos += size;
    }
    return folds;
}

std::vector<std::size_t> kFoldTrainIndices(const std::vector<std::vector<std::size_t>>& folds, std::size_t i) {
    // Without this check a bad fold number would silently train on every example.
    if (i >= folds.size()) {
        throw std::out_of_range("kFoldTrainIndices: fold " + std::to_string(i) + " of " + std::to_string(folds.size()));
    }
    std::vector<std::size_t> out;
    for (std::size_t f = 0; f < folds.size(); ++f) {
        if (f != i) {
            out.insert(out.end(), folds[f].begin(), folds[f].end());
        }
    }
    return out;
}

}  // namespace deepstep
