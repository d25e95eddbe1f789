#pragma once
// PlaygroundWidget: the 2-D playground, with every control, the views and the run.
//
// Pick a point cloud (circle, XOR, Gaussian, spiral, or any dataset a plugin adds
// with samples/noise/seed options), the input features, the hidden layers, the
// activation, the loss, any registered optimizer with its options, the learning rate,
// L1/L2 and dropout; then train. Training runs in a TrainingWorker thread; the views
// (decision boundary, per-neuron thumbnails, loss and accuracy curves, confusion
// matrix) follow its reports. The learning rate can change while training without
// resetting anything. An EventLoopLatencyProbe measures, during every run, how long
// the UI thread could have kept a click waiting; the status bar shows it.
//
// Changes to the data, features or network apply to the next run; while a run
// trains, those controls are disabled.

#include "deepstep/registry.hpp"

#include "model/training_worker.hpp"
#include "playground/neuron_thumbnails.hpp"

#include <QStringList>
#include <QVector>
#include <QWidget>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QStatusBar;
class QThread;
class QTimer;

namespace deepstep::studio {

class ConfusionMatrixView;
class DecisionBoundaryView;
class EventLoopLatencyProbe;
class HiddenLayerEditor;
class LossChart;
class NeuronThumbnails;
class NumberSpinBox;
class SchemaOptionsEditor;
enum class InputFeature;

class PlaygroundWidget : public QWidget {
    Q_OBJECT

public:
    enum class Regularization { None, L1, L2 };

    /// requires: `registry` outlives the widget and holds the toy datasets and the
    /// dense layer, sigmoid activation and a loss.
    explicit PlaygroundWidget(const Registry& registry, QWidget* parent = nullptr);
    ~PlaygroundWidget() override;

    // ---- the run ----
    /// Builds the network from the controls and starts training in a worker thread.
    /// Does nothing while a run is active; a build error is shown in the status bar.
    void startTraining();
    void pauseTraining();
    void resumeTraining();
    /// Cancels the run; trainingFinished() follows once the worker has stopped.
    void stopTraining();
    bool isTraining() const { return worker_ != nullptr; }
    bool isPaused() const { return paused_; }
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
    bool setDataset(const QString& name);
    QString dataset() const;
    void setNoise(int percent);
    void setTrainRatio(int percent);
    void setBatchSize(int size);
    void setSampleCount(int samples);
    void setSeed(int seed);
    /// Feature keys (see featureKey): "x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1",
    /// "sin_x2". Returns false (and changes nothing) for an unknown key or none.
    bool setFeatures(const QStringList& keys);
    QStringList features() const;
    void setHiddenLayers(const QVector<int>& units);
    QVector<int> hiddenLayers() const;
    bool setActivation(const QString& name);
    bool setLoss(const QString& name);
    /// Any registered optimizer; `options` fill its editor (learning_rate excepted:
    /// the playground's own control sets it).
    bool setOptimizer(const QString& name, const Json& options = Json::object());
    QString optimizer() const;
    SchemaOptionsEditor* optimizerOptionsEditor() const { return optimizerOptions_; }
    /// Applies at once to a running training, keeping the optimizer's state.
    void setLearningRate(double lr);
    double learningRate() const;
    void setRegularization(Regularization kind, double rate);
    void setDropout(double rate);
    void setEpochs(int epochs);
    void setShowTestData(bool show);

    // ---- parts ----
    QWidget* chartsWidget() const;
    DecisionBoundaryView* decisionBoundaryView() const { return boundary_; }
    NeuronThumbnails* neuronThumbnails() const { return thumbnails_; }
    ConfusionMatrixView* confusionMatrixView() const { return confusion_; }
    /// The UI-thread latency measured during the current or last run.
    const EventLoopLatencyProbe& latencyProbe() const { return *probe_; }

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
    void populateChoices();
    void refreshData();
    void refreshFeaturePreview();
    void showRunColumns();
    void updateControls();
    void updateMetrics();
    void updateLatency();
    void showStatus(std::function<QString()> maker);
    std::vector<InputFeature> selectedFeatures() const;
    TrainingJob buildJob();
    void onProgress(const TrainingProgress& p);
    void onFinished(const TrainingOutcome& outcome);
    void onFailed(const QString& message);
    void endRun();
    QString className(const std::string& name) const;

    const Registry& registry_;

    // Data as last generated: points (N × 2), targets (N × 1), the split.
    Tensor points_;
    Tensor targets_;
    std::vector<std::size_t> trainIndex_;
    std::vector<std::size_t> testIndex_;
    std::vector<std::string> classNames_;
    QString dataError_;

    // Controls.
    QPushButton* start_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* stop_ = nullptr;
    QLabel* epochLabel_ = nullptr;
    QLabel* epochsLabel_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QLabel* learningRateLabel_ = nullptr;
    NumberSpinBox* learningRate_ = nullptr;
    QLabel* activationLabel_ = nullptr;
    QComboBox* activation_ = nullptr;
    QLabel* lossLabel_ = nullptr;
    QComboBox* loss_ = nullptr;
    QLabel* regularizationLabel_ = nullptr;
    QComboBox* regularization_ = nullptr;
    QLabel* regularizationRateLabel_ = nullptr;
    NumberSpinBox* regularizationRate_ = nullptr;
    QLabel* dropoutLabel_ = nullptr;
    QDoubleSpinBox* dropout_ = nullptr;

    QGroupBox* dataGroup_ = nullptr;
    QComboBox* dataset_ = nullptr;
    QLabel* datasetLabel_ = nullptr;
    QLabel* samplesLabel_ = nullptr;
    QSpinBox* samples_ = nullptr;
    QLabel* noiseLabel_ = nullptr;
    QSlider* noise_ = nullptr;
    QLabel* ratioLabel_ = nullptr;
    QSlider* ratio_ = nullptr;
    QLabel* batchLabel_ = nullptr;
    QSlider* batch_ = nullptr;
    QLabel* seedLabel_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QCheckBox* showTest_ = nullptr;

    QGroupBox* featuresGroup_ = nullptr;
    std::vector<QCheckBox*> featureBoxes_;

    QGroupBox* optimizerGroup_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    SchemaOptionsEditor* optimizerOptions_ = nullptr;

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
    QThread* thread_ = nullptr;
    TrainingWorker* worker_ = nullptr;
    EventLoopLatencyProbe* probe_ = nullptr;
    QTimer* latencyRefresh_ = nullptr;
    std::vector<InputFeature> runFeatures_;
    std::vector<float> featureGrid_;  ///< the run's features on the probe grid
    /// The last report's thumbnails (features, hidden layers, output), untitled: kept
    /// so that a language change retitles them instead of losing them.
    std::vector<NeuronColumn> runColumns_;
    bool paused_ = false;
    bool confusionOnTest_ = true;
    int epoch_ = 0;
    double testAccuracy_;
    double trainAccuracy_;
    double testLoss_;
    double trainLoss_;
    double reportedRate_;
    /// Rebuilds the status line in the current language (engine texts carry both).
    std::function<QString()> statusMaker_;
};

}  // namespace deepstep::studio
