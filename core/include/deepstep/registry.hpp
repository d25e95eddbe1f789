#pragma once
// Registry: named factories for every kind of component, each with its schema.
//
// Plugins register into it; experiments, the CLI and the Studio build from it by
// name. Nothing outside a plugin needs to know the plugin's types.

#include "deepstep/activation.hpp"
#include "deepstep/dataset.hpp"
#include "deepstep/layer.hpp"
#include "deepstep/loss.hpp"
#include "deepstep/optimizer.hpp"
#include "deepstep/options.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace deepstep {

enum class Kind { Layer, Activation, Loss, Optimizer, Dataset };
std::string toString(Kind k);
/// "layer" → Kind::Layer; throws std::invalid_argument for an unknown word.
Kind kindFromString(const std::string& s);
const std::vector<Kind>& allKinds();

/// What the registry knows about a component besides its factory.
struct ComponentInfo {
    Kind kind = Kind::Layer;
    std::string name;  ///< unique within its kind, lower_snake_case
    Text summary;      ///< one line, en and ko
    Schema schema;
    std::string plugin;  ///< filled in by the registry: who registered it
};

/// One-line builder for a ComponentInfo.
ComponentInfo componentInfo(Kind kind, std::string name, Text summary, Schema schema = {});

class Registry {
public:
    using LayerFactory = std::function<std::unique_ptr<Layer>(const Options&)>;
    using ActivationFactory = std::function<std::unique_ptr<Activation>(const Options&)>;
    using LossFactory = std::function<std::unique_ptr<Loss>(const Options&)>;
    using OptimizerFactory = std::function<std::unique_ptr<Optimizer>(const Options&)>;
    using DatasetFactory = std::function<std::unique_ptr<Dataset>(const Options&)>;

    /// Each add* requires: no component of that kind and name exists yet;
    /// throws std::invalid_argument otherwise.
    void addLayer(ComponentInfo info, LayerFactory make);
    void addActivation(ComponentInfo info, ActivationFactory make);
    void addLoss(ComponentInfo info, LossFactory make);
    void addOptimizer(ComponentInfo info, OptimizerFactory make);
    void addDataset(ComponentInfo info, DatasetFactory make);

    /// Builders. `options` is the JSON object of options (extra keys listed in
    /// `ignore` are skipped); `path` names its place for errors.
    /// throws InputError for an unknown name (listing the known ones) or bad options.
    std::unique_ptr<Layer> makeLayer(const std::string& name, const Json& options, const std::string& path = "layer",
                                     const std::vector<std::string>& ignore = {}) const;
    std::unique_ptr<Activation> makeActivation(const std::string& name, const Json& options = Json::object(),
                                               const std::string& path = "activation") const;
    std::unique_ptr<Loss> makeLoss(const std::string& name, const Json& options = Json::object(),
                                   const std::string& path = "loss", const std::vector<std::string>& ignore = {}) const;
    std::unique_ptr<Optimizer> makeOptimizer(const std::string& name, const Json& options = Json::object(),
                                             const std::string& path = "optimizer",
                                             const std::vector<std::string>& ignore = {}) const;
    std::unique_ptr<Dataset> makeDataset(const std::string& name, const Json& options = Json::object(),
                                         const std::string& path = "dataset",
                                         const std::vector<std::string>& ignore = {}) const;

    const ComponentInfo* find(Kind kind, const std::string& name) const;
    /// Components of one kind, sorted by name.
    std::vector<const ComponentInfo*> list(Kind kind) const;
    /// Components registered by one plugin.
    std::vector<const ComponentInfo*> byPlugin(const std::string& plugin) const;

    /// Registration transactions, used by the plugin host: everything added between
    /// begin and rollback is removed again (a plugin that throws leaves no trace).
    void beginPlugin(const std::string& plugin);
    void commitPlugin();
    void rollbackPlugin();

private:
    struct Entry {
        ComponentInfo info;
        LayerFactory layer;
        ActivationFactory activation;
        LossFactory loss;
        OptimizerFactory optimizer;
        DatasetFactory dataset;
    };
    void insert(Entry entry);
    const Entry& lookup(Kind kind, const std::string& name, const std::string& path) const;
    Options resolve(const Entry& e, const Json& options, const std::string& path,
                    const std::vector<std::string>& ignore) const;

    std::map<std::pair<Kind, std::string>, Entry> entries_;
    std::string currentPlugin_ = "core";
    std::vector<std::pair<Kind, std::string>> pending_;
};

}  // namespace deepstep
