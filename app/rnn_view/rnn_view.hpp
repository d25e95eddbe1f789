#pragma once
// RnnView: the Studio's recurrent-network tab. A recurrent lab (the experiments sine_*,
// airline_*, adding_* and fable_*) trains in a worker thread (the CNN tab's CnnTraining, which
// trains any experiment and hands back copies of the weights), while four pages show
// one chosen sequence through the network as it is now, also while training:
//   - Unrolled: the layer unrolled over time, stepped forward and backward step by step,
//     every cell clickable into a chain-rule panel (∂E/∂U as a sum over the steps);
//   - Gates: every per-step internal (i, f, g, o, c_t; r, z, n; h_t) as heatmaps over time;
//   - Gradient per step: ‖∂E/∂h_t‖ for this lab and the labs on the same data (the simple
//     RNN against the LSTM and the GRU), on a log scale;
//   - Text: the training text coloured by a unit, and text the network writes.
// Nothing here names a layer type: the pages read the layers' internals by name.

#include "cnn_view/cnn_training.hpp"
#include "model/experiments_folder.hpp"
#include "sequence_probe.hpp"

#include "deepstep/experiment.hpp"

#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QTabWidget;
class QTextBrowser;
class QTimer;

namespace deepstep::studio::rnn {

class GateTimeline;
class StepGradientChart;
class TextPage;
class UnrolledView;

class RnnView : public QWidget {
    Q_OBJECT

public:
    enum class Page { Unrolled, Gates, Gradients, Text };

    /// Lists the recurrent labs of `experimentsFolder`. requires: `registry` outlives the view.
    RnnView(const Registry& registry, const QString& experimentsFolder, QWidget* parent = nullptr);
    ~RnnView() override;

    cnn::CnnTraining& training() { return *training_; }

    // ---- what the controls do, for tests and the screenshot tour ----
    /// Chooses the lab whose file name is `fileName` ("adding_lstm.json"); false when
    /// there is none or a run is going on.
    bool chooseLab(const QString& fileName);
    int labCount() const { return static_cast<int>(labs_.size()); }
    QString labFile(int i) const;
    void setEpochs(int epochs);
    /// Trains on the first `sequences` examples only (0: all), e.g. for a quick tour.
    void setTrainingLimit(std::size_t sequences) { trainingLimit_ = sequences; }
    void start();
    void togglePause();
    void stop();
    void chooseSequence(int index);
    void chooseUnit(int unit);
    void showPage(Page page);
    /// The unrolled view's phase (UnrolledView::setPhase) and the chosen step.
    void setPhase(int phase);
    void chooseStep(int t);
    void showGradients(bool gradients);
    /// Recomputes every page now (otherwise this happens shortly after a change).
    void refreshNow();

    const SequenceProbe* probe() const { return probe_ ? &*probe_ : nullptr; }
    UnrolledView* unrolledView() const { return unrolled_; }
    GateTimeline* gateTimeline() const { return gates_; }
    StepGradientChart* gradientChart() const { return chart_; }
    TextPage* textPage() const { return text_; }
    QString chainRuleHtml() const;
    QTextBrowser* chainRulePanel() const { return chainRule_; }
    QString statusText() const;
    QString errorText() const;
    QString phaseText() const;

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct Lab : LabFile {
        std::optional<BuiltExperiment> built;  ///< its network carries the trained weights
        int trainedEpochs = 0;
    };

    void retranslateUi();
    bool ensureBuilt(Lab& lab);
    void applyLab();
    cnn::CnnSource sourceFor(const Lab& lab, int epochs) const;
    Network* network();
    const Dataset* sequences() const;
    void scheduleRefresh();
    void refreshProbe();
    void refreshComparisons();
    void updateChainRule();
    void updateButtons();
    void updateStatus();
    void showError(const QString& text);
    QString engineLanguage() const;
    QStringList inputLabels() const;
    QString labLabel(const Lab& lab) const;

    const Registry& registry_;
    cnn::CnnTraining* training_;
    std::vector<Lab> labs_;
    int current_ = -1;
    int runLab_ = -1;  ///< the lab the last run trained
    std::size_t trainingLimit_ = 0;
    std::optional<SequenceProbe> probe_;
    std::vector<std::pair<int, SequenceProbe>> comparisons_;  ///< (lab, the sequence through its network)
    QTimer* refreshTimer_;
    qint64 lastTextRefreshMs_ = -1;

    QLabel* labLabel_;
    QComboBox* lab_;
    QLabel* epochsLabel_;
    QSpinBox* epochs_;
    QPushButton* startButton_;
    QPushButton* pauseButton_;
    QPushButton* stopButton_;
    QLabel* status_;
    QLabel* error_;
    QLabel* sequenceLabel_;
    QSpinBox* sequence_;
    QLabel* unitLabel_;
    QSpinBox* unit_;
    QLabel* summary_;

    QTabWidget* pages_;
    QPushButton* resetButton_;
    QPushButton* backButton_;
    QPushButton* stepButton_;
    QPushButton* forwardAllButton_;
    QPushButton* backwardAllButton_;
    QLabel* phase_;
    UnrolledView* unrolled_;
    QScrollArea* unrolledScroll_ = nullptr;
    QTextBrowser* chainRule_;
    QCheckBox* gradientsBox_;
    GateTimeline* gates_;
    QLabel* chartNote_;
    StepGradientChart* chart_;
    TextPage* text_;
};

}  // namespace deepstep::studio::rnn
