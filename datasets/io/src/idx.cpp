// IDX parsing and writing. The header is checked against the bytes actually present
// before anything is allocated for the values.

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"

#include <zlib.h>

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
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

IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& where) {
    if (bytes.empty()) {
        throw InputError(at(where, 0), "expected an IDX header (00 00 type rank), got an empty file");
    }
    if (bytes.size() < 4) {
        throw InputError(at(where, bytes.size()), "expected a 4-byte IDX header (00 00 type rank), got only " +
                                                      std::to_string(bytes.size()) + " bytes");
    }
    if (bytes[0] != 0 || bytes[1] != 0) {
        const std::size_t bad = bytes[0] != 0 ? 0 : 1;
        std::string hint = bytes[0] == 0x1F && bytes[1] == 0x8B ? " (gzip data: decompress it first)" : "";
        throw InputError(at(where, bad), "expected the IDX magic 0x00 0x00, got " + hexByte(bytes[0]) + " " +
                                             hexByte(bytes[1]) + hint);
    }
    IdxArray array;
    array.type = bytes[2];
    const std::size_t size = valueSize(array.type);
    if (size == 0) {
        throw InputError(at(where, 2),
                         "expected an IDX type (0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64), got " +
                             hexByte(array.type));
    }
    const std::size_t rank = bytes[3];
    if (rank == 0 || rank > 4) {
        throw InputError(at(where, 3), "expected a rank from 1 to 4, got " + std::to_string(rank));
    }
    const std::size_t headerSize = 4 + 4 * rank;
    if (bytes.size() < headerSize) {
        throw InputError(at(where, bytes.size()), "expected " + std::to_string(rank) +
                                                      " extents of 4 bytes each after the magic, got the end of the "
                                                      "file");
    }
    for (std::size_t k = 0; k < rank; ++k) {
        const std::size_t offset = 4 + 4 * k;
        const auto extent = static_cast<std::size_t>(bigEndian(bytes.data() + offset, 4));
        if (extent == 0) {
            throw InputError(at(where, offset),
                             "expected a positive extent for dimension " + std::to_string(k) + ", got 0");
        }
        array.dims.push_back(extent);
    }
    // Multiply in the byte count so that a lying header overflows here, not in new[].
    std::size_t payload = size;
    for (std::size_t k = 0; k < rank; ++k) {
        if (payload > std::numeric_limits<std::size_t>::max() / array.dims[k]) {
            throw InputError(at(where, 4 + 4 * k), "expected extents whose product fits in memory, got " +
                                                       dimsText(array.dims) + " " + typeName(array.type) + " values");
        }
        payload *= array.dims[k];
    }
    const std::size_t present = bytes.size() - headerSize;
    if (present < payload) {
        throw InputError(at(where, bytes.size()),
                         "expected " + std::to_string(payload) + " bytes of values (" + dimsText(array.dims) + " " +
                             typeName(array.type) + ") after the " + std::to_string(headerSize) +
                             "-byte header, got " + std::to_string(present));
    }
    if (present > payload) {
        throw InputError(at(where, headerSize + payload), "expected the end of the file after " +
                                                              std::to_string(payload / size) + " values, got " +
                                                              std::to_string(present - payload) + " more bytes");
    }
    const std::size_t count = payload / size;
    array.values.resize(count);
    const std::uint8_t* p = bytes.data() + headerSize;
    if (array.type == 0x08) {
        for (std::size_t i = 0; i < count; ++i) array.values[i] = static_cast<float>(p[i]);
    } else {
        for (std::size_t i = 0; i < count; ++i) array.values[i] = decode(array.type, p + i * size);
    }
    return array;
}

IdxArray readIdxFile(const std::string& path) {
    const std::vector<std::uint8_t> bytes = readFileMaybeGzip(path);
    return parseIdx(bytes, path);
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
