#pragma once
// Markdown (lesson text) for the terminal: paragraphs and list items reflowed to the
// terminal's width, tables drawn as aligned columns that fit it, headings underlined,
// emphasis markers gone, code kept as written.

#include <cstddef>
#include <string>

namespace deepstep::cli {

/// `markdown` as plain text whose lines are at most `width` display columns wide
/// (Hangul counts two), every line ending with a newline. Paragraphs are joined and
/// wrapped at spaces (a word wider than the width is broken between characters), table
/// cells wrap inside their columns; a code line wider than the width is wrapped too.
/// The text is not made terminal-safe: pass the result through terminalSafe().
/// requires: width >= 20.
std::string markdownForTerminal(const std::string& markdown, std::size_t width);

/// Inline Markdown to plain text: emphasis markers go (following CommonMark's flanking
/// rules, so "learning_rate" and "a * b" stay as they are), code spans lose their
/// backticks, links keep their text and address.
std::string plainInline(const std::string& s);

}  // namespace deepstep::cli
