#pragma once
// Model files (.dsm.json): the architecture and every parameter value, versioned.
//
// {"format": "deepstep.model", "version": 1, "model": {...same as an experiment's...},
//  "values": {"hidden.weight": {"shape": [2, 2], "data": [...]}, ...},
//  "classes": [...], "optimizer": {...state, optional...}}
//
// Floats are written with enough digits to round-trip exactly; files are written
// atomically, so a crash never leaves half a model.

#include "deepstep/network.hpp"
#include "deepstep/registry.hpp"

#include <string>
#include <vector>

namespace deepstep {

inline constexpr int kModelVersion = 1;

struct ModelFile {
    Network network;
    std::vector<std::string> classNames;
    Json optimizerState;  ///< null when not saved
};

/// requires: net built from a registry (its layer specs are saved).
Json modelToJson(Network& net, const std::vector<std::string>& classNames = {}, const Json& optimizerState = nullptr);
void saveModel(const std::string& path, Network& net, const std::vector<std::string>& classNames = {},
               const Json& optimizerState = nullptr);
/// throws InputError naming the file and JSON path for a bad or newer-version file.
ModelFile modelFromJson(const Json& doc, const Registry& registry, const std::string& where = {});
ModelFile loadModel(const std::string& path, const Registry& registry);

/// Transfer learning: copies the values of whole layers from a saved model document
/// into `net`. `layers` maps a layer path of `net` ("hidden", "block1.inner") to the
/// layer path in the model whose parameters it takes; every parameter under the
/// target, at any depth, must exist in the model with the same shape.
/// throws InputError naming `where` (the model file) and the parameter otherwise.
/// ensures: returns the number of parameters copied.
std::size_t initializeLayers(Network& net, const Json& modelDoc,
                             const std::vector<std::pair<std::string, std::string>>& layers, const std::string& where);

}  // namespace deepstep
