#pragma once
// File I/O shared by everything that reads or keeps a user's file: JSON documents
// read with a place in every error, and files written atomically.
//
// Every file DeepStep writes for a user (models, metrics, traces, experiments saved
// by the Studio, lesson progress) goes through OutputFile, so every save keeps the
// same promises:
//   - Only a regular file is ever replaced. A destination that is a folder, a FIFO, a
//     device node or a socket is refused before anything is written (as root, a
//     rename would otherwise replace /dev/null itself).
//   - A symbolic link is followed, chains and relative links included: the file it
//     points to is replaced and the link stays a link.
//   - Atomic: the text goes to a temporary file next to the file being replaced, is
//     flushed to disk, renamed over it, and the folder is flushed. A crash or kill -9
//     leaves the old file or the new one, never a mix.
//   - The replaced file's permission bits are kept (a 0600 file stays 0600), and its
//     owner and group where the process may set them. A new file gets 0644 minus the
//     umask.
//   - Temporary files are named ".NAME.deepstep-tmp-PID-XXXXXX" (hidden). A save
//     killed half-way leaves one behind; the next write into that folder removes
//     every one of them whose process no longer runs (and that belongs to this user).

#include "deepstep/options.hpp"

#include <string>
#include <string_view>

namespace deepstep {

/// Reads and parses a JSON file: a regular file within jsonFileLimit(), nested no deeper
/// than kMaxJsonDepth (deepstep/limits.hpp).
/// throws InputError "FILE: ..." for missing files, special files, files over the limit,
/// syntax errors (with line and column) and numbers beyond double range.
Json readJsonFile(const std::string& path);

/// A file being written: text is appended to the temporary file as it comes (a large
/// output never has to be held in memory whole) and becomes `path` on commit().
/// Destroyed without commit(), the temporary file is removed and `path` is untouched.
class OutputFile {
public:
    /// requires: `path` names a regular file, a symbolic link to one, or a file not yet
    ///           there in an existing folder.
    /// ensures: stale temporary files of ours in the target's folder are removed and a
    ///          new temporary file is open.
    /// throws InputError for a destination that is not a regular file or a loop of
    ///        symbolic links; RuntimeFailure (naming `path`) when the temporary file
    ///        cannot be created.
    explicit OutputFile(const std::string& path);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Appends `text`. throws RuntimeFailure naming the file (disk full, I/O error).
    void write(std::string_view text);
    /// Flushes, renames over the destination, flushes the folder. throws RuntimeFailure;
    /// the old file is then left intact.
    void commit();

    /// The path as given, and the file that commit() replaces (symbolic links resolved).
    const std::string& path() const { return path_; }
    const std::string& target() const { return target_; }

private:
    void discard() noexcept;
    [[noreturn]] void fail(int error);

    std::string path_;
    std::string target_;
    std::string temp_;
    int fd_ = -1;
};

/// Writes `text` to `path` as OutputFile does (atomic, mode kept, links followed).
/// throws InputError when `path` is not a regular file; RuntimeFailure on I/O errors,
/// the old file then left intact.
void writeFileAtomically(const std::string& path, const std::string& text);

/// The file that writing `path` replaces: symbolic links followed (a chain, relative
/// links), up to the first component that does not exist. `path` itself when it is no
/// link. throws InputError on a loop of symbolic links.
std::string resolveOutputPath(const std::string& path);

/// True when `a` and `b` both exist and are the same file: compared by device and inode
/// after following symbolic links, so hard links, "./" spellings and links all match.
bool sameFile(const std::string& a, const std::string& b);

/// Tries to create (and at once removes) one of our temporary files in `folder`.
/// returns 0 when that works, else the errno (EACCES, EROFS, ENOENT, ENOTDIR...).
/// Unlike access(2) this also answers truthfully for root and read-only mounts.
int probeWritableFolder(const std::string& folder);

/// "a folder", "a FIFO", "a character device", "a block device", "a socket", or
/// "not a regular file", for the kind of file `mode` (st_mode) describes.
std::string fileKindName(unsigned mode);

}  // namespace deepstep
