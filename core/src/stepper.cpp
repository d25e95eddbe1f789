#include "deepstep/stepper.hpp"

#include <algorithm>
#include <numeric>
#include <span>

namespace deepstep {

namespace {
std::size_t bytesOf(const Tensor& t) {
    return t.size() * sizeof(float);
}

std::size_t bytesOf(const StepRecord& r) {
    std::size_t n = sizeof(StepRecord) + bytesOf(r.target) + r.sampleIndices.size() * sizeof(std::size_t);
    for (const LayerRecord& l : r.layers) {
        n += bytesOf(l.input) + bytesOf(l.preActivation) + bytesOf(l.output) + bytesOf(l.gradOutput) +
             bytesOf(l.gradPreActivation) + bytesOf(l.gradInput);
        for (const InternalRecord& in : l.internals) {
            n += bytesOf(in.value) + bytesOf(in.grad);
        }
    }
    for (const ParameterRecord& p : r.parameters) {
        n += bytesOf(p.value) + bytesOf(p.grad) + bytesOf(p.update) + bytesOf(p.valueAfter);
    }
    return n;
}

// A JSON value's memory, roughly: each value is 16 bytes, strings and containers more.
std::size_t bytesOf(const Json& j) {
    std::size_t n = sizeof(Json);
    if (j.is_array() || j.is_object()) {
        for (const auto& e : j) {
            n += bytesOf(e);
        }
        if (j.is_object()) {
            for (const auto& [k, v] : j.items()) {
                n += k.size() + 32;
                (void)v;
            }
        }
    } else if (j.is_string()) {
        n += j.get_ref<const std::string&>().size();
    }
    return n;
}
}  // namespace

Stepper::Stepper(const Registry& registry) : registry_(registry) {}

Stepper::~Stepper() = default;

void Stepper::load(const Json& experiment, const std::string& where) {
    auto built = std::make_unique<BuiltExperiment>(buildExperiment(experiment, registry_, where));
    auto split = std::make_unique<DataSplit>(splitForValidation(*built->dataset, built->training));
    auto schedule = std::make_unique<BatchSchedule>(split->train->size(), built->training);
    json_ = experiment;
    where_ = where;
    built_ = std::move(built);
    split_ = std::move(split);
    schedule_ = std::move(schedule);
    phase_ = Phase::Ready;
    revealed_ = 0;
    record_.reset();
    iteration_ = 0;
    history_.clear();
    held_.clear();
    historyBytes_ = 0;
    weightsChanged();
}

void Stepper::reset() {
    if (isLoaded()) load(json_, where_);
}

void Stepper::weightsChanged() {
    valuesNow_.reset();
    stateNow_.reset();
}

Stepper::Snapshot Stepper::snapshot() {
    if (!valuesNow_) {
        auto values = std::make_shared<std::vector<Tensor>>();
        for (const ParamRef& p : built_->network.parameters(true)) values->push_back(*p.value);
        valuesNow_ = std::move(values);
    }
    if (!stateNow_) stateNow_ = std::make_shared<const Json>(built_->optimizer->saveState());
    Snapshot s;
    s.values = valuesNow_;
    s.optimizerState = stateNow_;
    s.record = record_;
    s.phase = phase_;
    s.revealed = revealed_;
    s.iteration = iteration_;
    return s;
}

void Stepper::hold(const std::shared_ptr<const void>& p, std::size_t bytes, int delta) {
    if (!p) return;
    auto it = held_.find(p.get());
    if (delta > 0) {
        if (it == held_.end()) {
            held_.emplace(p.get(), std::make_pair(bytes, 1));
            historyBytes_ += bytes;
        } else {
            ++it->second.second;
        }
        return;
    }
    if (it != held_.end() && --it->second.second == 0) {
        historyBytes_ -= it->second.first;
        held_.erase(it);
    }
}

namespace {
std::size_t bytesOfValues(const std::vector<Tensor>& v) {
    std::size_t n = 0;
    for (const Tensor& t : v) n += bytesOf(t) + sizeof(Tensor);
    return n;
}
}  // namespace

void Stepper::push() {
    Snapshot s = snapshot();
    // Sizes are only computed for objects the history does not hold yet.
    auto count = [&](const auto& p, auto size) { hold(p, held_.count(p.get()) ? 0 : size(), +1); };
    count(s.values, [&] { return bytesOfValues(*s.values); });
    count(s.optimizerState, [&] { return bytesOf(*s.optimizerState); });
    count(s.record, [&] { return s.record ? bytesOf(*s.record) : 0; });
    history_.push_back(std::move(s));
    while (history_.size() > 1 && historyBytes_ > historyLimit_) dropOldest();
}

void Stepper::dropOldest() {
    const Snapshot& s = history_.front();
    hold(s.values, 0, -1);
    hold(s.optimizerState, 0, -1);
    hold(s.record, 0, -1);
    history_.pop_front();
}

void Stepper::setHistoryLimit(std::size_t bytes) {
    historyLimit_ = bytes;
    while (history_.size() > 1 && historyBytes_ > historyLimit_) dropOldest();
}

void Stepper::restore(const Snapshot& s) {
    auto params = built_->network.parameters(true);
    for (std::size_t i = 0; i < params.size() && i < s.values->size(); ++i) *params[i].value = (*s.values)[i];
    built_->optimizer->loadState(*s.optimizerState);
    phase_ = s.phase;
    revealed_ = s.revealed;
    record_ = s.record;
    iteration_ = s.iteration;
    // The network holds the snapshot's values again: the next snapshot may share them.
    valuesNow_ = s.values;
    stateNow_ = s.optimizerState;
}

bool Stepper::undo() {
    if (history_.empty()) return false;
    restore(history_.back());
    hold(history_.back().values, 0, -1);
    hold(history_.back().optimizerState, 0, -1);
    hold(history_.back().record, 0, -1);
    history_.pop_back();
    return true;
}

void Stepper::computeIteration() {
    const auto [epoch, index] = schedule_->position(iteration_);
    const std::span<const std::size_t> indices = schedule_->batch(epoch, index);
    Batch batch = split_->train->gather(indices);
    schedule_->augmentBatch(batch.inputs, epoch, index);
    Trace trace(1);
    Trainer trainer(built_->network, *built_->loss, *built_->optimizer, built_->training);
    if (device_ != nullptr) trainer.setDevice(device_, deviceName_);
    trainer.setTrace(&trace);
    trainer.step(batch, indices);
    weightsChanged();
    ++iteration_;
    auto record = std::make_shared<StepRecord>(trace.steps().front());
    record->iteration = iteration_;
    record->epoch = epoch;
    record_ = std::move(record);
}

bool Stepper::forwardLayer() {
    if (!isLoaded()) return false;
    if (phase_ == Phase::Ready || phase_ == Phase::Updated) {
        push();
        computeIteration();
        phase_ = Phase::Forward;
        revealed_ = 1;
        return true;
    }
    if (phase_ == Phase::Forward && revealed_ < layerCount()) {
        push();
        ++revealed_;
        return true;
    }
    return false;
}

bool Stepper::backwardLayer() {
    if (!isLoaded()) return false;
    if (phase_ == Phase::Forward && revealed_ == layerCount()) {
        push();
        phase_ = Phase::Backward;
        revealed_ = 1;
        return true;
    }
    if (phase_ == Phase::Backward && revealed_ < layerCount()) {
        push();
        ++revealed_;
        return true;
    }
    return false;
}

bool Stepper::applyUpdate() {
    if (!isLoaded() || phase_ != Phase::Backward || revealed_ != layerCount()) return false;
    push();
    phase_ = Phase::Updated;
    revealed_ = layerCount();
    return true;
}

bool Stepper::fullIteration() {
    if (!isLoaded()) return false;
    push();
    if (phase_ == Phase::Ready || phase_ == Phase::Updated) computeIteration();
    phase_ = Phase::Updated;
    revealed_ = layerCount();
    return true;
}

bool Stepper::runIterations(int count) {
    if (!isLoaded() || count <= 0) return false;
    push();
    if (phase_ == Phase::Forward || phase_ == Phase::Backward) --count;  // finish the current one first
    for (int i = 0; i < count; ++i) computeIteration();
    phase_ = Phase::Updated;
    revealed_ = layerCount();
    return true;
}

TrainingResult Stepper::trainEpochs(int epochs, const std::function<bool(const EpochInfo&)>& observer) {
    TrainingResult result;
    if (!isLoaded() || epochs <= 0) return result;
    push();
    TrainingSettings settings = built_->training;
    settings.epochs = epochs;
    // On along the same schedule as the steps before it.
    settings.firstIteration = iteration_;
    Trainer trainer(built_->network, *built_->loss, *built_->optimizer, settings);
    if (device_ != nullptr) trainer.setDevice(device_, deviceName_);
    if (observer) {
        trainer.onEpoch([&](const EpochInfo& e) {
            if (!observer(e)) trainer.cancel();
        });
    }
    result = trainer.fit(*built_->dataset);
    weightsChanged();
    iteration_ = std::max(iteration_, result.iterations);
    // The weights are the trained ones; no single step is on display.
    record_.reset();
    phase_ = Phase::Ready;
    revealed_ = 0;
    return result;
}

bool Stepper::setLearningRate(double lr) {
    if (!isLoaded() || lr == built_->optimizer->learningRate()) return false;
    push();
    built_->optimizer->setLearningRate(lr);
    weightsChanged();
    return true;
}

bool Stepper::forwardShown(int layer) const {
    switch (phase_) {
    case Phase::Ready: return false;
    case Phase::Forward: return layer < revealed_;
    case Phase::Backward:
    case Phase::Updated: return true;
    }
    return false;
}

bool Stepper::backwardShown(int layer) const {
    switch (phase_) {
    case Phase::Ready:
    case Phase::Forward: return false;
    case Phase::Backward: return layer >= layerCount() - revealed_;
    case Phase::Updated: return true;
    }
    return false;
}

int Stepper::activeLayer() const {
    switch (phase_) {
    case Phase::Forward: return revealed_ - 1;
    case Phase::Backward: return layerCount() - revealed_;
    default: return -1;
    }
}

const Tensor* Stepper::shownValue(const std::string& name) const {
    if (record_) {
        for (const ParameterRecord& p : record_->parameters) {
            if (p.name == name) return phase_ == Phase::Updated ? &p.valueAfter : &p.value;
        }
    }
    // No step on display (or a non-trainable value): what the network holds.
    Parameter* p = built_ ? built_->network.parameter(name) : nullptr;
    return p ? &p->value : nullptr;
}

Evaluation Stepper::evaluate() {
    if (!isLoaded()) return {};
    // The network holds the updated weights as soon as an iteration is computed; until
    // the update is revealed, evaluate with the weights as shown.
    const bool useShown = record_ && phase_ != Phase::Updated;
    auto params = built_->network.parameters();
    std::vector<Tensor> saved;
    if (useShown) {
        for (std::size_t i = 0; i < params.size(); ++i) {
            saved.push_back(*params[i].value);
            *params[i].value = record_->parameters[i].value;
        }
    }
    Trainer t(built_->network, *built_->loss, *built_->optimizer, built_->training);
    const Evaluation ev = t.evaluate(*built_->dataset);
    for (std::size_t i = 0; i < saved.size(); ++i) *params[i].value = saved[i];
    return ev;
}

Network& Stepper::network() { return built_->network; }
const Loss& Stepper::loss() const { return *built_->loss; }
Optimizer& Stepper::optimizer() { return *built_->optimizer; }
const Dataset& Stepper::dataset() const { return *built_->dataset; }
const Dataset& Stepper::trainingPart() const { return *split_->train; }
const TrainingSettings& Stepper::training() const { return built_->training; }
const Text& Stepper::experimentName() const { return built_->name; }
std::uint64_t Stepper::seed() const { return built_->seed; }
int Stepper::layerCount() const { return built_ ? static_cast<int>(built_->network.layerCount()) : 0; }

void Stepper::setDevice(const gpu::Backend* backend, std::string name) {
    device_ = backend;
    deviceName_ = backend != nullptr ? std::move(name) : std::string{};
}

Text Stepper::devicePlacement() {
    if (device_ == nullptr || !isLoaded()) return {};
    Trainer trainer(built_->network, *built_->loss, *built_->optimizer, built_->training);
    trainer.setDevice(device_, deviceName_);
    return trainer.devicePlacement();
}

}  // namespace deepstep
