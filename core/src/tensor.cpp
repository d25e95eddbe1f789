#include "deepstep/tensor.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace deepstep {

namespace {
void checkRank(const std::vector<std::size_t>& dims) {
    if (dims.empty() || dims.size() > 4) {
        throw std::invalid_argument("Tensor: rank must be 1 to 4, got " + std::to_string(dims.size()));
    }
}
// Tensors below this size are allocated without asking the memory budget: the check
// is for the one tensor a hostile size makes huge, not for every batch.
constexpr long double kUncheckedBytes = 64.0L * 1024 * 1024;

// Refuses, before allocating, a tensor beyond the memory budget. The size is computed
// in long double so that no product of extents can overflow on the way.
void checkAllocation(const Shape& shape) {
    long double bytes = sizeof(float);
    for (std::size_t d : shape.dims()) {
        bytes *= static_cast<long double>(d);
    }
    if (bytes > kUncheckedBytes) {
        checkMemoryBudget(bytes, "", "a tensor of shape " + shape.str());
    }
}

std::size_t product(std::vector<std::size_t>::const_iterator first, std::vector<std::size_t>::const_iterator last,
                    const Shape& shape) {
    std::size_t n = 1;
    for (auto it = first; it != last; ++it) {
        if (__builtin_mul_overflow(n, *it, &n)) {
            throw InputError("", "the shape " + shape.str() + " has more elements than this machine can count");
        }
    }
    return n;
}
}  // namespace

Shape::Shape(std::initializer_list<std::size_t> dims) : dims_(dims) {}
Shape::Shape(std::vector<std::size_t> dims) : dims_(std::move(dims)) {}

std::size_t Shape::elements() const {
    if (dims_.empty()) {
        return 0;
    }
    return product(dims_.begin(), dims_.end(), *this);
}

std::size_t Shape::sampleSize() const {
    if (dims_.empty()) {
        return 0;
    }
    return product(dims_.begin() + 1, dims_.end(), *this);
}

Shape Shape::withBatch(std::size_t n) const {
    std::vector<std::size_t> d;
    d.reserve(dims_.size() + 1);
    d.push_back(n);
    d.insert(d.end(), dims_.begin(), dims_.end());
    return Shape(std::move(d));
}

std::string Shape::str() const {
    std::ostringstream os;
    os << '[';
    for (std::size_t i = 0; i < dims_.size(); ++i) {
        os << (i ? ", " : "") << dims_[i];
    }
    os << ']';
    return os.str();
}

Tensor::Tensor(const Shape& shape, float fill) : shape_(shape) {
    checkRank(shape.dims());
    checkAllocation(shape);
    data_.assign(shape.elements(), fill);
}

Tensor::Tensor(const Shape& shape, std::vector<float> values) : shape_(shape), data_(std::move(values)) {
    checkRank(shape.dims());
    if (data_.size() != shape.elements()) {
        throw std::invalid_argument("Tensor: " + std::to_string(data_.size()) + " values do not fill shape " +
                                    shape.str());
    }
}

Tensor Tensor::rows(std::initializer_list<std::initializer_list<float>> rows) {
    const std::size_t n = rows.size();
    const std::size_t f = n ? rows.begin()->size() : 0;
    std::vector<float> v;
    v.reserve(n * f);
    for (const auto& r : rows) {
        if (r.size() != f) {
            throw std::invalid_argument("Tensor::rows: ragged rows");
        }
        v.insert(v.end(), r.begin(), r.end());
    }
    return Tensor(Shape{n, f}, std::move(v));
}

Tensor Tensor::fromColumns(const arma::fmat& columns) {
    Tensor t(Shape{columns.n_cols, columns.n_rows});
    std::copy(columns.memptr(), columns.memptr() + columns.n_elem, t.data());
    return t;
}

namespace {
std::size_t flatIndex(const Shape& shape, std::initializer_list<std::size_t> index) {
    if (index.size() != shape.rank()) {
        throw std::out_of_range("Tensor::at: " + std::to_string(index.size()) + " indices for shape " + shape.str());
    }
    std::size_t flat = 0;
    std::size_t d = 0;
    for (std::size_t i : index) {
        if (i >= shape[d]) {
            throw std::out_of_range("Tensor::at: index " + std::to_string(i) + " out of range for shape " +
                                    shape.str());
        }
        flat = flat * shape[d] + i;
        ++d;
    }
    return flat;
}
}  // namespace

float& Tensor::at(std::initializer_list<std::size_t> index) {
    return data_[flatIndex(shape_, index)];
}
float Tensor::at(std::initializer_list<std::size_t> index) const {
    return data_[flatIndex(shape_, index)];
}

arma::fmat Tensor::columns() {
    return arma::fmat(data_.data(), sampleSize(), batch(), false, true);
}

const arma::fmat Tensor::columns() const {
    // Armadillo has no const view type; the const overload promises not to write.
    return arma::fmat(const_cast<float*>(data_.data()), sampleSize(), batch(), false, true);
}

arma::fmat Tensor::columnsCopy() const {
    return arma::fmat(data_.data(), sampleSize(), batch());  // copies
}

Tensor Tensor::reshaped(const Shape& shape) const {
    Tensor t = *this;
    t.reshape(shape);
    return t;
}

void Tensor::reshape(const Shape& shape) {
    checkRank(shape.dims());
    if (shape.elements() != data_.size()) {
        throw std::invalid_argument("Tensor::reshape: " + shape_.str() + " cannot become " + shape.str());
    }
    shape_ = shape;
}

Tensor Tensor::slice(std::size_t first, std::size_t count) const {
    if (first + count > batch()) {
        throw std::out_of_range("Tensor::slice: samples [" + std::to_string(first) + ", " +
                                std::to_string(first + count) + ") of " + std::to_string(batch()));
    }
    Shape s = shape_;
    s[0] = count;
    const std::size_t per = sampleSize();
    return Tensor(s, std::vector<float>(data_.begin() + static_cast<std::ptrdiff_t>(first * per),
                                        data_.begin() + static_cast<std::ptrdiff_t>((first + count) * per)));
}

void Tensor::fill(float v) {
    std::fill(data_.begin(), data_.end(), v);
}

void Tensor::checkSameShape(const Tensor& other, const char* op) const {
    if (shape_ != other.shape_) {
        throw std::invalid_argument(std::string("Tensor ") + op + ": shapes " + shape_.str() + " and " +
                                    other.shape_.str() + " differ");
    }
}

Tensor& Tensor::operator+=(const Tensor& other) {
    checkSameShape(other, "+=");
    if (&other == this) {
        *this *= 2.0F;
        return *this;
    }
    // Distinct tensors never share memory; saying so lets the loop vectorise.
    float* __restrict a = data_.data();
    const float* __restrict b = other.data_.data();
    const std::size_t n = data_.size();
    for (std::size_t i = 0; i < n; ++i) {
        a[i] += b[i];
    }
    return *this;
}

Tensor& Tensor::operator-=(const Tensor& other) {
    checkSameShape(other, "-=");
    for (std::size_t i = 0; i < data_.size(); ++i) {
        data_[i] -= other.data_[i];
    }
    return *this;
}

Tensor& Tensor::operator*=(float s) {
    for (float& v : data_) {
        v *= s;
    }
    return *this;
}

Tensor Tensor::hadamard(const Tensor& other) const {
    checkSameShape(other, "hadamard");
    Tensor r = *this;
    for (std::size_t i = 0; i < data_.size(); ++i) {
        r.data_[i] *= other.data_[i];
    }
    return r;
}

float Tensor::sum() const {
    double s = 0.0;
    for (float v : data_) {
        s += v;
    }
    return static_cast<float>(s);
}

float Tensor::maxAbs() const {
    float m = 0.0F;
    for (float v : data_) {
        m = std::max(m, std::fabs(v));
    }
    return m;
}

bool Tensor::allFinite() const {
    return std::all_of(data_.begin(), data_.end(), [](float v) { return std::isfinite(v); });
}

}  // namespace deepstep
