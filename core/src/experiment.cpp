#include "deepstep/experiment.hpp"

#include "deepstep/device.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace deepstep {

namespace {
std::string problemsText(const std::vector<InputError>& problems) {
    std::string text = problems.front().message();
    const std::size_t shown = std::min(problems.size(), kMaxReportedProblems);
    for (std::size_t i = 1; i < shown; ++i) {
        text += "\n";
        text += problems[i].what();
    }
    if (problems.size() > shown) {
        text += "\n... and " + std::to_string(problems.size() - shown) + " more problems";
    }
    return text;
}
}  // namespace

InputProblems::InputProblems(std::vector<InputError> problems)
    : InputError(problems.at(0).where(), problemsText(problems)), problems_(std::move(problems)) {}

bool ProblemList::attempt(const std::function<void()>& f) {
    try {
        f();
        return true;
    } catch (const InputProblems& e) {
        problems_.insert(problems_.end(), e.problems().begin(), e.problems().end());
    } catch (const InputError& e) {
        problems_.push_back(e);
    }
    return false;
}

void ProblemList::throwIfAny() const {
    if (problems_.size() == 1) {
        throw problems_.front();
    }
    if (!problems_.empty()) {
        throw InputProblems(problems_);
    }
}

void rethrowPlaced(const InputError& e, const std::function<std::string(const std::string&)>& place) {
    if (const auto* many = dynamic_cast<const InputProblems*>(&e)) {
        std::vector<InputError> placed;
        placed.reserve(many->problems().size());
        for (const InputError& p : many->problems()) {
            placed.emplace_back(place(p.where()), p.message());
        }
        throw InputProblems(std::move(placed));
    }
    throw InputError(place(e.where()), e.message());
}

namespace {

std::string join(const std::string& a, const std::string& b) {
    if (a.empty()) {
        return b;
    }
    return b.empty() ? a : a + ": " + b;
}

// Runs `f`, prefixing the place of any InputError with `where` (the file name).
template <typename F>
auto withPlace(const std::string& where, F f) -> decltype(f()) {
    try {
        return f();
    } catch (const InputError& e) {
        if (where.empty()) {
            throw;
        }
        rethrowPlaced(e, [&](const std::string& p) { return join(where, p); });
    }
}

std::string sub(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

const Json& require(const Json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        throw InputError(sub(path, key), "required field is missing");
    }
    return *it;
}

// Reports every key of `obj` not in `allowed`.
void checkKeys(const Json& obj, const std::string& path, std::initializer_list<const char*> allowed,
               ProblemList& problems) {
    std::string list;
    for (const char* a : allowed) {
        list += (list.empty() ? "" : ", ") + std::string(a);
    }
    for (const auto& [key, value] : obj.items()) {
        bool ok = false;
        for (const char* a : allowed) {
            ok = ok || key == a;
        }
        if (!ok) {
            problems.add(InputError(sub(path, key), "unknown field (expected one of " + list + ")"));
        }
    }
}

void checkKeys(const Json& obj, const std::string& path, std::initializer_list<const char*> allowed) {
    ProblemList problems;
    checkKeys(obj, path, allowed, problems);
    problems.throwIfAny();
}

// A component given as "name" or {"type": "name", ...options}.
std::pair<std::string, Json> component(const Json& j, const std::string& path) {
    if (j.is_string()) {
        return {j.get<std::string>(), Json::object()};
    }
    if (!j.is_object()) {
        throw InputError(path, "expected a name or an object with \"type\", got " + describeJson(j));
    }
    const Json& type = require(j, "type", path);
    if (!type.is_string()) {
        throw InputError(path + ".type", "expected a component name, got " + describeJson(type));
    }
    return {type.get<std::string>(), j};
}

Shape shapeFrom(const Json& j, const std::string& path) {
    if (!j.is_array() || j.empty() || j.size() > 3) {
        throw InputError(path,
                         "expected a list of 1 to 3 positive integers (one example's shape), got " + describeJson(j));
    }
    std::vector<std::size_t> d;
    for (std::size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_number_integer() || j[i].get<long long>() <= 0) {
            throw InputError(path + "[" + std::to_string(i) + "]",
                             "expected a positive integer, got " + describeJson(j[i]));
        }
        d.push_back(j[i].get<std::size_t>());
    }
    return Shape(std::move(d));
}

Tensor matrixFrom(const Json& j, const std::string& path, std::size_t expectRows) {
    if (!j.is_array() || j.empty()) {
        throw InputError(path, "expected a non-empty list of rows, got " + describeJson(j));
    }
    if (expectRows && j.size() != expectRows) {
        throw InputError(
            path, "expected " + std::to_string(expectRows) + " rows (one per input), got " + std::to_string(j.size()));
    }
    std::size_t cols = 0;
    std::vector<float> v;
    for (std::size_t r = 0; r < j.size(); ++r) {
        const std::string rp = path + "[" + std::to_string(r) + "]";
        const Json& row = j[r];
        if (!row.is_array() || row.empty()) {
            throw InputError(rp, "expected a non-empty list of numbers, got " + describeJson(row));
        }
        if (r == 0) {
            cols = row.size();
        } else if (row.size() != cols) {
            throw InputError(rp, "expected " + std::to_string(cols) + " numbers like the first row, got " +
                                     std::to_string(row.size()));
        }
        for (std::size_t c = 0; c < row.size(); ++c) {
            v.push_back(floatFromJson(row[c], rp + "[" + std::to_string(c) + "]"));
        }
    }
    return Tensor(Shape{j.size(), cols}, std::move(v));
}

// How many classes targets of this shape stand for: one 0/1 column is two classes,
// one-hot rows of K are K.
std::size_t impliedClasses(const Shape& targets) {
    const std::size_t width = targets.rank() == 0 ? 1 : targets.dims().back();
    return width == 1 ? 2 : width;
}

std::string classesExpectation(const Shape& targets) {
    const std::size_t k = impliedClasses(targets);
    return "expected " + std::to_string(k) + " class names (the targets are " + targets.str() +
           (k == 2 && targets.dims().back() == 1 ? ", one 0/1 column: 2 classes" : ", one-hot rows of " + std::to_string(k)) +
           ")";
}

std::unique_ptr<Dataset> inlineDataset(const Json& j, const std::string& path) {
    ProblemList problems;
    checkKeys(j, path, {"type", "inputs", "targets", "classes", "features", "steps"}, problems);
    std::optional<Tensor> x;
    std::optional<Tensor> y;
    problems.attempt([&] { x = matrixFrom(require(j, "inputs", path), path + ".inputs", 0); });
    problems.attempt([&] { y = matrixFrom(require(j, "targets", path), path + ".targets", x ? x->batch() : 0); });
    std::vector<std::string> classes;
    if (j.contains("classes")) {
        const Json& c = j.at("classes");
        if (!c.is_array() || c.size() < 2 ||
            !std::all_of(c.begin(), c.end(), [](const Json& e) { return e.is_string(); })) {
            problems.add(InputError(path + ".classes", "expected a list of at least 2 class names, got " + describeJson(c)));
        } else {
            classes = c.get<std::vector<std::string>>();
            if (y && classes.size() != impliedClasses(Shape{y->dim(1)})) {
                problems.add(InputError(path + ".classes", classesExpectation(Shape{y->dim(1)}) + ", got " +
                                                               std::to_string(classes.size())));
            }
            // Named classes need class targets: 0 or 1 only.
            if (y) {
                const auto& values = y->values();
                for (std::size_t i = 0; i < values.size(); ++i) {
                    if (values[i] != 0.0F && values[i] != 1.0F) {
                        problems.add(InputError(path + ".targets[" + std::to_string(i / y->dim(1)) + "][" +
                                                    std::to_string(i % y->dim(1)) + "]",
                                                "expected 0 or 1 (the targets of named classes), got " +
                                                    describeJson(Json(values[i]))));
                        break;
                    }
                }
            }
        }
    } else if (y) {
        // Targets that are all 0 or 1 make a classification set; anything else is regression.
        const bool binary =
            std::all_of(y->values().begin(), y->values().end(), [](float v) { return v == 0.0F || v == 1.0F; });
        if (binary) {
            const std::size_t k = y->dim(1) == 1 ? 2 : y->dim(1);
            for (std::size_t i = 0; i < k; ++i) {
                classes.push_back(std::to_string(i));
            }
        }
    }
    std::vector<std::string> features;
    if (j.contains("features")) {
        const Json& f = j.at("features");
        if (!f.is_array() || !std::all_of(f.begin(), f.end(), [](const Json& e) { return e.is_string(); })) {
            problems.add(InputError(path + ".features", "expected a list of feature names, got " + describeJson(f)));
        } else if (x && !j.contains("steps") && f.size() != x->dim(1)) {
            problems.add(InputError(path + ".features", "expected " + std::to_string(x->dim(1)) +
                                                            " feature names (one per input column), got " +
                                                            std::to_string(f.size())));
        } else {
            features = f.get<std::vector<std::string>>();
        }
    }
    // Sequences: each row holds T steps of F values one after the other, read as T × F.
    if (j.contains("steps") && x) {
        const Json& s = j.at("steps");
        const std::size_t width = x->dim(1);
        if (!s.is_number_integer() || s.get<long long>() < 1 || width % s.get<std::size_t>() != 0) {
            problems.add(InputError(path + ".steps", "expected a whole number of steps that divides the " +
                                                         std::to_string(width) + " values of each input row, got " +
                                                         describeJson(s)));
        } else {
            const std::size_t steps = s.get<std::size_t>();
            if (!features.empty() && features.size() != width / steps) {
                problems.add(InputError(path + ".features", "expected " + std::to_string(width / steps) +
                                                                " feature names (one per value of a step), got " +
                                                                std::to_string(features.size())));
            }
            x->reshape(Shape{x->batch(), steps, width / steps});
        }
    }
    problems.throwIfAny();
    return std::make_unique<TensorDataset>(std::move(*x), std::move(*y), std::move(classes), std::move(features));
}

const Schema& trainingSchema() {
    static const Schema s{
        {"epochs",
         OptionType::Integer,
         100,
         0,
         std::nullopt,
         {},
         {"Passes over the whole training set.", "학습 데이터 전체를 몇 번 반복할지(에포크 수)."}},
        {"batch_size",
         OptionType::Integer,
         0,
         0,
         std::nullopt,
         {},
         {"Examples per update; 0 uses the whole set at once (gradient descent), 1 is pure SGD.",
          "한 번의 업데이트에 쓰는 예제 수. 0이면 전체를 한 번에(경사 하강법), 1이면 순수 SGD."}},
        {"shuffle",
         OptionType::Boolean,
         true,
         std::nullopt,
         std::nullopt,
         {},
         {"Reshuffle the examples every epoch (seeded).", "에포크마다 예제 순서를 섞습니다(시드 고정)."}},
        {"validation_split",
         OptionType::Number,
         0.0,
         0.0,
         0.95,
         {},
         {"Fraction of the data held out for validation.", "검증용으로 떼어 둘 데이터의 비율."}},
        {"l1",
         OptionType::Number,
         0.0,
         0.0,
         std::nullopt,
         {},
         {"L1 weight decay λ1: adds λ1·Σ|w| to the loss.", "L1 가중치 감쇠 λ1: 손실에 λ1·Σ|w|를 더합니다."}},
        {"l2",
         OptionType::Number,
         0.0,
         0.0,
         std::nullopt,
         {},
         {"L2 weight decay λ2: adds ½·λ2·Σw² to the loss.", "L2 가중치 감쇠 λ2: 손실에 ½·λ2·Σw²를 더합니다."}},
        {"max_iterations",
         OptionType::Integer,
         0,
         0,
         std::nullopt,
         {},
         {"Stop after this many updates; 0 means no limit.", "이 횟수만큼 업데이트한 뒤 멈춥니다. 0이면 제한 없음."}},
        {"target_accuracy",
         OptionType::Number,
         -1.0,
         -1.0,
         1.0,
         {},
         {"Stop once training accuracy reaches this (0–1); -1 turns it off.",
          "학습 정확도가 이 값(0–1)에 이르면 멈춥니다. -1이면 사용하지 않습니다."}},
        numberOption("lr_decay", 1.0, 0.0, 1.0,
                     {"Learning-rate schedule: epoch e trains with η·lr_decay^(e−1); 1 keeps η constant. Smaller "
                      "steps late in training let the weights settle instead of jittering around the minimum.",
                      "학습률 스케줄: 에포크 e에서는 η·lr_decay^(e−1)로 학습합니다. 1이면 η가 그대로입니다. 학습 "
                      "후반에 걸음을 줄이면 가중치가 최저점 주변에서 흔들리지 않고 자리를 잡습니다."}),
        numberOption("clip_norm", 0.0, 0.0, std::nullopt,
                     {"Gradient clipping: when the gradients of all trained parameters together have an L2 norm "
                      "above this, they are scaled down to it before the optimizer's step (the direction stays). "
                      "Keeps one huge gradient, as recurrent networks produce, from throwing the weights away. "
                      "0 turns it off.",
                      "기울기 클리핑: 학습하는 모든 파라미터의 기울기를 함께 잰 L2 노름이 이 값보다 크면, "
                      "옵티마이저가 갱신하기 전에 기울기를 이 값까지 줄입니다(방향은 그대로). 순환 신경망에서 "
                      "생기는 아주 큰 기울기 하나가 가중치를 망가뜨리지 않게 합니다. 0이면 사용하지 않습니다."}),
        choiceOption("train_accuracy", "auto", {"auto", "exact", "running"},
                     {"How each epoch's training accuracy is measured: exact evaluates the whole training set "
                      "again after the epoch; running counts the batches as they are trained (free, but the "
                      "weights move during the epoch); auto is exact up to 10,000 examples, running above.",
                      "에포크마다 학습 정확도를 재는 방법: exact는 에포크가 끝난 뒤 학습 데이터 전체를 다시 "
                      "평가하고, running은 배치를 학습하면서 맞힌 수를 셉니다(추가 비용은 없지만 에포크 동안 "
                      "가중치가 바뀝니다). auto는 예제 10,000개까지는 exact, 그보다 많으면 running입니다."}),
    };
    return s;
}

}  // namespace

namespace {
// Explicit initial values ("parameters") anywhere in a normalised layer spec, with the
// layer's path in the network ("block1.inner") and the JSON place; removed from the
// spec, which is what the model file saves.
void takeExplicitValues(Json& spec, const std::string& layerPath, const std::string& jsonPath, const Registry& registry,
                        std::vector<std::tuple<std::string, Json, std::string>>& out) {
    if (spec.contains("parameters")) {
        out.emplace_back(layerPath, spec["parameters"], jsonPath + ".parameters");
        spec.erase("parameters");
    }
    const ComponentInfo* info = registry.find(Kind::Layer, spec["type"].get<std::string>());
    if (!info) {
        return;
    }
    for (const OptionSpec& o : info->schema.specs()) {
        if (o.type != OptionType::Layers || !spec.contains(o.name)) {
            continue;
        }
        Json& list = spec[o.name];
        for (std::size_t k = 0; k < list.size(); ++k) {
            takeExplicitValues(list[k], layerPath + "." + list[k]["name"].get<std::string>(),
                               jsonPath + "." + o.name + "[" + std::to_string(k) + "]", registry, out);
        }
    }
}

void assignExplicitValues(Layer& layer, const Json& values, const std::string& place) {
    if (!values.is_object()) {
        throw InputError(place, "expected an object of parameter values, got " + describeJson(values));
    }
    auto params = layer.parameters();
    for (const auto& [key, v] : values.items()) {
        Parameter* target = nullptr;
        std::string known;
        for (Parameter* p : params) {
            known += (known.empty() ? "" : ", ") + p->name;
            if (p->name == key) {
                target = p;
            }
        }
        if (!target) {
            throw InputError(place + "." + key,
                             "this layer has no such parameter" +
                                 (known.empty() ? std::string(" (it has none)") : " (it has " + known + ")"));
        }
        assignFromJson(*target, v, place + "." + key);
    }
}
// "initialize": {"model": "runs/base/model.json", "layers": ["hidden"]} or, to take a
// layer of another name, "layers": {"hidden": "encoder"}. The model's path is relative
// to the experiment file's folder. "created_by" (optional) is the command that writes
// the model: a missing model's message tells the student to run it.
void initializeFromModel(Network& net, const Json& init, const std::string& where) {
    if (!init.is_object()) {
        throw InputError("initialize", "expected an object like {\"model\": \"runs/base/model.json\", \"layers\": "
                                       "[\"hidden\"]}, got " +
                                           describeJson(init));
    }
    checkKeys(init, "initialize", {"model", "layers", "created_by"});
    const Json& model = require(init, "model", "initialize");
    if (!model.is_string() || model.get<std::string>().empty()) {
        throw InputError("initialize.model", "expected the path of a saved model, got " + describeJson(model));
    }
    std::string createdBy;
    if (const auto c = init.find("created_by"); c != init.end()) {
        if (!c->is_string() || c->get<std::string>().empty()) {
            throw InputError("initialize.created_by",
                             "expected the command that writes the model (a string), got " + describeJson(*c));
        }
        createdBy = c->get<std::string>();
    }
    const Json& list = require(init, "layers", "initialize");
    std::vector<std::pair<std::string, std::string>> layers;
    auto addLayer = [&](const std::string& target, const Json& source, const std::string& place) {
        if (!source.is_string() || source.get<std::string>().empty()) {
            throw InputError(place, "expected a layer name, got " + describeJson(source));
        }
        if (!net.findLayer(target)) {
            std::string known;
            for (std::size_t i = 0; i < net.layerCount(); ++i) {
                known += (known.empty() ? "" : ", ") + net.layerName(i);
            }
            throw InputError(place, "this network has no layer \"" + target + "\" (it has " + known + ")");
        }
        layers.emplace_back(target, source.get<std::string>());
    };
    if (list.is_array() && !list.empty()) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string place = "initialize.layers[" + std::to_string(i) + "]";
            addLayer(list[i].is_string() ? list[i].get<std::string>() : std::string(), list[i], place);
        }
    } else if (list.is_object() && !list.empty()) {
        for (const auto& [target, source] : list.items()) {
            addLayer(target, source, "initialize.layers." + target);
        }
    } else {
        throw InputError("initialize.layers", "expected a non-empty list of layer names or an object {\"this "
                                              "layer\": \"the model's layer\"}, got " +
                                                  describeJson(list));
    }
    std::string path = model.get<std::string>();
    if (path.front() != '/' && where.find('/') != std::string::npos) {
        path = where.substr(0, where.rfind('/') + 1) + path;
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw InputError("initialize.model",
                         "expected a saved model at " + path + " (relative to the experiment's folder), got no file; " +
                             (createdBy.empty() ? std::string("`deepstep train EXPERIMENT --out FOLDER` writes one as "
                                                              "FOLDER/model.json")
                                                : "create it first with `" + createdBy + "`"));
    }
    initializeLayers(net, readJsonFile(path), layers, path);
}
}  // namespace

namespace {
// Builds the network of a "model" object, recording every problem in `problems`: each
// layer is checked on its own. Without an input shape (`model.input` absent and not
// known from elsewhere) the layers are only checked, not built. Returns the network
// when it was built without a problem.
std::optional<Network> buildModelChecked(const Json& model, const Registry& registry, Rng& rng,
                                         const std::string& path, ProblemList& problems, bool inputRequired) {
    if (!model.is_object()) {
        problems.add(InputError(path, "expected an object with \"input\" and \"layers\", got " + describeJson(model)));
        return std::nullopt;
    }
    const std::size_t before = problems.size();
    checkKeys(model, path, {"input", "layers"}, problems);
    std::optional<Shape> input;
    if (model.contains("input") || inputRequired) {
        problems.attempt([&] { input = shapeFrom(require(model, "input", path), path + ".input"); });
    }
    const auto layers = model.find("layers");
    if (layers == model.end()) {
        problems.add(InputError(path + ".layers", "required field is missing"));
        return std::nullopt;
    }
    if (!layers->is_array() || layers->empty()) {
        problems.add(InputError(path + ".layers", "expected a non-empty list of layers, got " + describeJson(*layers)));
        return std::nullopt;
    }
    Network net;
    std::vector<std::tuple<std::string, Json, std::string>> explicitValues;
    std::map<std::string, int> typeCounts;
    for (std::size_t i = 0; i < layers->size(); ++i) {
        const std::string lp = path + ".layers[" + std::to_string(i) + "]";
        const Json& given = (*layers)[i];
        problems.attempt([&] {
            const std::string type = component(given, lp).first;
            // Children of composites get their names here, to any depth.
            Json spec = registry.normalizeLayerSpec(given, lp);
            std::string name = type + std::to_string(++typeCounts[type]);
            ProblemList layerProblems;
            if (spec.contains("name")) {
                layerProblems.attempt([&] {
                    if (!spec["name"].is_string() || spec["name"].get<std::string>().empty()) {
                        throw InputError(lp + ".name", "expected a non-empty string, got " + describeJson(spec["name"]));
                    }
                    name = spec["name"].get<std::string>();
                    if (name.find('.') != std::string::npos) {
                        throw InputError(lp + ".name", "expected a name without '.', got \"" + name + "\"");
                    }
                    if (net.indexOf(name) >= 0) {
                        throw InputError(lp + ".name", "expected a unique layer name, \"" + name + "\" is used twice");
                    }
                });
            }
            std::unique_ptr<Layer> layer;
            layerProblems.attempt([&] { layer = registry.makeLayer(type, spec, lp, Registry::layerSpecKeys()); });
            if (spec.contains("trainable") && !spec["trainable"].is_boolean()) {
                layerProblems.add(
                    InputError(lp + ".trainable", "expected true or false, got " + describeJson(spec["trainable"])));
            }
            layerProblems.throwIfAny();
            if (spec.contains("trainable")) {
                layer->setTrainable(spec["trainable"].get<bool>());
            }
            spec["name"] = name;
            takeExplicitValues(spec, name, lp, registry, explicitValues);
            net.add(name, std::move(layer), std::move(spec));
        });
    }
    if (problems.size() != before || !input) {
        return std::nullopt;
    }
    try {
        net.build(*input, rng);
    } catch (const InputError& e) {
        // The network names the layer that refused its input first: give its place.
        const std::string where = e.where();
        const std::string layer = where.substr(0, where.find(": "));
        const int index = net.indexOf(layer);
        if (index < 0) {
            problems.add(InputError(path, e.what()));
            return std::nullopt;
        }
        // An option of the layer ("units") extends the JSON path; any other place is quoted.
        const std::string inside = where.size() > layer.size() ? where.substr(layer.size() + 2) : "";
        const bool option = !inside.empty() && std::all_of(inside.begin(), inside.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        problems.add(InputError(path + ".layers[" + std::to_string(index) + "]" + (option ? "." + inside : ""),
                                (option || inside.empty() ? "" : inside + ": ") + e.message()));
        return std::nullopt;
    } catch (const std::length_error&) {
        // A size beyond what can be addressed at all: bad input, whichever layer asked.
        problems.add(InputError(path, "the network cannot be built: its sizes ask for more memory than can be "
                                      "addressed (look at units, input and the other sizes)"));
        return std::nullopt;
    }
    for (const auto& [layerPath, values, place] : explicitValues) {
        Layer* layer = net.findLayer(layerPath);
        if (!layer) {
            throw std::logic_error("buildModel: no layer at " + layerPath);
        }
        problems.attempt([&, &values = values, &place = place] { assignExplicitValues(*layer, values, place); });
    }
    if (problems.size() != before) {
        return std::nullopt;
    }
    return net;
}

// A "name" or "description": a string, or {"en": ..., "ko": ...} with "en" required.
// Returns the text when it is well formed; records each problem otherwise.
std::optional<Text> localizedText(const Json& d, const std::string& path, ProblemList& problems) {
    if (d.is_string()) {
        return Text{d.get<std::string>(), {}};
    }
    if (!d.is_object()) {
        problems.add(InputError(path, "expected a string or an object {\"en\": \"...\", \"ko\": \"...\"}, got " +
                                          describeJson(d)));
        return std::nullopt;
    }
    const std::size_t before = problems.size();
    checkKeys(d, path, {"en", "ko"}, problems);
    if (!d.contains("en")) {
        problems.add(InputError(sub(path, "en"), "required field is missing (the English text)"));
    }
    Text text;
    for (const char* lang : {"en", "ko"}) {
        if (!d.contains(lang)) continue;
        if (!d[lang].is_string()) {
            problems.add(InputError(sub(path, lang), "expected a string, got " + describeJson(d[lang])));
        } else {
            (std::string(lang) == "en" ? text.en : text.ko) = d[lang].get<std::string>();
        }
    }
    if (problems.size() != before) {
        return std::nullopt;
    }
    return text;
}

// A data set's class names, when it has them, must be as many as its targets imply.
void checkClassNames(const Dataset& data, const Json& spec, const std::string& path) {
    const auto names = data.classNames();
    if (names.empty() || names.size() == impliedClasses(data.targetShape())) {
        return;
    }
    const std::string where = spec.is_object() && spec.contains("classes") ? path + ".classes" : path;
    throw InputError(where, classesExpectation(data.targetShape()) + ", got " + std::to_string(names.size()) +
                                " (the data set's class names)");
}

std::unique_ptr<Dataset> makeDatasetFrom(const Json& j, const std::string& path, const Registry& registry) {
    auto [type, spec] = component(j, path);
    auto data = type == "inline" ? inlineDataset(spec, path) : registry.makeDataset(type, spec, path, {"type"});
    checkClassNames(*data, spec, path);
    return data;
}

// Checks each given key of `training` on its own, then resolves them together.
std::optional<Options> trainingOptions(const Json& training, ProblemList& problems) {
    std::optional<Options> resolved;
    problems.attempt([&] { resolved = resolveReportingAll(trainingSchema(), training, "training"); });
    return resolved;
}

// Calls f(layer, path) for `layer` and its children, to any depth.
void forEachLayer(Layer& layer, const std::string& path, const std::function<void(Layer&, const std::string&)>& f) {
    f(layer, path);
    for (const ChildLayer& child : layer.children()) {
        if (child.layer != nullptr) forEachLayer(*child.layer, path + "." + child.name, f);
    }
}

// The first layer with parameters that backward() gives true gradients, as
// "name" (type), or empty when there is none.
std::string firstGradientLayer(Network& network, const Registry& registry) {
    std::string found;
    for (std::size_t i = 0; i < network.layerCount() && found.empty(); ++i) {
        forEachLayer(network.layer(i), network.layerName(i), [&](Layer& layer, const std::string& path) {
            if (!found.empty() || layer.parameters().empty()) return;
            const ComponentInfo* info = registry.find(Kind::Layer, layer.type());
            if (info == nullptr || info->signal == LearningSignal::Gradient) {
                found = "\"" + path + "\" (" + layer.type() + ")";
            }
        });
    }
    return found;
}

// Refuses an optimizer written for error-driven layers on a network trained by gradients.
void checkOptimizerSuitsNetwork(const Json& spec, const Optimizer& optimizer, Network& network,
                                const Registry& registry) {
    const ComponentInfo* info = registry.find(Kind::Optimizer, optimizer.type());
    if (info == nullptr || optimizerSuits(*info, networkSignal(network, registry))) return;
    const std::string gradientLayer = firstGradientLayer(network, registry);
    if (gradientLayer.empty()) return;  // no layer with parameters: nothing is trained
    std::string suitable;
    for (const ComponentInfo* o : registry.list(Kind::Optimizer)) {
        if (o->signal == LearningSignal::Gradient) suitable += (suitable.empty() ? "" : ", ") + o->name;
    }
    throw InputError(spec.is_object() ? "optimizer.type" : "optimizer",
                     "\"" + info->name + "\" is written for networks of error-driven layers (such as perceptrons), " +
                         "but layer " + gradientLayer +
                         " is trained by gradients; choose an optimizer written for gradients (" + suitable + ")");
}
}  // namespace

LearningSignal networkSignal(Network& network, const Registry& registry) {
    bool anyTrainable = false;
    for (std::size_t i = 0; i < network.layerCount(); ++i) {
        forEachLayer(network.layer(i), network.layerName(i), [&](Layer& layer, const std::string&) {
            if (!layer.parameters().empty()) anyTrainable = true;
        });
    }
    return anyTrainable && firstGradientLayer(network, registry).empty() ? LearningSignal::ErrorDriven
                                                                          : LearningSignal::Gradient;
}

Text readLocalizedText(const Json& j, const std::string& path) {
    ProblemList problems;
    std::optional<Text> text = localizedText(j, path, problems);
    problems.throwIfAny();
    return *text;
}

Network buildModel(const Json& model, const Registry& registry, Rng& rng, const std::string& path) {
    ProblemList problems;
    std::optional<Network> net = buildModelChecked(model, registry, rng, path, problems, true);
    problems.throwIfAny();
    return std::move(*net);
}

BuiltExperiment buildExperiment(const Json& doc, const Registry& registry, const std::string& where) {
    return withPlace(where, [&] {
        if (!doc.is_object()) {
            throw InputError("", "expected an experiment object, got " + describeJson(doc));
        }
        ProblemList problems;
        checkKeys(doc, "",
                  {"format", "version", "name", "description", "seed", "device", "model", "initialize", "loss",
                   "optimizer", "dataset", "test_dataset", "training", "lesson"},
                  problems);
        if (doc.contains("format") && doc["format"] != "deepstep.experiment") {
            problems.add(InputError("format", "expected \"deepstep.experiment\", got " + describeJson(doc["format"])));
        }
        if (doc.contains("version")) {
            const Json& v = doc["version"];
            if (!v.is_number_integer() || v.get<long long>() < 1) {
                problems.add(InputError("version", "expected a positive integer, got " + describeJson(v)));
            } else if (v.get<long long>() > kExperimentVersion) {
                // A newer format may mean anything: nothing else is worth checking.
                throw InputError("version", "this experiment is format version " + std::to_string(v.get<long long>()) +
                                                ", newer than this DeepStep reads (" +
                                                std::to_string(kExperimentVersion) + "); update DeepStep");
            }
        }
        BuiltExperiment ex;
        if (doc.contains("name")) {
            ex.name = localizedText(doc["name"], "name", problems).value_or(Text{});
        }
        if (doc.contains("description")) {
            ex.description = localizedText(doc["description"], "description", problems).value_or(Text{});
        }
        if (doc.contains("seed")) {
            const Json& s = doc["seed"];
            if (!s.is_number_integer() || s.get<long long>() < 0) {
                problems.add(InputError("seed", "expected a non-negative integer, got " + describeJson(s)));
            } else {
                ex.seed = s.get<std::uint64_t>();
            }
        }

        if (doc.contains("device")) {
            const Json& d = doc["device"];
            if (!d.is_string()) {
                problems.add(InputError("device", "expected \"cpu\", \"cuda\" or \"cuda:N\", got " + describeJson(d)));
            } else {
                // Resolved where the run starts (deepstep::chooseDevice), checked here.
                problems.attempt([&] { checkDeviceName(d.get<std::string>(), "device"); });
            }
        }

        // The dataset first: the model's input shape may come from it.
        if (!doc.contains("dataset")) {
            problems.add(InputError("dataset", "required field is missing"));
        } else {
            problems.attempt([&] { ex.dataset = makeDatasetFrom(doc["dataset"], "dataset", registry); });
        }
        if (doc.contains("test_dataset")) {
            problems.attempt([&] {
                ex.testDataset = makeDatasetFrom(doc["test_dataset"], "test_dataset", registry);
                if (ex.dataset && (ex.testDataset->inputShape() != ex.dataset->inputShape() ||
                                   ex.testDataset->targetShape() != ex.dataset->targetShape())) {
                    throw InputError("test_dataset", "expected examples shaped like the training set's (input " +
                                                         ex.dataset->inputShape().str() + ", target " +
                                                         ex.dataset->targetShape().str() + "), got input " +
                                                         ex.testDataset->inputShape().str() + ", target " +
                                                         ex.testDataset->targetShape().str());
                }
            });
        }

        bool networkBuilt = false;
        if (!doc.contains("model")) {
            problems.add(InputError("model", "required field is missing"));
        } else {
            Json model = doc["model"];
            if (model.is_object() && !model.contains("input") && ex.dataset) {
                model["input"] = ex.dataset->inputShape().dims();
            }
            Rng rng(ex.seed);
            // Without the dataset's shape the layers are still checked, not built.
            if (auto net = buildModelChecked(model, registry, rng, "model", problems, ex.dataset != nullptr)) {
                ex.network = std::move(*net);
                networkBuilt = true;
            }
        }
        if (networkBuilt && ex.dataset) {
            if (ex.network.inputShape() != ex.dataset->inputShape()) {
                networkBuilt = false;
                problems.add(InputError("model.input", "expected " + ex.dataset->inputShape().str() +
                                                           " (the shape of one example of the dataset), got " +
                                                           ex.network.inputShape().str()));
            } else if (ex.network.outputShape() != ex.dataset->targetShape()) {
                networkBuilt = false;
                problems.add(InputError("model.layers[" + std::to_string(ex.network.layerCount() - 1) + "]",
                                        "the network gives " + ex.network.outputShape().str() +
                                            " per example but the dataset's targets are " +
                                            ex.dataset->targetShape().str() + "; make the last layer's output match"));
            }
        }

        if (doc.contains("initialize") && networkBuilt) {
            problems.attempt([&] { initializeFromModel(ex.network, doc["initialize"], where); });
        }

        if (!doc.contains("loss")) {
            problems.add(InputError("loss", "required field is missing"));
        } else {
            problems.attempt([&] {
                auto [ltype, lspec] = component(doc["loss"], "loss");
                ex.loss = registry.makeLoss(ltype, lspec, "loss", {"type"});
            });
        }
        if (!doc.contains("optimizer")) {
            problems.add(InputError("optimizer", "required field is missing"));
        } else {
            problems.attempt([&] {
                auto [otype, ospec] = component(doc["optimizer"], "optimizer");
                ex.optimizer = registry.makeOptimizer(otype, ospec, "optimizer", {"type"});
            });
        }

        Json training = doc.contains("training") ? doc["training"] : Json::object();
        if (training.is_object() && training.contains("augment")) {
            const Json augmentSpec = training["augment"];
            training.erase("augment");
            problems.attempt([&] {
                if (!augmentSpec.is_object()) {
                    throw InputError("training.augment",
                                     "expected an object like {\"shift\": 2, \"flip\": true, \"noise\": 0.05}, got " +
                                         describeJson(augmentSpec));
                }
                ex.training.augmentation =
                    augmentationFromOptions(resolveReportingAll(augmentationSchema(), augmentSpec, "training.augment"));
                if (ex.training.augmentation.any() && ex.dataset && ex.dataset->inputShape().rank() < 2) {
                    throw InputError("training.augment", "expected a dataset of images (C×H×W or H×W per example), "
                                                         "got examples of shape " +
                                                             ex.dataset->inputShape().str());
                }
            });
        }
        if (const auto t = trainingOptions(training, problems)) {
            ex.training.epochs = t->integerAs<int>("epochs");
            ex.training.batchSize = t->integerAs<std::size_t>("batch_size");
            ex.training.shuffle = t->flag("shuffle");
            ex.training.validationSplit = t->number("validation_split");
            ex.training.l1 = t->number("l1");
            ex.training.l2 = t->number("l2");
            ex.training.maxIterations = t->integer("max_iterations");
            if (t->number("target_accuracy") >= 0.0) {
                ex.training.targetAccuracy = t->number("target_accuracy");
            }
            ex.training.learningRateDecay = t->number("lr_decay");
            ex.training.clipNorm = t->number("clip_norm");
            const std::string accuracy = t->text("train_accuracy");
            ex.training.trainAccuracy = accuracy == "exact"     ? TrainAccuracy::Exact
                                        : accuracy == "running" ? TrainAccuracy::Running
                                                                : TrainAccuracy::Auto;
            ex.training.seed = ex.seed;
            // Checked here, where the file is known, rather than when training starts.
            const double split = ex.training.validationSplit;
            if (split > 0.0 && ex.dataset) {
                const std::size_t n = ex.dataset->size();
                const auto held = static_cast<std::size_t>(std::round(split * static_cast<double>(n)));
                if (held == 0 || held >= n) {
                    std::ostringstream fraction;
                    fraction << split;
                    problems.add(InputError("training.validation_split",
                                            "holding out " + fraction.str() + " of " + std::to_string(n) +
                                                " examples leaves no training or no validation examples"));
                }
            }
        }
        if (networkBuilt && ex.optimizer) {
            problems.attempt([&] { checkOptimizerSuitsNetwork(doc["optimizer"], *ex.optimizer, ex.network, registry); });
        }
        problems.throwIfAny();
        const std::size_t examples = ex.dataset->size();
        checkTrainingMemory(ex.network,
                            ex.training.batchSize == 0 ? examples : std::min(ex.training.batchSize, examples),
                            "training.batch_size");
        return ex;
    });
}

BuiltExperiment loadExperiment(const std::string& path, const Registry& registry) {
    return buildExperiment(readJsonFile(path), registry, path);
}

}  // namespace deepstep
