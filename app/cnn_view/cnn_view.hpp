#pragma once
// CnnView: the Studio's CNN tab. A LeNet-5 lab (digits or clothing, from the experiment
// files) trains in a worker thread (CnnTraining) while the tab shows its progress, the
// loss and test accuracy, the confusion matrix on the test set and the misclassified
// test images; beside them, for a chosen test image, every layer's feature maps, the
// convolution kernels, and the route of a max-pool output to the input that won it,
// all drawn from a copy of the weights that follows the training, also while paused.

#include "cnn_training.hpp"
#include "feature_maps.hpp"
#include "model/experiments_folder.hpp"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace deepstep::studio {
class ConfusionMatrixView;
}

namespace deepstep::studio::cnn {

class CnnProgressChart;
class FeatureMapsView;
class FiltersView;
class ImageStrip;
class PoolRoutingView;

class CnnView : public QWidget {
    Q_OBJECT

public:
    enum class Page { FeatureMaps, Filters, Pooling };

    /// Lists the labs of `experimentsFolder` (lenet5-*.json). requires: `registry`
    /// outlives the view.
    explicit CnnView(const Registry& registry, const QString& experimentsFolder, QWidget* parent = nullptr);

    CnnTraining& training() { return *training_; }

    // ---- what the controls do, for tests and the screenshot tour ----
    /// Chooses the lab whose file name is `fileName` ("lenet5-fashion.json").
    bool chooseLab(const QString& fileName);
    int labCount() const;
    void setLimits(const CnnLimits& limits);
    CnnLimits limits() const;
    /// Replaces the chosen lab's setup, e.g. with a tiny one in tests.
    void setSource(CnnSource source);
    void start();
    void togglePause();
    void stop();
    /// Reads a model file; on failure shows the error in the view and returns false.
    bool openModel(const QString& path);
    void chooseTestImage(int index);
    int testImage() const;
    void setColourScale(ColourScale scale);
    ColourScale colourScale() const;
    void showPage(Page page);
    /// Chooses the max-pool layer (index among the network's max pools), channel and output.
    void choosePoolOutput(int pool, int channel, int row, int col);

    QString statusText() const;
    QString errorText() const;
    FeatureMapsView* featureMapsView() const { return maps_; }
    FiltersView* filtersView() const { return filters_; }
    PoolRoutingView* poolView() const { return pool_; }
    ImageStrip* misclassifiedStrip() const { return strip_; }
    ConfusionMatrixView* confusionView() const { return confusion_; }
    CnnProgressChart* chart() const { return chart_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void chooseAndOpenModel();
    /// The next run's setup from the controls; `newLab`: from the lab's own network.
    void applyLab(bool newLab);
    void updateButtons();
    void updateStatus();
    void scheduleRefresh();
    void refreshMaps();
    void refreshPool();
    void refreshEvaluation();
    void showError(const QString& text);
    QString engineLanguage() const;

    const Registry& registry_;
    CnnTraining* training_;
    std::vector<LabFile> labs_;
    std::vector<Tensor> outputs_;  ///< each layer's output for the chosen image
    std::vector<int> poolLayers_;  ///< indices of the max-pool layers
    bool refreshPending_ = false;

    QLabel* labLabel_;
    QComboBox* lab_;
    QLabel* trainLabel_;
    QSpinBox* trainImages_;
    QLabel* testLabel_;
    QSpinBox* testImages_;
    QLabel* epochsLabel_;
    QSpinBox* epochs_;
    QPushButton* startButton_;
    QPushButton* pauseButton_;
    QPushButton* stopButton_;
    QPushButton* openButton_;
    QLabel* status_;
    QLabel* error_;

    CnnProgressChart* chart_;
    ConfusionMatrixView* confusion_;
    QLabel* stripHeading_;
    ImageStrip* strip_;

    QTabWidget* pages_;
    QLabel* imageLabel_;
    QSpinBox* image_;
    QLabel* imagePreview_;
    QLabel* imageClass_;
    QLabel* scaleLabel_;
    QComboBox* scale_;
    FeatureMapsView* maps_;
    FiltersView* filters_;
    QLabel* poolLayerLabel_;
    QComboBox* poolLayer_;
    QLabel* channelLabel_;
    QSpinBox* channel_;
    PoolRoutingView* pool_;
};

}  // namespace deepstep::studio::cnn
