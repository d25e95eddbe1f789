// Plain bytes from a file or a buffer, inflated on the fly when they are gzip.
//
// zlib is driven by hand rather than through gzread() so that every error can name the
// byte offset where the compressed data went wrong.

#include "byte_stream.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace deepstep::data::detail {

namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;

std::string at(const std::string& where, std::uint64_t offset) {
    return where + ": byte " + std::to_string(offset);
}

bool gzipMagic(const std::uint8_t* p, std::size_t n) {
    return n >= 2 && p[0] == 0x1F && p[1] == 0x8B;
}

}  // namespace

std::size_t MemorySource::read(std::uint8_t* out, std::size_t n) {
    const std::size_t k = std::min(n, bytes_.size() - at_);
    std::copy_n(bytes_.data() + at_, k, out);
    at_ += k;
    return k;
}

FileSource::FileSource(const std::string& path, std::uint64_t maxBytes, const std::string& limitName) : path_(path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        throw InputError(path, "expected an existing file, got no such file");
    }
    if (status.type() == fs::file_type::directory) {
        throw InputError(path, "expected a file, got a folder");
    }
    // FIFOs, devices and sockets are refused here, before an open() that could block
    // (a FIFO with no writer) or a read that never ends (/dev/zero).
    requireRegularFile(path, maxBytes, limitName);
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) {
        throw RuntimeFailure(path + ": cannot open the file (" + std::strerror(errno) + ")");
    }
    // The name may have been pointed elsewhere since the check: ask the open file.
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd_);
        throw InputError(path, "expected a regular file, got something else once opened");
    }
    size_ = static_cast<std::uint64_t>(st.st_size);
    if (size_ > maxBytes) {
        ::close(fd_);
        throw InputError(path, "the file is " + formatBytes(static_cast<long double>(size_)) +
                                   ", over the limit of " + formatBytes(static_cast<long double>(maxBytes)) +
                                   (limitName.empty() ? "" : " (set " + limitName + " to raise it)"));
    }
}

FileSource::~FileSource() {
    if (fd_ >= 0) ::close(fd_);
}

std::size_t FileSource::read(std::uint8_t* out, std::size_t n) {
    std::size_t total = 0;
    while (total < n) {
        const ssize_t got = ::read(fd_, out + total, n - total);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw RuntimeFailure(path_ + ": cannot read the file (" + std::strerror(errno) + ")");
        }
        if (got == 0) break;
        total += static_cast<std::size_t>(got);
    }
    return total;
}

PlainReader::PlainReader(ByteSource& raw, std::string where)
    : raw_(raw), where_(std::move(where)), buffer_(new std::uint8_t[kBufferBytes]) {
    gzip_ = gzipMagic(buffer_.get() + pos_, ensure(2));
    if (gzip_) {
        // 16 + MAX_WBITS: accept the gzip wrapper only, not raw zlib streams.
        if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) {
            throw RuntimeFailure("zlib: cannot start decompression");
        }
        streamReady_ = true;
    }
}

PlainReader::~PlainReader() {
    if (streamReady_) inflateEnd(&z_);
}

long double PlainReader::maxPlainBytes() const {
    const auto size = static_cast<long double>(raw_.size());
    return gzip_ ? size * static_cast<long double>(kMaxGzipRatio) : size;
}

std::size_t PlainReader::ensure(std::size_t want) {
    if (end_ - pos_ >= want) return end_ - pos_;
    if (pos_ > 0) {
        std::copy(buffer_.get() + pos_, buffer_.get() + end_, buffer_.get());
        end_ -= pos_;
        pos_ = 0;
    }
    while (end_ < want) {
        const std::size_t got = raw_.read(buffer_.get() + end_, kBufferBytes - end_);
        if (got == 0) break;
        end_ += got;
    }
    return end_ - pos_;
}

std::size_t PlainReader::read(std::uint8_t* out, std::size_t n) {
    const std::size_t got = gzip_ ? inflateSome(out, n) : readPlain(out, n);
    delivered_ += got;
    return got;
}

std::size_t PlainReader::readPlain(std::uint8_t* out, std::size_t n) {
    std::size_t total = 0;
    while (total < n) {
        if (pos_ == end_) {
            pos_ = end_ = 0;
            // Large reads go straight to the caller's memory.
            if (n - total >= kBufferBytes) {
                const std::size_t got = raw_.read(out + total, n - total);
                total += got;
                break;
            }
            end_ = raw_.read(buffer_.get(), kBufferBytes);
            if (end_ == 0) break;
        }
        const std::size_t k = std::min(n - total, end_ - pos_);
        std::copy_n(buffer_.get() + pos_, k, out + total);
        pos_ += k;
        total += k;
    }
    return total;
}

std::size_t PlainReader::inflateSome(std::uint8_t* out, std::size_t n) {
    std::size_t produced = 0;
    while (produced < n && !finished_) {
        if (pos_ == end_ && ensure(1) == 0) {
            throw InputError(at(where_, raw_.size()),
                             "expected the rest of the gzip data, got the end of the file (is the file truncated?)");
        }
        // zlib counts in uInt: hand it at most 1 GiB at a time.
        const auto inChunk = static_cast<uInt>(std::min<std::size_t>(end_ - pos_, 1U << 30));
        const auto outChunk = static_cast<uInt>(std::min<std::size_t>(n - produced, 1U << 30));
        z_.next_in = buffer_.get() + pos_;
        z_.avail_in = inChunk;
        z_.next_out = out + produced;
        z_.avail_out = outChunk;
        const int rc = inflate(&z_, Z_NO_FLUSH);
        const std::size_t usedIn = inChunk - z_.avail_in;
        pos_ += usedIn;
        consumed_ += usedIn;
        produced += outChunk - z_.avail_out;

        if (rc == Z_STREAM_END) {
            const std::size_t left = ensure(2);
            if (left == 0) {
                finished_ = true;
                break;
            }
            // Concatenated members are one file to gzip(1); treat them the same.
            if (!gzipMagic(buffer_.get() + pos_, left)) {
                throw InputError(at(where_, consumed_), "expected another gzip member or the end of the file, got " +
                                                            std::to_string(raw_.size() - consumed_) + " stray bytes");
            }
            if (inflateReset(&z_) != Z_OK) throw RuntimeFailure("zlib: cannot restart decompression");
            continue;
        }
        if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
            const std::string detail = z_.msg != nullptr ? z_.msg : "corrupt data";
            throw InputError(at(where_, consumed_), "expected valid gzip data, got corrupt data (" + detail + ")");
        }
        if (rc == Z_MEM_ERROR) throw RuntimeFailure(where_ + ": out of memory while decompressing");
        if (rc != Z_OK && rc != Z_BUF_ERROR) throw RuntimeFailure(where_ + ": zlib error " + std::to_string(rc));
    }
    return produced;
}

}  // namespace deepstep::data::detail
