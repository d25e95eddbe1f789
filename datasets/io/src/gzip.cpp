// Whole-file reads (gzip or not) with a cap on the plain size, for readers that need
// the whole text at once (CSV). IDX files are decoded as a stream instead (idx.cpp).

#include "byte_stream.hpp"

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"

#include <algorithm>
#include <limits>

namespace deepstep::data {

namespace {

// Reads every plain byte, growing geometrically but never past the cap (+1 byte to
// detect going over it), so that a small "gzip bomb" stops at the cap.
std::vector<std::uint8_t> readAll(detail::PlainReader& reader, const std::string& where, std::size_t maxBytes) {
    const std::size_t hardLimit = maxBytes == std::numeric_limits<std::size_t>::max() ? maxBytes : maxBytes + 1;
    std::vector<std::uint8_t> out;
    // A plain file's size is known: one allocation, one byte over to see the end.
    if (!reader.compressed()) {
        out.resize(static_cast<std::size_t>(std::min<std::uint64_t>(reader.rawSize() + 1, hardLimit)));
    }
    std::size_t produced = 0;
    while (true) {
        if (produced == out.size()) {
            if (out.size() >= hardLimit) {
                throw InputError(where, "expected at most " + std::to_string(maxBytes) +
                                            " bytes once decompressed, got more; refusing to decompress it");
            }
            const std::size_t grown = std::max<std::size_t>(out.size() * 2, 64 * 1024);
            out.resize(std::min(grown, hardLimit));
        }
        const std::size_t want = out.size() - produced;
        const std::size_t got = reader.read(out.data() + produced, want);
        produced += got;
        if (got < want) break;
    }
    if (produced > maxBytes) {
        throw InputError(where, "expected at most " + std::to_string(maxBytes) +
                                    " bytes once decompressed, got more; refusing to decompress it");
    }
    out.resize(produced);
    if (out.capacity() - produced > produced / 4) out.shrink_to_fit();
    return out;
}

}  // namespace

bool looksGzipped(std::span<const std::uint8_t> bytes) {
    return bytes.size() >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;
}

std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> bytes, const std::string& where,
                                 std::size_t maxBytes) {
    if (!looksGzipped(bytes)) {
        throw InputError(where + ": byte 0", "expected the gzip magic 1F 8B, got something else");
    }
    detail::MemorySource source(bytes);
    detail::PlainReader reader(source, where);
    return readAll(reader, where, maxBytes);
}

std::vector<std::uint8_t> readFileMaybeGzip(const std::string& path, std::size_t maxBytes) {
    detail::FileSource source(path, maxBytes, "");
    detail::PlainReader reader(source, path);
    return readAll(reader, path, maxBytes);
}

}  // namespace deepstep::data
