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
#include "deepstep/text_generation.hpp"

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
    const std::optional<CharacterVocabulary> vocabulary = characterVocabulary(model.classNames);
    const std::size_t v = model.classNames.size();
    if (!vocabulary || !isCharacterModel(net, *vocabulary)) {
        throw InputError(modelPath, tr("generate.notCharacterModel",
                                       {input.str(), std::to_string(model.classNames.size())}));
    }
    if (prime.empty()) throw UsageError(tr("generate.emptyPrime"), "generate");
    for (std::size_t i = 0; i < prime.size(); ++i) {
        if (!vocabulary->contains(prime[i])) {
            std::string known;
            for (const char c : vocabulary->characters)
                known += c == '\n' ? std::string("\\n") : std::string(1, c);
            throw UsageError(tr("generate.unknownCharacter",
                                {shownCharacter(prime[i]), std::to_string(i + 1), std::to_string(v),
                                 terminalSafe(known)}),
                             "generate");
        }
    }

    CharacterGenerator generator(net, *vocabulary);
    Rng rng(seed);
    std::string text = prime;
    for (long long k = 0; k < length; ++k) {
        const std::vector<double> p = generator.nextDistribution(text, temperature);
        if (p.empty()) throw RuntimeFailure(tr("generate.notFinite", {modelPath}));
        text += vocabulary->characters[CharacterGenerator::draw(p, rng)];
    }
    std::cout << terminalSafe(text) << "\n";
    return 0;
}

}  // namespace deepstep::cli
