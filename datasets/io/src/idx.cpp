// IDX parsing and writing. The header is checked against the bytes the file can hold
// and against the memory budget before anything is allocated for the values, and the
// values are decoded as they are read: neither the file nor its inflated content is
// ever held whole.

#include "byte_stream.hpp"

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"

#include <zlib.h>

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace deepstep::data {

namespace {

std::string at(const std::string& where, std::size_t offset) {
    return where + ": byte " + std::to_string(offset);
}

std::string hexByte(std::uint8_t b) {
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned>(b));
    return text;
}

// Bytes per value for a type byte; 0 for an unknown type.
std::size_t valueSize(std::uint8_t type) {
    switch (type) {
        case 0x08:
        case 0x09:
            return 1;
        case 0x0B:
            return 2;
        case 0x0C:
        case 0x0D:
            return 4;
        case 0x0E:
            return 8;
        default:
            return 0;
    }
}

const char* typeName(std::uint8_t type) {
    switch (type) {
        case 0x08:
            return "u8";
        case 0x09:
            return "i8";
        case 0x0B:
            return "i16";
        case 0x0C:
            return "i32";
        case 0x0D:
            return "f32";
        case 0x0E:
            return "f64";
        default:
            return "?";
    }
}

std::uint64_t bigEndian(const std::uint8_t* p, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
    return v;
}

float decode(std::uint8_t type, const std::uint8_t* p) {
    switch (type) {
        case 0x08:
            return static_cast<float>(p[0]);
        case 0x09:
            return static_cast<float>(static_cast<std::int8_t>(p[0]));
        case 0x0B:
            return static_cast<float>(static_cast<std::int16_t>(static_cast<std::uint16_t>(bigEndian(p, 2))));
        case 0x0C:
            return static_cast<float>(static_cast<std::int32_t>(static_cast<std::uint32_t>(bigEndian(p, 4))));
        case 0x0D:
            return std::bit_cast<float>(static_cast<std::uint32_t>(bigEndian(p, 4)));
        default:
            return static_cast<float>(std::bit_cast<double>(bigEndian(p, 8)));
    }
}

std::string dimsText(const std::vector<std::size_t>& dims) {
    std::string text;
    for (std::size_t d : dims) text += (text.empty() ? "" : " × ") + std::to_string(d);
    return text;
}

void putBigEndian32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::vector<std::uint8_t> gzipCompress(const std::vector<std::uint8_t>& plain, const std::string& path) {
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw RuntimeFailure(path + ": zlib cannot start compression");
    }
    std::vector<std::uint8_t> out(deflateBound(&z, static_cast<uLong>(plain.size())));
    z.next_in = const_cast<Bytef*>(plain.data());  // zlib's API is not const-correct
    z.avail_in = static_cast<uInt>(plain.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    const std::size_t written = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw RuntimeFailure(path + ": zlib could not compress the data");
    out.resize(written);
    return out;
}

}  // namespace

std::size_t IdxArray::elements() const {
    if (dims.empty()) return 0;
    std::size_t n = 1;
    for (std::size_t d : dims) n *= d;
    return n;
}

namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;  // a multiple of every value size

// The header: magic, type, rank and extents, checked as they are read.
IdxArray decodeHeader(detail::PlainReader& in, const std::string& where, std::size_t& headerSize) {
    std::uint8_t head[4 + 4 * 4];
    const std::size_t got = in.read(head, 4);
    if (got == 0) {
        throw InputError(at(where, 0), "expected an IDX header (00 00 type rank), got an empty file");
    }
    if (got < 4) {
        throw InputError(at(where, got), "expected a 4-byte IDX header (00 00 type rank), got only " +
                                             std::to_string(got) + " bytes");
    }
    if (head[0] != 0 || head[1] != 0) {
        const std::size_t bad = head[0] != 0 ? 0 : 1;
        const std::string hint = head[0] == 0x1F && head[1] == 0x8B ? " (gzip data: decompress it first)" : "";
        throw InputError(at(where, bad), "expected the IDX magic 0x00 0x00, got " + hexByte(head[0]) + " " +
                                             hexByte(head[1]) + hint);
    }
    IdxArray array;
    array.type = head[2];
    if (valueSize(array.type) == 0) {
        throw InputError(at(where, 2),
                         "expected an IDX type (0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64), got " +
                             hexByte(array.type));
    }
    const std::size_t rank = head[3];
    if (rank == 0 || rank > 4) {
        throw InputError(at(where, 3), "expected a rank from 1 to 4, got " + std::to_string(rank));
    }
    headerSize = 4 + 4 * rank;
    const std::size_t extents = in.read(head + 4, 4 * rank);
    if (extents < 4 * rank) {
        throw InputError(at(where, 4 + extents), "expected " + std::to_string(rank) +
                                                     " extents of 4 bytes each after the magic, got the end of the "
                                                     "file");
    }
    for (std::size_t k = 0; k < rank; ++k) {
        const std::size_t offset = 4 + 4 * k;
        const auto extent = static_cast<std::size_t>(bigEndian(head + offset, 4));
        if (extent == 0) {
            throw InputError(at(where, offset),
                             "expected a positive extent for dimension " + std::to_string(k) + ", got 0");
        }
        array.dims.push_back(extent);
    }
    return array;
}

// Bytes of values the header asks for. Multiplied with a check at every step so that
// a lying header overflows here, not in an allocation.
std::size_t payloadOf(const IdxArray& array, const std::string& where) {
    std::size_t payload = valueSize(array.type);
    for (std::size_t k = 0; k < array.dims.size(); ++k) {
        if (payload > std::numeric_limits<std::size_t>::max() / array.dims[k]) {
            throw InputError(at(where, 4 + 4 * k), "expected extents whose product fits in memory, got " +
                                                       dimsText(array.dims) + " " + typeName(array.type) + " values");
        }
        payload *= array.dims[k];
    }
    return payload;
}

// Reads and counts whatever is left, for the message about bytes after the values.
std::uint64_t drain(detail::PlainReader& in, std::uint8_t* chunk) {
    std::uint64_t total = 0;
    while (const std::size_t got = in.read(chunk, kChunkBytes)) total += got;
    return total;
}

// The whole decoder: header, checks against the bytes the source can hold and the
// memory budget, then the values, converted chunk by chunk as they are read.
// `keep` > 0 stores only the first `keep` entries of the outermost dimension (the rest
// is still read and checked).
IdxArray decode(detail::PlainReader& in, const std::string& where, std::size_t keep, bool headerOnly) {
    std::size_t headerSize = 0;
    IdxArray array = decodeHeader(in, where, headerSize);
    const std::size_t size = valueSize(array.type);
    const std::size_t payload = payloadOf(array, where);
    if (headerOnly) return array;

    if (!in.compressed()) {
        const std::uint64_t present = in.rawSize() - headerSize;
        if (present < payload) {
            throw InputError(at(where, in.rawSize()),
                             "expected " + std::to_string(payload) + " bytes of values (" + dimsText(array.dims) + " " +
                                 typeName(array.type) + ") after the " + std::to_string(headerSize) +
                                 "-byte header, got " + std::to_string(present));
        }
        if (present > payload) {
            throw InputError(at(where, headerSize + payload), "expected the end of the file after " +
                                                                  std::to_string(payload / size) + " values, got " +
                                                                  std::to_string(present - payload) + " more bytes");
        }
    } else if (static_cast<long double>(payload) + static_cast<long double>(headerSize) > in.maxPlainBytes()) {
        throw InputError(at(where, 4),
                         "expected extents that the file can hold, got " + dimsText(array.dims) + " " +
                             typeName(array.type) + " values (" + formatBytes(static_cast<long double>(payload)) +
                             "), more than " + std::to_string(in.rawSize()) +
                             " bytes of gzip data can inflate to (at most " + formatBytes(in.maxPlainBytes()) + ")");
    }
    const std::size_t count = payload / size;
    const std::size_t inner = count / array.dims[0];
    const std::size_t kept = keep > 0 && keep < array.dims[0] ? keep : array.dims[0];
    const std::size_t keptCount = kept * inner;
    checkMemoryBudget(static_cast<long double>(keptCount) * sizeof(float), at(where, 4),
                      "the values (" + dimsText(array.dims) + " " + typeName(array.type) + ", as 4-byte floats)");
    array.values.reserve(keptCount);

    const std::unique_ptr<std::uint8_t[]> chunk(new std::uint8_t[kChunkBytes]);
    std::size_t done = 0;  // values read so far
    while (done < count) {
        const std::size_t want = std::min(kChunkBytes, (count - done) * size);
        const std::size_t got = in.read(chunk.get(), want);
        if (got < want) {
            const std::size_t present = done * size + got;
            throw InputError(at(where, headerSize + present),
                             "expected " + std::to_string(payload) + " bytes of values (" + dimsText(array.dims) + " " +
                                 typeName(array.type) + ") after the " + std::to_string(headerSize) +
                                 "-byte header, got " + std::to_string(present));
        }
        const std::size_t values = got / size;
        const std::size_t stored = done < keptCount ? std::min(values, keptCount - done) : 0;
        if (array.type == 0x08) {
            array.values.insert(array.values.end(), chunk.get(), chunk.get() + stored);
        } else {
            for (std::size_t i = 0; i < stored; ++i) array.values.push_back(decode(array.type, chunk.get() + i * size));
        }
        done += values;
    }
    if (const std::uint64_t extra = drain(in, chunk.get())) {
        throw InputError(at(where, headerSize + payload), "expected the end of the file after " +
                                                              std::to_string(count) + " values, got " +
                                                              std::to_string(extra) + " more bytes");
    }
    array.dims[0] = kept;
    return array;
}

}  // namespace

IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& where) {
    if (looksGzipped(bytes)) {
        throw InputError(at(where, 0), "expected the IDX magic 0x00 0x00, got 0x1F 0x8B (gzip data: decompress it first)");
    }
    detail::MemorySource source(bytes);
    detail::PlainReader in(source, where);
    return decode(in, where, 0, false);
}

IdxArray decodeIdx(std::span<const std::uint8_t> bytes, const std::string& where) {
    detail::MemorySource source(bytes);
    detail::PlainReader in(source, where);
    return decode(in, where, 0, false);
}

IdxArray readIdxHeader(const std::string& path) {
    detail::FileSource source(path, std::numeric_limits<std::uint64_t>::max(), "");
    detail::PlainReader in(source, path);
    return decode(in, path, 0, true);
}

IdxArray readIdxFile(const std::string& path, std::size_t keep) {
    detail::FileSource source(path, std::numeric_limits<std::uint64_t>::max(), "");
    detail::PlainReader in(source, path);
    return decode(in, path, keep, false);
}

void writeIdxU8(const std::string& path, const std::vector<std::size_t>& dims,
                std::span<const std::uint8_t> values) {
    if (dims.empty() || dims.size() > 4) {
        throw std::invalid_argument("writeIdxU8: expected 1 to 4 extents, got " + std::to_string(dims.size()));
    }
    std::size_t count = 1;
    for (std::size_t d : dims) {
        if (d == 0 || d > std::numeric_limits<std::uint32_t>::max()) {
            throw std::invalid_argument("writeIdxU8: expected extents in [1, 2^32), got " + std::to_string(d));
        }
        count *= d;
    }
    if (count != values.size()) {
        throw std::invalid_argument("writeIdxU8: expected " + std::to_string(count) + " values for " +
                                    dimsText(dims) + ", got " + std::to_string(values.size()));
    }
    std::vector<std::uint8_t> plain{0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
    plain.reserve(4 + 4 * dims.size() + values.size());
    for (std::size_t d : dims) putBigEndian32(plain, static_cast<std::uint32_t>(d));
    plain.insert(plain.end(), values.begin(), values.end());

    const bool compress = path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    const std::vector<std::uint8_t> bytes = compress ? gzipCompress(plain, path) : std::move(plain);

    // Write beside the target and rename, so that readers never see half a file.
    const std::string temporary = path + ".part-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw RuntimeFailure(path + ": cannot create the file (" + std::strerror(errno) + ")");
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
            std::filesystem::remove(temporary);
            throw RuntimeFailure(path + ": cannot write the file (" + std::strerror(errno) + ")");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary);
        throw RuntimeFailure(path + ": cannot move the finished file into place (" + ec.message() + ")");
    }
}

}  // namespace deepstep::data
