#include "deepstep/model_io.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"

#include <algorithm>

namespace deepstep {

Json modelToJson(Network& net, const std::vector<std::string>& classNames, const Json& optimizerState) {
    if (!net.built()) {
        throw std::logic_error("modelToJson: the network is not built");
    }
    Json layers = Json::array();
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        Json spec = net.layerSpec(i);
        if (!spec.contains("type")) {
            spec["type"] = net.layer(i).type();
        }
        spec["name"] = net.layerName(i);
        layers.push_back(std::move(spec));
    }
    Json values = Json::object();
    for (const ParamRef& p : net.parameters(true)) {
        values[p.name] = Json{{"shape", p.value->shape().dims()},
                              {"data", std::vector<float>(p.value->values().begin(), p.value->values().end())}};
    }
    Json doc{{"format", "deepstep.model"},
             {"version", kModelVersion},
             {"model", {{"input", net.inputShape().dims()}, {"layers", std::move(layers)}}},
             {"values", std::move(values)}};
    if (!classNames.empty()) {
        doc["classes"] = classNames;
    }
    if (!optimizerState.is_null()) {
        doc["optimizer"] = optimizerState;
    }
    return doc;
}

void saveModel(const std::string& path, Network& net, const std::vector<std::string>& classNames,
               const Json& optimizerState) {
    // nlohmann writes floats with the shortest representation that reads back to the
    // same double, and float → double → float is exact: the round trip is bit for bit.
    writeFileAtomically(path, modelToJson(net, classNames, optimizerState).dump(1) + "\n");
}

ModelFile modelFromJson(const Json& doc, const Registry& registry, const std::string& where) {
    auto place = [&](const std::string& p) { return where.empty() ? p : (p.empty() ? where : where + ": " + p); };
    try {
        if (!doc.is_object() || doc.value("format", "") != "deepstep.model") {
            throw InputError(place("format"), "expected \"deepstep.model\" (is this a DeepStep model file?)");
        }
        if (!doc.contains("version") || !doc["version"].is_number_integer()) {
            throw InputError(place("version"), "expected an integer format version");
        }
        const long long version = doc["version"].get<long long>();
        if (version > kModelVersion || version < 1) {
            throw InputError(place("version"), "this model is format version " + std::to_string(version) +
                                                   "; this DeepStep reads version " + std::to_string(kModelVersion));
        }
        ModelFile mf;
        Rng rng(0);
        try {
            mf.network = buildModel(doc.at("model"), registry, rng, "model");
        } catch (const InputError& e) {
            throw InputError(place(e.where()), e.message());
        }
        const Json& values = doc.at("values");
        for (const ParamRef& p : mf.network.parameters(true)) {
            if (!values.contains(p.name)) {
                throw InputError(place("values." + p.name), "missing: the file has no value for this parameter");
            }
            const Json& v = values[p.name];
            const auto shape = v.at("shape").get<std::vector<std::size_t>>();
            if (Shape(shape) != p.value->shape()) {
                throw InputError(place("values." + p.name + ".shape"),
                                 "expected " + p.value->shape().str() + ", got " + Shape(shape).str());
            }
            const Json& given = v.at("data");
            if (!given.is_array()) {
                throw InputError(place("values." + p.name + ".data"), "expected a list of numbers");
            }
            std::vector<float> data;
            data.reserve(std::min(given.size(), p.value->size()));
            for (std::size_t i = 0; i < given.size() && i <= p.value->size(); ++i) {
                // A value beyond float range would load as inf: refused at its place.
                data.push_back(floatFromJson(given[i], place("values." + p.name + ".data[" + std::to_string(i) + "]")));
            }
            if (given.size() != p.value->size()) {
                throw InputError(
                    place("values." + p.name + ".data"),
                    "expected " + std::to_string(p.value->size()) + " numbers, got " + std::to_string(given.size()));
            }
            *p.value = Tensor(p.value->shape(), std::move(data));
        }
        if (doc.contains("classes")) {
            mf.classNames = doc["classes"].get<std::vector<std::string>>();
        }
        mf.optimizerState = doc.value("optimizer", Json(nullptr));
        return mf;
    } catch (const Json::exception& e) {
        throw InputError(place(""), std::string("malformed model file: ") + e.what());
    }
}

ModelFile loadModel(const std::string& path, const Registry& registry) {
    return modelFromJson(readJsonFile(path), registry, path);
}

std::size_t initializeLayers(Network& net, const Json& modelDoc,
                             const std::vector<std::pair<std::string, std::string>>& layers, const std::string& where) {
    auto place = [&](const std::string& p) { return where.empty() ? p : where + ": " + p; };
    if (!modelDoc.is_object() || modelDoc.value("format", "") != "deepstep.model") {
        throw InputError(place("format"), "expected \"deepstep.model\" (is this a DeepStep model file?)");
    }
    auto values = modelDoc.find("values");
    if (values == modelDoc.end() || !values->is_object()) {
        throw InputError(place("values"), "expected an object of parameter values");
    }
    std::size_t copied = 0;
    for (const auto& [target, source] : layers) {
        const std::string prefix = target + ".";
        std::size_t here = 0;
        for (const ParamRef& p : net.parameters(true)) {
            if (p.name.compare(0, prefix.size(), prefix) != 0) {
                continue;
            }
            const std::string from = source + "." + p.name.substr(prefix.size());
            auto v = values->find(from);
            if (v == values->end()) {
                throw InputError(place("values." + from),
                                 "missing: the model has no value for this parameter (wanted for " + p.name + ")");
            }
            if (!v->is_object() || !v->contains("shape") || !v->contains("data") || !(*v)["data"].is_array()) {
                throw InputError(place("values." + from), "expected {\"shape\": [...], \"data\": [...]}");
            }
            std::vector<std::size_t> shape;
            for (const Json& d : (*v)["shape"]) {
                if (!d.is_number_unsigned()) {
                    throw InputError(place("values." + from + ".shape"), "expected a list of sizes");
                }
                shape.push_back(d.get<std::size_t>());
            }
            if (shape != p.value->shape().dims()) {
                throw InputError(place("values." + from + ".shape"),
                                 "expected " + p.value->shape().str() + " (the shape of " + p.name + "), got " +
                                     describeJson((*v)["shape"]));
            }
            const Json& data = (*v)["data"];
            if (data.size() != p.value->size()) {
                throw InputError(place("values." + from + ".data"), "expected " + std::to_string(p.value->size()) +
                                                                         " numbers, got " +
                                                                         std::to_string(data.size()));
            }
            for (std::size_t i = 0; i < data.size(); ++i) {
                (*p.value)[i] = floatFromJson(data[i], place("values." + from + ".data[" + std::to_string(i) + "]"));
            }
            ++here;
        }
        if (here == 0) {
            throw InputError(place(""), "layer \"" + target + "\" has no parameters to take from the model");
        }
        copied += here;
    }
    return copied;
}

}  // namespace deepstep
