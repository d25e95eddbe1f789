// The pool behind parallelChunks(): computeThreads() − 1 workers that wait for the
// next job spinning for a short while, then sleeping on a condition variable; the
// caller works too, and waits for the workers the same way. One job at a time: a call
// made while the pool is busy runs on its own thread.
#include "deepstep/parallel.hpp"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace deepstep {

namespace {

constexpr std::size_t kMaxThreads = 64;

std::size_t positiveVariable(const char* name) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') {
        return 0;
    }
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value <= 0) {
        return 0;
    }
    return static_cast<std::size_t>(value);
}

std::size_t defaultThreads() {
    for (const char* name : {"DEEPSTEP_THREADS", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"}) {
        if (const std::size_t n = positiveVariable(name); n > 0) {
            return std::min(n, kMaxThreads);
        }
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof(set), &set) == 0) {
        return std::clamp<std::size_t>(static_cast<std::size_t>(CPU_COUNT(&set)), 1, kMaxThreads);
    }
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxThreads);
}

using Body = std::function<void(std::size_t chunk, std::size_t slot)>;

// How long a thread spins before it sleeps: a layer's jobs follow one another within
// tens of microseconds (a convolution, its pooling, the next convolution), while
// waking a sleeping thread costs 15–20 µs on a virtual machine, a chunk's worth of
// work. A thread that finds nothing in that time sleeps, so an idle pool or a dense
// layer's BLAS threads get the cores back.
constexpr auto kSpin = std::chrono::microseconds(50);

inline void relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

// Spins until done() or kSpin has passed; returns done().
template <typename Done>
bool spinUntil(Done&& done) {
    const auto start = std::chrono::steady_clock::now();
    for (unsigned i = 1;; ++i) {
        if (done()) return true;
        relax();
        if (i % 64 == 0 && std::chrono::steady_clock::now() - start > kSpin) return done();
    }
}

class Pool {
public:
    ~Pool() { stopWorkers(); }

    std::size_t threads() {
        std::call_once(decided_, [this] { threads_ = defaultThreads(); });
        return threads_;
    }

    void setThreads(std::size_t n) {
        (void)threads();
        bool expected = false;
        if (!busy_.compare_exchange_strong(expected, true)) {
            return;  // requires: not while a job runs
        }
        if (n != threads_) {
            stopWorkers();
            threads_ = n;
        }
        busy_.store(false);
    }

    void run(std::size_t chunks, const Body& body) {
        bool expected = false;
        if (chunks <= 1 || threads() <= 1 || !busy_.compare_exchange_strong(expected, true)) {
            for (std::size_t c = 0; c < chunks; ++c)
                body(c, 0);
            return;
        }
        struct Release {
            std::atomic<bool>& busy;
            ~Release() { busy.store(false); }
        } release{busy_};
        startWorkers();
        {
            std::lock_guard lock(mutex_);
            body_ = &body;
            chunks_ = chunks;
            next_.store(0);
            error_ = nullptr;
            open_ = true;
            generation_.fetch_add(1, std::memory_order_release);
        }
        wake_.notify_all();
        work(body, chunks, 0);
        spinUntil([this] { return inside_.load(std::memory_order_acquire) == 0; });
        std::unique_lock lock(mutex_);
        done_.wait(lock, [this] { return inside_ == 0; });
        open_ = false;
        body_ = nullptr;
        if (error_) {
            std::exception_ptr error = error_;
            error_ = nullptr;
            std::rethrow_exception(error);
        }
    }

private:
    // Claims chunks until none is left.
    void work(const Body& body, std::size_t chunks, std::size_t slot) {
        for (std::size_t c = next_.fetch_add(1); c < chunks; c = next_.fetch_add(1)) {
            try {
                body(c, slot);
            } catch (...) {
                std::lock_guard lock(mutex_);
                if (!error_) {
                    error_ = std::current_exception();
                }
            }
        }
    }

    // `seen`: the last job generation before the worker was started (a job opened
    // between starting the thread and its first look is still its to join).
    void workerLoop(std::size_t slot, std::size_t seen) {
        for (;;) {
            const Body* body = nullptr;
            std::size_t chunks = 0;
            spinUntil([&] {
                return stop_.load(std::memory_order_relaxed) || generation_.load(std::memory_order_acquire) != seen;
            });
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [&] { return stop_ || (open_ && generation_ != seen); });
                if (stop_) {
                    return;
                }
                seen = generation_;
                ++inside_;
                body = body_;
                chunks = chunks_;
            }
            work(*body, chunks, slot);
            {
                std::lock_guard lock(mutex_);
                --inside_;
            }
            done_.notify_one();
        }
    }

    void startWorkers() {
        const std::size_t wanted = threads_ - 1;
        if (workers_.size() == wanted) {
            return;
        }
        stopWorkers();
        const std::size_t generation = generation_.load();  // no job is open: only the caller writes it
        for (std::size_t i = 0; i < wanted; ++i) {
            workers_.emplace_back([this, i, generation] { workerLoop(i + 1, generation); });
        }
    }

    void stopWorkers() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        for (std::thread& t : workers_)
            t.join();
        workers_.clear();
        std::lock_guard lock(mutex_);
        stop_ = false;
    }

    std::once_flag decided_;
    std::size_t threads_ = 1;
    std::atomic<bool> busy_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable done_;
    std::vector<std::thread> workers_;
    // Written under mutex_; atomic so that a spinning thread may read them without it.
    std::atomic<bool> stop_{false};
    bool open_ = false;
    std::atomic<std::size_t> generation_{0};
    std::atomic<std::size_t> inside_{0};
    const Body* body_ = nullptr;
    std::size_t chunks_ = 0;
    std::atomic<std::size_t> next_{0};
    std::exception_ptr error_;
};

Pool& pool() {
    static Pool instance;
    return instance;
}

}  // namespace

std::size_t computeThreads() {
    return pool().threads();
}

void setComputeThreads(std::size_t threads) {
    pool().setThreads(std::clamp<std::size_t>(threads, 1, kMaxThreads));
}

void parallelChunks(std::size_t chunks, const std::function<void(std::size_t chunk)>& body) {
    pool().run(chunks, [&body](std::size_t chunk, std::size_t /*slot*/) { body(chunk); });
}

void parallelChunks(std::size_t chunks, const std::function<void(std::size_t chunk, std::size_t slot)>& body) {
    pool().run(chunks, body);
}

}  // namespace deepstep
