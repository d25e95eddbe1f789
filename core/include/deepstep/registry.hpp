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

/// What a layer's backward() gives its parameters, and what an optimizer is written for.
enum class LearningSignal {
    /// The true gradient ∂E/∂w of backpropagation through differentiable layers.
    Gradient,
    /// An error-driven rule's signal: the perceptron rule passes the error (y − t)
    /// through the step as if it were the identity, so "grad" is (y − t)·x, not a
    /// derivative of the loss.
    ErrorDriven,
};
std::string toString(LearningSignal s);

/// What the registry knows about a component besides its factory.
struct ComponentInfo {
    Kind kind = Kind::Layer;
    std::string name;  ///< unique within its kind, lower_snake_case
    Text summary;      ///< one line, en and ko
    Schema schema;
    std::string plugin;  ///< filled in by the registry: who registered it
    /// Layers: what backward() gives this layer's parameters. Optimizers: what the
    /// optimizer is written for. Other kinds: unused. Gradient unless declared: a
    /// differentiable layer, an optimizer for any network backpropagation trains.
    /// An ErrorDriven optimizer (Rosenblatt's rule) is offered and accepted only for
    /// networks whose trainable layers are all ErrorDriven (see optimizerSuits).
    LearningSignal signal = LearningSignal::Gradient;
};

/// Whether an optimizer suits a network whose trainable layers give `network`
/// (networkSignal in deepstep/experiment.hpp).
/// requires: optimizer.kind == Kind::Optimizer.
/// ensures: true for a Gradient optimizer, whatever the network (on error-driven
///          layers, −η·grad is the perceptron rule itself); true for an ErrorDriven
///          optimizer only when `network` is ErrorDriven.
bool optimizerSuits(const ComponentInfo& optimizer, LearningSignal network);

/// One-line builder for a ComponentInfo.
ComponentInfo componentInfo(Kind kind, std::string name, Text summary, Schema schema = {});

struct NamedLayer;

/// Schema::resolve, reporting every bad or unknown option of `given` rather than only
/// the first: each is checked on its own.
/// throws InputError for one problem, InputProblems (deepstep/experiment.hpp) for more.
Options resolveReportingAll(const Schema& schema, const Json& given, const std::string& path);

class Registry {
public:
    /// A registry holding core's own components: the composite layers "sequential"
    /// and "residual" (deepstep/composite.hpp).
    Registry();

    using LayerFactory = std::function<std::unique_ptr<Layer>(const Options&)>;
    /// A factory for a layer made of layers: it builds its children with
    /// registry.makeLayers(options.value("layers"), "layers").
    using CompositeLayerFactory = std::function<std::unique_ptr<Layer>(const Options&, const Registry&)>;
    using ActivationFactory = std::function<std::unique_ptr<Activation>(const Options&)>;
    using LossFactory = std::function<std::unique_ptr<Loss>(const Options&)>;
    using OptimizerFactory = std::function<std::unique_ptr<Optimizer>(const Options&)>;
    using DatasetFactory = std::function<std::unique_ptr<Dataset>(const Options&)>;

    /// Each add* requires: no component of that kind and name exists yet;
    /// throws std::invalid_argument otherwise.
    void addLayer(ComponentInfo info, LayerFactory make);
    void addCompositeLayer(ComponentInfo info, CompositeLayerFactory make);
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
    /// An activation given as a name ("relu") or {"type": "leaky_relu", "alpha": 0.1},
    /// as an OptionType::Activation option holds it.
    std::unique_ptr<Activation> makeActivation(const Json& spec, const std::string& path) const;

    /// Layer specs keys that are not options: "type", "name", "parameters" (explicit
    /// initial values, applied by the experiment builder after build) and "trainable".
    static const std::vector<std::string>& layerSpecKeys();
    /// The children of a composite layer from their specs (an OptionType::Layers
    /// value): each built with makeLayer, named by its "name" or by type and count
    /// among its siblings ("dense1"), frozen when "trainable" is false.
    /// throws InputError naming `path`[i] for a bad spec or a duplicate name.
    std::vector<NamedLayer> makeLayers(const Json& specs, const std::string& path) const;
    /// `spec` (a name or an object with "type") as an object, with the children of
    /// every OptionType::Layers option given their names, to any depth: the form the
    /// model file saves. throws InputError naming `path` for a bad spec.
    Json normalizeLayerSpec(const Json& spec, const std::string& path) const;
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
        CompositeLayerFactory composite;
        ActivationFactory activation;
        LossFactory loss;
        OptimizerFactory optimizer;
        DatasetFactory dataset;
    };
    void insert(Entry entry);
    Json normalizeLayerList(const Json& list, const std::string& path) const;
    const Entry& lookup(Kind kind, const std::string& name, const std::string& path) const;
    Options resolve(const Entry& e, const Json& options, const std::string& path,
                    const std::vector<std::string>& ignore) const;

    std::map<std::pair<Kind, std::string>, Entry> entries_;
    std::string currentPlugin_ = "core";
    std::vector<std::pair<Kind, std::string>> pending_;
};

}  // namespace deepstep
