#pragma once
// User-visible text of the command line in English and Korean, and the small
// formatting helpers that go with it (numbers, durations, display widths of mixed
// Hangul/ASCII text).
//
// Every message goes through tr(id, {args}): "{0}", "{1}", ... in the pattern are
// replaced by the arguments. The Studio uses Qt Linguist; the CLI keeps its own
// small table so that it has no dependency on translation files at run time.

#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"

#include <initializer_list>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace deepstep::cli {

/// "en" or "ko".
const std::string& language();
/// requires: lang is "en" or "ko".
void setLanguage(const std::string& lang);
/// "ko" when the LANG environment variable starts with "ko", else "en".
std::string languageFromEnvironment();

/// The text `id` in the current language with {0}, {1}, ... filled in.
/// An unknown id comes back as itself, so a missing entry is visible, not fatal.
std::string tr(std::string_view id, std::initializer_list<std::string> args = {});
/// A plugin's Text in the current language.
std::string pick(const Text& text);
/// Every id of the string table (for tests and completeness checks).
std::vector<std::string> textIds();
/// The table entry for `id`, or nullptr.
const Text* textEntry(std::string_view id);

/// `text` made safe to print: control characters other than newline and tab (ESC, C1
/// controls, DEL), bidirectional overrides and bytes that are not UTF-8 become "�", so
/// that a name or Markdown from a file cannot move the cursor or recolour the terminal.
std::string terminalSafe(std::string_view text);

/// Terminal columns taken by UTF-8 text (Hangul and other wide characters take two).
std::size_t displayWidth(std::string_view utf8);
/// Pads with spaces on the right (or left) up to `width` columns.
std::string padRight(const std::string& s, std::size_t width);
std::string padLeft(const std::string& s, std::size_t width);
/// The longest prefix of `s` (whole characters) that fits in `width` columns.
std::string truncateToWidth(const std::string& s, std::size_t width);
/// One line of text split into lines of at most `width` display columns, at spaces; a
/// word wider than `width` (a long Korean word, a formula) is broken between characters.
/// Runs of spaces between words become one. requires: width > 0.
std::vector<std::string> wrapText(const std::string& text, std::size_t width);

/// The terminal's width in columns: $COLUMNS when it holds a number (at least 20), the
/// terminal's own when stdout is one, else 80.
std::size_t terminalColumns();

/// While alive, every line written to std::cout that is wider than `width` display
/// columns is wrapped at spaces, its continuation lines indented like the line (and
/// under the text of a "- ", "1) " or "1. " item), so that nothing printed is wider
/// than the terminal. Lines that fit pass unchanged; a flush passes a partial line
/// (a prompt) on as it is.
class WrappedOutput {
public:
    explicit WrappedOutput(std::size_t width);
    ~WrappedOutput();
    WrappedOutput(const WrappedOutput&) = delete;
    WrappedOutput& operator=(const WrappedOutput&) = delete;

private:
    struct Buffer;
    std::unique_ptr<Buffer> buffer_;
    std::streambuf* previous_;
};

/// Short number for people: up to `significant` digits, "nan"/"inf" spelled out.
std::string formatNumber(double v, int significant = 6);
/// 0.975 → "97.5%"; NaN → "-".
std::string formatPercent(double fraction);
/// 75.2 → "1:15"; 3725 → "1:02:05"; under ten seconds with a decimal: "3.4 s".
std::string formatDuration(double seconds);
/// 12345 → "12.3k"
std::string formatRate(double perSecond);

std::string join(const std::vector<std::string>& parts, const std::string& separator);

/// A value of the moment, to 4 significant digits (the walk-through and lesson tables).
std::string formatValue(double v);
/// Sample `row` of a tensor as "a, b, c" (at most 6 values, then "…"); "-" when the
/// tensor is empty or has no such row.
std::string formatSample(const Tensor& t, std::size_t row);

}  // namespace deepstep::cli
