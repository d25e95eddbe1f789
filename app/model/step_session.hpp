#pragma once
// StepSession: the Studio's handle on a deepstep::Stepper (core/include/deepstep/
// stepper.hpp), which steps one experiment through an iteration one layer at a time.
// This class adds only what Qt views need: a QObject that emits changed() after every
// action, and QString names. All stepping logic lives in the engine's Stepper, which
// the lesson players use too.

#include "deepstep/lessons/concealment.hpp"
#include "deepstep/stepper.hpp"

#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <string>

namespace deepstep::studio {

class StepSession : public QObject {
    Q_OBJECT

public:
    enum class Phase { Ready, Forward, Backward, Updated };
    Q_ENUM(Phase)

    /// requires: `registry` outlives the session.
    explicit StepSession(const Registry& registry, QObject* parent = nullptr);

    /// Builds `experiment` (throws InputError naming the place; the session is left
    /// as it was). `source` names it in messages and titles (a file path or "").
    void load(const Json& experiment, const QString& source = {});
    bool isLoaded() const { return stepper_->isLoaded(); }
    const Json& experimentJson() const { return stepper_->experimentJson(); }
    const QString& source() const { return source_; }

    // ---- actions (each emits changed(); each can be undone) ----
    /// Ready/Updated: computes the next iteration and reveals the first layer's forward
    /// values. Forward(k < L): reveals layer k + 1. Otherwise does nothing.
    void forwardLayer();
    /// Forward(L): reveals the last layer's backward values; Backward(k < L): the next
    /// layer towards the input. Otherwise does nothing.
    void backwardLayer();
    /// Backward(L): reveals the update (Δw and the new weights). Otherwise does nothing.
    void applyUpdate();
    /// Reveals the rest of the current iteration up to Updated, or, from Ready/Updated,
    /// a whole new iteration.
    void fullIteration();
    /// Runs `count` whole iterations without stopping to reveal (for "train N").
    void runIterations(int count);
    /// Same experiment, same seed, same initial weights; history cleared.
    void reset();
    /// Back to the state before the last action. Returns false when there is none.
    bool undo();
    bool canUndo() const { return stepper_->canUndo(); }

    /// Changes the learning rate from the next iteration on (undoable, keeps state).
    void setLearningRate(double lr);

    // ---- state ----
    Phase phase() const { return static_cast<Phase>(stepper_->phase()); }
    /// Layers revealed in the current phase: 1..L counted from the input in Forward,
    /// from the output in Backward; L in Updated; 0 in Ready.
    int revealed() const { return stepper_->revealed(); }
    /// True when layer `index` (from the input) has its forward / backward values shown.
    bool forwardShown(int index) const { return stepper_->forwardShown(index); }
    bool backwardShown(int index) const { return stepper_->backwardShown(index); }
    bool updateShown() const { return stepper_->updateShown(); }
    /// The layer being computed in the current stage (highlighted), or -1.
    int activeLayer() const { return stepper_->activeLayer(); }

    /// The current iteration's record as the views show it: with the values a lesson's
    /// open checkpoints ask for hidden (see setConcealment()); nullptr in Ready before
    /// the first iteration.
    const StepRecord* record() const;
    /// Completed or current iteration number (0 before the first).
    long long iteration() const { return stepper_->iteration(); }
    /// The iteration number is what an open checkpoint asks for: views print "?".
    bool iterationHidden() const { return concealment_.hidesStepCount(); }
    /// Mean loss over the whole dataset with the weights as shown now.
    double datasetLoss();

    /// The value of a parameter as shown now (before the update until it is revealed).
    /// `name` is "layer.param". Falls back to the network's value before any step.
    /// Elements an open checkpoint asks for are hidden (concealedValue()).
    const Tensor* shownValue(const std::string& name) const;
    /// The optimizer's state as the views show it: `state` (Optimizer::inspect()) with
    /// what an open checkpoint asks for hidden.
    Json shownOptimizerState(Json state) const;

    /// What the views must not show while a lesson's checkpoints wait for their answers
    /// (deepstep/lessons/concealment.hpp); empty: everything is shown. Emits changed().
    /// Loading another experiment (load()) clears it.
    void setConcealment(AnswerConcealment concealment);
    const AnswerConcealment& concealment() const { return concealment_; }

    Network& network() { return stepper_->network(); }
    const Loss& loss() const { return stepper_->loss(); }
    Optimizer& optimizer() { return stepper_->optimizer(); }
    const Dataset& dataset() const { return stepper_->dataset(); }
    const TrainingSettings& training() const { return stepper_->training(); }
    const Text& experimentName() const { return stepper_->experimentName(); }
    int layerCount() const { return stepper_->layerCount(); }
    /// The engine object, for code that steps without Qt signals.
    Stepper& stepper() { return *stepper_; }
    /// Replaces the engine object with `stepper` (built from the same registry), e.g.
    /// one a lesson step was run on in a worker thread, and emits reloaded() and
    /// changed(). The stepper object itself moves in: references to it stay valid.
    void adoptStepper(std::unique_ptr<Stepper> stepper);
    /// Where the stepper computes: "cpu" or "cuda:N" (View ▸ Device), kept across
    /// adoptStepper(). A GPU that cannot be used leaves it on the CPU (the menu says why).
    void setDevice(const QString& id);
    /// After driving stepper() directly (a lesson player may also have loaded a new
    /// experiment into it): emits reloaded() and changed(), so views rebuild and redraw.
    void notifyChanged();

signals:
    /// Any change of phase, revealed layers, record or weights.
    void changed();
    /// A new experiment was loaded or the session was reset.
    void reloaded();

private:
    // Runs an action and emits changed() when it did something.
    void act(bool changedState);

    // Drops the hidden copies; called before every changed().
    void invalidateShown();

    // Hands the chosen device to the stepper.
    void applyDevice();

    std::unique_ptr<Stepper> stepper_;
    QString device_ = QStringLiteral("cpu");
    QString source_;
    AnswerConcealment concealment_;
    // Copies with the hidden values, made when a view first asks after a change.
    mutable std::unique_ptr<StepRecord> shownRecord_;
    mutable std::map<std::string, Tensor> shownValues_;
};

}  // namespace deepstep::studio
