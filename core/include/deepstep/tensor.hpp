#pragma once
// Tensor: the one value type that flows through DeepStep.
//
// A Tensor is float32, 1- to 4-D, row-major and contiguous. The first dimension is
// the batch (N); images are N·C·H·W, sequences N·T·F, plain features N·F.
//
// Armadillo is column-major, so a row-major N×F block of memory *is* a column-major
// F×N matrix. `columns()` hands out exactly that view — one column per sample —
// without copying; layers run their GEMMs on these views (Y^T = W^T X^T). No
// Armadillo expression type is ever returned across this interface: every operation
// returns an evaluated Tensor.

#include <armadillo>

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

namespace deepstep {

/// Shape of a tensor: 1 to 4 extents, outermost first. A zero extent is an empty
/// tensor (e.g. a slice of no samples).
class Shape {
public:
    Shape() = default;
    Shape(std::initializer_list<std::size_t> dims);
    explicit Shape(std::vector<std::size_t> dims);

    std::size_t rank() const { return dims_.size(); }
    std::size_t operator[](std::size_t i) const { return dims_.at(i); }
    std::size_t& operator[](std::size_t i) { return dims_.at(i); }
    const std::vector<std::size_t>& dims() const { return dims_; }
    /// Product of all extents (0 for the empty shape).
    /// throws InputError when the product overflows std::size_t.
    std::size_t elements() const;
    /// Product of all extents but the first: the size of one sample.
    /// throws InputError when the product overflows std::size_t.
    std::size_t sampleSize() const;
    /// The same shape with the first extent replaced by `n`.
    Shape withBatch(std::size_t n) const;
    /// "[2, 3]"
    std::string str() const;

    friend bool operator==(const Shape&, const Shape&) = default;

private:
    std::vector<std::size_t> dims_;
};

class Tensor {
public:
    /// An empty tensor (rank 0, no elements).
    Tensor() = default;
    /// A tensor of `shape` filled with `fill`.
    /// requires: 1 <= shape.rank() <= 4; throws std::invalid_argument otherwise.
    /// Checks the size against the memory budget (deepstep/limits.hpp) before allocating:
    /// throws InputError("", "a tensor of shape [...] would take N of memory; the limit
    /// is M ...") for one that does not fit, whatever its extents multiply to.
    explicit Tensor(const Shape& shape, float fill = 0.0F);
    /// A tensor of `shape` holding `values` in row-major order.
    /// requires: values.size() == shape.elements().
    Tensor(const Shape& shape, std::vector<float> values);

    /// 2-D tensor from nested rows, e.g. Tensor::rows({{0,0},{0,1}}).
    static Tensor rows(std::initializer_list<std::initializer_list<float>> rows);
    /// Copies a column-major matrix (features × samples) into an N×F tensor.
    static Tensor fromColumns(const arma::fmat& columns);

    const Shape& shape() const { return shape_; }
    std::size_t rank() const { return shape_.rank(); }
    std::size_t size() const { return data_.size(); }
    bool empty() const { return data_.empty(); }
    /// Extent of dimension i.
    std::size_t dim(std::size_t i) const { return shape_[i]; }
    /// Number of samples (first extent).
    std::size_t batch() const { return shape_.rank() == 0 ? 0 : shape_[0]; }
    /// Elements per sample.
    std::size_t sampleSize() const { return shape_.sampleSize(); }

    float* data() { return data_.data(); }
    const float* data() const { return data_.data(); }
    std::span<float> values() { return data_; }
    std::span<const float> values() const { return data_; }
    float& operator[](std::size_t i) { return data_[i]; }
    float operator[](std::size_t i) const { return data_[i]; }
    /// Row-major element access with bounds checks.
    float& at(std::initializer_list<std::size_t> index);
    float at(std::initializer_list<std::size_t> index) const;

    /// Column-major view, one column per sample: sampleSize() × batch().
    /// The view aliases this tensor's memory; it is valid until the tensor is
    /// resized or destroyed. Use it for GEMM without copying.
    /// Beware: `arma::fmat m = t.columns();` on a const tensor still aliases it (the
    /// copy is elided), so writing to m writes to t. Use columnsCopy() for a matrix
    /// you mean to modify.
    arma::fmat columns();
    const arma::fmat columns() const;
    /// An independent copy of columns(), safe to modify.
    arma::fmat columnsCopy() const;

    /// Same data, new shape. requires: shape.elements() == size().
    Tensor reshaped(const Shape& shape) const;
    void reshape(const Shape& shape);
    /// Samples [first, first + count) as a new tensor.
    Tensor slice(std::size_t first, std::size_t count) const;

    void fill(float v);
    Tensor& operator+=(const Tensor& other);
    Tensor& operator-=(const Tensor& other);
    Tensor& operator*=(float s);
    friend Tensor operator+(Tensor a, const Tensor& b) { return a += b; }
    friend Tensor operator-(Tensor a, const Tensor& b) { return a -= b; }
    friend Tensor operator*(Tensor a, float s) { return a *= s; }
    /// Elementwise product.
    Tensor hadamard(const Tensor& other) const;

    float sum() const;
    float maxAbs() const;
    /// True when every element is finite.
    bool allFinite() const;

    friend bool operator==(const Tensor&, const Tensor&) = default;

private:
    void checkSameShape(const Tensor& other, const char* op) const;

    Shape shape_;
    std::vector<float> data_;
};

}  // namespace deepstep
