#pragma once
// Activation: an elementwise (or, for softmax, row-wise) function applied to a
// layer's pre-activation z. Dense layers own one; the "activation" layer wraps one.

#include "deepstep/tensor.hpp"

#include <cstddef>
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

    /// Elementwise activations only: f applied to the n values z[0, n), written to
    /// a[0, n) — a slice of a layer's output, which a layer fills chunk by chunk, on
    /// several threads, while the slice is still in the processor's cache.
    /// requires: z and a hold n floats and do not overlap (n = 0: both may be null).
    /// ensures: returns true and a[i] holds exactly what forward() gives for z[i]; or,
    /// for an activation that is not elementwise (softmax) or does not offer it (the
    /// default), returns false and writes nothing: the layer then calls forwardInto on
    /// the whole tensor. Called with n = 0 it only answers. Safe to call concurrently on
    /// different slices.
    virtual bool forwardValues(const float* z, float* a, std::size_t n) const {
        (void)z, (void)a, (void)n;
        return false;
    }
    /// Likewise for backward: dz[i] = da[i]·f′(z[i]) (a[i] = f(z[i]) given), exactly as
    /// backward() gives it; false and nothing written when not offered.
    /// requires: dz overlaps none of z, a, da; all hold n floats.
    virtual bool backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const {
        (void)z, (void)a, (void)da, (void)dz, (void)n;
        return false;
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
