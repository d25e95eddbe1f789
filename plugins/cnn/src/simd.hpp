#pragma once
// Helpers of the cnn plugin's AVX-512 forms (see deepstep/cnn/vectors.hpp). Each form
// is a function with __attribute__((target("avx512f"))) in a file compiled for the
// plain x86-64 baseline, called only when useWideVectors() says so.
#include <algorithm>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DEEPSTEP_CNN_AVX512 1
#include <immintrin.h>
#else
#define DEEPSTEP_CNN_AVX512 0
#endif

namespace deepstep::cnn::simd {

#if DEEPSTEP_CNN_AVX512
/// Lanes [0, n) of 16, n clamped to [0, 16].
inline __mmask16 firstLanes(long long n) {
    return static_cast<__mmask16>((1U << static_cast<unsigned>(std::clamp(n, 0LL, 16LL))) - 1U);
}

/// Lanes [lo, hi) of 16 (each clamped to [0, 16]).
inline __mmask16 laneRange(long long lo, long long hi) {
    return static_cast<__mmask16>(firstLanes(hi) & ~firstLanes(lo));
}

/// The address of element `offset` of a row, which may lie outside it, formed in
/// integers: a masked load or store never touches the lanes masked off.
inline std::uintptr_t elementAddress(const float* row, long long offset) {
    return reinterpret_cast<std::uintptr_t>(row) + static_cast<std::uintptr_t>(offset * 4);
}
#endif

}  // namespace deepstep::cnn::simd
