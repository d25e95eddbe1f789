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

// A write through a null pointer, as a real bug would make it: a SIGSEGV. Left out of
// UndefinedBehaviorSanitizer's checks so that a sanitizer build crashes the same way
// instead of reporting and exiting; volatile so that the compiler cannot prove the
// pointer null and put a trap in its place.
__attribute__((no_sanitize("undefined"), noinline)) inline int faultThroughNull(int value) {
    volatile int* volatile pointer = nullptr;
    *pointer = value;
    return *pointer;
}

}  // namespace deepstep::testing
