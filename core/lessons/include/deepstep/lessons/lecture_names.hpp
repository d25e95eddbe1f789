#pragma once
// The names the lectures give a small network's values, so that what the terminal
// prints reads like the lesson text: inputs x1, x2, …, hidden units h1, h2, … (h1_2,
// the 2nd unit of the 1st hidden layer, when there are several), outputs o1, o2, …,
// and weights w1, w2, … numbered layer by layer, each connection matrix row by row in
// its inputs × units order: in a 3-2-2 network w1 = x1→h1, w2 = x1→h2, w3 = x2→h1, …,
// w7 = h1→o1, w8 = h1→o2, w9 = h2→o1, w10 = h2→o2. A bias element is named after its
// unit: b_h1, b_o2. This is the numbering of the Studio's step view (NetworkLayout in
// app/stepview), which draws the same network.

#include "deepstep/network.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

/// Lecture names of one network's units and parameter elements.
class LectureNames {
public:
    /// Networks wider than this have no lecture names (nobody numbers 784 inputs).
    static constexpr std::size_t kMaxNamedUnits = 10;

    /// Reads the shape of `network`.
    /// ensures: available() when the network is built, its input is flat, and every
    ///          layer is a leaf layer (no composite) with a flat output of at most
    ///          kMaxNamedUnits units, as is its input.
    explicit LectureNames(Network& network);

    bool available() const { return available_; }
    /// "x3" for layer −1 (the input), "o1" for the last layer, "h2" (one hidden layer)
    /// or "h1_2" (several) otherwise. `layer` and `unit` are 0-based.
    /// requires: available(); −1 <= layer < the network's layer count; unit within its width.
    std::string unitName(int layer, std::size_t unit) const;
    /// The lecture's name of element `index` of parameter `parameter` ("out.weight",
    /// {1, 0} → "w9"; "out.bias", {1} → "b_o2"), or nullopt where the lectures have none:
    /// names not available(), a parameter that is neither a layer's connection matrix
    /// nor its per-unit bias (LayerView), or an index out of its range.
    std::optional<std::string> elementName(const std::string& parameter, const std::vector<std::size_t>& index) const;

    /// For a weight element, the connection it carries in lecture names ("h2→o1" for
    /// "out.weight", {1, 0}); nullopt for anything else, as for elementName.
    std::optional<std::string> connection(const std::string& parameter, const std::vector<std::size_t>& index) const;

    /// How a table labels element `index` of `parameter`: "w7 (h1→o1)" or "b_o1" where
    /// the lectures name it, the engine's "out.weight[0][0]" otherwise.
    std::string elementLabel(const std::string& parameter, const std::vector<std::size_t>& index) const;
    /// The same for element `flat` of a parameter shaped `shape`, counted row-major.
    /// requires: flat < shape.size().
    std::string elementLabel(const std::string& parameter, const Shape& shape, std::size_t flat) const;

private:
    struct Column {
        std::string weight;  ///< full name of the connection matrix, or empty
        std::string bias;    ///< full name of the per-unit bias, or empty
        bool transposed = false;
        std::size_t inputs = 0;
        std::size_t width = 0;
        std::size_t weightOffset = 0;  ///< weights numbered before this layer's
    };
    /// Where a parameter element sits: a weight from `input` of the layer before to
    /// `unit` of `layer`, or the bias of `unit`.
    struct Link {
        std::size_t layer = 0;
        std::size_t input = 0;
        std::size_t unit = 0;
        bool weight = false;
    };
    std::optional<Link> link(const std::string& parameter, const std::vector<std::size_t>& index) const;

    std::vector<Column> columns_;
    std::size_t inputWidth_ = 0;
    bool available_ = false;
};

}  // namespace deepstep
