#pragma once
// BackwardPage: the sandbox's third page, the backward pass of the same conv2d layer on
// the same input. The student picks δ = ∂E/∂Y (all ones, one-hot at the chosen output,
// or Y − T from E = ½‖Y − T‖²) and sees
//   - ∂E/∂K for one kernel element: the input correlated with δ, its terms x · δ listed
//     and summed, the input pixels they use highlighted; ∂E/∂b as the sum of δ;
//   - ∂E/∂x for one input pixel: δ spread by the stride (holes of zeros), padded for the
//     full convolution, the flipped kernel over it, the terms δ · k that reach the pixel;
//   - a chain-rule breakdown of any term clicked.
// Every number comes from ConvBackward's own formulas and is checked against the
// gradients the layer's backward() produced; warning() says when they differ.

#include "conv_backward.hpp"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTextBrowser;
class QUrl;

namespace deepstep::studio::conv {

class GridView;

class BackwardPage : public QWidget {
    Q_OBJECT
public:
    /// Which list a term shown in the breakdown comes from.
    enum class Terms { None, Kernel, Bias, Input };

    /// requires: `probe` outlives the page.
    explicit BackwardPage(const ConvProbe& probe, QWidget* parent = nullptr);
    ~BackwardPage() override;

    /// Runs the layer's backward() with the chosen δ and shows it; (filter, row, col) is the
    /// sandbox's chosen output: its filter is the one whose gradients are shown and the
    /// one-hot δ sits there.
    /// requires: probe.ok() and (filter, row, col) lies inside the output.
    void refresh(int filter, int row, int col);
    /// Shows nothing (the settings were refused).
    void clear();

    void setDeltaKind(DeltaKind kind);
    DeltaKind deltaKind() const;
    /// T of E = ½‖Y − T‖², the same for every output.
    void setTarget(double target);
    /// The element K[filter][channel][i][j] of ∂E/∂K; the channel is clamped into the chosen
    /// filter's group, i and j into the kernel.
    void chooseKernelElement(int channel, int i, int j);
    /// The pixel (row, col) of ∂E/∂x, unpadded; clamped into the image.
    void chooseInputPixel(int channel, int row, int col);
    /// Shows term `index` of a list in the chain-rule breakdown (as a click on it does).
    void showTerm(Terms list, int index);

    const ConvBackward& backward() const { return backward_; }
    const KernelGradient& kernelGradient() const { return kernelGradient_; }
    const BiasGradient& biasGradient() const { return biasGradient_; }
    const InputGradient& inputGradient() const { return inputGradient_; }
    int channel() const { return channel_; }

    /// The listed terms and sums, plain text.
    QString termsText() const;
    /// The chain-rule breakdown of the term last clicked, plain text; empty when none.
    QString breakdownText() const;
    /// A warning when a number computed here differs from the layer's; empty otherwise.
    QString warning() const { return warningFor(backward_); }
    /// The warning for `backward`: how many of its numbers of each kind differ from the
    /// layer's; empty when it has not run or all agree.
    static QString warningFor(const ConvBackward& backward);

signals:
    /// A click on the δ map chose another output.
    void outputChosen(int filter, int row, int col);
    /// The page changed by itself (δ, a choice): warning() may have changed.
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void rerun();
    void redraw();
    void retranslateUi();
    void anchorClicked(const QUrl& url);
    QString termsHtml() const;
    QString breakdownHtml() const;
    QString deltaWhy(int filter, int row, int col, float delta) const;

    const ConvProbe& probe_;
    ConvBackward backward_;
    int filter_ = 0, row_ = 0, col_ = 0;
    int channel_ = 0, tapRow_ = 1, tapCol_ = 1;
    int pixelRow_ = 3, pixelCol_ = 3;
    Terms shownList_ = Terms::None;
    int shownIndex_ = 0;
    KernelGradient kernelGradient_;
    BiasGradient biasGradient_;
    InputGradient inputGradient_;
    bool updating_ = false;

    QLabel* heading_;
    QLabel* deltaLabel_;
    QComboBox* deltaBox_;
    QLabel* targetLabel_;
    QDoubleSpinBox* targetSpin_;
    QLabel* channelLabel_;
    QSpinBox* channelSpin_;
    GridView* deltaGrid_;
    GridView* inputGrid_;
    GridView* kernelGradientGrid_;
    GridView* spreadGrid_;
    GridView* flippedGrid_;
    GridView* inputGradientGrid_;
    QTextBrowser* termsView_;
    QLabel* breakdownTitle_;
    QTextBrowser* breakdownView_;
};

}  // namespace deepstep::studio::conv
