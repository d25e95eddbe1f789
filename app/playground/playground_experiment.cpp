#include "playground_experiment.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"

namespace deepstep::studio {

namespace {

/// The schema of a template layer; throws naming `place` when it has none.
const Schema& layerSchema(const Json& spec, const Registry& registry, const std::string& place) {
    if (!spec.is_object() || !spec.contains("type") || !spec["type"].is_string()) {
        throw InputError(place, "expected a layer object with a \"type\", got " + describeJson(spec));
    }
    const std::string type = spec["type"].get<std::string>();
    const ComponentInfo* info = registry.find(Kind::Layer, type);
    if (info == nullptr) throw InputError(place + ".type", "no layer type \"" + type + "\" is registered");
    return info->schema;
}

void requireOption(const Schema& schema, const std::string& option, const std::string& place, const char* role) {
    if (schema.find(option) == nullptr) {
        throw InputError(place, std::string("expected a layer with the option \"") + option + "\" (" + role +
                                    "); this layer type has none");
    }
}

std::string numbered(const Json& spec, std::size_t index) {
    const std::string base = spec.contains("name") && spec["name"].is_string() ? spec["name"].get<std::string>()
                                                                               : spec["type"].get<std::string>();
    return base + std::to_string(index + 1);
}

}  // namespace

Json inlineDataset(const Tensor& inputs, const Tensor& targets, const std::vector<std::string>& classes,
                   const std::vector<std::string>& features) {
    auto rows = [](const Tensor& t) {
        Json out = Json::array();
        const std::size_t n = t.batch();
        const std::size_t width = n == 0 ? 0 : t.size() / n;
        for (std::size_t i = 0; i < n; ++i) {
            Json row = Json::array();
            for (std::size_t j = 0; j < width; ++j)
                row.push_back(t[i * width + j]);
            out.push_back(std::move(row));
        }
        return out;
    };
    Json spec{{"type", "inline"}, {"inputs", rows(inputs)}, {"targets", rows(targets)}};
    if (classes.size() >= 2) spec["classes"] = classes;
    if (!features.empty()) spec["features"] = features;
    return spec;
}

PlaygroundTemplate PlaygroundTemplate::load(const std::string& path, const Registry& registry) {
    return fromJson(readJsonFile(path), registry, path);
}

PlaygroundTemplate PlaygroundTemplate::fromJson(const Json& doc, const Registry& registry, const std::string& where) {
    const std::string at = where.empty() ? std::string() : where + ": ";
    if (!doc.is_object() || !doc.contains("model") || !doc["model"].is_object() ||
        !doc["model"].contains("layers") || !doc["model"]["layers"].is_array()) {
        throw InputError(at + "model.layers", "expected an experiment with a list of layers");
    }
    const Json& layers = doc["model"]["layers"];
    if (layers.size() != 3) {
        throw InputError(at + "model.layers", "expected three layers (the hidden layer, the layer after each "
                                              "hidden layer, the output layer), got " +
                                                  std::to_string(layers.size()));
    }
    const Schema& hidden = layerSchema(layers[0], registry, at + "model.layers[0]");
    requireOption(hidden, "units", at + "model.layers[0]", "the hidden layer's units");
    requireOption(hidden, "activation", at + "model.layers[0]", "the hidden layer's activation");
    const Schema& between = layerSchema(layers[1], registry, at + "model.layers[1]");
    requireOption(between, "rate", at + "model.layers[1]", "the dropout rate");
    layerSchema(layers[2], registry, at + "model.layers[2]");
    PlaygroundTemplate t;
    t.doc_ = doc;
    t.betweenHasSeed_ = between.find("seed") != nullptr;
    return t;
}

Json PlaygroundTemplate::experimentFor(const PlaygroundSetup& setup) const {
    Json doc = doc_;
    const Json& layers = doc_["model"]["layers"];
    Json model = Json::array();
    for (std::size_t i = 0; i < setup.hiddenUnits.size(); ++i) {
        Json hidden = layers[0];
        hidden["name"] = numbered(layers[0], i);
        hidden["units"] = setup.hiddenUnits[i];
        hidden["activation"] = setup.activation;
        model.push_back(std::move(hidden));
        if (setup.dropout > 0.0) {
            Json between = layers[1];
            between["name"] = numbered(layers[1], i);
            between["rate"] = setup.dropout;
            // Each layer its own masks, all following from the run's seed.
            if (betweenHasSeed_) between["seed"] = setup.seed + i + 1;
            model.push_back(std::move(between));
        }
    }
    model.push_back(layers[2]);
    doc["model"]["layers"] = std::move(model);
    // The input follows from the data (the chosen input features).
    doc["model"].erase("input");

    doc["name"] = setup.name;
    doc.erase("description");
    doc["seed"] = setup.seed;
    doc["loss"] = Json{{"type", setup.loss}};
    Json optimizer = setup.optimizerOptions.is_object() ? setup.optimizerOptions : Json::object();
    optimizer["type"] = setup.optimizer;
    doc["optimizer"] = std::move(optimizer);
    doc["dataset"] = setup.train;
    if (setup.test.is_null()) {
        doc.erase("test_dataset");
    } else {
        doc["test_dataset"] = setup.test;
    }
    Json training = doc.contains("training") && doc["training"].is_object() ? doc["training"] : Json::object();
    training["epochs"] = setup.epochs;
    training["batch_size"] = setup.batchSize;
    // The playground holds out its own test points.
    training["validation_split"] = 0.0;
    training["l1"] = setup.l1;
    training["l2"] = setup.l2;
    doc["training"] = std::move(training);
    return doc;
}

}  // namespace deepstep::studio
