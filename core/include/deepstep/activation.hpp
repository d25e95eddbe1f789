#pragma once
// Activation: an elementwise (or, for softmax, row-wise) function applied to a
// layer's pre-activation z. Dense layers own one; the "activation" layer wraps one.

#include "deepstep/tensor.hpp"

#include <string>

namespace deepstep {

class Activation {
public:
    virtual ~Activation() = default;
    /// Registry name, e.g. "sigmoid".
    virtual std::string name() const = 0;
    /// ensures: a has z's shape and holds f(z).
    virtual Tensor forward(const Tensor& z) const = 0;
    /// Vector–Jacobian product. requires: a == forward(z); da is dL/da.
    /// ensures: returns dL/dz (for elementwise f: da ⊙ f'(z)).
    virtual Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const = 0;

    /// forward(z) written into `a`. Layers call it every step with the same `a`, so an
    /// activation that overrides it can reuse a's memory instead of allocating.
    /// requires: `a` is not `z`. ensures: a == forward(z).
    /// The default assigns forward(z); override both or neither differently.
    virtual void forwardInto(const Tensor& z, Tensor& a) const { a = forward(z); }
    /// backward(z, a, da) written into `dz`, likewise.
    /// requires: `dz` is none of z, a, da. ensures: dz == backward(z, a, da).
    virtual void backwardInto(const Tensor& z, const Tensor& a, const Tensor& da, Tensor& dz) const {
        dz = backward(z, a, da);
    }

    /// The derivative f′ at a unit whose input is z, written for the chain-rule panel
    /// in terms of the letters z (the input) and a (the output), e.g. "a(1 − a)" for
    /// the sigmoid, "1 (z > 0)" or "0 (z ≤ 0)" for ReLU; option values may appear as
    /// numbers ("0.1 (z ≤ 0)"). The viewer puts the unit's own names for z and a.
    /// Empty (the default): the viewer writes f′(z).
    virtual std::string derivativeFormula(double z) const {
        (void)z;
        return {};
    }
};

}  // namespace deepstep
