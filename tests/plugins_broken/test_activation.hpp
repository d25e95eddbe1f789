#pragma once
// The one component the test plugins register: an identity activation under any name.

#include "deepstep/activation.hpp"
#include "deepstep/registry.hpp"

#include <memory>
#include <string>

namespace deepstep::testing {

class NamedIdentity : public Activation {
public:
    explicit NamedIdentity(std::string name) : name_(std::move(name)) {}
    std::string name() const override { return name_; }
    Tensor forward(const Tensor& z) const override { return z; }
    Tensor backward(const Tensor& /*z*/, const Tensor& /*a*/, const Tensor& da) const override { return da; }

private:
    std::string name_;
};

inline void addIdentity(Registry& registry, const std::string& name) {
    registry.addActivation(ComponentInfo{Kind::Activation, name, {"Identity (test).", "항등 함수(테스트용)."}, {}, {}},
                           [name](const Options&) { return std::make_unique<NamedIdentity>(name); });
}

}  // namespace deepstep::testing
