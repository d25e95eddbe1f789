#pragma once
// IDX arrays: the file format of MNIST and Fashion-MNIST.
//
// An IDX file is a big-endian header — two zero bytes, a type byte, a rank byte, then
// one uint32 extent per dimension — followed by the values, row-major, big-endian.
// Type bytes: 0x08 u8, 0x09 i8, 0x0B i16, 0x0C i32, 0x0D f32, 0x0E f64.
//
// Every reader here checks a header against the bytes actually present (or, for gzip,
// the most its compressed bytes can inflate to) and against the memory budget before it
// allocates anything, so a lying header costs an error message, not memory.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace deepstep::data {

/// One IDX array, its values converted to float.
struct IdxArray {
    std::uint8_t type = 0x08;        ///< the type byte of the file (0x08 … 0x0E)
    std::vector<std::size_t> dims;   ///< extents, outermost first (1 to 4 of them)
    std::vector<float> values;       ///< row-major; values.size() == elements()
    /// Product of dims (0 when dims is empty).
    std::size_t elements() const;
};

/// Parses an IDX image already in memory (not compressed).
/// `where` names the source in errors (usually the file name).
/// ensures: result.values.size() == result.elements() and equals the payload's count.
/// throws: InputError(where + ": byte N", "expected …, got …") for a wrong magic (gzip
///   data included), an unknown type, rank 0 or > 4, an extent of 0 or a product that
///   overflows, and a payload shorter or longer than the header says;
///   InputError(where + ": byte 4", "… would take … of memory; the limit is …") when the
///   values, as floats, would not fit the memory budget (deepstep::memoryLimit()).
///   Nothing is allocated for the values until the header has been checked against
///   bytes.size() and the budget.
IdxArray parseIdx(std::span<const std::uint8_t> bytes, const std::string& where);

/// As parseIdx, but inflates the bytes on the fly when they begin with the gzip magic.
/// A gzip header that claims more values than its compressed size could ever inflate
/// to (deflate's best ratio is 1032:1) is refused before anything is allocated; the
/// inflated data is never held whole, only the decoded values.
/// throws: as parseIdx (byte offsets count inflated bytes), and as gunzip for corrupt,
///   truncated or trailing gzip data (offsets in the compressed bytes).
IdxArray decodeIdx(std::span<const std::uint8_t> bytes, const std::string& where);

/// Inflates a gzip image held in memory (one or more members).
/// requires: nothing; bytes not starting with the gzip magic 1F 8B are refused.
/// ensures: the result holds at most maxBytes bytes.
/// throws: InputError(where + ": byte N", …) for corrupt or truncated data (N is the
///   offset in the compressed input where zlib stopped), InputError(where, …) when the
///   inflated data would exceed maxBytes.
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> bytes, const std::string& where,
                                 std::size_t maxBytes = std::size_t{1} << 30);

/// True when bytes begin with the gzip magic 1F 8B.
bool looksGzipped(std::span<const std::uint8_t> bytes);

/// Reads a whole file, gunzipping it when it starts with the gzip magic (whatever its
/// name). Refuses files over maxBytes (raw or inflated) instead of allocating them.
/// Errors name the file by `path` as given.
/// requires: nothing. A FIFO, a device, a socket or a folder is refused by looking at
///   it (stat), before anything could block on opening or reading it.
/// throws: InputError naming the file (and the byte offset for corrupt gzip) for a path
///   that does not exist or is not a regular file, bad content, or a file that is too
///   big; RuntimeFailure when an existing file cannot be opened or read.
std::vector<std::uint8_t> readFileMaybeGzip(const std::string& path,
                                            std::size_t maxBytes = std::size_t{1} << 30);

/// The type and extents of an IDX file (gzip or not), read from its header alone;
/// values stays empty. throws: as readIdxFile for the header's part.
IdxArray readIdxHeader(const std::string& path);

/// Decodes an IDX file (gzip or not) as a stream: the file is refused like
/// readFileMaybeGzip refuses it, the header is checked as decodeIdx checks it, and the
/// values are converted as they are read. `keep` > 0 keeps only the first `keep`
/// entries of the outermost dimension (dims[0] becomes at most `keep`); the rest of the
/// file is still read and checked, not stored. Errors name the file by `path` as given.
IdxArray readIdxFile(const std::string& path, std::size_t keep = 0);

/// Writes an unsigned-byte IDX file (type 0x08), gzip-compressed when the name ends in
/// ".gz". The file appears atomically: it is written beside the target and renamed.
/// requires: 1 <= dims.size() <= 4, every extent > 0 and < 2^32,
///   values.size() == product of dims; throws std::invalid_argument otherwise.
/// throws: RuntimeFailure when the file cannot be written.
void writeIdxU8(const std::string& path, const std::vector<std::size_t>& dims,
                std::span<const std::uint8_t> values);

}  // namespace deepstep::data
