#pragma once
// Model files (.dsm.json): the architecture and every parameter value, versioned.
//
// {"format": "deepstep.model", "version": 2, "model": {...same as an experiment's...},
//  "values": {"hidden.weight": {"shape": [2, 2], "data": [...]}, ...},
//  "classes": [...], "optimizer": {...state, optional...},
//  "checksum": "fnv1a64:0123456789abcdef"}
//
// Floats are written with enough digits to round-trip exactly; files are written
// atomically, so a crash never leaves half a model. The checksum (new in version 2)
// covers everything else in the file, so a file changed after saving is refused;
// version-1 files, and files whose checksum was removed, are read without one.

#include "deepstep/network.hpp"
#include "deepstep/registry.hpp"

#include <string>
#include <vector>

namespace deepstep {

inline constexpr int kModelVersion = 2;

struct ModelFile {
    Network network;
    std::vector<std::string> classNames;
    Json optimizerState;  ///< null when not saved
};

/// The checksum of a model document: FNV-1a (64 bits) of its canonical JSON text
/// (sorted keys, no spaces, shortest round-trip numbers) without the "checksum" field,
/// as "fnv1a64:" and 16 hex digits. Whitespace and number spelling do not change it;
/// any change of a key, a name or a value does.
std::string modelChecksum(const Json& doc);

/// A float from a JSON number within float range.
/// throws InputError(path, ...) for anything else (text, 1e39, ...).
float floatFromJson(const Json& v, const std::string& path);

/// requires: net built from a registry (its layer specs are saved).
/// ensures: the document carries its checksum.
Json modelToJson(Network& net, const std::vector<std::string>& classNames = {}, const Json& optimizerState = nullptr);
void saveModel(const std::string& path, Network& net, const std::vector<std::string>& classNames = {},
               const Json& optimizerState = nullptr);
/// Checks everything: known fields only, the architecture, each value's shape and
/// numbers (finite floats), the class names against the network's output, the
/// optimizer state's form, and the checksum when the file has one.
/// throws InputError naming the file and JSON path for a bad or newer-version file
///        (InputProblems, one line each, when there are several problems).
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
