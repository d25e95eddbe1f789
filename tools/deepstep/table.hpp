#pragma once
// Plain-text tables with columns aligned by display width (Hangul takes two columns).

#include <cstddef>
#include <string>
#include <vector>

namespace deepstep::cli {

class Table {
public:
    enum class Align { Left, Right };

    explicit Table(std::vector<std::string> header);
    void setAlign(std::size_t column, Align align);
    /// requires: row.size() <= the header's size (missing cells are blank).
    void addRow(std::vector<std::string> row);
    std::size_t rows() const { return rows_.size(); }
    /// Header, a rule, then the rows; every line starts with `indent` spaces and
    /// ends with a newline. The last column is not padded. With `maxWidth` > 0 the
    /// last column is word-wrapped so that lines fit in that many columns (when the
    /// other columns leave it room), continuation lines aligned under it. When the
    /// lines still do not fit, each row is written as a record instead: the first
    /// cell after the first header, then one "header  value" line per column.
    std::string render(std::size_t indent = 2, std::size_t maxWidth = 0) const;

private:
    std::string renderRecords(std::size_t indent, std::size_t maxWidth) const;

    std::vector<std::string> header_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace deepstep::cli
