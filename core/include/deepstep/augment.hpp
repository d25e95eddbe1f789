#pragma once
// Random image augmentation for training batches (the "data augmentation" topic):
// small shifts, left–right mirroring and pixel noise, drawn afresh for every image
// every time a batch is made, so the network never sees quite the same picture twice.
//
// Pixels are expected in [0, 1] (what the image datasets deliver). Everything draws
// from the Rng it is given, so a seeded run is reproducible.

#include "deepstep/options.hpp"
#include "deepstep/random.hpp"
#include "deepstep/tensor.hpp"

namespace deepstep {

/// Random image augmentation for training batches.
struct Augmentation {
    /// Pixels; each image moves by a uniform integer in [-maxShift, maxShift] in x and
    /// y, zero-filled.
    int maxShift = 0;
    /// Each image mirrored left–right with probability 1/2.
    bool flipHorizontal = false;
    /// σ of Gaussian noise added to every pixel, then clamped to [0, 1].
    float noise = 0.0F;
    /// True when augment() would change anything at all.
    bool any() const;
};

/// The option schema for an "augment" object in experiments: shift (integer pixels,
/// default 0), flip (flag, default false), noise (σ, default 0); help in en and ko.
const Schema& augmentationSchema();

/// requires: `o` was resolved against augmentationSchema().
Augmentation augmentationFromOptions(const Options& o);

/// Augments every sample of `images` in place.
/// requires: images is N×C×H×W (rank 4) or N×H×W (rank 3, one channel).
/// ensures: for each image in batch order, draws in this order, each only when its
///   part is enabled: dx then dy, each rng.index(2·maxShift + 1) − maxShift; then the
///   flip (rng.uniform() < 0.5); then one rng.normal(0, noise) per pixel in row-major
///   order. The image moves dx pixels right and dy pixels down, the same for all its
///   channels (out(y, x) = in(y − dy, x − dx), 0 where that falls outside); the mirror
///   is applied after the shift; noise last, then every pixel is clamped to [0, 1].
///   When any() is false, `images` is left untouched whatever its shape.
/// throws InputError "augment: …" when the batch is not images (rank < 3) and any()
///   is true; "augment.shift: …" when maxShift < 0, "augment.noise: …" when noise < 0.
void augment(Tensor& images, const Augmentation& a, Rng& rng);

}  // namespace deepstep
