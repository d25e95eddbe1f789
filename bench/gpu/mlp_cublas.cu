// deepstep_bench_gpu_mlp: the MLP bench's epoch written by hand on the GPU, the
// practical limit at batch 64 that DeepStep's CUDA path is measured against.
//
// MLP 784-128-64-10 (ReLU, ReLU, softmax + cross-entropy), SGD with momentum 0.9,
// learning rate 0.01, batch 64, shuffled, He-normal weights and zero biases, over the
// Fashion-MNIST training images as float in [0, 1] — the same epoch as the CPU bench's
// hand-written Armadillo loop and pytorch_mlp.py. Matrices are column-major, one column
// per example; products go to cuBLAS in fp32 (no TF32), everything else is a small
// kernel, all on one stream with no host synchronisation inside the epoch. With
// --graph the kernels of one batch are captured once into a CUDA graph and replayed.
//
// Prints one JSON object: {"ok", "seconds", "samples_per_second", "mean_loss", ...};
// {"ok": false, "reason": ...} and exit 77 where no GPU is usable.
//
//   deepstep_bench_gpu_mlp [--data-dir DIR] [--limit N] [--reps R] [--graph]
#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace {

#define CHECK(call)                                                                                   \
    do {                                                                                              \
        const cudaError_t e_ = (call);                                                                \
        if (e_ != cudaSuccess) {                                                                      \
            std::printf("{\"ok\": false, \"reason\": \"%s: %s\"}\n", #call, cudaGetErrorString(e_)); \
            std::exit(1);                                                                             \
        }                                                                                             \
    } while (0)
#define CHECK_BLAS(call)                                                                             \
    do {                                                                                             \
        const cublasStatus_t s_ = (call);                                                            \
        if (s_ != CUBLAS_STATUS_SUCCESS) {                                                           \
            std::printf("{\"ok\": false, \"reason\": \"%s: cuBLAS status %d\"}\n", #call, (int)s_); \
            std::exit(1);                                                                            \
        }                                                                                            \
    } while (0)

// ---- data ----

std::vector<unsigned char> readGz(const std::string& path) {
    std::vector<unsigned char> out;
    gzFile f = gzopen(path.c_str(), "rb");
    if (f == nullptr) return out;
    unsigned char buffer[1 << 16];
    int got = 0;
    while ((got = gzread(f, buffer, sizeof buffer)) > 0)
        out.insert(out.end(), buffer, buffer + got);
    gzclose(f);
    return out;
}

unsigned bigEndian(const unsigned char* p) { return (unsigned(p[0]) << 24) | (unsigned(p[1]) << 16) | (unsigned(p[2]) << 8) | p[3]; }

// Images as columns (784 × n) in [0, 1] and labels; false when the files are missing or
// not what they should be.
bool loadFashion(const std::string& dir, int limit, std::vector<float>& x, std::vector<int>& y, int& n) {
    const std::vector<unsigned char> images = readGz(dir + "/train-images-idx3-ubyte.gz");
    const std::vector<unsigned char> labels = readGz(dir + "/train-labels-idx1-ubyte.gz");
    if (images.size() < 16 || labels.size() < 8 || bigEndian(images.data()) != 0x803 ||
        bigEndian(labels.data()) != 0x801)
        return false;
    const unsigned count = bigEndian(images.data() + 4);
    if (bigEndian(images.data() + 8) != 28 || bigEndian(images.data() + 12) != 28 ||
        bigEndian(labels.data() + 4) != count || images.size() != 16 + std::size_t(count) * 784 ||
        labels.size() != 8 + std::size_t(count))
        return false;
    n = limit > 0 ? std::min<int>(limit, int(count)) : int(count);
    x.resize(std::size_t(n) * 784);
    y.resize(std::size_t(n));
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = float(images[16 + i]) / 255.0F;
    for (int i = 0; i < n; ++i)
        y[std::size_t(i)] = labels[8 + std::size_t(i)];
    return true;
}

// ---- kernels ----

constexpr int kThreads = 256;
unsigned blocks(std::size_t n) { return unsigned((n + kThreads - 1) / kThreads); }

// The batch's columns and one-hot targets, gathered by the shuffled order.
__global__ void gather(const float* x, const int* y, const int* order, int first, int batch, float* xb, float* tb) {
    const std::size_t i = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i < std::size_t(batch) * 784) {
        const int col = int(i / 784);
        xb[i] = x[std::size_t(order[first + col]) * 784 + i % 784];
    }
    if (i < std::size_t(batch) * 10) {
        const int col = int(i / 10);
        tb[i] = y[order[first + col]] == int(i % 10) ? 1.0F : 0.0F;
    }
}

__global__ void biasRelu(float* z, float* a, const float* b, int rows, int cols, bool relu) {
    const std::size_t i = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= std::size_t(rows) * cols) return;
    const float v = z[i] + b[i % rows];
    z[i] = v;
    a[i] = relu ? (v > 0.0F ? v : 0.0F) : v;
}

// Softmax of each column, dZ = (P − T) / batch, and the batch's loss added to *lossSum.
__global__ void softmaxLoss(const float* z, const float* t, float* dz, int batch, float* lossSum) {
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    if (col >= batch) return;
    const float* zc = z + col * 10;
    float top = zc[0];
    for (int k = 1; k < 10; ++k)
        top = fmaxf(top, zc[k]);
    float p[10];
    float sum = 0.0F;
    for (int k = 0; k < 10; ++k) {
        p[k] = expf(zc[k] - top);
        sum += p[k];
    }
    float loss = 0.0F;
    for (int k = 0; k < 10; ++k) {
        p[k] /= sum;
        const float tk = t[col * 10 + k];
        if (tk > 0.0F) loss -= logf(fmaxf(p[k], 1e-30F));
        dz[col * 10 + k] = (p[k] - tk) / float(batch);
    }
    atomicAdd(lossSum, loss);
}

__global__ void reluBackward(float* dz, const float* z, std::size_t n) {
    const std::size_t i = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i < n && z[i] <= 0.0F) dz[i] = 0.0F;
}

__global__ void rowSums(const float* m, float* s, int rows, int cols) {
    const int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    float sum = 0.0F;
    for (int c = 0; c < cols; ++c)
        sum += m[std::size_t(c) * rows + r];
    s[r] = sum;
}

__global__ void momentum(float* w, float* v, const float* g, std::size_t n, float lr, float mu) {
    const std::size_t i = std::size_t(blockIdx.x) * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float vel = mu * v[i] - lr * g[i];
    v[i] = vel;
    w[i] += vel;
}

struct Layer {
    int in = 0, out = 0;
    float *w = nullptr, *b = nullptr, *dw = nullptr, *db = nullptr, *vw = nullptr, *vb = nullptr;
    float *z = nullptr, *a = nullptr, *dz = nullptr;
};

float* deviceFloats(std::size_t n) {
    float* p = nullptr;
    CHECK(cudaMalloc(&p, n * sizeof(float)));
    CHECK(cudaMemset(p, 0, n * sizeof(float)));
    return p;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dataDir = "/usr/share/datasets/fashion-mnist";
    int limit = 0, reps = 3;
    bool graph = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--data-dir" && i + 1 < argc) dataDir = argv[++i];
        else if (a == "--limit" && i + 1 < argc) limit = std::atoi(argv[++i]);
        else if (a == "--reps" && i + 1 < argc) reps = std::max(1, std::atoi(argv[++i]));
        else if (a == "--graph") graph = true;
        else {
            std::fprintf(stderr, "usage: deepstep_bench_gpu_mlp [--data-dir DIR] [--limit N] [--reps R] [--graph]\n");
            return 2;
        }
    }
    int devices = 0;
    if (const cudaError_t e = cudaGetDeviceCount(&devices); e != cudaSuccess || devices == 0) {
        std::printf("{\"ok\": false, \"reason\": \"no usable GPU: %s\"}\n",
                    e != cudaSuccess ? cudaGetErrorString(e) : "no device");
        return 77;
    }
    std::vector<float> x;
    std::vector<int> y;
    int n = 0;
    if (!loadFashion(dataDir, limit, x, y, n)) {
        std::printf("{\"ok\": false, \"reason\": \"no Fashion-MNIST training files in %s\"}\n", dataDir.c_str());
        return 1;
    }
    constexpr int kBatch = 64;
    const float lr = 0.01F, mu = 0.9F;
    cudaStream_t stream;
    CHECK(cudaStreamCreate(&stream));
    cublasHandle_t blas;
    CHECK_BLAS(cublasCreate(&blas));
    CHECK_BLAS(cublasSetStream(blas, stream));
    CHECK_BLAS(cublasSetMathMode(blas, CUBLAS_DEFAULT_MATH));  // fp32, no TF32

    float* dX = deviceFloats(x.size());
    CHECK(cudaMemcpy(dX, x.data(), x.size() * sizeof(float), cudaMemcpyHostToDevice));
    int *dY = nullptr, *dOrder = nullptr;
    CHECK(cudaMalloc(&dY, y.size() * sizeof(int)));
    CHECK(cudaMemcpy(dY, y.data(), y.size() * sizeof(int), cudaMemcpyHostToDevice));
    CHECK(cudaMalloc(&dOrder, y.size() * sizeof(int)));
    float* xb = deviceFloats(std::size_t(784) * kBatch);
    float* tb = deviceFloats(std::size_t(10) * kBatch);
    float* lossSum = deviceFloats(1);

    const int sizes[4] = {784, 128, 64, 10};
    Layer layers[3];
    for (int l = 0; l < 3; ++l) {
        Layer& L = layers[l];
        L.in = sizes[l];
        L.out = sizes[l + 1];
        const std::size_t weights = std::size_t(L.in) * L.out;
        L.w = deviceFloats(weights);
        L.dw = deviceFloats(weights);
        L.vw = deviceFloats(weights);
        L.b = deviceFloats(std::size_t(L.out));
        L.db = deviceFloats(std::size_t(L.out));
        L.vb = deviceFloats(std::size_t(L.out));
        L.z = deviceFloats(std::size_t(L.out) * kBatch);
        L.a = deviceFloats(std::size_t(L.out) * kBatch);
        L.dz = deviceFloats(std::size_t(L.out) * kBatch);
    }
    const float one = 1.0F, zero = 0.0F;
    // One batch of `batch` columns starting at `first` of the shuffled order.
    auto step = [&](int first, int batch) {
        gather<<<blocks(std::size_t(784) * batch), kThreads, 0, stream>>>(dX, dY, dOrder, first, batch, xb, tb);
        const float* input = xb;
        for (int l = 0; l < 3; ++l) {
            Layer& L = layers[l];
            CHECK_BLAS(cublasSgemm(blas, CUBLAS_OP_N, CUBLAS_OP_N, L.out, batch, L.in, &one, L.w, L.out, input, L.in,
                                   &zero, L.z, L.out));
            biasRelu<<<blocks(std::size_t(L.out) * batch), kThreads, 0, stream>>>(L.z, L.a, L.b, L.out, batch, l < 2);
            input = L.a;
        }
        softmaxLoss<<<1, kBatch, 0, stream>>>(layers[2].z, tb, layers[2].dz, batch, lossSum);
        for (int l = 2; l >= 0; --l) {
            Layer& L = layers[l];
            const float* below = l == 0 ? xb : layers[l - 1].a;
            CHECK_BLAS(cublasSgemm(blas, CUBLAS_OP_N, CUBLAS_OP_T, L.out, L.in, batch, &one, L.dz, L.out, below, L.in,
                                   &zero, L.dw, L.out));
            rowSums<<<blocks(std::size_t(L.out)), kThreads, 0, stream>>>(L.dz, L.db, L.out, batch);
            if (l > 0) {
                Layer& P = layers[l - 1];
                CHECK_BLAS(cublasSgemm(blas, CUBLAS_OP_T, CUBLAS_OP_N, L.in, batch, L.out, &one, L.w, L.out, L.dz,
                                       L.out, &zero, P.dz, P.out));
                reluBackward<<<blocks(std::size_t(P.out) * batch), kThreads, 0, stream>>>(P.dz, P.z,
                                                                                           std::size_t(P.out) * batch);
            }
        }
        for (Layer& L : layers) {
            const std::size_t weights = std::size_t(L.in) * L.out;
            momentum<<<blocks(weights), kThreads, 0, stream>>>(L.w, L.vw, L.dw, weights, lr, mu);
            momentum<<<blocks(std::size_t(L.out)), kThreads, 0, stream>>>(L.b, L.vb, L.db, std::size_t(L.out), lr, mu);
        }
    };

    double best = 1e300;
    double meanLoss = 0.0;
    std::mt19937 rng(7);
    std::vector<int> order(std::size_t(n), 0);
    for (int rep = 0; rep < reps; ++rep) {
        // Fresh He-normal weights, zero biases and velocities.
        for (Layer& L : layers) {
            std::normal_distribution<float> normal(0.0F, std::sqrt(2.0F / float(L.in)));
            std::vector<float> w(std::size_t(L.in) * L.out);
            for (float& v : w)
                v = normal(rng);
            CHECK(cudaMemcpy(L.w, w.data(), w.size() * sizeof(float), cudaMemcpyHostToDevice));
            CHECK(cudaMemset(L.vw, 0, w.size() * sizeof(float)));
            CHECK(cudaMemset(L.b, 0, std::size_t(L.out) * sizeof(float)));
            CHECK(cudaMemset(L.vb, 0, std::size_t(L.out) * sizeof(float)));
        }
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
        CHECK(cudaMemcpy(dOrder, order.data(), order.size() * sizeof(int), cudaMemcpyHostToDevice));
        CHECK(cudaMemset(lossSum, 0, sizeof(float)));
        CHECK(cudaDeviceSynchronize());
        const auto start = std::chrono::steady_clock::now();
        const int full = n / kBatch;
        if (graph && full > 0) {
            // One full batch captured once and replayed: the captured gather reads the
            // order's first 64 entries, so each batch's indices are copied there first.
            cudaGraph_t g;
            cudaGraphExec_t exec;
            int* shifted = dOrder;
            CHECK(cudaStreamBeginCapture(stream, cudaStreamCaptureModeGlobal));
            step(0, kBatch);
            CHECK(cudaStreamEndCapture(stream, &g));
            CHECK(cudaGraphInstantiate(&exec, g, 0));
            for (int b = 0; b < full; ++b) {
                // The captured gather reads dOrder[0 .. 63]: copy this batch's indices there first.
                if (b > 0)
                    CHECK(cudaMemcpyAsync(shifted, order.data() + std::size_t(b) * kBatch, kBatch * sizeof(int),
                                          cudaMemcpyHostToDevice, stream));
                CHECK(cudaGraphLaunch(exec, stream));
            }
            CHECK(cudaGraphExecDestroy(exec));
            CHECK(cudaGraphDestroy(g));
        } else {
            for (int b = 0; b < full; ++b)
                step(b * kBatch, kBatch);
        }
        if (n % kBatch != 0) step(full * kBatch, n % kBatch);
        CHECK(cudaStreamSynchronize(stream));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        float loss = 0.0F;
        CHECK(cudaMemcpy(&loss, lossSum, sizeof(float), cudaMemcpyDeviceToHost));
        best = std::min(best, seconds);
        meanLoss = double(loss) / n;
    }
    cudaDeviceProp p{};
    CHECK(cudaGetDeviceProperties(&p, 0));
    std::printf("{\"ok\": true, \"gpu\": \"%s\", \"graph\": %s, \"samples\": %d, \"seconds\": %.6f, "
                "\"samples_per_second\": %.1f, \"mean_loss\": %.6f}\n",
                p.name, graph ? "true" : "false", n, best, n / best, meanLoss);
    return 0;
}
