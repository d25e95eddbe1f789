// deepstep generate: text from a saved character model. The model reads T characters,
// one-hot (input [T, V]) or as ids 0 … V−1 (input [T], for an embedding layer), its V
// class names the characters as the `text` dataset names them, and gives the
// probabilities of the next one; generate feeds it the last T characters of the text so
// far, draws the next character at a temperature, and repeats.

#include "commands.hpp"
#include "session.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/random.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace deepstep::cli {

/// Most characters one run generates.
inline constexpr long long kMaxGeneratedCharacters = 100'000;

CommandSpec generateSpec() {
    return {"generate",
            "MODEL [--prime TEXT] [--length N] [--temperature T] [--seed N]",
            "cmd.generate.summary",
            "cmd.generate.description",
            {"MODEL"},
            {{"prime", "TEXT", "opt.prime"},
             {"length", "N", "opt.length"},
             {"temperature", "T", "opt.temperature"},
             {"seed", "N", "opt.generateSeed"}}};
}

namespace {

/// A character model's vocabulary: the byte of each class (the `text` dataset names
/// the line break "\n", two characters), and the class of each byte.
struct Vocabulary {
    std::vector<char> characters;
    std::array<int, 256> classOf{};
};

/// nullopt unless every class name is one character (or "\n") and none repeats.
std::optional<Vocabulary> vocabularyOf(const std::vector<std::string>& names) {
    Vocabulary v;
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
    return v;
}

/// A character as the messages show it: 'a', '\n', or \xNN for other bytes.
std::string shownCharacter(char c) {
    if (c == '\n') return "'\\n'";
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) return std::string("'") + c + "'";
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
    return buffer;
}


}  // namespace

int runGenerate(const Arguments& args) {
    const std::string modelPath = args.positional().at(0);
    const std::string prime = args.value("prime").value_or("The ");
    const long long length = args.integer("length", 0, 200, kMaxGeneratedCharacters);
    const double temperature = args.positiveNumber("temperature", 1.0);
    const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0, 1));

    Session session;
    ModelFile model = loadModel(modelPath, session.registry());
    Network& net = model.network;
    const Shape input = net.inputShape();
    const std::optional<Vocabulary> vocabulary = vocabularyOf(model.classNames);
    const std::size_t v = model.classNames.size();
    const bool ids = input.rank() == 1;
    if (!(ids || (input.rank() == 2 && input[1] == v)) || !vocabulary ||
        net.layerOutputShape(net.layerCount() - 1) != Shape{v}) {
        throw InputError(modelPath, tr("generate.notCharacterModel",
                                       {input.str(), std::to_string(model.classNames.size())}));
    }
    if (prime.empty()) throw UsageError(tr("generate.emptyPrime"), "generate");
    for (std::size_t i = 0; i < prime.size(); ++i) {
        if (vocabulary->classOf[static_cast<unsigned char>(prime[i])] < 0) {
            std::string known;
            for (const char c : vocabulary->characters)
                known += c == '\n' ? std::string("\\n") : std::string(1, c);
            throw UsageError(tr("generate.unknownCharacter",
                                {shownCharacter(prime[i]), std::to_string(i + 1), std::to_string(v),
                                 terminalSafe(known)}),
                             "generate");
        }
    }

    const std::size_t window = input[0];
    const bool softmax = lastActivationIs(net, "softmax");
    const auto classOf = [&](char c) {
        return static_cast<std::size_t>(vocabulary->classOf[static_cast<unsigned char>(c)]);
    };
    // Ids have no empty step: a short text is padded with spaces, or with its first
    // character when the vocabulary has no space.
    const std::size_t padding = vocabulary->classOf[' '] >= 0 ? classOf(' ') : classOf(prime.front());
    Rng rng(seed);
    std::string text = prime;
    Tensor x(ids ? Shape{1, window} : Shape{1, window, v});
    std::vector<double> weights(v);
    for (long long k = 0; k < length; ++k) {
        // The last `window` characters; a shorter text is padded on the left, one-hot
        // with all-zero steps (no character).
        std::fill(x.values().begin(), x.values().end(), ids ? static_cast<float>(padding) : 0.0F);
        const std::size_t have = std::min(window, text.size());
        for (std::size_t j = 0; j < have; ++j) {
            const std::size_t c = classOf(text[text.size() - have + j]);
            const std::size_t step = window - have + j;
            if (ids) {
                x[step] = static_cast<float>(c);
            } else {
                x[step * v + c] = 1.0F;
            }
        }
        const Tensor out = net.forward(x, Mode::Eval);
        // log p / T, from the network's softmax, or from its raw outputs (logits).
        double peak = -INFINITY;
        for (std::size_t c = 0; c < v; ++c) {
            const double score = softmax ? std::log(static_cast<double>(out[c])) : static_cast<double>(out[c]);
            weights[c] = score / temperature;
            if (!std::isnan(weights[c])) peak = std::max(peak, weights[c]);
        }
        if (!std::isfinite(peak)) throw RuntimeFailure(tr("generate.notFinite", {modelPath}));
        double sum = 0.0;
        for (double& w : weights)
            sum += (w = std::isnan(w) ? 0.0 : std::exp(w - peak));
        double draw = static_cast<double>(rng.uniform()) * sum;
        std::size_t chosen = v - 1;
        for (std::size_t c = 0; c < v; ++c) {
            if (draw < weights[c]) {
                chosen = c;
                break;
            }
            draw -= weights[c];
        }
        // Rounding can leave the draw past the last nonzero weight: take that one.
        while (weights[chosen] == 0.0 && chosen > 0)
            --chosen;
        text += vocabulary->characters[chosen];
    }
    std::cout << terminalSafe(text) << "\n";
    return 0;
}

}  // namespace deepstep::cli
