#pragma once
// PlaygroundControls: the playground's settings, as controls.
//
// The side panel (this widget): the data (a point cloud generator — circle, XOR,
// Gaussian, spiral, or any dataset a plugin adds with samples/noise/seed options —
// its points, noise, split, batch size and seed), the input features and any
// registered optimizer with its options, and "Save as experiment…". The
// hyper-parameter bar (hyperParameterBar(), placed by the playground above
// everything): epochs, learning rate, activation (with its options), loss,
// regularisation and dropout.
//
// The controls say nothing about how a run is built: fillSetup() hands their values
// over as a PlaygroundSetup, which the playground's experiment template turns into
// an experiment.

#include "deepstep/registry.hpp"

#include "playground/playground_experiment.hpp"

#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace deepstep::studio {

class ActivationEditor;
class NumberSpinBox;
class SchemaOptionsEditor;
enum class InputFeature;

class PlaygroundControls : public QWidget {
    Q_OBJECT

public:
    enum class Regularization { None, L1, L2 };

    /// requires: `registry` outlives the controls.
    explicit PlaygroundControls(const Registry& registry, QWidget* parent = nullptr);

    /// Epochs, learning rate, activation, loss, regularisation and dropout: a row of
    /// labelled controls for the playground to place.
    QWidget* hyperParameterBar() const { return bar_; }

    // ---- data ----
    bool setDataset(const QString& name);
    QString dataset() const;
    /// The dataset's name as shown (translated for the built-in ones).
    QString datasetTitle() const;
    void setNoise(int percent);
    int noise() const;
    void setTrainRatio(int percent);
    int trainRatio() const;
    void setBatchSize(int size);
    void setSampleCount(int samples);
    int sampleCount() const;
    void setSeed(int seed);
    int seed() const;
    void setShowTestData(bool show);
    /// See PlaygroundWidget::setFeatures.
    bool setFeatures(const QStringList& keys);
    std::vector<InputFeature> selectedFeatures() const;

    // ---- network and training ----
    /// A name ("tanh") or {"type": "leaky_relu", "alpha": 0.1}; false for an activation
    /// not offered.
    bool setActivation(const Json& spec);
    Json activation() const;
    ActivationEditor* activationEditor() const { return activation_; }
    bool setLoss(const QString& name);
    bool setOptimizer(const QString& name, const Json& options = Json::object());
    QString optimizer() const;
    SchemaOptionsEditor* optimizerOptionsEditor() const { return optimizerOptions_; }
    void setLearningRate(double lr);
    double learningRate() const;
    void setRegularization(Regularization kind, double rate);
    void setDropout(double rate);
    void setEpochs(int epochs);
    int epochs() const;

    /// Everything of `setup` the controls hold: all but the hidden layers and the data.
    void fillSetup(PlaygroundSetup& setup) const;

    /// While a run trains, what it was built from cannot change (the learning rate
    /// and "show test data" can).
    void setRunning(bool running);

signals:
    /// The points change: dataset, number, noise, split or seed.
    void dataChanged();
    void featuresChanged();
    /// The user (or setLearningRate) changed the rate.
    void learningRateChanged(double lr);
    void showTestDataChanged(bool show);
    /// "Save as experiment…" was pressed.
    void saveRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void populateChoices();
    void retranslateUi();

    const Registry& registry_;

    QWidget* bar_ = nullptr;
    QLabel* epochsLabel_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QLabel* learningRateLabel_ = nullptr;
    NumberSpinBox* learningRate_ = nullptr;
    QLabel* activationLabel_ = nullptr;
    ActivationEditor* activation_ = nullptr;
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

    QPushButton* saveExperiment_ = nullptr;
};

}  // namespace deepstep::studio
