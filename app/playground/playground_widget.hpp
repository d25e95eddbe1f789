#pragma once
// PlaygroundWidget: the 2-D playground, composed of its controls, its views and a run.
//
// PlaygroundControls hold the settings (data, features, optimizer in the side panel;
// epochs, learning rate, activation, loss, regularisation and dropout in the bar on
// top); the hidden layers are edited above the network's thumbnails. Start builds the
// playground's experiment (PlaygroundTemplate: the template experiments/playground.json
// filled in from the controls) with the experiment builder and hands it to a
// PlaygroundRun, which trains it in a worker thread; the views (decision boundary,
// per-neuron thumbnails, loss and accuracy curves, confusion matrix) follow its
// reports. The learning rate can change while training without resetting anything.
// The status bar shows the UI thread's latency during the run. "Save as experiment…"
// writes the same experiment to a file, which `deepstep train FILE` trains.
//
// Changes to the data, features or network apply to the next run; while a run
// trains, those controls are disabled.

#include "deepstep/registry.hpp"

#include "model/training_worker.hpp"
#include "playground/neuron_thumbnails.hpp"
#include "playground/playground_controls.hpp"
#include "playground/playground_experiment.hpp"

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <functional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QStatusBar;

namespace deepstep::studio {

class ConfusionMatrixView;
class DecisionBoundaryView;
class EventLoopLatencyProbe;
class HiddenLayerEditor;
class LossChart;
class NeuronThumbnails;
class PlaygroundRun;
class SchemaOptionsEditor;
enum class InputFeature;

class PlaygroundWidget : public QWidget {
    Q_OBJECT

public:
    using Regularization = PlaygroundControls::Regularization;

    /// requires: `registry` outlives the widget and holds the toy datasets and the
    /// layer types, activations and losses the template (experiments/playground.json)
    /// names.
    explicit PlaygroundWidget(const Registry& registry, QWidget* parent = nullptr);
    ~PlaygroundWidget() override;

    // ---- the run ----
    /// Builds the experiment from the controls and starts training in a worker thread.
    /// Does nothing while a run is active; a build error is shown in the status bar.
    void startTraining();
    void pauseTraining();
    void resumeTraining();
    /// Cancels the run; trainingFinished() follows once the worker has stopped.
    void stopTraining();
    bool isTraining() const;
    bool isPaused() const;
    /// Figures of the last report (NaN before the first epoch).
    double testAccuracy() const { return testAccuracy_; }
    double trainAccuracy() const { return trainAccuracy_; }
    double testLoss() const { return testLoss_; }
    double trainLoss() const { return trainLoss_; }
    /// Epochs completed in the current (or last) run, as last reported.
    int epoch() const { return epoch_; }
    /// The learning rate the worker last reported using (NaN before a run).
    double reportedLearningRate() const { return reportedRate_; }
    /// The status line (the last run's outcome, errors).
    QString statusText() const;

    // ---- settings (what the controls show; for tests, lessons and screenshots) ----
    bool setDataset(const QString& name) { return controls_->setDataset(name); }
    QString dataset() const { return controls_->dataset(); }
    void setNoise(int percent) { controls_->setNoise(percent); }
    void setTrainRatio(int percent) { controls_->setTrainRatio(percent); }
    void setBatchSize(int size) { controls_->setBatchSize(size); }
    void setSampleCount(int samples) { controls_->setSampleCount(samples); }
    void setSeed(int seed) { controls_->setSeed(seed); }
    /// Feature keys (see featureKey): "x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1",
    /// "sin_x2". Returns false (and changes nothing) for an unknown key or none.
    bool setFeatures(const QStringList& keys) { return controls_->setFeatures(keys); }
    QStringList features() const;
    void setHiddenLayers(const QVector<int>& units);
    QVector<int> hiddenLayers() const;
    /// A registered activation by name, or with its options ({"type": "leaky_relu",
    /// "alpha": 0.1}).
    bool setActivation(const QString& name) { return controls_->setActivation(name.toStdString()); }
    bool setActivationSpec(const Json& spec) { return controls_->setActivation(spec); }
    Json activationSpec() const { return controls_->activation(); }
    bool setLoss(const QString& name) { return controls_->setLoss(name); }
    /// Any registered optimizer; `options` fill its editor (learning_rate excepted:
    /// the playground's own control sets it).
    bool setOptimizer(const QString& name, const Json& options = Json::object()) {
        return controls_->setOptimizer(name, options);
    }
    QString optimizer() const { return controls_->optimizer(); }
    SchemaOptionsEditor* optimizerOptionsEditor() const { return controls_->optimizerOptionsEditor(); }
    /// Applies at once to a running training, keeping the optimizer's state.
    void setLearningRate(double lr) { controls_->setLearningRate(lr); }
    double learningRate() const { return controls_->learningRate(); }
    void setRegularization(Regularization kind, double rate) { controls_->setRegularization(kind, rate); }
    void setDropout(double rate) { controls_->setDropout(rate); }
    void setEpochs(int epochs) { controls_->setEpochs(epochs); }
    void setShowTestData(bool show) { controls_->setShowTestData(show); }

    // ---- the setup as an experiment ----
    /// The experiment a run would train now (the template filled in from the controls).
    /// throws InputError when there is nothing to train (no data, no feature, no template).
    Json experiment() const;
    /// Writes experiment() to `path` atomically; false with `error` set on failure.
    bool saveExperiment(const QString& path, QString* error = nullptr);
    /// Asks for a file and saves there; an error is shown in a message box.
    void chooseAndSaveExperiment();

    // ---- parts ----
    PlaygroundControls* controls() const { return controls_; }
    QWidget* chartsWidget() const;
    DecisionBoundaryView* decisionBoundaryView() const { return boundary_; }
    NeuronThumbnails* neuronThumbnails() const { return thumbnails_; }
    ConfusionMatrixView* confusionMatrixView() const { return confusion_; }
    /// The UI-thread latency measured during the current or last run.
    const EventLoopLatencyProbe& latencyProbe() const;

signals:
    /// A run ended (completed, cancelled, diverged or failed).
    void trainingFinished();
    /// After each report from the worker.
    void progressed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void retranslateUi();
    void refreshData();
    void refreshFeaturePreview();
    void showRunColumns();
    void updateControls();
    void updateMetrics();
    void updateLatency();
    void showStatus(std::function<QString()> maker);
    PlaygroundSetup currentSetup() const;
    TrainingJob buildJob();
    void onProgress(const TrainingProgress& p);
    void onEnded(std::function<QString()> status);
    QString className(const std::string& name) const;

    const Registry& registry_;
    PlaygroundTemplate template_;
    QString templateError_;

    // Data as last generated: points (N × 2), targets (N × 1), the split.
    Tensor points_;
    Tensor targets_;
    std::vector<std::size_t> trainIndex_;
    std::vector<std::size_t> testIndex_;
    std::vector<std::string> classNames_;
    QString dataError_;

    PlaygroundControls* controls_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* stop_ = nullptr;
    QLabel* epochLabel_ = nullptr;

    QLabel* networkTitle_ = nullptr;
    HiddenLayerEditor* layers_ = nullptr;
    NeuronThumbnails* thumbnails_ = nullptr;

    QLabel* outputTitle_ = nullptr;
    DecisionBoundaryView* boundary_ = nullptr;
    QLabel* metrics_ = nullptr;
    LossChart* chart_ = nullptr;
    ConfusionMatrixView* confusion_ = nullptr;

    QStatusBar* statusBar_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* latency_ = nullptr;

    // The run.
    PlaygroundRun* run_ = nullptr;
    std::vector<InputFeature> runFeatures_;
    std::vector<float> featureGrid_;  ///< the run's features on the probe grid
    /// The last report's thumbnails (features, hidden layers, output), untitled: kept
    /// so that a language change retitles them instead of losing them.
    std::vector<NeuronColumn> runColumns_;
    bool confusionOnTest_ = true;
    int epoch_ = 0;
    double testAccuracy_;
    double trainAccuracy_;
    double testLoss_;
    double trainLoss_;
    double reportedRate_;
    bool deviceShown_ = false;  ///< the run's device line was shown
    /// Rebuilds the status line in the current language (engine texts carry both).
    std::function<QString()> statusMaker_;
};

}  // namespace deepstep::studio
