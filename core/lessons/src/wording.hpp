#pragma once
// The small pieces of wording the lessons' messages share (private to the library).

#include <string>
#include <vector>

namespace deepstep::lessons_detail {

/// "text" → "\"text\"".
inline std::string inQuotes(const std::string& s) {
    return "\"" + s + "\"";
}

/// {"a", "b", "c"} → "a, b, c".
inline std::string listed(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace deepstep::lessons_detail
