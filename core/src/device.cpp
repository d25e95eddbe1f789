// Devices (deepstep/device.hpp): the CPU, and the GPUs of the CUDA backend module,
// loaded with dlopen from beside libdeepstep_core the first time a GPU is listed or
// chosen (DEEPSTEP_CUDA_BACKEND names another file, e.g. for a test).
#include "deepstep/device.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/parallel.hpp"
#include "device_config.hpp"
#include "deepstep_cuda_abi.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <stdexcept>

namespace deepstep {

namespace {

constexpr int kMaxGpus = 64;

struct Loaded {
    const deepstep_cuda_backend* table = nullptr;
    DeviceProblem problem = DeviceProblem::None;
    std::string detail;
};

// The directory libdeepstep_core was loaded from ("" when unknown).
std::string coreDirectory() {
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&listDevices), &info) == 0 || info.dli_fname == nullptr) {
        return {};
    }
    const std::string path = info.dli_fname;
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

Loaded load() {
    Loaded l;
    std::string path;
    if (const char* chosen = std::getenv("DEEPSTEP_CUDA_BACKEND"); chosen != nullptr && *chosen != '\0') {
        path = chosen;
    } else if (!DEEPSTEP_CUDA_BACKEND_BUILT) {
        l.problem = DeviceProblem::NotBuilt;
        return l;
    } else {
        const std::string dir = coreDirectory();
        path = dir.empty() ? std::string(DEEPSTEP_CUDA_BACKEND_FILE) : dir + "/" + DEEPSTEP_CUDA_BACKEND_FILE;
    }
    // Only a regular file is handed to the loader: opening a FIFO would wait for a
    // writer forever, and a device file would be read without end.
    if (path.find('/') != std::string::npos) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            l.problem = DeviceProblem::NotLoaded;
            l.detail = path + ": no such file";
            return l;
        }
        if (!S_ISREG(st.st_mode)) {
            l.problem = DeviceProblem::NotLoaded;
            l.detail = path + ": not a regular file";
            return l;
        }
    }
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        l.problem = DeviceProblem::NotLoaded;
        const char* why = ::dlerror();
        l.detail = why != nullptr ? why : path;
        return l;
    }
    using Entry = const deepstep_cuda_backend* (*)();
    const auto entry = reinterpret_cast<Entry>(::dlsym(handle, "deepstep_cuda_backend_table"));
    const deepstep_cuda_backend* table = entry != nullptr ? entry() : nullptr;
    if (table == nullptr || table->abi_version != DEEPSTEP_CUDA_ABI_VERSION) {
        l.problem = DeviceProblem::NotLoaded;
        l.detail = path + (table == nullptr ? ": no deepstep_cuda_backend_table"
                                            : ": backend ABI " + std::to_string(table->abi_version) + ", expected " +
                                                  std::to_string(DEEPSTEP_CUDA_ABI_VERSION));
        ::dlclose(handle);
        return l;
    }
    l.table = table;  // kept loaded for the life of the process
    return l;
}

const Loaded& loaded() {
    static const Loaded l = load();
    return l;
}

std::string version(int cudaVersion) {
    return std::to_string(cudaVersion / 1000) + "." + std::to_string((cudaVersion % 1000) / 10);
}

std::string cpuName() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const std::size_t colon = line.find(':');
            if (colon != std::string::npos) {
                std::size_t start = colon + 1;
                while (start < line.size() && std::isspace(static_cast<unsigned char>(line[start])))
                    ++start;
                return line.substr(start);
            }
        }
    }
    return {};
}

DeviceInfo cpuInfo() {
    DeviceInfo d;
    d.id = "cpu";
    d.name = cpuName();
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0) {
        d.memoryBytes = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize);
    }
    d.threads = static_cast<int>(computeThreads());
    return d;
}

// The GPUs, or one "cuda" entry with the reason none can be used.
std::vector<DeviceInfo> gpuInfo() {
    const Loaded& l = loaded();
    DeviceInfo none;
    none.id = "cuda";
    if (l.table == nullptr) {
        none.problem = l.problem;
        none.detail = l.detail;
        return {none};
    }
    std::vector<deepstep_cuda_device> found(kMaxGpus);
    int driver = 0;
    int runtime = 0;
    const int count = l.table->probe(found.data(), kMaxGpus, &driver, &runtime);
    none.runtimeVersion = runtime > 0 ? version(runtime) : std::string();
    none.driverVersion = driver > 0 ? version(driver) : std::string();
    if (count <= 0) {
        if (driver == 0) {
            none.problem = DeviceProblem::NoDriver;
        } else if (count == -35) {  // cudaErrorInsufficientDriver
            none.problem = DeviceProblem::DriverTooOld;
        } else if (count == 0 || count == -100) {  // cudaErrorNoDevice
            none.problem = DeviceProblem::NoDevice;
        } else {
            none.problem = DeviceProblem::Failed;
            none.detail = l.table->last_error();
        }
        return {none};
    }
    std::vector<DeviceInfo> gpus;
    for (int i = 0; i < count && i < kMaxGpus; ++i) {
        DeviceInfo d;
        d.id = "cuda:" + std::to_string(i);
        d.name = found[static_cast<std::size_t>(i)].name;
        d.memoryBytes = found[static_cast<std::size_t>(i)].memory_bytes;
        d.computeCapability = std::to_string(found[static_cast<std::size_t>(i)].major) + "." +
                              std::to_string(found[static_cast<std::size_t>(i)].minor);
        d.driverVersion = none.driverVersion;
        d.runtimeVersion = none.runtimeVersion;
        gpus.push_back(d);
    }
    return gpus;
}

// "cuda:N" → N; -1 for "cuda"; throws for anything else that is not "cpu".
int parseGpuNumber(const std::string& requested, const std::string& where) {
    const auto bad = [&] {
        return InputError(where, "expected cpu, cuda or cuda:N (N a GPU number from 0), got \"" + requested + "\"");
    };
    if (requested == "cuda") return -1;
    if (requested.rfind("cuda:", 0) != 0 || requested.size() == 5 || requested.size() > 7) throw bad();
    int n = 0;
    for (std::size_t i = 5; i < requested.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(requested[i]))) throw bad();
        n = n * 10 + (requested[i] - '0');
    }
    return n;
}

}  // namespace

std::vector<DeviceInfo> listDevices() {
    std::vector<DeviceInfo> all{cpuInfo()};
    for (DeviceInfo& g : gpuInfo())
        all.push_back(std::move(g));
    return all;
}

void checkDeviceName(const std::string& name, const std::string& where) {
    if (name != "cpu") (void)parseGpuNumber(name, where);
}

DeviceChoice chooseDevice(const std::string& requested, const std::string& where) {
    DeviceChoice c;
    c.requested = requested;
    if (requested == "cpu") {
        c.device = cpuInfo();
        return c;
    }
    const int wanted = parseGpuNumber(requested, where);
    const std::vector<DeviceInfo> gpus = gpuInfo();
    if (!gpus.front().usable()) {
        c.device = cpuInfo();
        c.fallback = gpus.front().problem;
        c.fallbackDetail = gpus.front().detail;
        return c;
    }
    const int number = wanted < 0 ? 0 : wanted;
    if (number >= static_cast<int>(gpus.size())) {
        throw InputError(where, "asked for GPU " + std::to_string(number) + ", but there " +
                                    (gpus.size() == 1 ? "is only 1 GPU (cuda:0)"
                                                      : "are only " + std::to_string(gpus.size()) + " GPUs (cuda:0 to cuda:" +
                                                            std::to_string(gpus.size() - 1) + ")"));
    }
    c.device = gpus[static_cast<std::size_t>(number)];
    c.gpu = number;
    return c;
}

std::string problemText(DeviceProblem problem) {
    switch (problem) {
        case DeviceProblem::None:
            return "usable";
        case DeviceProblem::NotBuilt:
            return "this DeepStep was built without the CUDA backend (no CUDA toolkit at build time)";
        case DeviceProblem::NotLoaded:
            return "the CUDA backend could not be loaded";
        case DeviceProblem::NoDriver:
            return "no NVIDIA driver on this machine";
        case DeviceProblem::DriverTooOld:
            return "the NVIDIA driver is older than the CUDA runtime DeepStep was built with";
        case DeviceProblem::NoDevice:
            return "no GPU that the NVIDIA driver can use";
        case DeviceProblem::Failed:
            return "the NVIDIA driver reported an error";
    }
    return {};
}

namespace gpu {

struct Backend::Table {
    const deepstep_cuda_backend* f = nullptr;
};

namespace {

void check(const Backend::Table* t, int status) {
    if (status != 0) {
        throw std::runtime_error(std::string("GPU: ") + t->f->last_error());
    }
}

}  // namespace

const Backend* Backend::open(int device, DeviceProblem* why, std::string* detail) {
    const auto say = [&](DeviceProblem p, const std::string& text) -> const Backend* {
        if (why != nullptr) *why = p;
        if (detail != nullptr) *detail = text;
        return nullptr;
    };
    const std::vector<DeviceInfo> gpus = gpuInfo();
    if (!gpus.front().usable()) return say(gpus.front().problem, gpus.front().detail);
    if (device < 0 || device >= static_cast<int>(gpus.size())) {
        return say(DeviceProblem::NoDevice, "no GPU number " + std::to_string(device));
    }
    static const Table table{loaded().table};
    static const Backend backend(&table);
    if (table.f->select(device) != 0) return say(DeviceProblem::Failed, table.f->last_error());
    if (why != nullptr) *why = DeviceProblem::None;
    return &backend;
}

const Backend* Backend::open(const DeviceChoice& choice, DeviceProblem* why, std::string* detail) {
    if (why != nullptr) *why = choice.fallback;
    if (detail != nullptr) *detail = choice.fallbackDetail;
    return choice.gpu >= 0 ? open(choice.gpu, why, detail) : nullptr;
}

void Backend::gemm(bool transA, bool transB, int m, int n, int k, float alpha, const float* a, int lda,
                   const float* b, int ldb, float beta, float* c, int ldc) const {
    check(table_, table_->f->gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc));
}

void Backend::addBias(float* z, const float* b, int rows, int cols) const {
    check(table_, table_->f->add_bias(z, b, rows, cols));
}

void Backend::rowSums(const float* m, float* s, int rows, int cols) const {
    check(table_, table_->f->row_sums(m, s, rows, cols));
}

void Backend::activationForward(Activation kind, const float* z, float* a, std::size_t n) const {
    check(table_, table_->f->activation_forward(static_cast<int>(kind), z, a, n));
}

void Backend::activationBackward(Activation kind, const float* z, const float* a, const float* da, float* dz,
                                 std::size_t n) const {
    check(table_, table_->f->activation_backward(static_cast<int>(kind), z, a, da, dz, n));
}

void Backend::softmaxCrossEntropy(const float* z, const float* t, float* p, float* dz, float* loss, int classes,
                                  int batch) const {
    check(table_, table_->f->softmax_cross_entropy(z, t, p, dz, loss, classes, batch));
}

void Backend::sgdMomentum(float* w, float* v, const float* g, std::size_t n, float learningRate,
                          float momentum) const {
    check(table_, table_->f->sgd_momentum(w, v, g, n, learningRate, momentum));
}

void Backend::synchronize() const { check(table_, table_->f->synchronize()); }

void Backend::toDevice(float* device, const float* host, std::size_t n) const {
    if (n != 0) check(table_, table_->f->upload(device, host, n));
}

void Backend::toHost(float* host, const float* device, std::size_t n) const {
    if (n != 0) check(table_, table_->f->download(host, device, n));
}

void Backend::copy(float* dst, const float* src, std::size_t n) const {
    if (n != 0) check(table_, table_->f->copy(dst, src, n));
}

void Backend::fill(float* d, float value, std::size_t n) const {
    if (n != 0) check(table_, table_->f->fill(d, value, n));
}

void Backend::softmaxForward(const float* z, float* p, int classes, int batch) const {
    check(table_, table_->f->softmax_forward(z, p, classes, batch));
}

void Backend::softmaxBackward(const float* p, const float* dp, float* dz, int classes, int batch) const {
    check(table_, table_->f->softmax_backward(p, dp, dz, classes, batch));
}

void Backend::loss(LossKind kind, bool fused, const float* o, const float* t, float* grad, float* loss, std::size_t n,
                   double scale, float param) const {
    check(table_, table_->f->loss(static_cast<int>(kind), fused ? 1 : 0, o, t, grad, loss, n, scale, param));
}

void Backend::weightDecay(const float* w, float* g, std::size_t n, double l1, double l2, float* penalty) const {
    if (n != 0) check(table_, table_->f->weight_decay(w, g, n, l1, l2, penalty));
}

bool elementwiseActivation(const std::string& name, Activation* out) {
    static const std::pair<const char*, Activation> known[] = {{"identity", Activation::Identity},
                                                               {"relu", Activation::Relu},
                                                               {"sigmoid", Activation::Sigmoid},
                                                               {"tanh", Activation::Tanh}};
    for (const auto& [n, a] : known) {
        if (name == n) {
            *out = a;
            return true;
        }
    }
    return false;
}

namespace {
deepstep_cuda_window cWindow(const Window& w) {
    return {w.channels, w.height,  w.width,   w.groups,    w.kernelH,   w.kernelW, w.strideH,
            w.strideW,  w.padTop,  w.padLeft, w.dilationH, w.dilationW, w.outH,    w.outW};
}
}  // namespace

void Backend::im2col(const float* x, int batch, const Window& w, float* columns) const {
    const deepstep_cuda_window c = cWindow(w);
    check(table_, table_->f->im2col(x, batch, &c, columns));
}

void Backend::col2im(const float* columns, int batch, const Window& w, float* dx) const {
    const deepstep_cuda_window c = cWindow(w);
    check(table_, table_->f->col2im(columns, batch, &c, dx));
}

void Backend::swapBlocks(const float* src, float* dst, int a, int b, int inner) const {
    check(table_, table_->f->swap_blocks(src, dst, a, b, inner));
}

void Backend::maxPoolForward(const float* x, int batch, const Window& w, float* y, float* winner) const {
    const deepstep_cuda_window c = cWindow(w);
    check(table_, table_->f->max_pool_forward(x, batch, &c, y, winner));
}

void Backend::maxPoolBackward(const float* dy, const float* winner, int batch, const Window& w, float* dx) const {
    const deepstep_cuda_window c = cWindow(w);
    check(table_, table_->f->max_pool_backward(dy, winner, batch, &c, dx));
}

void Backend::avgPoolForward(const float* x, int batch, const Window& w, float* y) const {
    const deepstep_cuda_window c = cWindow(w);
    check(table_, table_->f->avg_pool_forward(x, batch, &c, y));
}

void Backend::avgPoolBackward(const float* dy, int batch, const Window& w, float* dx) const {
    const deepstep_cuda_window c = cWindow(w);
    check(table_, table_->f->avg_pool_backward(dy, batch, &c, dx));
}

Buffer::Buffer(const Backend& backend, std::size_t count) : backend_(&backend), count_(count) {
    check(backend.table(), backend.table()->f->alloc(&data_, count));
}

Buffer::~Buffer() {
    if (data_ != nullptr) backend_->table()->f->release(data_);
}

Buffer::Buffer(Buffer&& other) noexcept
    : backend_(other.backend_), data_(other.data_), count_(other.count_) {
    other.data_ = nullptr;
    other.count_ = 0;
}

Buffer& Buffer::operator=(Buffer&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) backend_->table()->f->release(data_);
        backend_ = other.backend_;
        data_ = other.data_;
        count_ = other.count_;
        other.data_ = nullptr;
        other.count_ = 0;
    }
    return *this;
}

void Buffer::reserve(const Backend& backend, std::size_t count) {
    if (data_ != nullptr && count <= count_ && backend_ == &backend) return;
    *this = Buffer(backend, count);
}

void Buffer::upload(const float* values) { check(backend_->table(), backend_->table()->f->upload(data_, values, count_)); }

void Buffer::download(float* values) const {
    check(backend_->table(), backend_->table()->f->download(values, data_, count_));
}

}  // namespace gpu

}  // namespace deepstep
