#include "table.hpp"

#include "text.hpp"

#include <algorithm>

namespace deepstep::cli {

Table::Table(std::vector<std::string> header) : header_(std::move(header)), align_(header_.size(), Align::Left) {}

void Table::setAlign(std::size_t column, Align align) {
    align_.at(column) = align;
}

void Table::addRow(std::vector<std::string> row) {
    row.resize(header_.size());
    rows_.push_back(std::move(row));
}

std::string Table::render(std::size_t indent, std::size_t maxWidth) const {
    const std::size_t columns = header_.size();
    std::vector<std::size_t> widths(columns, 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], displayWidth(row[c]));
    };
    measure(header_);
    for (const auto& row : rows_)
        measure(row);

    // Where the last column starts, and how wide it may be when wrapping.
    std::size_t lastStart = indent;
    for (std::size_t c = 0; c + 1 < columns; ++c)
        lastStart += widths[c] + 2;
    constexpr std::size_t kNarrowest = 20;  // below this, wrapping hurts more than long lines
    const std::size_t lastWidth = (maxWidth > lastStart + kNarrowest && columns > 0) ? maxWidth - lastStart : 0;

    const std::string margin(indent, ' ');
    auto line = [&](const std::vector<std::string>& row) {
        std::string out = margin;
        for (std::size_t c = 0; c + 1 < row.size(); ++c)
            out += (align_[c] == Align::Right ? padLeft(row[c], widths[c]) : padRight(row[c], widths[c])) + "  ";
        const std::string& last = row.back();
        std::vector<std::string> pieces =
            lastWidth > 0 && align_.back() == Align::Left
                ? wrapText(last, lastWidth)
                : std::vector<std::string>{align_.back() == Align::Right ? padLeft(last, widths.back()) : last};
        std::string text;
        for (std::size_t k = 0; k < pieces.size(); ++k) {
            std::string l = (k == 0 ? out : std::string(lastStart, ' ')) + pieces[k];
            while (!l.empty() && l.back() == ' ')
                l.pop_back();
            text += l + "\n";
        }
        return text;
    };

    std::string out = line(header_);
    std::vector<std::string> rule;
    for (std::size_t c = 0; c < columns; ++c)
        rule.push_back(
            std::string(c + 1 == columns && align_[c] == Align::Left ? displayWidth(header_[c]) : widths[c], '-'));
    out += line(rule);
    for (const auto& row : rows_)
        out += line(row);
    if (maxWidth == 0 || columns < 2) return out;
    for (std::size_t start = 0; start < out.size();) {
        const std::size_t end = out.find('\n', start);
        if (displayWidth(out.substr(start, end - start)) > maxWidth) return renderRecords(indent, maxWidth);
        start = end + 1;
    }
    return out;
}

std::string Table::renderRecords(std::size_t indent, std::size_t maxWidth) const {
    std::size_t labelWidth = 0;
    for (std::size_t c = 1; c < header_.size(); ++c)
        labelWidth = std::max(labelWidth, displayWidth(header_[c]));
    const std::string margin(indent, ' ');
    // Labels may take up to half of the line; longer ones get their value on the next line.
    const std::size_t valueStart = std::min(indent + 2 + labelWidth + 2, maxWidth / 2);
    const std::size_t valueWidth = std::max<std::size_t>(maxWidth > valueStart ? maxWidth - valueStart : 1, 10);
    std::string out;
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        const auto& row = rows_[r];
        if (r > 0) out += "\n";
        out += margin + header_[0] + " " + row[0] + "\n";
        for (std::size_t c = 1; c < header_.size(); ++c) {
            std::string label = margin + "  " + header_[c];
            const auto pieces = wrapText(row[c], valueWidth);
            if (displayWidth(label) + 2 > valueStart) {
                out += label + "\n";
                label.clear();
            }
            for (const auto& piece : pieces) {
                out += padRight(label, valueStart) + piece + "\n";
                label.clear();
            }
        }
    }
    return out;
}

}  // namespace deepstep::cli
