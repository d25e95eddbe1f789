#pragma once
// Limits on what input may ask of DeepStep: how deep a JSON document may nest, how
// large a file may be, how much memory one model or data set may take. Each is checked
// before the work or the allocation happens, and a refusal says which limit it was and,
// where raising it makes sense, which environment variable raises it.

#include "deepstep/options.hpp"

#include <cstdint>
#include <string>

namespace deepstep {

/// Deepest nesting of arrays and objects any JSON document may have. Fixed: no
/// DeepStep document comes near it, and deeper input only serves to exhaust a stack.
inline constexpr int kMaxJsonDepth = 100;

/// Largest JSON file read, in bytes: 256 MiB unless DEEPSTEP_JSON_LIMIT says otherwise
/// ("512M", "2G", a number of bytes).
std::uint64_t jsonFileLimit();

/// Memory one model, one data set or one run's records may take, in bytes: half of the
/// machine's physical memory (or of the process's address-space limit, `ulimit -v`, when
/// that is smaller) unless DEEPSTEP_MEMORY_LIMIT says otherwise ("8G", "512M").
std::uint64_t memoryLimit();

/// "1.5 GiB", "512 MiB", "37 KiB", "12 bytes".
std::string formatBytes(long double bytes);

/// requires nothing; ensures `bytes` fits the memory limit.
/// throws InputError(where, "<what> would take <N> of memory; the limit is <M>
/// (DEEPSTEP_MEMORY_LIMIT)") otherwise. `bytes` is a long double so that a product of
/// sizes can be checked before it could overflow an integer.
void checkMemoryBudget(long double bytes, const std::string& where, const std::string& what);

/// requires nothing; ensures `path` names a regular file (symlinks followed) no larger
/// than `maxBytes`, and returns its size.
/// throws InputError(path, ...) for a missing file, a folder, a FIFO, a device or socket,
/// or a file over the limit (naming `limitName`, the variable that raises it, if any).
std::uint64_t requireRegularFile(const std::string& path, std::uint64_t maxBytes, const std::string& limitName = "");

/// Parses JSON text. Refuses nesting deeper than kMaxJsonDepth (before parsing), keeps
/// the parser's reason for a syntax error, and reports a number beyond double range.
/// throws InputError(where + " line L column C", ...) for all of these.
Json parseJsonText(const std::string& text, const std::string& where);

}  // namespace deepstep
