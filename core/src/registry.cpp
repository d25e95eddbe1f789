#include "deepstep/registry.hpp"

#include "deepstep/errors.hpp"

#include <algorithm>
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

void Registry::addLayer(ComponentInfo info, LayerFactory make) {
    info.kind = Kind::Layer;
    Entry e{std::move(info), std::move(make), {}, {}, {}, {}};
    insert(std::move(e));
}

void Registry::addActivation(ComponentInfo info, ActivationFactory make) {
    info.kind = Kind::Activation;
    Entry e{std::move(info), {}, std::move(make), {}, {}, {}};
    insert(std::move(e));
}

void Registry::addLoss(ComponentInfo info, LossFactory make) {
    info.kind = Kind::Loss;
    Entry e{std::move(info), {}, {}, std::move(make), {}, {}};
    insert(std::move(e));
}

void Registry::addOptimizer(ComponentInfo info, OptimizerFactory make) {
    info.kind = Kind::Optimizer;
    Entry e{std::move(info), {}, {}, {}, std::move(make), {}};
    insert(std::move(e));
}

void Registry::addDataset(ComponentInfo info, DatasetFactory make) {
    info.kind = Kind::Dataset;
    Entry e{std::move(info), {}, {}, {}, {}, std::move(make)};
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
        if (path.empty() || e.where().rfind(path, 0) == 0) {
            throw;
        }
        throw InputError(e.where().empty() ? path : path + "." + e.where(), e.message());
    }
}
}  // namespace

Options Registry::resolve(const Entry& e, const Json& options, const std::string& path,
                          const std::vector<std::string>& ignore) const {
    Json given = options.is_null() ? Json::object() : options;
    if (given.is_object()) {
        for (const auto& k : ignore) {
            given.erase(k);
        }
    }
    return e.info.schema.resolve(given, path);
}

std::unique_ptr<Layer> Registry::makeLayer(const std::string& name, const Json& options, const std::string& path,
                                           const std::vector<std::string>& ignore) const {
    const Entry& e = lookup(Kind::Layer, name, path);
    const Options o = resolve(e, options, path, ignore);
    return underPath(path, [&] { return e.layer(o); });
}

std::unique_ptr<Activation> Registry::makeActivation(const std::string& name, const Json& options,
                                                     const std::string& path) const {
    const Entry& e = lookup(Kind::Activation, name, path);
    const Options o = resolve(e, options, path, {});
    return underPath(path, [&] { return e.activation(o); });
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
