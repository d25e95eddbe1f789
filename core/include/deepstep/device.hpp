#pragma once
// Devices DeepStep can compute on: the CPU, always, and NVIDIA GPUs through the CUDA
// backend, a module (libdeepstep_cuda.so) built where the CUDA toolkit is found and
// loaded only when a GPU is listed or chosen. A machine without the module, an NVIDIA
// driver or a GPU runs everything on the CPU, and says why once; nothing crashes and
// nothing switches silently.
//
// The backend's operations (deepstep::gpu below) are the small set the built-in
// layers, losses and optimizers need: products through cuBLAS in fp32 (no TF32),
// bias, activations, softmax with cross-entropy, sums and the SGD update. Each has a
// CPU twin in the engine, and tests/tst_cuda.cpp compares the two on random shapes
// wherever a GPU is usable (it skips, saying why, everywhere else).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace deepstep {

/// Why a GPU cannot be used (None: it can).
enum class DeviceProblem {
    None,
    NotBuilt,       ///< this DeepStep was built without the CUDA backend (no toolkit at build time)
    NotLoaded,      ///< the backend module is missing or cannot be loaded (detail: the loader's message)
    NoDriver,       ///< no NVIDIA driver on this machine
    DriverTooOld,   ///< the driver is older than the CUDA runtime the backend was built with
    NoDevice,       ///< a driver, but no GPU it can use
    Failed,         ///< the driver reported another error (detail: its text)
};

/// One device as `deepstep devices` lists it.
struct DeviceInfo {
    std::string id;                 ///< "cpu", "cuda:0", "cuda:1", ...; "cuda" when no GPU is usable
    std::string name;               ///< "AMD EPYC", "NVIDIA H200"; empty when not known
    std::uint64_t memoryBytes = 0;  ///< total memory (the machine's for the CPU); 0 when not known
    int threads = 0;                ///< the CPU: threads DeepStep computes on (computeThreads())
    std::string computeCapability;  ///< a GPU's, "9.0"
    std::string driverVersion;      ///< the CUDA driver's version, "13.0"; empty without one
    std::string runtimeVersion;     ///< the CUDA runtime the backend was built with; empty without it
    DeviceProblem problem = DeviceProblem::None;
    std::string detail;             ///< the loader's or the driver's own words, for NotLoaded and Failed
    bool usable() const { return problem == DeviceProblem::None; }
};

/// Every device: the CPU first, then each GPU the CUDA backend sees, or one entry "cuda"
/// saying why none can be used. Loads the backend module on first use (once a process).
std::vector<DeviceInfo> listDevices();

/// The device a run asked for and the one it runs on.
struct DeviceChoice {
    std::string requested;  ///< as given: "cpu", "cuda" or "cuda:N"
    DeviceInfo device;      ///< where it runs: the GPU asked for, or the CPU
    /// Set when a GPU was asked for and cannot be used: the run goes on on the CPU, and
    /// the program says so once, with this reason.
    DeviceProblem fallback = DeviceProblem::None;
    std::string fallbackDetail;
    int gpu = -1;  ///< the CUDA device number when device is a GPU, else -1
};

/// Checks the form of a device name ("cpu", "cuda", "cuda:N") without looking for GPUs.
/// throws InputError(where, "expected cpu, cuda or cuda:N ...") otherwise.
void checkDeviceName(const std::string& name, const std::string& where);

/// Resolves a device name. "cuda" means the first usable GPU.
/// throws InputError(where, "expected cpu, cuda or cuda:N, got \"...\"") for another name, and
/// InputError(where, "... there are only K GPUs") for a GPU number past the last one.
DeviceChoice chooseDevice(const std::string& requested, const std::string& where);

/// The problem's short English text (the CLI and the Studio show their own translations).
std::string problemText(DeviceProblem problem);

namespace gpu {

class Backend;

/// Floats in a GPU's memory, freed with the object. Move-only.
class Buffer {
public:
    Buffer() = default;
    /// requires: a usable backend. throws std::runtime_error when the GPU is out of memory.
    Buffer(const Backend& backend, std::size_t count);
    ~Buffer();
    Buffer(Buffer&& other) noexcept;
    Buffer& operator=(Buffer&& other) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    float* data() const { return data_; }
    std::size_t size() const { return count_; }
    /// Copies host values in (count = size()) and out.
    void upload(const float* values);
    void download(float* values) const;
    /// Makes room for at least `count` floats, keeping nothing (a batch buffer that
    /// grows with the batch). requires: a backend (constructed with one, or `backend`).
    void reserve(const Backend& backend, std::size_t count);

private:
    const Backend* backend_ = nullptr;
    float* data_ = nullptr;
    std::size_t count_ = 0;
};

/// Activations with a GPU form (as the backprop plugin's of the same name).
enum class Activation { Identity = 0, Relu = 1, Sigmoid = 2, Tanh = 3 };
/// The elementwise activation registered as `name` ("identity", "relu", "sigmoid",
/// "tanh"), if it has a GPU form; false otherwise.
bool elementwiseActivation(const std::string& name, Activation* out);

/// A sliding window on one input image C×H×W, a convolution's or a pooling's (pooling:
/// groups = channels, dilation 1). Sizes as deepstep/cnn/geometry.hpp works them out.
struct Window {
    int channels = 1, height = 1, width = 1;
    int groups = 1;
    int kernelH = 1, kernelW = 1;
    int strideH = 1, strideW = 1;
    int padTop = 0, padLeft = 0;
    int dilationH = 1, dilationW = 1;
    int outH = 1, outW = 1;
};

/// Losses with a GPU form (as the backprop plugin's of the same name).
enum class LossKind { Mse = 0, Mae = 1, BinaryCrossEntropy = 2, CategoricalCrossEntropy = 3 };

/// The CUDA backend's operations on device memory, column-major matrices as in BLAS.
/// Each throws std::runtime_error with the driver's words when the GPU reports an error.
class Backend {
public:
    /// The backend with `device` current on the calling thread, or nullptr when no GPU
    /// can be used (`why` then says why, when given).
    /// requires: device is a CUDA device number (chooseDevice().gpu).
    static const Backend* open(int device, DeviceProblem* why = nullptr, std::string* detail = nullptr);
    /// The backend of the GPU a choice runs on, or nullptr: for the CPU (`why` None), and
    /// for a GPU that cannot be used (`why` and `detail` then say why: the choice's
    /// fallback, or what open(device) found).
    static const Backend* open(const DeviceChoice& choice, DeviceProblem* why = nullptr,
                               std::string* detail = nullptr);

    /// C = alpha·op(A)·op(B) + beta·C, C m × n.
    void gemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, int lda, const float* b,
              int ldb, float beta, float* c, int ldc) const;
    /// Z (rows × cols) += b on every column.
    void addBias(float* z, const float* b, int rows, int cols) const;
    /// s (rows) = Σ over the columns of M (rows × cols), each row summed in column order.
    void rowSums(const float* m, float* s, int rows, int cols) const;
    void activationForward(Activation kind, const float* z, float* a, std::size_t n) const;
    /// dz = f'(z) · da (from z for ReLU, from a = f(z) for sigmoid and tanh).
    void activationBackward(Activation kind, const float* z, const float* a, const float* da, float* dz,
                            std::size_t n) const;
    /// Softmax over each column of Z (classes × batch); loss[0] = mean cross-entropy
    /// against the one-hot columns of T; dZ = (P − T) / batch.
    void softmaxCrossEntropy(const float* z, const float* t, float* p, float* dz, float* loss, int classes,
                             int batch) const;
    /// v = μ·v − η·g, w += v (the built-in sgd for μ = 0, whatever v held; momentum otherwise).
    void sgdMomentum(float* w, float* v, const float* g, std::size_t n, float learningRate, float momentum) const;
    /// Waits for every queued operation.
    void synchronize() const;

    /// n floats from the host to the device and back (both wait for the copy).
    void toDevice(float* device, const float* host, std::size_t n) const;
    void toHost(float* host, const float* device, std::size_t n) const;
    /// n floats from device memory to device memory; every value of d set to `value`.
    void copy(float* dst, const float* src, std::size_t n) const;
    void fill(float* d, float value, std::size_t n) const;
    /// Softmax over each column of Z (classes × batch), the maximum subtracted.
    void softmaxForward(const float* z, float* p, int classes, int batch) const;
    /// dZ = P ⊙ (dP − Σ_k dP_k·P_k) per column (P = softmax(Z)).
    void softmaxBackward(const float* p, const float* dp, float* dz, int classes, int batch) const;
    /// loss[0] = scale · Σ ℓ(o, t) over n values (summed in double), and
    /// grad = scale · ∂ℓ/∂o, or scale · (o − t) when fused; grad or loss may be null.
    /// param: MSE's factor (1 or ½), the cross-entropies' ε.
    void loss(LossKind kind, bool fused, const float* o, const float* t, float* grad, float* loss, std::size_t n,
              double scale, float param) const;
    /// g += λ1·sign(w) + λ2·w over n values; penalty[0] += λ1·Σ|w| + ½·λ2·Σw².
    void weightDecay(const float* w, float* g, std::size_t n, double l1, double l2, float* penalty) const;

    /// im2col of `batch` images (N·C·H·W) into `columns`, row-major
    /// [groups][patch][batch·positions] (deepstep/cnn/im2col.hpp's layout).
    void im2col(const float* x, int batch, const Window& w, float* columns) const;
    /// Its adjoint, written into dx (not added).
    void col2im(const float* columns, int batch, const Window& w, float* dx) const;
    /// dst[j][i][k] = src[i][j][k] for a × b blocks of `inner` floats.
    void swapBlocks(const float* src, float* dst, int a, int b, int inner) const;
    /// Max pooling per channel; winner[o] = the index (y·W + x) in its plane of the
    /// first largest input of output o's window (padding never wins).
    void maxPoolForward(const float* x, int batch, const Window& w, float* y, float* winner) const;
    /// dx (written): each pixel the sum of the dy of the outputs it won.
    void maxPoolBackward(const float* dy, const float* winner, int batch, const Window& w, float* dx) const;
    /// Average pooling per channel, padding as zeros: the window's sum / (kh·kw).
    void avgPoolForward(const float* x, int batch, const Window& w, float* y) const;
    void avgPoolBackward(const float* dy, int batch, const Window& w, float* dx) const;

    struct Table;  ///< the module's function table (core/cuda/include/deepstep_cuda_abi.h)
    explicit Backend(const Table* table) : table_(table) {}
    const Table* table() const { return table_; }

private:
    const Table* table_;
};

}  // namespace gpu

}  // namespace deepstep
