#pragma once
// File I/O shared by everything that reads or keeps a user's file: JSON documents
// read with a place in every error, and files written atomically.

#include "deepstep/options.hpp"

#include <string>

namespace deepstep {

/// Reads and parses a JSON file: a regular file within jsonFileLimit(), nested no deeper
/// than kMaxJsonDepth (deepstep/limits.hpp).
/// throws InputError "FILE: ..." for missing files, special files, files over the limit,
/// syntax errors (with line and column) and numbers beyond double range.
Json readJsonFile(const std::string& path);

/// Writes `text` to `path` atomically: a temporary file in the same folder, then
/// rename. throws RuntimeFailure on I/O errors; the old file is left intact.
void writeFileAtomically(const std::string& path, const std::string& text);

}  // namespace deepstep
