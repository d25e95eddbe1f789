#include "deepstep/model_io.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <algorithm>
#include <optional>
#include <iomanip>
#include <set>
#include <sstream>

namespace deepstep {

float floatFromJson(const Json& v, const std::string& path) {
    if (!v.is_number()) {
        throw InputError(path, "expected a number, got " + describeJson(v));
    }
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::fabs(d) > static_cast<double>(std::numeric_limits<float>::max())) {
        throw InputError(path, "expected a number within float range (about ±3.4e38), got " + describeJson(v));
    }
    return static_cast<float>(d);
}

std::string modelChecksum(const Json& doc) {
    // The canonical text: keys sorted (Json keeps objects sorted), no spaces, numbers
    // in their shortest round-trip form, so that only a change of meaning changes it.
    std::string text;
    if (doc.is_object() && doc.contains("checksum")) {
        Json rest = doc;
        rest.erase("checksum");
        text = rest.dump(-1, ' ', false, Json::error_handler_t::replace);
    } else {
        text = doc.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a, 64 bits
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string("fnv1a64:") + hex;
}

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
    doc["checksum"] = modelChecksum(doc);
    return doc;
}

void saveModel(const std::string& path, Network& net, const std::vector<std::string>& classNames,
               const Json& optimizerState) {
    // nlohmann writes floats with the shortest representation that reads back to the
    // same double, and float → double → float is exact: the round trip is bit for bit.
    writeFileAtomically(path, modelToJson(net, classNames, optimizerState).dump(1) + "\n");
}

namespace {
std::string sub(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

void knownKeys(const Json& obj, const std::string& path, const std::vector<std::string>& allowed,
               ProblemList& problems) {
    std::string list;
    for (const auto& a : allowed) {
        list += (list.empty() ? "" : ", ") + a;
    }
    for (const auto& [key, value] : obj.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            problems.add(InputError(sub(path, key), "unknown field (expected one of " + list + ")"));
        }
    }
}

// {"shape": [...], "data": [...]}: the shape a list of sizes, the data as many finite
// float numbers as the shape holds (and as `expected` when given).
std::optional<Tensor> tensorFrom(const Json& v, const std::string& path, const Shape* expected,
                                 ProblemList& problems) {
    if (!v.is_object()) {
        problems.add(InputError(path, "expected {\"shape\": [...], \"data\": [...]}, got " + describeJson(v)));
        return std::nullopt;
    }
    const std::size_t before = problems.size();
    knownKeys(v, path, {"shape", "data"}, problems);
    std::vector<std::size_t> dims;
    const auto shape = v.find("shape");
    if (shape == v.end()) {
        problems.add(InputError(path + ".shape", "required field is missing"));
    } else if (!shape->is_array() || shape->empty() || shape->size() > 4 ||
               !std::all_of(shape->begin(), shape->end(), [](const Json& d) {
                   return d.is_number_unsigned() && d.get<std::uint64_t>() <= (1ULL << 40);
               })) {
        problems.add(InputError(path + ".shape", "expected a list of 1 to 4 sizes, got " + describeJson(*shape)));
    } else {
        dims = shape->get<std::vector<std::size_t>>();
        if (expected && Shape(dims) != *expected) {
            problems.add(InputError(path + ".shape", "expected " + expected->str() + ", got " + Shape(dims).str()));
        }
    }
    const auto data = v.find("data");
    if (data == v.end()) {
        problems.add(InputError(path + ".data", "required field is missing"));
    } else if (!data->is_array()) {
        problems.add(InputError(path + ".data", "expected a list of numbers, got " + describeJson(*data)));
    } else if (problems.size() == before) {
        long double want = 1;
        for (const std::size_t d : dims) {
            want *= static_cast<long double>(d);
        }
        if (static_cast<long double>(data->size()) != want) {
            std::ostringstream count;
            count << std::fixed << std::setprecision(0) << want;
            problems.add(InputError(path + ".data", "expected " + count.str() + " numbers, got " +
                                                         std::to_string(data->size())));
        } else {
            std::vector<float> values;
            values.reserve(data->size());
            for (std::size_t i = 0; i < data->size(); ++i) {
                if (!problems.attempt(
                        [&] { values.push_back(floatFromJson((*data)[i], path + ".data[" + std::to_string(i) + "]")); })) {
                    break;  // one bad number is enough to say
                }
            }
            if (problems.size() == before) {
                return Tensor(Shape(dims), std::move(values));
            }
        }
    }
    return std::nullopt;
}

// A saved optimizer state: {"type", "step", "learning_rate", "parameters": {name: {slot: tensor}}}.
void checkOptimizerState(const Json& state, Network* net, ProblemList& problems) {
    if (state.is_null()) {
        return;
    }
    if (!state.is_object()) {
        problems.add(InputError("optimizer", "expected an object (the optimizer's state), got " + describeJson(state)));
        return;
    }
    knownKeys(state, "optimizer", {"type", "step", "learning_rate", "parameters"}, problems);
    if (state.contains("type") && !state["type"].is_string()) {
        problems.add(InputError("optimizer.type", "expected an optimizer's name, got " + describeJson(state["type"])));
    }
    if (!state.contains("step") || !state["step"].is_number_unsigned()) {
        problems.add(InputError("optimizer.step", "expected a non-negative integer, got " +
                                                      (state.contains("step") ? describeJson(state["step"]) : "nothing")));
    }
    if (!state.contains("learning_rate") || !state["learning_rate"].is_number() ||
        !std::isfinite(state["learning_rate"].get<double>())) {
        problems.add(InputError("optimizer.learning_rate",
                                "expected a number, got " +
                                    (state.contains("learning_rate") ? describeJson(state["learning_rate"]) : "nothing")));
    }
    const auto params = state.find("parameters");
    if (params == state.end() || !params->is_object()) {
        problems.add(InputError("optimizer.parameters", "expected an object of parameter names, got " +
                                                            (params == state.end() ? "nothing" : describeJson(*params))));
        return;
    }
    for (const auto& [name, slots] : params->items()) {
        const std::string pp = "optimizer.parameters." + name;
        const Parameter* p = net ? net->parameter(name) : nullptr;
        if (net && !p) {
            problems.add(InputError(pp, "this model has no such parameter"));
            continue;
        }
        if (!slots.is_object()) {
            problems.add(InputError(pp, "expected an object of state tensors, got " + describeJson(slots)));
            continue;
        }
        for (const auto& [slot, t] : slots.items()) {
            (void)tensorFrom(t, pp + "." + slot, p ? &p->value.shape() : nullptr, problems);
        }
    }
}

ModelFile readModel(const Json& doc, const Registry& registry) {
    if (!doc.is_object() || !doc.contains("format") || doc["format"] != "deepstep.model") {
        throw InputError("format", "expected \"deepstep.model\" (is this a DeepStep model file?)");
    }
    if (!doc.contains("version") || !doc["version"].is_number_integer()) {
        throw InputError("version", "expected an integer format version");
    }
    const long long version = doc["version"].get<long long>();
    if (version > kModelVersion || version < 1) {
        throw InputError("version", "this model is format version " + std::to_string(version) +
                                        "; this DeepStep reads version " + std::to_string(kModelVersion));
    }
    ProblemList problems;
    // Files of version 1 have no checksum, nor has a file whose checksum was removed
    // after editing it by hand; a checksum present must match.
    if (doc.contains("checksum")) {
        const Json& given = doc["checksum"];
        const std::string actual = modelChecksum(doc);
        if (!given.is_string()) {
            problems.add(InputError("checksum", "expected a checksum like \"" + actual + "\", got " + describeJson(given)));
        } else if (given.get<std::string>() != actual) {
            problems.add(InputError("checksum", "the file was changed or damaged after it was saved: its checksum is " +
                                                    describeJson(given) + " but its contents give \"" + actual +
                                                    "\" (save the model again; after an edit made on purpose, remove "
                                                    "the \"checksum\" field)"));
        }
    }
    knownKeys(doc, "", {"format", "version", "model", "values", "classes", "optimizer", "checksum"}, problems);
    ModelFile mf;
    bool built = false;
    if (!doc.contains("model")) {
        problems.add(InputError("model", "required field is missing"));
    } else {
        Rng rng(0);
        built = problems.attempt([&] { mf.network = buildModel(doc["model"], registry, rng, "model"); });
    }
    const auto values = doc.find("values");
    if (values == doc.end()) {
        problems.add(InputError("values", "required field is missing"));
    } else if (!values->is_object()) {
        problems.add(InputError("values", "expected an object of parameter values, got " + describeJson(*values)));
    } else if (built) {
        std::set<std::string> known;
        for (const ParamRef& p : mf.network.parameters(true)) {
            known.insert(p.name);
            const std::string vp = "values." + p.name;
            if (!values->contains(p.name)) {
                problems.add(InputError(vp, "missing: the file has no value for this parameter"));
                continue;
            }
            if (auto t = tensorFrom((*values)[p.name], vp, &p.value->shape(), problems)) {
                *p.value = std::move(*t);
            }
        }
        for (const auto& [name, v] : values->items()) {
            if (!known.count(name)) {
                problems.add(InputError("values." + name, "this model has no such parameter"));
            }
        }
    }
    if (doc.contains("classes")) {
        const Json& c = doc["classes"];
        if (!c.is_array() || !std::all_of(c.begin(), c.end(), [](const Json& e) { return e.is_string(); })) {
            problems.add(InputError("classes", "expected a list of class names, got " + describeJson(c)));
        } else {
            mf.classNames = c.get<std::vector<std::string>>();
            if (built) {
                const Shape out = mf.network.outputShape();
                const std::size_t width = out.rank() == 0 ? 1 : out.dims().back();
                const std::size_t k = width == 1 ? 2 : width;
                if (mf.classNames.size() != k) {
                    problems.add(InputError("classes", "expected " + std::to_string(k) +
                                                           " class names (the network gives " + out.str() +
                                                           " per example), got " + std::to_string(mf.classNames.size())));
                }
            }
        }
    }
    if (doc.contains("optimizer")) {
        checkOptimizerState(doc["optimizer"], built ? &mf.network : nullptr, problems);
        mf.optimizerState = doc["optimizer"];
    }
    problems.throwIfAny();
    return mf;
}
}  // namespace

ModelFile modelFromJson(const Json& doc, const Registry& registry, const std::string& where) {
    auto place = [&](const std::string& p) { return where.empty() ? p : (p.empty() ? where : where + ": " + p); };
    try {
        return readModel(doc, registry);
    } catch (const InputError& e) {
        rethrowPlaced(e, place);
    } catch (const Json::exception& e) {
        // Every value is checked at its place; this is a last line of defence.
        throw InputError(place(""), std::string("malformed model file: ") + e.what());
    }
}

ModelFile loadModel(const std::string& path, const Registry& registry) {
    return modelFromJson(readJsonFile(path), registry, path);
}

std::size_t initializeLayers(Network& net, const Json& modelDoc,
                             const std::vector<std::pair<std::string, std::string>>& layers, const std::string& where) {
    auto place = [&](const std::string& p) { return where.empty() ? p : where + ": " + p; };
    if (!modelDoc.is_object() || !modelDoc.contains("format") || modelDoc["format"] != "deepstep.model") {
        throw InputError(place("format"), "expected \"deepstep.model\" (is this a DeepStep model file?)");
    }
    if (modelDoc.contains("checksum") && modelDoc["checksum"] != modelChecksum(modelDoc)) {
        throw InputError(place("checksum"), "the file was changed or damaged after it was saved: its checksum does "
                                            "not match its contents (save the model again)");
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
