// parallelChunks: every chunk runs exactly once at any thread count, errors come back
// to the caller, and calls made while the pool is busy (from a chunk, or from a second
// thread) run on their own thread instead of waiting.
#include "deepstep/parallel.hpp"

#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace deepstep;

class TestParallel : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { setComputeThreads(2); }

    void chunkCountRoundsUp() {
        QCOMPARE(chunkCount(0, 8), std::size_t{0});
        QCOMPARE(chunkCount(1, 8), std::size_t{1});
        QCOMPARE(chunkCount(8, 8), std::size_t{1});
        QCOMPARE(chunkCount(9, 8), std::size_t{2});
        QCOMPARE(chunkCount(64, 8), std::size_t{8});
    }

    void everyChunkRunsOnce_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("chunks");
        for (int threads : {1, 2, 3, 8}) {
            for (int chunks : {0, 1, 2, 7, 100}) {
                QTest::addRow("%d threads, %d chunks", threads, chunks) << threads << chunks;
            }
        }
    }

    void everyChunkRunsOnce() {
        QFETCH(int, threads);
        QFETCH(int, chunks);
        setComputeThreads(static_cast<std::size_t>(threads));
        QCOMPARE(computeThreads(), static_cast<std::size_t>(threads));
        // Many calls in a row: a worker that wakes late must not run a chunk of the
        // next call with the previous body.
        for (int round = 0; round < 200; ++round) {
            std::vector<std::atomic<int>> runs(static_cast<std::size_t>(chunks));
            parallelChunks(static_cast<std::size_t>(chunks), [&](std::size_t c) { runs[c].fetch_add(1); });
            for (int c = 0; c < chunks; ++c) {
                if (runs[static_cast<std::size_t>(c)].load() != 1) {
                    QFAIL(qPrintable(QStringLiteral("round %1: chunk %2 ran %3 times")
                                         .arg(round)
                                         .arg(c)
                                         .arg(runs[static_cast<std::size_t>(c)].load())));
                }
            }
        }
    }

    void moreThanOneThreadWorks() {
        // With two threads, both chunks must be running at once: each waits (bounded)
        // until the other has arrived. Run one after the other, the first would give up.
        setComputeThreads(2);
        std::atomic<int> arrived{0};
        std::atomic<int> sawTheOther{0};
        parallelChunks(2, [&](std::size_t) {
            arrived.fetch_add(1);
            for (int spin = 0; spin < 2000 && arrived.load() < 2; ++spin) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            if (arrived.load() == 2) sawTheOther.fetch_add(1);
        });
        QCOMPARE(sawTheOther.load(), 2);
    }

    void slotsAreNeverShared() {
        // A body that keeps a workspace per slot: slots stay below the thread count,
        // and no two chunks running at once hold the same one.
        for (std::size_t threads : {1, 2, 4}) {
            setComputeThreads(threads);
            std::vector<std::atomic<int>> holders(threads);
            std::atomic<bool> clash{false};
            std::atomic<bool> outOfRange{false};
            for (int round = 0; round < 50; ++round) {
                parallelChunks(9, [&](std::size_t, std::size_t slot) {
                    if (slot >= threads) {
                        outOfRange.store(true);
                        return;
                    }
                    if (holders[slot].fetch_add(1) != 0) clash.store(true);
                    std::this_thread::yield();
                    holders[slot].fetch_sub(1);
                });
            }
            QVERIFY(!outOfRange.load());
            QVERIFY(!clash.load());
        }
    }

    void anErrorReachesTheCaller() {
        setComputeThreads(2);
        std::atomic<int> runs{0};
        bool caught = false;
        try {
            parallelChunks(10, [&](std::size_t c) {
                runs.fetch_add(1);
                if (c == 3) throw std::runtime_error("chunk 3 failed");
            });
        } catch (const std::runtime_error& e) {
            caught = QString::fromUtf8(e.what()) == QStringLiteral("chunk 3 failed");
        }
        QVERIFY(caught);
        QCOMPARE(runs.load(), 10);  // the other chunks still ran
        // The pool is usable afterwards.
        std::atomic<int> after{0};
        parallelChunks(5, [&](std::size_t) { after.fetch_add(1); });
        QCOMPARE(after.load(), 5);
    }

    void aCallFromAChunkRunsInline() {
        setComputeThreads(2);
        std::atomic<int> inner{0};
        parallelChunks(4, [&](std::size_t) { parallelChunks(3, [&](std::size_t) { inner.fetch_add(1); }); });
        QCOMPARE(inner.load(), 12);
    }

    void twoCallersAtOnce() {
        setComputeThreads(2);
        std::atomic<long> total{0};
        auto caller = [&] {
            for (int round = 0; round < 300; ++round) {
                parallelChunks(6, [&](std::size_t c) { total.fetch_add(static_cast<long>(c) + 1); });
            }
        };
        std::thread a(caller);
        std::thread b(caller);
        a.join();
        b.join();
        QCOMPARE(total.load(), 2L * 300 * 21);
    }

    void threadCountIsClamped() {
        setComputeThreads(0);
        QCOMPARE(computeThreads(), std::size_t{1});
        setComputeThreads(1000);
        QCOMPARE(computeThreads(), std::size_t{64});
    }
};

QTEST_APPLESS_MAIN(TestParallel)
#include "tst_parallel.moc"
