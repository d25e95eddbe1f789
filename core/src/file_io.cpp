#include "deepstep/file_io.hpp"

#include "deepstep/errors.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace deepstep {

namespace {

constexpr const char* kTempMarker = ".deepstep-tmp-";
constexpr std::size_t kTempSuffixLength = 6;
// A file name may hold NAME_MAX (255) bytes; the temporary name adds the marker, a
// PID and the suffix, so a long name is shortened in it (the name is only a hint).
constexpr std::size_t kTempNameKept = 180;
constexpr int kMaxLinks = 40;  // as the kernel's own limit on a chain of links

std::string folderOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    if (slash == 0) return "/";
    return path.substr(0, slash);
}

std::string nameOf(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string errorText(int error) {
    return std::strerror(error);
}

std::string randomSuffix() {
    static std::atomic<unsigned long long> counter{0};
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned long long x = static_cast<unsigned long long>(
                               std::chrono::steady_clock::now().time_since_epoch().count()) ^
                           (counter.fetch_add(1) * 0x9E3779B97F4A7C15ULL) ^
                           (static_cast<unsigned long long>(::getpid()) << 32U);
    std::string s;
    for (std::size_t i = 0; i < kTempSuffixLength; ++i) {
        x ^= x >> 33U;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33U;
        s += kAlphabet[x % (sizeof kAlphabet - 1)];
    }
    return s;
}

/// Creates ".NAME.deepstep-tmp-PID-XXXXXX" in `folder` with mode 0644 minus the umask.
/// returns the descriptor, or -1 with errno set.
int createTemp(const std::string& folder, const std::string& name, std::string& temp) {
    const std::string hint = name.substr(0, kTempNameKept);
    for (int attempt = 0; attempt < 100; ++attempt) {
        temp = folder + "/." + hint + kTempMarker + std::to_string(::getpid()) + "-" + randomSuffix();
        const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

/// The PID in one of our temporary file names, or 0 when `name` is not one.
long tempOwner(const char* name) {
    if (name[0] != '.') return 0;
    const std::string n(name);
    const std::size_t at = n.rfind(kTempMarker);
    if (at == std::string::npos || at == 0) return 0;
    std::size_t i = at + std::strlen(kTempMarker);
    long pid = 0;
    const std::size_t digits = i;
    while (i < n.size() && n[i] >= '0' && n[i] <= '9' && i - digits < 10) pid = pid * 10 + (n[i++] - '0');
    if (i == digits || i >= n.size() || n[i] != '-' || n.size() - i - 1 != kTempSuffixLength) return 0;
    return pid;
}

/// Removes our temporary files in `folder` left by processes that no longer run.
/// Best effort: a folder that cannot be listed is simply left as it is.
void removeStaleTemps(const std::string& folder) {
    DIR* dir = ::opendir(folder.c_str());
    if (dir == nullptr) return;
    const int dirFd = ::dirfd(dir);
    const pid_t self = ::getpid();
    while (const dirent* entry = ::readdir(dir)) {
        const long pid = tempOwner(entry->d_name);
        if (pid <= 0 || pid == self) continue;
        // Alive (or alive under another user: EPERM): its save may still be running.
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        struct stat st {};
        if (::fstatat(dirFd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) continue;
        ::unlinkat(dirFd, entry->d_name, 0);
    }
    ::closedir(dir);
}

/// Flushes a folder's entries (the rename) to disk. Some file systems cannot
/// (EINVAL); the file itself is already safe then, so that is no failure.
void syncFolder(const std::string& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::string fileKindName(unsigned mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

std::string resolveOutputPath(const std::string& path) {
    std::string current = path;
    for (int hop = 0; hop <= kMaxLinks; ++hop) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
        std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 255) + 1, '\0');
        const ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
        if (n < 0) return current;
        target.resize(static_cast<std::size_t>(n));
        current = target.starts_with('/') ? target : folderOf(current) + "/" + target;
    }
    throw InputError(path, "a loop of symbolic links (more than " + std::to_string(kMaxLinks) + ")");
}

bool sameFile(const std::string& a, const std::string& b) {
    struct stat sa {};
    struct stat sb {};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int probeWritableFolder(const std::string& folder) {
    std::string temp;
    const int fd = createTemp(folder.empty() ? "." : folder, "probe", temp);
    if (fd < 0) return errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return 0;
}

OutputFile::OutputFile(const std::string& path) : path_(path), target_(resolveOutputPath(path)) {
    struct stat st {};
    const bool exists = ::stat(target_.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        const std::string where = target_ == path_ ? path_ : path_ + " (-> " + target_ + ")";
        throw InputError(where, "cannot write here: expected a regular file or a new file's name, but this is " +
                                    fileKindName(st.st_mode));
    }
    const std::string folder = folderOf(target_);
    removeStaleTemps(folder);
    fd_ = createTemp(folder, nameOf(target_), temp_);
    if (fd_ < 0) {
        const int error = errno;
        throw RuntimeFailure("cannot write " + path_ + ": " + errorText(error));
    }
    if (exists) {
        // Owner first: chown clears set-id bits that the chmod then restores.
        if (st.st_uid != ::geteuid() || st.st_gid != ::getegid()) {
            if (::fchown(fd_, st.st_uid, st.st_gid) != 0) {
                // Not permitted for an ordinary user: the file becomes theirs, as any editor's save does.
            }
        }
        ::fchmod(fd_, st.st_mode & 07777);
    }
}

OutputFile::~OutputFile() {
    discard();
}

void OutputFile::discard() noexcept {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!temp_.empty()) {
        ::unlink(temp_.c_str());
        temp_.clear();
    }
}

void OutputFile::fail(int error) {
    discard();
    throw RuntimeFailure("cannot write " + path_ + ": " + errorText(error));
}

void OutputFile::write(std::string_view text) {
    if (fd_ < 0) throw std::logic_error("OutputFile::write after commit");
    while (!text.empty()) {
        const ssize_t n = ::write(fd_, text.data(), text.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
        }
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

void OutputFile::commit() {
    if (fd_ < 0) throw std::logic_error("OutputFile::commit twice");
    // Data on disk before the rename makes it visible: a crash leaves the old file or the new one.
    if (::fsync(fd_) != 0) fail(errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(errno);
    if (std::rename(temp_.c_str(), target_.c_str()) != 0) fail(errno);
    temp_.clear();
    syncFolder(folderOf(target_));
}

void writeFileAtomically(const std::string& path, const std::string& text) {
    OutputFile file(path);
    file.write(text);
    file.commit();
}

}  // namespace deepstep
