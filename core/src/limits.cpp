#include "deepstep/limits.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace deepstep {

namespace {

/// "512M", "2G", "1.5g", "1048576" → bytes; 0 when unreadable.
std::uint64_t parseSize(const char* text) {
    if (text == nullptr || *text == '\0') return 0;
    char* end = nullptr;
    const double v = std::strtod(text, &end);
    if (end == text || !std::isfinite(v) || v <= 0) return 0;
    double scale = 1;
    switch (*end) {
    case 'k': case 'K': scale = 1024.0; ++end; break;
    case 'm': case 'M': scale = 1024.0 * 1024; ++end; break;
    case 'g': case 'G': scale = 1024.0 * 1024 * 1024; ++end; break;
    case 't': case 'T': scale = 1024.0 * 1024 * 1024 * 1024; ++end; break;
    default: break;
    }
    if (*end == 'i' || *end == 'I') ++end;
    if (*end == 'b' || *end == 'B') ++end;
    if (*end != '\0') return 0;
    const double bytes = v * scale;
    if (bytes >= 1.8e19) return UINT64_MAX;
    return static_cast<std::uint64_t>(bytes);
}

std::uint64_t fromEnvironment(const char* name, std::uint64_t fallback) {
    const std::uint64_t v = parseSize(std::getenv(name));
    return v == 0 ? fallback : v;
}

}  // namespace

std::uint64_t jsonFileLimit() { return fromEnvironment("DEEPSTEP_JSON_LIMIT", 256ull << 20); }

std::uint64_t memoryLimit() {
    std::uint64_t physical = 8ull << 30;
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages > 0 && pageSize > 0) physical = static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(pageSize);
    std::uint64_t budget = physical / 2;
    // A process held to less address space (ulimit -v) plans within half of it.
    struct rlimit as {};
    if (::getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) {
        budget = std::min<std::uint64_t>(budget, static_cast<std::uint64_t>(as.rlim_cur) / 2);
    }
    return fromEnvironment("DEEPSTEP_MEMORY_LIMIT", budget);
}

std::string formatBytes(long double bytes) {
    static const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024 && u < 6) {
        bytes /= 1024;
        ++u;
    }
    std::ostringstream os;
    if (u == 0) {
        os << static_cast<unsigned long long>(bytes) << " bytes";
    } else if (bytes >= 1e6) {
        os.precision(3);
        os << static_cast<double>(bytes) << " " << units[u];
    } else {
        os.setf(std::ios::fixed);
        os.precision(bytes < 10 ? 1 : 0);
        os << static_cast<double>(bytes) << " " << units[u];
    }
    return os.str();
}

void checkMemoryBudget(long double bytes, const std::string& where, const std::string& what) {
    const std::uint64_t limit = memoryLimit();
    if (!(bytes >= 0) || bytes > static_cast<long double>(limit)) {
        throw InputError(where, what + " would take " + formatBytes(bytes) + " of memory; the limit is " +
                                    formatBytes(limit) + " (set DEEPSTEP_MEMORY_LIMIT to raise it)");
    }
}

std::uint64_t requireRegularFile(const std::string& path, std::uint64_t maxBytes, const std::string& limitName) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        throw InputError(path, std::string("cannot open the file (") + std::strerror(errno) + ")");
    }
    if (!S_ISREG(st.st_mode)) {
        throw InputError(path, "expected a regular file, but this is " + fileKindName(st.st_mode));
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > maxBytes) {
        throw InputError(path, "the file is " + formatBytes(size) + ", over the limit of " + formatBytes(maxBytes) +
                                   (limitName.empty() ? "" : " (set " + limitName + " to raise it)"));
    }
    return size;
}

namespace {

std::string lineColumn(const std::string& text, std::size_t byte) {
    std::size_t line = 1;
    std::size_t col = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return " line " + std::to_string(line) + " column " + std::to_string(col);
}

/// Byte offset where nesting first goes deeper than kMaxJsonDepth, or npos. Linear,
/// no recursion; strings (with their escapes) are skipped.
std::size_t tooDeepAt(const std::string& text) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string::npos;
}

}  // namespace

Json parseJsonText(const std::string& text, const std::string& where) {
    if (const std::size_t at = tooDeepAt(text); at != std::string::npos) {
        throw InputError(where + lineColumn(text, at),
                         "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels of lists and objects");
    }
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        std::string msg = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 10: syntax error
        // while parsing value - invalid literal; last read: '[N'": keep what follows the place.
        if (auto p = msg.find("parse error at line "); p != std::string::npos) {
            if (auto q = msg.find(": ", p); q != std::string::npos) msg = msg.substr(q + 2);
        } else if (auto b = msg.find("] "); b != std::string::npos) {
            msg = msg.substr(b + 2);
        }
        const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        throw InputError(where + lineColumn(text, byte), "not valid JSON: " + msg);
    } catch (const Json::out_of_range& e) {
        // Thrown for numbers beyond double range ("number overflow parsing '1e999'").
        std::string msg = e.what();
        std::string token;
        if (auto a = msg.find('\''); a != std::string::npos) {
            if (auto b = msg.find('\'', a + 1); b != std::string::npos) token = msg.substr(a + 1, b - a - 1);
        }
        const std::size_t at = token.empty() ? std::string::npos : text.find(token);
        throw InputError(where + (at == std::string::npos ? std::string() : lineColumn(text, at)),
                         "the number " + (token.empty() ? std::string() : token + " ") +
                             "is beyond the range of numbers DeepStep can hold (about ±1.8e308)");
    } catch (const Json::exception& e) {
        throw InputError(where, std::string("not valid JSON: ") + e.what());
    }
}

Json readJsonFile(const std::string& path) {
    const std::uint64_t limit = jsonFileLimit();
    requireRegularFile(path, limit, "DEEPSTEP_JSON_LIMIT");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        throw InputError(path, std::string("cannot open the file (") + std::strerror(errno) + ")");
    }
    // Read up to one byte past the limit: files whose size stat cannot tell (/proc) are
    // bounded too.
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string err = std::strerror(errno);
            ::close(fd);
            throw InputError(path, "cannot read the file (" + err + ")");
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > limit) {
            ::close(fd);
            throw InputError(path, "the file is over the limit of " + formatBytes(limit) +
                                       " (set DEEPSTEP_JSON_LIMIT to raise it)");
        }
    }
    ::close(fd);
    return parseJsonText(text, path);
}

}  // namespace deepstep
