#include "deepstep/text_generation.hpp"

#include "deepstep/activation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace deepstep {

bool lastActivationIs(const Network& net, const std::string& name) {
    const Layer& last = net.layer(net.layerCount() - 1);
    if (last.type() == name) return true;
    const Activation* a = last.activation();
    return a != nullptr && a->name() == name;
}

std::optional<CharacterVocabulary> characterVocabulary(const std::vector<std::string>& names) {
    CharacterVocabulary v;
    v.classOf.fill(-1);
    for (const std::string& name : names) {
        char c = 0;
        if (name.size() == 1) {
            c = name[0];
        } else if (name == "\\n") {
            c = '\n';
        } else {
            return std::nullopt;
        }
        auto& slot = v.classOf[static_cast<unsigned char>(c)];
        if (slot >= 0) return std::nullopt;
        slot = static_cast<int>(v.characters.size());
        v.characters.push_back(c);
    }
    if (v.characters.empty()) return std::nullopt;
    return v;
}

bool isCharacterModel(const Network& net, const CharacterVocabulary& vocabulary) {
    if (!net.built() || net.layerCount() == 0) return false;
    const Shape& input = net.inputShape();
    const std::size_t v = vocabulary.characters.size();
    const bool ids = input.rank() == 1 && input[0] > 0;
    const bool oneHot = input.rank() == 2 && input[0] > 0 && input[1] == v;
    return (ids || oneHot) && net.layerOutputShape(net.layerCount() - 1) == Shape{v};
}

CharacterGenerator::CharacterGenerator(Network& net, CharacterVocabulary vocabulary)
    : net_(net), vocabulary_(std::move(vocabulary)) {
    if (!isCharacterModel(net_, vocabulary_)) throw std::invalid_argument("CharacterGenerator: not a character model");
    ids_ = net_.inputShape().rank() == 1;
    window_ = net_.inputShape()[0];
    softmax_ = lastActivationIs(net_, "softmax");
}

Tensor CharacterGenerator::inputFor(const std::string& text) const {
    const std::size_t v = vocabulary_.characters.size();
    // Ids have no empty step: pad with the space, or with the text's first character.
    float fill = 0.0F;
    if (ids_) {
        if (vocabulary_.contains(' ')) {
            fill = static_cast<float>(vocabulary_.indexOf(' '));
        } else if (!text.empty()) {
            fill = static_cast<float>(vocabulary_.indexOf(text.front()));
        }
    }
    Tensor x(ids_ ? Shape{1, window_} : Shape{1, window_, v});
    std::fill(x.values().begin(), x.values().end(), fill);
    const std::size_t have = std::min(window_, text.size());
    for (std::size_t j = 0; j < have; ++j) {
        const std::size_t c = vocabulary_.indexOf(text[text.size() - have + j]);
        const std::size_t step = window_ - have + j;
        if (ids_) {
            x[step] = static_cast<float>(c);
        } else {
            x[step * v + c] = 1.0F;
        }
    }
    return x;
}

std::vector<double> CharacterGenerator::nextDistribution(const std::string& text, double temperature) {
    const std::size_t v = vocabulary_.characters.size();
    const Tensor out = net_.forward(inputFor(text), Mode::Eval);
    // log p / T, from the network's softmax, or from its raw outputs (logits).
    std::vector<double> weights(v);
    double peak = -INFINITY;
    for (std::size_t c = 0; c < v; ++c) {
        const double score = softmax_ ? std::log(static_cast<double>(out[c])) : static_cast<double>(out[c]);
        weights[c] = score / temperature;
        if (!std::isnan(weights[c])) peak = std::max(peak, weights[c]);
    }
    if (!std::isfinite(peak)) return {};
    double sum = 0.0;
    for (double& w : weights)
        sum += (w = std::isnan(w) ? 0.0 : std::exp(w - peak));
    for (double& w : weights)
        w /= sum;
    return weights;
}

std::size_t CharacterGenerator::draw(const std::vector<double>& distribution, Rng& rng) {
    double u = static_cast<double>(rng.uniform());
    std::size_t chosen = distribution.size() - 1;
    for (std::size_t c = 0; c < distribution.size(); ++c) {
        if (u < distribution[c]) {
            chosen = c;
            break;
        }
        u -= distribution[c];
    }
    // Rounding can leave the draw past the last nonzero weight: take that one.
    while (distribution[chosen] == 0.0 && chosen > 0)
        --chosen;
    return chosen;
}

std::string CharacterGenerator::generate(const std::string& prime, std::size_t length, double temperature, Rng& rng) {
    std::string text = prime;
    for (std::size_t k = 0; k < length; ++k) {
        const std::vector<double> p = nextDistribution(text, temperature);
        if (p.empty()) break;
        text += vocabulary_.characters[draw(p, rng)];
    }
    return text;
}

}  // namespace deepstep
