#include "step_session.hpp"

#include "chosen_device.hpp"

namespace deepstep::studio {

StepSession::StepSession(const Registry& registry, QObject* parent)
    : QObject(parent), stepper_(std::make_unique<Stepper>(registry)) {}

void StepSession::adoptStepper(std::unique_ptr<Stepper> stepper) {
    stepper_ = std::move(stepper);
    applyDevice();
    invalidateShown();
    emit reloaded();
    emit changed();
}

void StepSession::setDevice(const QString& id) {
    device_ = id;
    applyDevice();
}

void StepSession::applyDevice() {
    std::string id;
    const gpu::Backend* backend = openDevice(device_.toStdString(), &id);
    stepper_->setDevice(backend, id);
}

void StepSession::load(const Json& experiment, const QString& source) {
    stepper_->load(experiment, source.toStdString());
    source_ = source;
    concealment_.clear();
    invalidateShown();
    emit reloaded();
    emit changed();
}

void StepSession::reset() {
    if (!isLoaded()) return;
    stepper_->reset();
    invalidateShown();
    emit reloaded();
    emit changed();
}

void StepSession::act(bool changedState) {
    if (!changedState) return;
    invalidateShown();
    emit changed();
}

void StepSession::notifyChanged() {
    invalidateShown();
    emit reloaded();
    emit changed();
}

void StepSession::setConcealment(AnswerConcealment concealment) {
    concealment_ = std::move(concealment);
    invalidateShown();
    emit changed();
}

void StepSession::invalidateShown() {
    shownRecord_.reset();
    shownValues_.clear();
}

const StepRecord* StepSession::record() const {
    const StepRecord* r = stepper_->record();
    if (r == nullptr || concealment_.empty()) return r;
    if (!shownRecord_) {
        shownRecord_ = std::make_unique<StepRecord>(*r);
        concealment_.apply(*shownRecord_);
    }
    return shownRecord_.get();
}

const Tensor* StepSession::shownValue(const std::string& name) const {
    const Tensor* v = stepper_->shownValue(name);
    if (v == nullptr || !concealment_.hidesParameterValue(name)) return v;
    auto [it, added] = shownValues_.try_emplace(name, *v);
    if (added) concealment_.applyToParameterValue(name, stepper_->updateShown(), it->second);
    return &it->second;
}

Json StepSession::shownOptimizerState(Json state) const {
    concealment_.applyToOptimizerState(state);
    return state;
}

void StepSession::forwardLayer() { act(stepper_->forwardLayer()); }
void StepSession::backwardLayer() { act(stepper_->backwardLayer()); }
void StepSession::applyUpdate() { act(stepper_->applyUpdate()); }
void StepSession::fullIteration() { act(stepper_->fullIteration()); }
void StepSession::runIterations(int count) { act(stepper_->runIterations(count)); }
bool StepSession::undo() {
    const bool done = stepper_->undo();
    act(done);
    return done;
}
void StepSession::setLearningRate(double lr) { act(stepper_->setLearningRate(lr)); }
double StepSession::datasetLoss() { return stepper_->evaluate().loss; }

}  // namespace deepstep::studio
