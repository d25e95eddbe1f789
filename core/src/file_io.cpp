#include "deepstep/file_io.hpp"

#include "deepstep/errors.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace deepstep {

void writeFileAtomically(const std::string& path, const std::string& text) {
    std::string tmpl = path + ".tmp-XXXXXX";
    const int fd = mkstemp(tmpl.data());
    if (fd < 0) {
        throw RuntimeFailure("cannot write " + path + ": " + std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const std::string err = std::strerror(errno);
            ::close(fd);
            std::remove(tmpl.c_str());
            throw RuntimeFailure("cannot write " + path + ": " + err);
        }
        done += static_cast<std::size_t>(n);
    }
    ::fchmod(fd, 0644);
    // Data on disk before the rename makes it visible: a crash leaves the old file or the new one.
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const std::string err = std::strerror(errno);
        std::remove(tmpl.c_str());
        throw RuntimeFailure("cannot write " + path + ": " + err);
    }
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string err = std::strerror(errno);
        std::remove(tmpl.c_str());
        throw RuntimeFailure("cannot write " + path + ": " + err);
    }
}

}  // namespace deepstep
