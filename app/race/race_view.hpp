#pragma once
// The loss-surface race of `deepstep race` in the Studio: every optimizer of the
// registry (plugins' included, in registry order) from one start point on one of the
// engine's surfaces (deepstep/lessons/loss_surface.hpp), drawn as paths over a heat map
// with contour lines, played back step by step, with a legend of colour and loss.
//
// The paths are the engine's own raceOptimizers() result for the chosen settings: the
// view computes the whole race when the settings are applied and only reveals it.

#include "deepstep/lessons/loss_surface.hpp"
#include "deepstep/registry.hpp"

#include <QColor>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace deepstep::studio {

class RaceCanvas;

class RaceView final : public QWidget {
    Q_OBJECT
public:
    /// requires: `registry` outlives the view.
    explicit RaceView(const Registry& registry, QWidget* parent = nullptr);

    /// The most steps one race may take (every step of every lane is kept).
    static constexpr int kMaxSteps = 5000;

    /// Reads the controls, runs the race and shows it finished. On bad settings
    /// (a rate that is not a positive number, a start outside the drawn region, an
    /// optimizer refusing the rate) keeps the previous race, shows why in
    /// errorText() and returns false.
    bool applySettings();
    /// Chooses the surface `name` and puts its own start and rate in the controls
    /// (not applied yet). Returns false for an unknown name.
    bool selectSurface(const QString& name);

    QString errorText() const;
    /// The optimizer of each lane, in legend order.
    QStringList optimizers() const;
    const std::vector<RaceLane>& lanes() const { return lanes_; }
    const LossSurface& surface() const { return surface_; }
    double learningRate() const { return rate_; }
    /// The step shown (0 = every lane at the start, stepCount() = the finish).
    int currentStep() const { return shown_; }
    int stepCount() const { return steps_; }
    bool isPlaying() const;
    QColor colourOf(int lane) const;
    /// The loss column of the legend for `lane`, as shown.
    QString legendLossText(int lane) const;

    QComboBox* surfaceBox() const { return surfaceBox_; }
    QLineEdit* rateEdit() const { return rateEdit_; }
    QSpinBox* stepsBox() const { return stepsBox_; }
    QLineEdit* startXEdit() const { return startX_; }
    QLineEdit* startYEdit() const { return startY_; }

public slots:
    void play();
    void pause();
    void stepOnce();
    void reset();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showStep(int step);
    void updateLegend();
    void advance();

    const Registry& registry_;
    LossSurface surface_;
    double rate_ = 0.0;
    int steps_ = 0;
    int shown_ = 0;
    std::vector<RaceLane> lanes_;

    QLabel* surfaceLabel_;
    QComboBox* surfaceBox_;
    QLabel* rateLabel_;
    QLineEdit* rateEdit_;
    QLabel* stepsLabel_;
    QSpinBox* stepsBox_;
    QLabel* startLabel_;
    QLineEdit* startX_;
    QLineEdit* startY_;
    QPushButton* applyButton_;
    QPushButton* playButton_;
    QPushButton* stepButton_;
    QPushButton* resetButton_;
    QLabel* stepLabel_;
    QLabel* errorLabel_;
    QLabel* titleLabel_;
    RaceCanvas* canvas_;
    QTableWidget* legend_;
    QTimer* timer_;
};

}  // namespace deepstep::studio
