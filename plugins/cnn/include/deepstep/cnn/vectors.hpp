#pragma once
// The cnn plugin's wide-vector forms: where the processor has AVX-512, im2col,
// col2im and 2×2 max pooling run on 16 floats at a time with masked loads and stores
// (their portable loops stay for every other processor and every other geometry).
// The two forms give bit-identical results.

namespace deepstep::cnn {

/// Whether this processor can run the AVX-512 forms (it has AVX-512 F and the system
/// saves its registers).
bool hasWideVectors();

/// Lets (true, the default) or stops (false) the AVX-512 forms, so that a test can
/// compare the two on one machine. requires: no layer of the plugin is running.
void allowWideVectors(bool allowed);

/// hasWideVectors() and not stopped by allowWideVectors(false).
bool useWideVectors();

}  // namespace deepstep::cnn
