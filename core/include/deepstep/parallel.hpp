#pragma once
// DeepStep's own threads: layers split a batch into chunks of images and run the
// chunks side by side.
//
// A convolution's per-image matrix products are narrow (LeNet's conv1: 784 × 25 by
// 25 × 6); OpenBLAS runs such products on one thread however many it has, so a second
// core helps only when the images themselves are shared out. The BLAS keeps the thread
// count it was started with (OPENBLAS_NUM_THREADS) for the wide products of dense
// layers; the chunks here run the narrow ones, below the size at which OpenBLAS would
// start threads of its own, so the two never run more threads than there are cores.
//
// Results do not depend on the thread count: a layer that sums over the chunks keeps
// one partial sum per chunk and adds them in chunk order, and the chunks are fixed by
// the batch, not by the threads (see chunkCount()).

#include <cstddef>
#include <functional>

namespace deepstep {

/// How many threads parallelChunks() uses, caller included (at least 1). Decided once,
/// at the first call, from the first of DEEPSTEP_THREADS, OPENBLAS_NUM_THREADS and
/// OMP_NUM_THREADS that holds a positive integer, else the number of CPUs this process
/// may run on; at most 64.
std::size_t computeThreads();

/// Changes the thread count (a test, or a program's --threads option).
/// requires: threads >= 1 and no parallelChunks() running. ensures: computeThreads()
/// == min(threads, 64).
void setComputeThreads(std::size_t threads);

/// Runs body(chunk) once for every chunk in [0, chunks), on up to computeThreads()
/// threads; returns when all have run. The caller's thread takes part. A call made
/// while another is running (from inside a body, or from a second thread) runs its
/// chunks on the calling thread, one after another, so calls never wait for each other.
/// requires: body may run concurrently for different chunks (each writes only its own
/// outputs). ensures: an exception thrown by a body is rethrown here after every chunk
/// already started has finished (the first one, when several throw).
void parallelChunks(std::size_t chunks, const std::function<void(std::size_t chunk)>& body);

/// parallelChunks() for bodies that keep a workspace per thread: body(chunk, slot)
/// with slot in [0, computeThreads()), and no two chunks that run at the same time
/// get the same slot, so slot indexes workspaces sized computeThreads() (read
/// computeThreads() before the call). Same requires and ensures as above.
void parallelChunks(std::size_t chunks, const std::function<void(std::size_t chunk, std::size_t slot)>& body);

/// The number of chunks a batch of `items` is cut into for parallelChunks(): items
/// divided by `perChunk`, rounded up (0 for no items). Fixed by the batch alone, so a
/// sum over chunks adds the same partial sums in the same order at any thread count.
/// requires: perChunk >= 1.
constexpr std::size_t chunkCount(std::size_t items, std::size_t perChunk) {
    return (items + perChunk - 1) / perChunk;
}

}  // namespace deepstep
