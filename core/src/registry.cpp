#include "deepstep/registry.hpp"

#include "deepstep/composite.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

namespace deepstep {

std::string toString(Kind k) {
    switch (k) {
        case Kind::Layer:
            return "layer";
        case Kind::Activation:
            return "activation";
        case Kind::Loss:
            return "loss";
        case Kind::Optimizer:
            return "optimizer";
        case Kind::Dataset:
            return "dataset";
    }
    return "?";
}

const std::vector<Kind>& allKinds() {
    static const std::vector<Kind> k{Kind::Layer, Kind::Activation, Kind::Loss, Kind::Optimizer, Kind::Dataset};
    return k;
}

Kind kindFromString(const std::string& s) {
    for (Kind k : allKinds()) {
        if (toString(k) == s) {
            return k;
        }
    }
    throw std::invalid_argument("unknown component kind \"" + s +
                                "\" (expected layer, activation, loss, optimizer or dataset)");
}

std::string toString(LearningSignal s) {
    return s == LearningSignal::ErrorDriven ? "error-driven" : "gradient";
}

bool optimizerSuits(const ComponentInfo& optimizer, LearningSignal network) {
    return optimizer.signal == LearningSignal::Gradient || network == LearningSignal::ErrorDriven;
}

ComponentInfo componentInfo(Kind kind, std::string name, Text summary, Schema schema) {
    ComponentInfo info;
    info.kind = kind;
    info.name = std::move(name);
    info.summary = std::move(summary);
    info.schema = std::move(schema);
    return info;
}

void Registry::insert(Entry entry) {
    auto key = std::make_pair(entry.info.kind, entry.info.name);
    if (entry.info.name.empty()) {
        throw std::invalid_argument("cannot register a " + toString(entry.info.kind) + " without a name");
    }
    if (entries_.count(key)) {
        throw std::invalid_argument("a " + toString(entry.info.kind) + " named \"" + entry.info.name +
                                    "\" is already registered by " + entries_.at(key).info.plugin);
    }
    entry.info.plugin = currentPlugin_;
    entries_.emplace(key, std::move(entry));
    pending_.push_back(key);
}

Registry::Registry() {
    registerCompositeLayers(*this);
    commitPlugin();
}

void Registry::addLayer(ComponentInfo info, LayerFactory make) {
    info.kind = Kind::Layer;
    Entry e{std::move(info), std::move(make), {}, {}, {}, {}, {}};
    insert(std::move(e));
}

void Registry::addCompositeLayer(ComponentInfo info, CompositeLayerFactory make) {
    info.kind = Kind::Layer;
    Entry e{std::move(info), {}, std::move(make), {}, {}, {}, {}};
    insert(std::move(e));
}

void Registry::addActivation(ComponentInfo info, ActivationFactory make) {
    info.kind = Kind::Activation;
    Entry e{std::move(info), {}, {}, std::move(make), {}, {}, {}};
    insert(std::move(e));
}

void Registry::addLoss(ComponentInfo info, LossFactory make) {
    info.kind = Kind::Loss;
    Entry e{std::move(info), {}, {}, {}, std::move(make), {}, {}};
    insert(std::move(e));
}

void Registry::addOptimizer(ComponentInfo info, OptimizerFactory make) {
    info.kind = Kind::Optimizer;
    Entry e{std::move(info), {}, {}, {}, {}, std::move(make), {}};
    insert(std::move(e));
}

void Registry::addDataset(ComponentInfo info, DatasetFactory make) {
    info.kind = Kind::Dataset;
    Entry e{std::move(info), {}, {}, {}, {}, {}, std::move(make)};
    insert(std::move(e));
}

const Registry::Entry& Registry::lookup(Kind kind, const std::string& name, const std::string& path) const {
    auto it = entries_.find({kind, name});
    if (it == entries_.end()) {
        std::string known;
        for (const auto* info : list(kind)) {
            known += (known.empty() ? "" : ", ") + info->name;
        }
        throw InputError(
            path, "unknown " + toString(kind) + " \"" + name + "\"" +
                      (known.empty() ? " (none is registered: are the plugins loaded?)" : " (known: " + known + ")"));
    }
    return it->second;
}

namespace {
// A factory's InputErrors name places inside the component's options ("activation");
// put them under the component's own path ("model.layers[0].activation").
template <typename F>
auto underPath(const std::string& path, F make) -> decltype(make()) {
    try {
        return make();
    } catch (const InputError& e) {
        if (path.empty()) {
            throw;
        }
        rethrowPlaced(e, [&](const std::string& where) {
            return where.rfind(path, 0) == 0 ? where : where.empty() ? path : path + "." + where;
        });
    }
}
}  // namespace

Options resolveReportingAll(const Schema& schema, const Json& given, const std::string& path) {
    try {
        return schema.resolve(given, path);
    } catch (const InputError& first) {
        if (!given.is_object()) {
            throw;
        }
        // Each problem names one given option: leave it out and look again, until the
        // rest resolves or a problem is not about a given option (a missing one).
        Json rest = given;
        auto keyOf = [&](const std::string& where) -> std::optional<std::string> {
            for (const auto& [key, value] : rest.items()) {
                if (where == (path.empty() ? key : path + "." + key)) {
                    return key;
                }
            }
            return std::nullopt;
        };
        ProblemList problems;
        problems.add(first);
        std::vector<std::string> removed;
        for (auto key = keyOf(first.where()); key;) {
            rest.erase(*key);
            removed.push_back(path.empty() ? *key : path + "." + *key);
            try {
                (void)schema.resolve(rest, path);
                break;
            } catch (const InputError& e) {
                // A required option left out here was reported already.
                if (std::find(removed.begin(), removed.end(), e.where()) != removed.end()) {
                    break;
                }
                problems.add(e);
                key = keyOf(e.where());
            }
        }
        problems.throwIfAny();
        throw;
    }
}

Options Registry::resolve(const Entry& e, const Json& options, const std::string& path,
                          const std::vector<std::string>& ignore) const {
    Json given = options.is_null() ? Json::object() : options;
    if (given.is_object()) {
        for (const auto& k : ignore) {
            given.erase(k);
        }
    }
    return resolveReportingAll(e.info.schema, given, path);
}

std::unique_ptr<Layer> Registry::makeLayer(const std::string& name, const Json& options, const std::string& path,
                                           const std::vector<std::string>& ignore) const {
    const Entry& e = lookup(Kind::Layer, name, path);
    const Options o = resolve(e, options, path, ignore);
    return underPath(path, [&] { return e.composite ? e.composite(o, *this) : e.layer(o); });
}

const std::vector<std::string>& Registry::layerSpecKeys() {
    static const std::vector<std::string> keys{"type", "name", "parameters", "trainable"};
    return keys;
}

namespace {
// The type of a layer given as "name" or {"type": "name", ...}.
std::string layerType(const Json& spec, const std::string& path) {
    if (spec.is_string()) {
        return spec.get<std::string>();
    }
    if (!spec.is_object()) {
        throw InputError(path, "expected a layer name or an object with \"type\", got " + describeJson(spec));
    }
    auto t = spec.find("type");
    if (t == spec.end()) {
        throw InputError(path + ".type", "required field is missing");
    }
    if (!t->is_string()) {
        throw InputError(path + ".type", "expected a layer type's name, got " + describeJson(*t));
    }
    return t->get<std::string>();
}
}  // namespace

Json Registry::normalizeLayerSpec(const Json& spec, const std::string& path) const {
    const std::string type = layerType(spec, path);
    Json out = spec.is_object() ? spec : Json::object();
    out["type"] = type;
    const Entry& e = lookup(Kind::Layer, type, path);
    for (const OptionSpec& o : e.info.schema.specs()) {
        if (o.type == OptionType::Layers && out.contains(o.name) && out[o.name].is_array()) {
            out[o.name] = normalizeLayerList(out[o.name], path + "." + o.name);
        }
    }
    return out;
}

Json Registry::normalizeLayerList(const Json& list, const std::string& path) const {
    if (!list.is_array() || list.empty()) {
        throw InputError(path, "expected a non-empty list of layers, got " + describeJson(list));
    }
    Json out = Json::array();
    std::map<std::string, int> counts;
    std::set<std::string> used;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string cp = path + "[" + std::to_string(i) + "]";
        Json child = normalizeLayerSpec(list[i], cp);
        std::string name;
        if (child.contains("name")) {
            const Json& n = child["name"];
            if (!n.is_string() || n.get<std::string>().empty()) {
                throw InputError(cp + ".name", "expected a non-empty string, got " + describeJson(n));
            }
            name = n.get<std::string>();
            if (name.find('.') != std::string::npos) {
                throw InputError(cp + ".name", "expected a name without '.', got \"" + name + "\"");
            }
        } else {
            const std::string t = child["type"].get<std::string>();
            do {
                name = t + std::to_string(++counts[t]);
            } while (used.count(name));
        }
        if (!used.insert(name).second) {
            throw InputError(cp + ".name", "expected a unique name among the layers of this block, \"" + name +
                                               "\" is used twice");
        }
        child["name"] = name;
        out.push_back(std::move(child));
    }
    return out;
}

std::vector<NamedLayer> Registry::makeLayers(const Json& specs, const std::string& path) const {
    if (!specs.is_array() || specs.empty()) {
        throw InputError(path, "expected a non-empty list of layers, got " + describeJson(specs));
    }
    // Names as normalizeLayerSpec gives them, for children built without it.
    const Json named = normalizeLayerList(specs, path);
    std::vector<NamedLayer> out;
    // Every child is checked on its own, so that all their problems are reported.
    ProblemList problems;
    for (std::size_t i = 0; i < named.size(); ++i) {
        const std::string cp = path + "[" + std::to_string(i) + "]";
        const Json& spec = named[i];
        problems.attempt([&] {
            NamedLayer child;
            child.name = spec["name"].get<std::string>();
            child.layer = makeLayer(spec["type"].get<std::string>(), spec, cp, layerSpecKeys());
            if (spec.contains("trainable")) {
                if (!spec["trainable"].is_boolean()) {
                    throw InputError(cp + ".trainable",
                                     "expected true or false, got " + describeJson(spec["trainable"]));
                }
                child.layer->setTrainable(spec["trainable"].get<bool>());
            }
            out.push_back(std::move(child));
        });
    }
    problems.throwIfAny();
    return out;
}

std::unique_ptr<Activation> Registry::makeActivation(const std::string& name, const Json& options,
                                                     const std::string& path) const {
    const Entry& e = lookup(Kind::Activation, name, path);
    const Options o = resolve(e, options, path, {});
    return underPath(path, [&] { return e.activation(o); });
}

std::unique_ptr<Activation> Registry::makeActivation(const Json& spec, const std::string& path) const {
    if (spec.is_string()) {
        return makeActivation(spec.get<std::string>(), Json::object(), path);
    }
    if (!spec.is_object() || !spec.contains("type") || !spec["type"].is_string()) {
        throw InputError(path, "expected an activation name or an object like {\"type\": \"leaky_relu\", "
                               "\"alpha\": 0.1}, got " +
                                   describeJson(spec));
    }
    Json options = spec;
    options.erase("type");
    return makeActivation(spec["type"].get<std::string>(), options, path);
}

std::unique_ptr<Loss> Registry::makeLoss(const std::string& name, const Json& options, const std::string& path,
                                         const std::vector<std::string>& ignore) const {
    const Entry& e = lookup(Kind::Loss, name, path);
    const Options o = resolve(e, options, path, ignore);
    return underPath(path, [&] { return e.loss(o); });
}

std::unique_ptr<Optimizer> Registry::makeOptimizer(const std::string& name, const Json& options,
                                                   const std::string& path,
                                                   const std::vector<std::string>& ignore) const {
    const Entry& e = lookup(Kind::Optimizer, name, path);
    const Options o = resolve(e, options, path, ignore);
    return underPath(path, [&] { return e.optimizer(o); });
}

std::unique_ptr<Dataset> Registry::makeDataset(const std::string& name, const Json& options, const std::string& path,
                                               const std::vector<std::string>& ignore) const {
    const Entry& e = lookup(Kind::Dataset, name, path);
    const Options o = resolve(e, options, path, ignore);
    return underPath(path, [&] { return e.dataset(o); });
}

const ComponentInfo* Registry::find(Kind kind, const std::string& name) const {
    auto it = entries_.find({kind, name});
    return it == entries_.end() ? nullptr : &it->second.info;
}

std::vector<const ComponentInfo*> Registry::list(Kind kind) const {
    std::vector<const ComponentInfo*> out;
    for (const auto& [key, e] : entries_) {
        if (key.first == kind) {
            out.push_back(&e.info);
        }
    }
    return out;  // map order: sorted by name within a kind
}

std::vector<const ComponentInfo*> Registry::byPlugin(const std::string& plugin) const {
    std::vector<const ComponentInfo*> out;
    for (const auto& [key, e] : entries_) {
        if (e.info.plugin == plugin) {
            out.push_back(&e.info);
        }
    }
    return out;
}

void Registry::beginPlugin(const std::string& plugin) {
    currentPlugin_ = plugin;
    pending_.clear();
}

void Registry::commitPlugin() {
    currentPlugin_ = "core";
    pending_.clear();
}

void Registry::rollbackPlugin() {
    for (const auto& key : pending_) {
        entries_.erase(key);
    }
    commitPlugin();
}

}  // namespace deepstep
