#pragma once
// Error types. Every error DeepStep raises for bad input names the place (a file, a
// JSON path, a line or byte offset) and what was expected, so that a student can fix
// the input without reading our code.

#include <stdexcept>
#include <string>

namespace deepstep {

/// Bad input from a user: experiment JSON, options, a model file, CLI arguments.
/// The CLI maps it to exit code 2.
class InputError : public std::runtime_error {
public:
    /// `where` is e.g. "xor.json: model.layers[2].units" or "model.dsm byte 120".
    InputError(std::string where, const std::string& message)
        : std::runtime_error(where.empty() ? message : where + ": " + message),
          where_(std::move(where)),
          message_(message) {}
    /// The place: a file, a JSON path, a line or byte offset (may be empty).
    const std::string& where() const { return where_; }
    /// What was wrong, without the place: what() is where() + ": " + message().
    const std::string& message() const { return message_; }

private:
    std::string where_;
    std::string message_;
};

/// Something went wrong while running (I/O failure, diverged training). Exit code 1.
class RuntimeFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace deepstep
