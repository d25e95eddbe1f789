#pragma once
// Character models: a network that reads the last T characters of a text, one-hot
// (input [T, V]) or as ids 0 … V−1 (input [T], for an embedding layer), and gives the
// probabilities (a softmax layer) or the logits of the next one over V classes, each
// class named by its character as the `text` dataset names them ("a", "\\n" for the
// line break). The command line's `generate` and the Studio's text view both write
// with a CharacterGenerator:
//
//   CharacterGenerator g(network, *characterVocabulary(classNames));
//   Rng rng(seed);
//   std::string more = g.generate("The Fox ", 200, 0.8, rng);

#include "deepstep/network.hpp"
#include "deepstep/random.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

/// Whether the network's last layer is the activation `name` ("softmax"), or a layer
/// whose own activation is. requires: net has a layer.
bool lastActivationIs(const Network& net, const std::string& name);

/// A character model's vocabulary: the byte of each class, and the class of each byte.
struct CharacterVocabulary {
    std::vector<char> characters;
    std::array<int, 256> classOf{};  ///< −1 for a byte that is no class
    bool contains(char c) const { return classOf[static_cast<unsigned char>(c)] >= 0; }
    std::size_t indexOf(char c) const { return static_cast<std::size_t>(classOf[static_cast<unsigned char>(c)]); }
};

/// nullopt unless every class name is one character (or "\\n") and none repeats.
std::optional<CharacterVocabulary> characterVocabulary(const std::vector<std::string>& names);

/// Whether `net` is a character model over `vocabulary`: input [T, V] or [T], output [V].
bool isCharacterModel(const Network& net, const CharacterVocabulary& vocabulary);

class CharacterGenerator {
public:
    /// requires: isCharacterModel(net, vocabulary); `net` outlives the generator.
    CharacterGenerator(Network& net, CharacterVocabulary vocabulary);

    std::size_t window() const { return window_; }
    const CharacterVocabulary& vocabulary() const { return vocabulary_; }

    /// The input that shows the model the last window() characters of `text`; a shorter
    /// text is padded on the left (one-hot: all-zero steps; ids: the space, or the text's
    /// first character when the vocabulary has no space).
    /// requires: every character of `text` is in the vocabulary.
    Tensor inputFor(const std::string& text) const;

    /// The distribution of the next character at `temperature` (> 0): p_i^(1/T),
    /// normalised. Empty when the model's outputs are not finite.
    /// requires: as inputFor.
    std::vector<double> nextDistribution(const std::string& text, double temperature);

    /// A class drawn from `distribution` (sums to 1) with one uniform number of `rng`.
    static std::size_t draw(const std::vector<double>& distribution, Rng& rng);

    /// `prime` followed by `length` drawn characters; stops early (shorter result) when
    /// the outputs stop being finite.
    std::string generate(const std::string& prime, std::size_t length, double temperature, Rng& rng);

private:
    Network& net_;
    CharacterVocabulary vocabulary_;
    std::size_t window_ = 0;
    bool ids_ = false;
    bool softmax_ = false;
};

}  // namespace deepstep
