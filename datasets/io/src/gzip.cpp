// gzip in memory and whole-file reads with a size cap.
//
// zlib is driven by hand rather than through gzread() so that every error can name
// the byte offset where the compressed data went wrong, and so that the output can be
// capped before a small "gzip bomb" asks for gigabytes.

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

namespace deepstep::data {

namespace {

std::string at(const std::string& where, std::size_t offset) {
    return where + ": byte " + std::to_string(offset);
}

// Owns a z_stream set up for gzip decoding and ends it on every path out.
class Inflater {
public:
    Inflater() {
        // 16 + MAX_WBITS: accept the gzip wrapper only, not raw zlib streams.
        if (inflateInit2(&stream_, 16 + MAX_WBITS) != Z_OK) {
            throw RuntimeFailure("zlib: cannot start decompression");
        }
    }
    ~Inflater() { inflateEnd(&stream_); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;
    z_stream& operator*() { return stream_; }

private:
    z_stream stream_{};
};

}  // namespace

bool looksGzipped(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;
}

std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> bytes, const std::string& where,
                                 std::size_t maxBytes) {
    if (!looksGzipped(bytes)) {
        throw InputError(at(where, 0), "expected the gzip magic 1F 8B, got something else");
    }
    Inflater inflater;
    z_stream& z = *inflater;
    std::vector<std::uint8_t> out;
    // Grow geometrically but never past the cap (+1 byte to detect going over it).
    const std::size_t hardLimit = maxBytes == std::numeric_limits<std::size_t>::max() ? maxBytes : maxBytes + 1;
    std::size_t consumed = 0;  // input bytes handed to zlib before the current chunk
    std::size_t produced = 0;
    const std::uint8_t* next = bytes.data();
    std::size_t remaining = bytes.size();
    bool memberOpen = true;

    while (true) {
        if (produced == out.size()) {
            if (out.size() >= hardLimit) {
                throw InputError(where, "expected at most " + std::to_string(maxBytes) +
                                            " bytes once decompressed, got more; refusing to decompress it");
            }
            const std::size_t grown = std::max<std::size_t>(out.size() * 2, 64 * 1024);
            out.resize(std::min(grown, hardLimit));
        }
        // zlib counts in uInt: hand it at most 1 GiB at a time.
        const uInt inChunk = static_cast<uInt>(std::min<std::size_t>(remaining, 1U << 30));
        const uInt outChunk = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, 1U << 30));
        z.next_in = const_cast<Bytef*>(next);  // zlib's API is not const-correct
        z.avail_in = inChunk;
        z.next_out = out.data() + produced;
        z.avail_out = outChunk;
        const int rc = inflate(&z, Z_NO_FLUSH);
        const std::size_t usedIn = inChunk - z.avail_in;
        const std::size_t madeOut = outChunk - z.avail_out;
        next += usedIn;
        remaining -= usedIn;
        consumed += usedIn;
        produced += madeOut;

        if (rc == Z_STREAM_END) {
            memberOpen = false;
            if (remaining == 0) break;
            // Concatenated members are one file to gzip(1); treat them the same.
            if (!looksGzipped({next, remaining})) {
                throw InputError(at(where, consumed),
                                 "expected another gzip member or the end of the file, got " +
                                     std::to_string(remaining) + " stray bytes");
            }
            if (inflateReset(&z) != Z_OK) throw RuntimeFailure("zlib: cannot restart decompression");
            memberOpen = true;
            continue;
        }
        if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
            const std::string detail = z.msg != nullptr ? z.msg : "corrupt data";
            throw InputError(at(where, consumed), "expected valid gzip data, got corrupt data (" + detail + ")");
        }
        if (rc == Z_MEM_ERROR) throw RuntimeFailure(where + ": out of memory while decompressing");
        if (rc != Z_OK && rc != Z_BUF_ERROR) throw RuntimeFailure(where + ": zlib error " + std::to_string(rc));
        // Output room left but no input: the member is cut short (checked below).
        if (remaining == 0 && z.avail_out != 0) break;
    }
    if (memberOpen) {
        throw InputError(at(where, bytes.size()),
                         "expected the rest of the gzip data, got the end of the file (is the file truncated?)");
    }
    if (produced > maxBytes) {
        throw InputError(where, "expected at most " + std::to_string(maxBytes) +
                                    " bytes once decompressed, got more; refusing to decompress it");
    }
    out.resize(produced);
    return out;
}

std::vector<std::uint8_t> readFileMaybeGzip(const std::string& path, std::size_t maxBytes) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status)) {
        throw InputError(path, "expected an existing file, got no such file");
    }
    if (fs::is_directory(status)) {
        throw InputError(path, "expected a file, got a folder");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw RuntimeFailure(path + ": cannot open the file (" + std::strerror(errno) + ")");
    }
    const auto size = fs::file_size(path, ec);
    if (ec) throw RuntimeFailure(path + ": cannot read the file size (" + ec.message() + ")");
    if (size > maxBytes) {
        throw InputError(path, "expected a file of at most " + std::to_string(maxBytes) + " bytes, got " +
                                   std::to_string(size) + " bytes");
    }
    std::vector<std::uint8_t> raw(static_cast<std::size_t>(size));
    if (size > 0 && !in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(size))) {
        throw RuntimeFailure(path + ": cannot read the file (" + std::strerror(errno) + ")");
    }
    if (!looksGzipped(raw)) return raw;
    return gunzip(raw, path, maxBytes);
}

}  // namespace deepstep::data
