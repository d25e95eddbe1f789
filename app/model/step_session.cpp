#include "step_session.hpp"

namespace deepstep::studio {

StepSession::StepSession(const Registry& registry, QObject* parent)
    : QObject(parent), stepper_(std::make_unique<Stepper>(registry)) {}

void StepSession::adoptStepper(std::unique_ptr<Stepper> stepper) {
    stepper_ = std::move(stepper);
    emit reloaded();
    emit changed();
}

void StepSession::load(const Json& experiment, const QString& source) {
    stepper_->load(experiment, source.toStdString());
    source_ = source;
    emit reloaded();
    emit changed();
}

void StepSession::reset() {
    if (!isLoaded()) return;
    stepper_->reset();
    emit reloaded();
    emit changed();
}

void StepSession::act(bool changedState) {
    if (changedState) emit changed();
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
