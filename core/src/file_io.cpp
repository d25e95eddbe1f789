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

Json readJsonFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(path, std::string("cannot open the file (") + std::strerror(errno) + ")");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        std::size_t line = 1;
        std::size_t col = 1;
        for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        std::string msg = e.what();
        // nlohmann's message starts with "[json.exception.parse_error.101] parse error at ...: "
        if (auto p = msg.find("]: "); p != std::string::npos) {
            msg = msg.substr(p + 3);
        } else if (auto q = msg.rfind(": "); q != std::string::npos) {
            msg = msg.substr(q + 2);
        }
        throw InputError(path + " line " + std::to_string(line) + " column " + std::to_string(col),
                         "not valid JSON: " + msg);
    }
}

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
