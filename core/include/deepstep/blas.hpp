#pragma once
// The BLAS under Armadillo: which kernels it runs, and how to pick better ones.
//
// DeepStep's core does not link a BLAS itself; OpenBLAS arrives with the first plugin
// that does arithmetic (through Armadillo). OpenBLAS 0.3.21 (Debian 12) does not know
// AMD's AVX-512 processors (Zen 4 and later) and runs its AVX2 "Haswell" kernels on
// them, about 1.4 times slower for the matrix products that dominate training. Its
// AVX-512 "SkylakeX" kernels run correctly there: the instructions are the same.
// OpenBLAS reads the choice from OPENBLAS_CORETYPE once, when it is loaded, so the
// programs (the CLI, the Studio, the bench) call preferFastBlasKernels() first thing.

#include <string>

namespace deepstep {

/// The OpenBLAS kernel set worth asking for on this CPU, or "" when OpenBLAS's own
/// choice is already right: "SkylakeX" on an AMD CPU with AVX-512 F, CD, BW, DQ and VL.
std::string recommendedBlasCoreType();

/// Sets OPENBLAS_CORETYPE to recommendedBlasCoreType() unless the user has set it.
/// requires: OpenBLAS is not loaded yet (afterwards the variable changes nothing).
/// ensures: returns true when it set the variable.
bool preferFastBlasKernels();

/// Sets OPENBLAS_THREAD_TIMEOUT to 16 unless the user has set it: OpenBLAS's idle
/// threads then wait for the next product by spinning for 2^16 cycles (some 25 µs:
/// long enough for the products of one dense layer after another) and then sleep,
/// instead of spinning, calling sched_yield, for 2^28 cycles (a tenth of a second). A
/// convolution runs its narrow products on DeepStep's own threads
/// (deepstep/parallel.hpp) right after a dense layer's wide product woke OpenBLAS's
/// threads; spinning, those took a core from them (a LeNet-5 epoch at two threads:
/// 4.8 s against 4.5 s, and 5.7 against 4.9 before the activations vectorised).
/// requires: OpenBLAS is not loaded yet. ensures: returns true when it set the variable.
bool preferSleepingBlasThreads();

/// What a program calls first thing, before OpenBLAS loads: preferFastBlasKernels()
/// and preferSleepingBlasThreads(), each leaving a variable the user set alone.
void preferBlasDefaults();

/// The kernels OpenBLAS runs ("SkylakeX", "Haswell", ...), "" when no OpenBLAS is
/// loaded into the process.
std::string blasCoreName();

/// The threads OpenBLAS splits a large product over (its OPENBLAS_NUM_THREADS), 0 when
/// no OpenBLAS is loaded into the process (another BLAS's threading is not known).
/// OpenBLAS runs products of up to kBlasSingleThreadProduct multiply-adds on the
/// calling thread whatever this says.
int blasThreads();

/// The largest product (m·n·k multiply-adds) that OpenBLAS 0.3 always runs on the
/// calling thread (65,536 × its default GEMM_MULTITHREAD_THRESHOLD of 4). Products this
/// small can run side by side on DeepStep's own threads without oversubscribing the
/// cores.
inline constexpr double kBlasSingleThreadProduct = 65536.0 * 4.0;

}  // namespace deepstep
