// IDX files and gzip: golden headers of every type, write→read round trips, and an
// exact message for each way a file can be wrong. Image pairs and openDatasetFile too.

#include "support/data_io_support.hpp"

#include "deepstep/data/idx.hpp"
#include "deepstep/data/images.hpp"
#include "deepstep/data/open.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"

#include <QtTest>

#include <sys/stat.h>

#include <cmath>
#include <fstream>
#include <iterator>

using namespace deepstep;
using namespace deepstep::data;

namespace {

std::vector<std::uint8_t> bytesOf(const QByteArray& a) {
    return {reinterpret_cast<const std::uint8_t*>(a.constData()),
            reinterpret_cast<const std::uint8_t*>(a.constData()) + a.size()};
}

std::vector<std::uint8_t> fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

using test::fixture;
using test::inputErrorOf;

}  // namespace

class TestIdx : public QObject {
    Q_OBJECT

private slots:
    // Hex images built with Python's struct.pack('>…'), independent of our writer.
    void goldenHeaders_data() {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<int>("type");
        QTest::addColumn<QList<qulonglong>>("dims");
        QTest::addColumn<QList<double>>("values");
        QTest::newRow("i16 2x3") << QByteArray("00000b020000000200000003ffff0002012c800000000007") << 0x0B
                                 << QList<qulonglong>{2, 3} << QList<double>{-1, 2, 300, -32768, 0, 7};
        QTest::newRow("f32") << QByteArray("00000d01000000023fc00000c0100000") << 0x0D << QList<qulonglong>{2}
                             << QList<double>{1.5, -2.25};
        QTest::newRow("f64") << QByteArray("00000e0200000001000000013fb999999999999a") << 0x0E
                             << QList<qulonglong>{1, 1} << QList<double>{static_cast<double>(0.1F)};
        QTest::newRow("i32") << QByteArray("00000c0100000002fffe796000011170") << 0x0C << QList<qulonglong>{2}
                             << QList<double>{-100000, 70000};
        QTest::newRow("i8") << QByteArray("0000090100000002807f") << 0x09 << QList<qulonglong>{2}
                            << QList<double>{-128, 127};
        QTest::newRow("u8 rank 4") << QByteArray("000008040000000100000001000000010000000200ff") << 0x08
                                   << QList<qulonglong>{1, 1, 1, 2} << QList<double>{0, 255};
    }
    void goldenHeaders() {
        QFETCH(QByteArray, hex);
        QFETCH(int, type);
        QFETCH(QList<qulonglong>, dims);
        QFETCH(QList<double>, values);
        const IdxArray a = parseIdx(bytesOf(QByteArray::fromHex(hex)), "golden.idx");
        QCOMPARE(int(a.type), type);
        QCOMPARE(a.dims.size(), std::size_t(dims.size()));
        for (int k = 0; k < dims.size(); ++k) QCOMPARE(qulonglong(a.dims[k]), dims[k]);
        QCOMPARE(a.elements(), std::size_t(values.size()));
        QCOMPARE(a.values.size(), std::size_t(values.size()));
        for (int i = 0; i < values.size(); ++i) QCOMPARE(double(a.values[i]), values[i]);
    }

    void badHeaders_data() {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray("")
                               << "x.idx: byte 0: expected an IDX header (00 00 type rank), got an empty file";
        QTest::newRow("three bytes") << QByteArray("000008")
                                     << "x.idx: byte 3: expected a 4-byte IDX header (00 00 type rank), got only 3 "
                                        "bytes";
        QTest::newRow("wrong magic") << QByteArray("0100080100000001ff")
                                     << "x.idx: byte 0: expected the IDX magic 0x00 0x00, got 0x01 0x00";
        QTest::newRow("second magic byte") << QByteArray("0003080100000001ff")
                                           << "x.idx: byte 1: expected the IDX magic 0x00 0x00, got 0x00 0x03";
        QTest::newRow("gzip, not decompressed")
            << QByteArray("1f8b0800000000000003")
            << "x.idx: byte 0: expected the IDX magic 0x00 0x00, got 0x1F 0x8B (gzip data: decompress it first)";
        QTest::newRow("unknown type") << QByteArray("0000070100000001ff")
                                      << "x.idx: byte 2: expected an IDX type (0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, "
                                         "0x0D f32, 0x0E f64), got 0x07";
        QTest::newRow("rank 0") << QByteArray("00000800") << "x.idx: byte 3: expected a rank from 1 to 4, got 0";
        QTest::newRow("rank 5") << QByteArray("00000805") << "x.idx: byte 3: expected a rank from 1 to 4, got 5";
        QTest::newRow("extents cut short")
            << QByteArray("0000080200000001")
            << "x.idx: byte 8: expected 2 extents of 4 bytes each after the magic, got the end of the file";
        QTest::newRow("zero extent") << QByteArray("000008020000000200000000")
                                     << "x.idx: byte 8: expected a positive extent for dimension 1, got 0";
        QTest::newRow("short payload") << QByteArray("00000801000000030102")
                                       << "x.idx: byte 10: expected 3 bytes of values (3 u8) after the 8-byte header, "
                                          "got 2";
        QTest::newRow("dims and count disagree")
            << QByteArray("00000b02000000020000000200010002000300")
            << "x.idx: byte 19: expected 8 bytes of values (2 × 2 i16) after the 12-byte header, got 7";
        QTest::newRow("trailing bytes") << QByteArray("0000080100000003010203ff")
                                        << "x.idx: byte 11: expected the end of the file after 3 values, got 1 more "
                                           "bytes";
        // (2^32 − 1)² one-byte values: about 2^64 bytes claimed by a 12-byte file.
        QTest::newRow("2^32 x 2^32 claimed")
            << QByteArray("00000802ffffffffffffffff")
            << "x.idx: byte 12: expected 18446744065119617025 bytes of values (4294967295 × 4294967295 u8) after the "
               "12-byte header, got 0";
        QTest::newRow("product overflows")
            << QByteArray("00000e03ffffffffffffffffffffffff")
            << "x.idx: byte 8: expected extents whose product fits in memory, got 4294967295 × 4294967295 × "
               "4294967295 f64 values";
    }
    void badHeaders() {
        QFETCH(QByteArray, hex);
        QFETCH(QString, message);
        const auto bytes = bytesOf(QByteArray::fromHex(hex));
        QCOMPARE(inputErrorOf([&] { parseIdx(bytes, "x.idx"); }), message);
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("plain") << "round-images-idx3-ubyte";
        QTest::newRow("gzip") << "round-images-idx3-ubyte.gz";
    }
    void roundTrip() {
        QFETCH(QString, name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath(name).toStdString();
        std::vector<std::uint8_t> values(2 * 3 * 4);
        for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint8_t>(i * 11);
        writeIdxU8(path, {2, 3, 4}, values);

        const auto raw = fileBytes(path);
        const bool gz = name.endsWith(".gz");
        QCOMPARE(looksGzipped(raw), gz);
        if (!gz) {
            // Header by hand: 00 00 08 03, then 2, 3, 4 as big-endian uint32.
            const std::vector<std::uint8_t> header{0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4};
            QCOMPARE(raw.size(), header.size() + values.size());
            QVERIFY(std::equal(header.begin(), header.end(), raw.begin()));
        }
        const IdxArray a = readIdxFile(path);
        QCOMPARE(int(a.type), 0x08);
        QCOMPARE(a.dims, (std::vector<std::size_t>{2, 3, 4}));
        QCOMPARE(a.values.size(), values.size());
        for (std::size_t i = 0; i < values.size(); ++i) QCOMPARE(a.values[i], float(values[i]));
        // No temporary file is left beside it.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{name});
    }

    void gzipIsToldByContentNotName() {
        QTemporaryDir dir;
        const std::string gz = dir.filePath("a.gz").toStdString();
        writeIdxU8(gz, {3}, std::vector<std::uint8_t>{7, 8, 9});
        const std::string renamed = dir.filePath("a.idx").toStdString();
        QVERIFY(QFile::rename(QString::fromStdString(gz), QString::fromStdString(renamed)));
        const IdxArray a = readIdxFile(renamed);
        QCOMPARE(a.values, (std::vector<float>{7, 8, 9}));
    }

    void writerRefusesBadShapes() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 writeIdxU8("/nonexistent/x", {2, 2}, std::vector<std::uint8_t>{1, 2, 3}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeIdxU8("/nonexistent/x", {}, {}));
    }

    void corruptGzip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("garbage.gz").toStdString();
        // The magic, then a compression method zlib does not know; zlib has read the
        // 4 bytes ID1 ID2 CM FLG when it notices.
        writeBytes(path, {0x1F, 0x8B, 0xFF, 0x00, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC});
        QCOMPARE(inputErrorOf([&] { readFileMaybeGzip(path); }),
                 QString::fromStdString(path) + ": byte 4: expected valid gzip data, got corrupt data (unknown "
                                                "compression method)");
    }

    void truncatedGzip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("cut.gz").toStdString();
        std::vector<std::uint8_t> values(500);
        for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint8_t>(i * 7 % 251);
        writeIdxU8(path, {500}, values);
        auto bytes = fileBytes(path);
        bytes.resize(bytes.size() / 2);
        writeBytes(path, bytes);
        QCOMPARE(inputErrorOf([&] { readIdxFile(path); }),
                 QString::fromStdString(path) + ": byte " + QString::number(bytes.size()) +
                     ": expected the rest of the gzip data, got the end of the file (is the file truncated?)");
    }

    void strayBytesAfterGzip() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("stray.gz").toStdString();
        writeIdxU8(path, {2}, std::vector<std::uint8_t>{1, 2});
        auto bytes = fileBytes(path);
        const std::size_t end = bytes.size();
        bytes.insert(bytes.end(), {'x', 'y', 'z'});
        writeBytes(path, bytes);
        QCOMPARE(inputErrorOf([&] { readFileMaybeGzip(path); }),
                 QString::fromStdString(path) + ": byte " + QString::number(end) +
                     ": expected another gzip member or the end of the file, got 3 stray bytes");
    }

    void concatenatedGzipMembers() {
        QTemporaryDir dir;
        const std::string a = dir.filePath("a.gz").toStdString();
        const std::string b = dir.filePath("b.gz").toStdString();
        writeIdxU8(a, {2}, std::vector<std::uint8_t>{1, 2});
        writeIdxU8(b, {1}, std::vector<std::uint8_t>{3});
        auto bytes = fileBytes(a);
        const auto tail = fileBytes(b);
        bytes.insert(bytes.end(), tail.begin(), tail.end());
        const auto plain = gunzip(bytes, "ab.gz");
        // Two whole IDX images back to back: 10 + 9 bytes.
        QCOMPARE(plain.size(), std::size_t(19));
        QCOMPARE(int(plain[9]), 2);
        QCOMPARE(int(plain[18]), 3);
    }

    void decompressedSizeIsCapped() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("zeros.gz").toStdString();
        writeIdxU8(path, {100000}, std::vector<std::uint8_t>(100000, 0));
        const auto bytes = fileBytes(path);
        QVERIFY(bytes.size() < 1000);  // a small file that inflates a hundredfold
        QCOMPARE(inputErrorOf([&] { gunzip(bytes, "zeros.gz", 1000); }),
                 QString("zeros.gz: expected at most 1000 bytes once decompressed, got more; refusing to decompress "
                         "it"));
        QCOMPARE(gunzip(bytes, "zeros.gz", 100008).size(), std::size_t(100008));  // exactly the cap is fine
        QCOMPARE(inputErrorOf([&] { readFileMaybeGzip(fixture("tiny-images-idx3-ubyte"), 10); }),
                 QString::fromStdString(fixture("tiny-images-idx3-ubyte")) +
                     ": the file is 28 bytes, over the limit of 10 bytes");
    }

    void emptyAndMissingFiles() {
        QTemporaryDir dir;
        const std::string empty = dir.filePath("empty.idx").toStdString();
        writeBytes(empty, {});
        QCOMPARE(inputErrorOf([&] { readIdxFile(empty); }),
                 QString::fromStdString(empty) + ": byte 0: expected an IDX header (00 00 type rank), got an empty file");
        const std::string missing = dir.filePath("missing.idx").toStdString();
        QCOMPARE(inputErrorOf([&] { readIdxFile(missing); }),
                 QString::fromStdString(missing) + ": expected an existing file, got no such file");
        QCOMPARE(inputErrorOf([&] { readIdxFile(dir.path().toStdString()); }),
                 dir.path() + ": expected a file, got a folder");
    }

    // FIFOs and devices are refused by looking at them: nothing opens a FIFO (which
    // would wait for a writer) or reads /dev/zero (which never ends).
    void specialFilesAreRefusedUpFront() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("pipe-images-idx3-ubyte").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QCOMPARE(inputErrorOf([&] { readIdxFile(fifo); }),
                 QString::fromStdString(fifo) + ": expected a regular file, but this is a FIFO");
        QCOMPARE(inputErrorOf([&] { readFileMaybeGzip(fifo); }),
                 QString::fromStdString(fifo) + ": expected a regular file, but this is a FIFO");
        QCOMPARE(inputErrorOf([&] { openDatasetFile(fifo); }),
                 QString::fromStdString(fifo) + ": expected a regular file, but this is a FIFO");
        const std::string zero = dir.filePath("zero-images-idx3-ubyte").toStdString();
        QVERIFY(QFile::link("/dev/zero", QString::fromStdString(zero)));
        QCOMPARE(inputErrorOf([&] { readIdxFile(zero); }),
                 QString::fromStdString(zero) + ": expected a regular file, but this is a character device");
        QCOMPARE(inputErrorOf([&] { readIdxHeader("/dev/null"); }),
                 QString("/dev/null: expected a regular file, but this is a character device"));
    }

    // A gzip file cannot inflate to more than 1032 times its size: a header that claims
    // more is refused before anything is allocated or inflated.
    void gzipHeaderClaimingMoreThanItCanHold() {
        // liar-images-idx3-ubyte.gz: 36 bytes of gzip claiming 60000 × 28 × 28 values,
        // holding three.
        const std::string liar = fixture("liar-images-idx3-ubyte.gz");
        const QString claim = ": byte 4: expected extents that the file can hold, got 60000 × 28 × 28 u8 values (45 "
                              "MiB), more than 36 bytes of gzip data can inflate to (at most 36 KiB)";
        QCOMPARE(inputErrorOf([&] { readIdxFile(liar); }), QString::fromStdString(liar) + claim);
        QCOMPARE(inputErrorOf([&] { decodeIdx(fileBytes(liar), "mem.gz"); }), "mem.gz" + claim);
        QCOMPARE(readIdxHeader(liar).dims, (std::vector<std::size_t>{60000, 28, 28}));  // the header alone is fine
    }

    // The values, as floats, are checked against the memory budget before they are
    // allocated; the message says how much they would take.
    void decodedSizeIsCheckedAgainstTheBudget() {
        // 2000 u8 values: 8000 bytes as floats.
        std::vector<std::uint8_t> bytes{0, 0, 8, 2, 0, 0, 0, 20, 0, 0, 0, 100};
        bytes.resize(bytes.size() + 2000, 7);
        qputenv("DEEPSTEP_MEMORY_LIMIT", "4K");
        const QString message = inputErrorOf([&] { parseIdx(bytes, "x.idx"); });
        QTemporaryDir dir;
        const std::string images = dir.filePath("b-images-idx3-ubyte").toStdString();
        const std::string labels = dir.filePath("b-labels-idx1-ubyte").toStdString();
        writeIdxU8(images, {20, 10, 10}, std::vector<std::uint8_t>(2000, 1));
        writeIdxU8(labels, {20}, std::vector<std::uint8_t>(20, 1));
        const QString pair = inputErrorOf([&] { loadIdxImages(images, labels, {}); });
        qunsetenv("DEEPSTEP_MEMORY_LIMIT");
        QCOMPARE(message, QString("x.idx: byte 4: the values (20 × 100 u8, as 4-byte floats) would take 7.8 KiB of "
                                  "memory; the limit is 4.0 KiB (set DEEPSTEP_MEMORY_LIMIT to raise it)"));
        // 20 × 10 × 10 pixels and 20 × 10 one-hot labels: 2200 floats.
        QCOMPARE(pair, QString::fromStdString(images) +
                           ": the images and their one-hot labels (20 × 10 × 10 and 20 × 10 floats) would take 8.6 KiB "
                           "of memory; the limit is 4.0 KiB (set DEEPSTEP_MEMORY_LIMIT to raise it)");
        QCOMPARE(parseIdx(bytes, "x.idx").values.size(), std::size_t(2000));
    }

    // Decoded as a stream: a gzip file is never inflated whole, `keep` stores only the
    // first entries, and the rest is still checked.
    void streamingKeepsOnlyWhatIsAskedFor() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.gz").toStdString();
        std::vector<std::uint8_t> values(300000);
        for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<std::uint8_t>(i % 253);
        writeIdxU8(path, {3000, 100}, values);
        const IdxArray all = readIdxFile(path);
        QCOMPARE(all.values.size(), values.size());
        QCOMPARE(all.values[299999], float(299999 % 253));
        const IdxArray head = readIdxFile(path, 2);
        QCOMPARE(head.dims, (std::vector<std::size_t>{2, 100}));
        QCOMPARE(head.values.size(), std::size_t(200));
        QCOMPARE(head.values[199], float(199 % 253));
        const IdxArray header = readIdxHeader(path);
        QCOMPARE(header.dims, (std::vector<std::size_t>{3000, 100}));
        QVERIFY(header.values.empty());

        // Inflated bytes after the values: counted and refused at their inflated offset.
        auto plain = gunzip(fileBytes(path), "s.gz");
        plain.push_back(9);
        const std::string plainPath = dir.filePath("extra.idx").toStdString();
        writeBytes(plainPath, plain);
        QCOMPARE(inputErrorOf([&] { readIdxFile(plainPath, 1); }),
                 QString::fromStdString(plainPath) + ": byte 300012: expected the end of the file after 300000 values, "
                                                     "got 1 more bytes");
    }

    // tiny-*: 3 images of 2×2 (bytes 0,255,51,102 / 10,20,30,40 / 255,0,0,255), labels 2, 0, 1.
    void imagePairs() {
        const TensorDataset d =
            loadIdxImages(fixture("tiny-images-idx3-ubyte"), fixture("tiny-labels-idx1-ubyte.gz"), {"a", "b", "c"});
        QCOMPARE(d.size(), std::size_t(3));
        QCOMPARE(d.inputShape(), (Shape{1, 2, 2}));
        QCOMPARE(d.targetShape(), (Shape{3}));
        QCOMPARE(d.classNames(), (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(d.inputs()[1], 1.0F);
        QCOMPARE(d.inputs()[2], 0.2F);  // 51/255
        QCOMPARE(d.inputs()[7], 40.0F / 255.0F);
        const std::vector<float> oneHot{0, 0, 1, 1, 0, 0, 0, 1, 0};
        QCOMPARE(std::vector<float>(d.targets().values().begin(), d.targets().values().end()), oneHot);

        const TensorDataset firstTwo =
            loadIdxImages(fixture("tiny-images-idx3-ubyte"), fixture("tiny-labels-idx1-ubyte.gz"), {"a", "b", "c"}, 2);
        QCOMPARE(firstTwo.size(), std::size_t(2));
        QCOMPARE(firstTwo.inputs().size(), std::size_t(8));
        QCOMPARE(firstTwo.targets()[3], 1.0F);  // second example, class a

        const TensorDataset numbered =
            loadIdxImages(fixture("tiny-images-idx3-ubyte"), fixture("tiny-labels-idx1-ubyte.gz"), {});
        QCOMPARE(numbered.classNames().size(), std::size_t(10));
        QCOMPARE(numbered.classNames()[9], std::string("9"));
    }

    void imagePairErrors() {
        const std::string labels = fixture("tiny-labels-idx1-ubyte.gz");
        const std::string images = fixture("tiny-images-idx3-ubyte");
        QCOMPARE(inputErrorOf([&] { loadIdxImages(images, labels, {"a", "b"}); }),
                 QString::fromStdString(labels) + ": byte 8: expected a label below 2 (the number of classes), got 2");
        QCOMPARE(inputErrorOf([&] { loadIdxImages(labels, labels, {"a", "b", "c"}); }),
                 QString::fromStdString(labels) +
                     ": expected IDX images (N × H × W, unsigned bytes), got type 0x08, rank 1 (3)");
        QCOMPARE(inputErrorOf([&] { loadIdxImages(images, images, {"a", "b", "c"}); }),
                 QString::fromStdString(images) +
                     ": expected IDX labels (N, unsigned bytes), got type 0x08, rank 3 (3 × 2 × 2)");
        QTemporaryDir dir;
        const std::string four = dir.filePath("four-labels").toStdString();
        writeIdxU8(four, {4}, std::vector<std::uint8_t>{0, 1, 2, 0});
        QCOMPARE(inputErrorOf([&] { loadIdxImages(images, four, {"a", "b", "c"}); }),
                 QString::fromStdString(four) + ": expected 3 labels, one per image in " +
                     QString::fromStdString(images) + ", got 4");
    }

    void openByPath() {
        const auto d = openDatasetFile(fixture("tiny-images-idx3-ubyte"));
        QCOMPARE(d->size(), std::size_t(3));
        QCOMPARE(d->inputShape(), (Shape{1, 2, 2}));
        QCOMPARE(d->classNames().size(), std::size_t(10));
        std::vector<float> in(4), target(10);
        d->copyExample(0, in.data(), target.data());
        QCOMPARE(target[2], 1.0F);

        // Labels 2, 12, 1: classes are numbered up to the largest label.
        QCOMPARE(openDatasetFile(fixture("thirteen-images-idx3-ubyte"))->classNames().size(), std::size_t(13));

        const auto csv = openDatasetFile(fixture("grades.csv"));
        QCOMPARE(csv->size(), std::size_t(4));
        QCOMPARE(csv->featureNames(), (std::vector<std::string>{"hours", "sleep"}));
    }

    void openByPathErrors() {
        const QString lonely = QString::fromStdString(fixture("lonely-labels-idx1-ubyte"));
        QCOMPARE(inputErrorOf([&] { openDatasetFile(lonely.toStdString()); }),
                 lonely + ": expected an IDX images file (N × H × W, unsigned bytes), got a labels file (type 0x08, "
                          "rank 1 (3)); open the images file beside it");
        const QString orphan = QString::fromStdString(fixture("orphan-images-idx3-ubyte"));
        QCOMPARE(inputErrorOf([&] { openDatasetFile(orphan.toStdString()); }),
                 orphan + ": expected its labels file " + QString::fromStdString(fixture("orphan-labels-idx1-ubyte")) +
                     " beside it (or the same name with or without .gz), got no such file");
        const QString other = QString::fromStdString(fixture("houses.txt"));
        QCOMPARE(inputErrorOf([&] { openDatasetFile(other.toStdString()); }),
                 other + ": expected a dataset file: *.csv, or an IDX images file such as train-images-idx3-ubyte.gz, "
                         "got an unknown kind of file");
    }
};

QTEST_APPLESS_MAIN(TestIdx)
#include "tst_idx.moc"
