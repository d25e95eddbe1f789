#pragma once
// Reading a data file as a stream of plain bytes, inflated on the fly when it is gzip,
// so that no reader has to hold a whole file (compressed or not) in memory to decode
// it. Private to the readers in this folder.

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace deepstep::data::detail {

/// The raw bytes of a file or of a buffer in memory.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Reads up to n bytes into out; returns how many (0 only at the end).
    virtual std::size_t read(std::uint8_t* out, std::size_t n) = 0;
    /// Total number of raw bytes.
    virtual std::uint64_t size() const = 0;
};

class MemorySource final : public ByteSource {
public:
    explicit MemorySource(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
    std::size_t read(std::uint8_t* out, std::size_t n) override;
    std::uint64_t size() const override { return bytes_.size(); }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t at_ = 0;
};

/// A regular file, opened only once it is known to be one: a FIFO, a device, a socket
/// or a folder is refused before anything could block on it.
class FileSource final : public ByteSource {
public:
    /// throws InputError(path, …) for a missing file, a folder, anything not a regular
    /// file, or a file over maxBytes (naming limitName when there is one);
    /// RuntimeFailure when an existing regular file cannot be opened.
    FileSource(const std::string& path, std::uint64_t maxBytes, const std::string& limitName);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;
    std::size_t read(std::uint8_t* out, std::size_t n) override;
    std::uint64_t size() const override { return size_; }

private:
    std::string path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
};

/// The largest ratio of inflated to compressed size deflate can reach (a 258-byte
/// match coded in two bits); no gzip file of N bytes inflates to more than
/// kMaxGzipRatio · N bytes.
inline constexpr std::uint64_t kMaxGzipRatio = 1032;

/// The plain bytes of a source: the source itself, or its inflated content when it
/// begins with the gzip magic 1F 8B (one or more members, as gzip(1) writes them).
/// Errors in compressed data name `where` and the byte offset in the compressed input.
class PlainReader {
public:
    PlainReader(ByteSource& raw, std::string where);
    ~PlainReader();
    PlainReader(const PlainReader&) = delete;
    PlainReader& operator=(const PlainReader&) = delete;

    bool compressed() const { return gzip_; }
    std::uint64_t rawSize() const { return raw_.size(); }
    /// Most plain bytes the source can hold: its size, or kMaxGzipRatio times it.
    long double maxPlainBytes() const;
    /// Plain bytes delivered so far.
    std::uint64_t delivered() const { return delivered_; }
    /// Reads up to n plain bytes; returns how many (fewer than n only at the end).
    /// throws InputError for corrupt or truncated gzip data or stray bytes after it.
    std::size_t read(std::uint8_t* out, std::size_t n);

private:
    std::size_t readPlain(std::uint8_t* out, std::size_t n);
    std::size_t inflateSome(std::uint8_t* out, std::size_t n);
    /// Tops the buffer up so that at least `want` unread bytes are in it, when the
    /// source has them; returns the unread count.
    std::size_t ensure(std::size_t want);

    ByteSource& raw_;
    std::string where_;
    std::unique_ptr<std::uint8_t[]> buffer_;  // not value-initialised: it is always read into first
    std::size_t pos_ = 0;   // next unread byte of buffer_
    std::size_t end_ = 0;   // end of the bytes read into buffer_
    bool gzip_ = false;
    bool streamReady_ = false;
    bool finished_ = false;
    std::uint64_t consumed_ = 0;   // compressed bytes zlib has used
    std::uint64_t delivered_ = 0;
    z_stream z_{};
};

}  // namespace deepstep::data::detail
