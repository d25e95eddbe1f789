#pragma once
// ConvSandbox: the convolution sandbox of lecture 3 on the real conv2d layer. The
// student picks an input (a small grid to edit, a digit or a piece of clothing),
// channels, kernel, stride, padding ("same" too), dilation, groups, filters and bias;
// the sandbox builds the layer through the registry (ConvProbe) and shows the padded
// input with the sliding window, the kernels, the products and their sum over every
// input channel plus the bias for one chosen output value, the output maps, the output
// size with its formula and the parameter counts of plain, depthwise and
// depthwise-separable convolution. Its second page is the im2col view: the input
// unfolded into the matrix the GEMM multiplies, the filters as rows, the output as
// their product. Its third page is the backward pass of the same layer (BackwardPage).

#include "conv_probe.hpp"

#include <QWidget>

#include <map>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTextEdit;
class QHBoxLayout;

namespace deepstep::studio::conv {

class BackwardPage;
class GridView;

class ConvSandbox : public QWidget {
    Q_OBJECT
public:
    enum class Source { Grid, Digit, Clothing };
    enum class Page { Window, Im2col, Backward };

    /// requires: `registry` outlives the sandbox and offers conv2d (the cnn plugin).
    explicit ConvSandbox(const Registry& registry, QWidget* parent = nullptr);
    ~ConvSandbox() override;

    ConvSettings settings() const;
    void setSettings(const ConvSettings& settings);
    int channels() const;
    void setChannels(int channels);
    /// Falls back to the grid, with a message, when the dataset is not installed.
    void setSource(Source source);
    /// Replaces the input by `chw` (C × H × W), keeping the layer's weights when the
    /// shape is unchanged; the channel count follows it.
    void setInput(const Tensor& chw);
    /// Chooses the output value whose arithmetic is shown. Out-of-range values are clamped.
    void chooseOutput(int filter, int row, int col);
    /// Moves the window one output to the right, wrapping to the next row and map.
    void step();
    void showPage(Page page);

    const ConvProbe& probe() const { return probe_; }
    /// For tests and lessons: the layer's parameters can be changed, then rerun().
    Layer* layer() const { return probe_.layer(); }
    void rerun();

    int chosenFilter() const { return filter_; }
    int chosenRow() const { return row_; }
    int chosenCol() const { return col_; }
    /// The sum shown for the chosen output (products + bias), computed by the sandbox.
    double displayedSum() const { return arithmetic_.total; }
    const OutputArithmetic& displayedArithmetic() const { return arithmetic_; }
    /// The message shown for bad settings, a missing dataset or a disagreement with the
    /// layer; empty when there is none.
    QString message() const;
    QString outputSizeText() const;
    QString arithmeticText() const;
    QString parameterText() const;
    QString im2colText() const;
    /// The backward page: δ, ∂E/∂K, ∂E/∂b and ∂E/∂x of the same layer.
    BackwardPage* backwardPage() const { return backwardPage_; }

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rebuild();
    void refresh();
    void retranslateUi();
    void loadSource();
    void inputCellClicked(int channel, int row, int col);
    void showWindow();
    void showIm2col();
    void showMessage(const QString& text);
    void showMessages();
    void resizeGridRow(QHBoxLayout* row, std::vector<GridView*>& grids, int count);

    const Registry& registry_;
    ConvProbe probe_;
    Tensor base_;   ///< the chosen source, one channel H × W
    Tensor input_;  ///< C × H × W built from base_ (and edited by clicks)
    std::map<Source, std::unique_ptr<Dataset>> datasets_;
    int filter_ = 0, row_ = 0, col_ = 0;
    OutputArithmetic arithmetic_;
    QString sourceMessage_;
    bool updating_ = false;

    QComboBox* sourceBox_;
    QSpinBox* exampleSpin_;
    QSpinBox* channelSpin_;
    QSpinBox* kernelSpin_;
    QSpinBox* strideSpin_;
    QSpinBox* paddingSpin_;
    QCheckBox* sameCheck_;
    QSpinBox* dilationSpin_;
    QSpinBox* groupsSpin_;
    QSpinBox* filtersSpin_;
    QCheckBox* biasCheck_;
    QPushButton* stepButton_;
    QLabel* messageLabel_;
    std::vector<QLabel*> formLabels_;

    QTabWidget* pages_;
    QHBoxLayout* inputRow_;
    std::vector<GridView*> inputGrids_;
    QHBoxLayout* kernelRow_;
    std::vector<GridView*> kernelGrids_;
    GridView* outputGrid_;
    QLabel* formulaLabel_;
    QTextEdit* arithmeticEdit_;
    QLabel* parameterLabel_;

    QLabel* im2colHeading_;
    GridView* filterRowsGrid_;
    GridView* columnsGrid_;
    GridView* productGrid_;
    QHBoxLayout* im2colInputRow_;
    std::vector<GridView*> im2colInputGrids_;
    QTextEdit* columnEdit_;

    BackwardPage* backwardPage_;
};

}  // namespace deepstep::studio::conv
