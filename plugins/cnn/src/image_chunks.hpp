#pragma once
// How the cnn plugin's layers share a batch of images out over DeepStep's threads
// (deepstep/parallel.hpp): fixed chunks of images, run side by side where OpenBLAS
// keeps the layer's products on the calling thread.
#include "deepstep/blas.hpp"
#include "deepstep/parallel.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>

namespace deepstep::cnn {

// Images per chunk when a layer shares a batch out over DeepStep's threads. Chunks
// are fixed by the batch (see deepstep::chunkCount), so a layer's partial sums, one
// per chunk, add up the same way at any thread count.
inline constexpr std::size_t kImagesPerChunk = 8;

/// The image range [first, last) of chunk `chunk` of a batch of `batch` images.
struct ImageRange {
    std::size_t first = 0;
    std::size_t last = 0;
};
inline ImageRange imageRange(std::size_t chunk, std::size_t batch) {
    const std::size_t first = std::min(chunk * kImagesPerChunk, batch);
    return {first, std::min(first + kImagesPerChunk, batch)};
}

/// Runs body(chunk) for every chunk of a batch of `batch` images: side by side on
/// DeepStep's threads when every product a chunk makes (`largestProduct` multiply-adds
/// at most) stays on the calling thread in OpenBLAS, or OpenBLAS has one thread; else one
/// chunk after another, so that OpenBLAS's own threads take each product and the two
/// never run more threads than there are cores.
/// body(chunk, slot): slot in [0, computeThreads()) indexes per-thread workspaces.
inline void forEachImageChunk(std::size_t batch, double largestProduct,
                              const std::function<void(std::size_t chunk, std::size_t slot)>& body) {
    const std::size_t chunks = chunkCount(batch, kImagesPerChunk);
    if (largestProduct <= kBlasSingleThreadProduct || blasThreads() == 1) {
        parallelChunks(chunks, body);
    } else {
        for (std::size_t c = 0; c < chunks; ++c)
            body(c, 0);
    }
}

inline void forEachImageChunk(std::size_t batch, double largestProduct, const std::function<void(std::size_t)>& body) {
    forEachImageChunk(batch, largestProduct, [&body](std::size_t chunk, std::size_t /*slot*/) { body(chunk); });
}

}  // namespace deepstep::cnn
