#include "deepstep/stepper.hpp"

#include <algorithm>
#include <numeric>

namespace deepstep {

struct Stepper::Snapshot {
    std::vector<Tensor> values;  // every parameter, trainable or not, in network order
    Json optimizerState;
    Phase phase = Phase::Ready;
    int revealed = 0;
    std::optional<StepRecord> record;
    long long iteration = 0;
};

Stepper::Stepper(const Registry& registry) : registry_(registry) {}

Stepper::~Stepper() = default;

void Stepper::load(const Json& experiment, const std::string& where) {
    auto built = std::make_unique<BuiltExperiment>(buildExperiment(experiment, registry_, where));
    json_ = experiment;
    where_ = where;
    built_ = std::move(built);
    phase_ = Phase::Ready;
    revealed_ = 0;
    record_.reset();
    iteration_ = 0;
    history_.clear();
}

void Stepper::reset() {
    if (isLoaded()) load(json_, where_);
}

Stepper::Snapshot Stepper::snapshot() const {
    Snapshot s;
    for (const ParamRef& p : built_->network.parameters(true)) s.values.push_back(*p.value);
    s.optimizerState = built_->optimizer->saveState();
    s.phase = phase_;
    s.revealed = revealed_;
    s.record = record_;
    s.iteration = iteration_;
    return s;
}

void Stepper::push() {
    // Long runs would make the history grow without bound; the most recent steps are
    // the ones a student undoes.
    constexpr std::size_t kMaxHistory = 200;
    if (history_.size() >= kMaxHistory) history_.erase(history_.begin());
    history_.push_back(snapshot());
}

void Stepper::restore(const Snapshot& s) {
    auto params = built_->network.parameters(true);
    for (std::size_t i = 0; i < params.size() && i < s.values.size(); ++i) *params[i].value = s.values[i];
    built_->optimizer->loadState(s.optimizerState);
    phase_ = s.phase;
    revealed_ = s.revealed;
    record_ = s.record;
    iteration_ = s.iteration;
}

bool Stepper::undo() {
    if (history_.empty()) return false;
    restore(history_.back());
    history_.pop_back();
    return true;
}

std::vector<std::size_t> Stepper::nextBatchIndices() const {
    const std::size_t n = built_->dataset->size();
    const std::size_t batch = built_->training.batchSize == 0 ? n : std::min(built_->training.batchSize, n);
    const auto perEpoch = static_cast<long long>((n + batch - 1) / batch);
    const long long epoch = iteration_ / perEpoch;
    const long long within = iteration_ % perEpoch;
    std::vector<std::size_t> order(n);
    if (built_->training.shuffle) {
        // One permutation per epoch, derived from the seed: stepping is reproducible.
        Rng rng(built_->seed * 1000003ULL + static_cast<std::uint64_t>(epoch));
        order = rng.permutation(n);
    } else {
        std::iota(order.begin(), order.end(), std::size_t{0});
    }
    const std::size_t first = static_cast<std::size_t>(within) * batch;
    const std::size_t count = std::min(batch, n - first);
    return {order.begin() + static_cast<std::ptrdiff_t>(first),
            order.begin() + static_cast<std::ptrdiff_t>(first + count)};
}

void Stepper::computeIteration() {
    const std::vector<std::size_t> indices = nextBatchIndices();
    const Batch batch = built_->dataset->gather(indices);
    Trace trace(1);
    Trainer trainer(built_->network, *built_->loss, *built_->optimizer, built_->training);
    trainer.setTrace(&trace);
    trainer.step(batch, indices);
    ++iteration_;
    record_ = trace.steps().front();
    record_->iteration = iteration_;
    const std::size_t n = built_->dataset->size();
    const std::size_t b = built_->training.batchSize == 0 ? n : std::min(built_->training.batchSize, n);
    record_->epoch = static_cast<int>((iteration_ - 1) / static_cast<long long>((n + b - 1) / b)) + 1;
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

TrainingResult Stepper::trainEpochs(int epochs) {
    TrainingResult result;
    if (!isLoaded() || epochs <= 0) return result;
    push();
    TrainingSettings settings = built_->training;
    settings.epochs = epochs;
    settings.seed = built_->seed + static_cast<std::uint64_t>(iteration_);  // a fresh shuffle for each run
    Trainer trainer(built_->network, *built_->loss, *built_->optimizer, settings);
    result = trainer.fit(*built_->dataset);
    iteration_ += result.iterations;
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
const TrainingSettings& Stepper::training() const { return built_->training; }
const std::string& Stepper::experimentName() const { return built_->name; }
std::uint64_t Stepper::seed() const { return built_->seed; }
int Stepper::layerCount() const { return built_ ? static_cast<int>(built_->network.layerCount()) : 0; }

}  // namespace deepstep
