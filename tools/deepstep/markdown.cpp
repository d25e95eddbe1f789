#include "markdown.hpp"

#include "text.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <vector>

namespace deepstep::cli {
namespace {

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\0';
}

bool isAsciiPunct(char c) {
    return c > 0 && c < 127 && std::ispunct(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

std::string plainInline(const std::string& s) {
    struct Token {
        std::string text;
        char delimiter = 0;  // '*' or '_' for a delimiter run
        std::size_t count = 0;
        bool canOpen = false;
        bool canClose = false;
    };
    std::vector<Token> tokens;
    const auto addText = [&](const std::string& t) {
        if (tokens.empty() || tokens.back().delimiter != 0) tokens.push_back({});
        tokens.back().text += t;
    };
    for (std::size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && isAsciiPunct(s[i + 1])) {
            addText(std::string(1, s[i + 1]));
            i += 2;
            continue;
        }
        if (c == '`') {
            std::size_t run = 0;
            while (i + run < s.size() && s[i + run] == '`')
                ++run;
            const std::string fence(run, '`');
            const std::size_t close = s.find(fence, i + run);
            if (close != std::string::npos) {
                addText(s.substr(i + run, close - i - run));
                i = close + run;
                continue;
            }
            addText(fence);
            i += run;
            continue;
        }
        if (c == '[' || (c == '!' && i + 1 < s.size() && s[i + 1] == '[')) {
            const bool image = c == '!';
            const std::size_t open = image ? i + 1 : i;
            const std::size_t close = s.find("](", open);
            const std::size_t end = close == std::string::npos ? std::string::npos : s.find(')', close + 2);
            if (close != std::string::npos && end != std::string::npos && s.find('\n', open) > end) {
                const std::string label = plainInline(s.substr(open + 1, close - open - 1));
                const std::string target = s.substr(close + 2, end - close - 2);
                addText(image || label == target || target.empty() ? label : label + " (" + target + ")");
                i = end + 1;
                continue;
            }
        }
        if (c == '*' || c == '_') {
            std::size_t run = 0;
            while (i + run < s.size() && s[i + run] == c)
                ++run;
            const char before = i == 0 ? ' ' : s[i - 1];
            const char after = i + run < s.size() ? s[i + run] : ' ';
            // CommonMark's flanking rules, with a letter outside of ASCII (Hangul) next to
            // the run counting like punctuation: "**(1, 1)**의" closes as a Korean writer means.
            const auto nonAscii = [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; };
            const bool left = !isAsciiSpace(after) && (!isAsciiPunct(after) || isAsciiSpace(before) ||
                                                       isAsciiPunct(before) || nonAscii(before));
            const bool right = !isAsciiSpace(before) && (!isAsciiPunct(before) || isAsciiSpace(after) ||
                                                         isAsciiPunct(after) || nonAscii(after));
            Token t;
            t.delimiter = c;
            t.count = run;
            t.canOpen = c == '*' ? left : left && (!right || isAsciiPunct(before));
            t.canClose = c == '*' ? right : right && (!left || isAsciiPunct(after));
            tokens.push_back(t);
            i += run;
            continue;
        }
        addText(std::string(1, c));
        ++i;
    }
    // Pair closers with the nearest opener of the same character.
    std::vector<std::size_t> openers;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        Token& t = tokens[k];
        if (t.delimiter == 0) continue;
        if (t.canClose) {
            for (std::size_t o = openers.size(); o-- > 0;) {
                Token& opener = tokens[openers[o]];
                if (opener.delimiter != t.delimiter) continue;
                const std::size_t n = std::min(opener.count, t.count);
                opener.count -= n;
                t.count -= n;
                openers.resize(opener.count == 0 ? o : o + 1);
                break;
            }
        }
        if (t.count > 0 && t.canOpen) openers.push_back(k);
    }
    std::string out;
    for (const Token& t : tokens)
        out += t.delimiter != 0 ? std::string(t.count, t.delimiter) : t.text;
    return out;
}

namespace {

bool isTableRule(const std::string& line) {
    return line.find('-') != std::string::npos && line.find_first_not_of("|-: \t") == std::string::npos;
}


std::string trim(const std::string& s) {
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/// The cells of a table row "| a | b |": split at pipes that are neither escaped nor
/// inside a code span.
std::vector<std::string> tableCells(const std::string& row) {
    std::string s = trim(row);
    if (s.starts_with("|")) s.erase(0, 1);
    if (s.ends_with("|") && !s.ends_with("\\|")) s.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    bool code = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '|') {
            cell += '|';
            ++i;
            continue;
        }
        if (s[i] == '`') code = !code;
        if (s[i] == '|' && !code) {
            cells.push_back(trim(cell));
            cell.clear();
            continue;
        }
        cell += s[i];
    }
    cells.push_back(trim(cell));
    return cells;
}

/// A Markdown table as aligned columns under a rule, narrowed to `width`: the widest
/// columns give way first and their cells wrap; rows that wrap are set apart by a blank line.
std::string renderTable(const std::vector<std::string>& source, std::size_t width) {
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> right;
    for (std::size_t k = 0; k < source.size(); ++k) {
        if (k == 1) {  // the rule: "---:" aligns a column to the right
            for (const auto& c : tableCells(source[k]))
                right.push_back(c.ends_with(":") && !c.starts_with(":"));
            continue;
        }
        std::vector<std::string> cells;
        for (const auto& c : tableCells(source[k]))
            cells.push_back(plainInline(c));
        rows.push_back(std::move(cells));
    }
    const std::size_t columns = rows.front().size();
    right.resize(columns, false);
    for (auto& row : rows)
        row.resize(columns);

    constexpr std::size_t kGap = 2;
    std::vector<std::size_t> widths(columns, 1);
    std::vector<std::size_t> words(columns, 1);  // the longest word of each column
    for (const auto& row : rows)
        for (std::size_t c = 0; c < columns; ++c) {
            widths[c] = std::max(widths[c], displayWidth(row[c]));
            for (const auto& w : wrapText(row[c], 1000))
                for (std::size_t start = 0; start <= w.size();) {
                    const std::size_t end = std::min(w.find(' ', start), w.size());
                    words[c] = std::max(words[c], displayWidth(w.substr(start, end - start)));
                    start = end + 1;
                }
        }
    const std::size_t room = width > kGap * (columns - 1) + columns ? width - kGap * (columns - 1) : columns;
    const auto total = [&] { return std::accumulate(widths.begin(), widths.end(), std::size_t{0}); };
    // Narrow the widest column, first down to its longest word, then (if that is not
    // enough) further, breaking words.
    for (const bool keepWords : {true, false})
        while (total() > room) {
            std::size_t widest = columns;
            for (std::size_t c = 0; c < columns; ++c)
                if (widths[c] > 1 && (!keepWords || widths[c] > words[c]) &&
                    (widest == columns || widths[c] > widths[widest]))
                    widest = c;
            if (widest == columns) break;
            --widths[widest];
        }

    std::vector<std::vector<std::vector<std::string>>> wrapped;
    bool anyWraps = false;
    for (const auto& row : rows) {
        std::vector<std::vector<std::string>> cells;
        for (std::size_t c = 0; c < columns; ++c) {
            cells.push_back(wrapText(row[c], widths[c]));
            anyWraps = anyWraps || cells.back().size() > 1;
        }
        wrapped.push_back(std::move(cells));
    }
    std::string out;
    for (std::size_t r = 0; r < wrapped.size(); ++r) {
        std::size_t height = 0;
        for (const auto& cell : wrapped[r])
            height = std::max(height, cell.size());
        if (anyWraps && r > 1) out += "\n";
        for (std::size_t l = 0; l < height; ++l) {
            std::string line;
            for (std::size_t c = 0; c < columns; ++c) {
                const std::string piece = l < wrapped[r][c].size() ? wrapped[r][c][l] : "";
                line += (c == 0 ? "" : std::string(kGap, ' ')) +
                        (right[c] ? padLeft(piece, widths[c]) : padRight(piece, widths[c]));
            }
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            out += line + "\n";
        }
        if (r == 0) {
            std::string rule;
            for (std::size_t c = 0; c < columns; ++c)
                rule += (c == 0 ? "" : std::string(kGap, ' ')) + std::string(widths[c], '-');
            out += rule + "\n";
        }
    }
    return out;
}

/// `text` wrapped to `width`, the first line after `first`, the others after `hang`.
std::string wrapped(const std::string& text, const std::string& first, std::size_t hang, std::size_t width) {
    const std::size_t room = std::max<std::size_t>(width > hang ? width - hang : 1, 10);
    std::string out;
    const auto lines = wrapText(text, room);
    for (std::size_t k = 0; k < lines.size(); ++k)
        out += (k == 0 ? first : std::string(hang, ' ')) + lines[k] + "\n";
    return out;
}

/// "- ", "* ", "+ " or "12. " / "12) " at the start of `trimmed`: its length, else 0.
std::size_t listMarker(const std::string& trimmed) {
    if (trimmed.size() >= 2 && (trimmed[0] == '-' || trimmed[0] == '*' || trimmed[0] == '+') && trimmed[1] == ' ')
        return 2;
    std::size_t digits = 0;
    while (digits < trimmed.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(trimmed[digits])) != 0)
        ++digits;
    if (digits > 0 && digits + 1 < trimmed.size() && (trimmed[digits] == '.' || trimmed[digits] == ')') &&
        trimmed[digits + 1] == ' ')
        return digits + 2;
    return 0;
}

}  // namespace

std::string markdownForTerminal(const std::string& markdown, std::size_t width) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < markdown.size();) {
        std::size_t end = markdown.find('\n', start);
        if (end == std::string::npos) end = markdown.size();
        std::string line = markdown.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
        start = end + 1;
    }

    std::string out;
    // The paragraph or list item being gathered: its text, first-line prefix and hang.
    std::string paragraph;
    std::string prefix;
    std::size_t hang = 0;
    const auto flush = [&] {
        if (!paragraph.empty()) out += wrapped(plainInline(paragraph), prefix, hang, width);
        paragraph.clear();
    };
    bool fenced = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        const std::size_t indent = std::min<std::size_t>(line.find_first_not_of(' '), line.size());
        const std::string trimmed = trim(line);
        if (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            flush();
            fenced = !fenced;
            continue;
        }
        if (fenced) {
            out += wrapped(line, "    ", 4, width);
            continue;
        }
        if (trimmed.empty()) {
            flush();
            if (!out.empty() && !out.ends_with("\n\n")) out += "\n";
            continue;
        }
        if (trimmed.starts_with("|") && i + 1 < lines.size() && trim(lines[i + 1]).starts_with("|") &&
            isTableRule(trim(lines[i + 1]))) {
            flush();
            std::vector<std::string> table{trimmed};
            while (i + 1 < lines.size() && trim(lines[i + 1]).starts_with("|"))
                table.push_back(trim(lines[++i]));
            out += renderTable(table, width);
            continue;
        }
        std::size_t level = 0;
        while (level < trimmed.size() && trimmed[level] == '#')
            ++level;
        if (level >= 1 && level <= 6 && level < trimmed.size() && trimmed[level] == ' ') {
            flush();
            const std::string title = plainInline(trimmed.substr(level + 1));
            std::size_t widest = 0;
            for (const auto& l : wrapText(title, width)) {
                out += l + "\n";
                widest = std::max(widest, displayWidth(l));
            }
            if (level <= 2) out += std::string(widest, level == 1 ? '=' : '-') + "\n";
            continue;
        }
        if (const std::size_t marker = listMarker(trimmed); marker > 0) {
            flush();
            const std::size_t margin = std::min<std::size_t>(indent, 8);
            prefix = std::string(margin, ' ') + trimmed.substr(0, marker);
            hang = margin + marker;
            paragraph = trimmed.substr(marker);
            continue;
        }
        if (trimmed.starts_with(">")) {
            flush();
            prefix = "  | ";
            hang = 4;
            paragraph = trim(trimmed.substr(1));
            flush();
            continue;
        }
        // A hard line break (two trailing spaces or a backslash) ends the line here.
        const bool hardBreak = line.ends_with("  ") || line.ends_with("\\");
        if (paragraph.empty()) {
            prefix.clear();
            hang = 0;
            paragraph = trimmed;
        } else {
            paragraph += " " + trimmed;
        }
        if (hardBreak) {
            if (paragraph.ends_with("\\")) paragraph.pop_back();
            const std::size_t keep = hang;
            const std::string keepPrefix = prefix;
            flush();
            prefix = keep > 0 ? std::string(keep, ' ') : keepPrefix;
            hang = keep;
        }
    }
    flush();
    while (out.ends_with("\n\n"))
        out.pop_back();
    return out;
}

}  // namespace deepstep::cli
