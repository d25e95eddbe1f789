#include "deepstep/layer.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/gpu_forms.hpp"
#include "deepstep/limits.hpp"

#include <stdexcept>

namespace deepstep {

std::unique_ptr<gpu::LayerForm> Layer::gpuForm(const gpu::Backend& /*backend*/) {
    return nullptr;
}

void gpu::LayerForm::backwardFromPreActivation(const float* /*dz*/, float* /*dx*/) {
    throw std::logic_error("this layer's GPU form has no pre-activation to start its backward pass from");
}

Tensor Layer::backwardFromPreActivation(const Tensor& /*dz*/) {
    throw std::logic_error("layer \"" + type() + "\" has no pre-activation to start the backward pass from");
}

void checkParameterMemory(long double numbers, const std::string& where, const std::string& what) {
    checkMemoryBudget(2.0L * numbers * static_cast<long double>(sizeof(float)), where, what + ", with their gradients,");
}

void assignFromJson(Parameter& p, const Json& values, const std::string& path) {
    const Shape& shape = p.value.shape();
    std::vector<float> flat;
    flat.reserve(shape.elements());
    if (shape.rank() == 2) {
        const std::string expect = std::to_string(shape[0]) + " rows of " + std::to_string(shape[1]) + " numbers";
        if (!values.is_array() || values.size() != shape[0]) {
            throw InputError(path, "expected " + expect + " (shape " + shape.str() + "), got " + describeJson(values));
        }
        for (std::size_t r = 0; r < shape[0]; ++r) {
            const std::string rowPath = path + "[" + std::to_string(r) + "]";
            const Json& row = values[r];
            if (!row.is_array() || row.size() != shape[1]) {
                throw InputError(
                    rowPath, "expected a row of " + std::to_string(shape[1]) + " numbers, got " + describeJson(row));
            }
            for (std::size_t c = 0; c < shape[1]; ++c) {
                flat.push_back(floatFromJson(row[c], rowPath + "[" + std::to_string(c) + "]"));
            }
        }
    } else {
        if (!values.is_array() || values.size() != shape.elements()) {
            throw InputError(path, "expected a list of " + std::to_string(shape.elements()) + " numbers (shape " +
                                       shape.str() + "), got " + describeJson(values));
        }
        for (std::size_t i = 0; i < values.size(); ++i) {
            flat.push_back(floatFromJson(values[i], path + "[" + std::to_string(i) + "]"));
        }
    }
    p.value = Tensor(shape, std::move(flat));
}

}  // namespace deepstep
