#pragma once
// ChainRulePanel: the gradient of the selected weight as a chain of factors, with the
// current step's numbers substituted, e.g.
//   ∂E/∂w7 = ∂E/∂o1 · ∂o1/∂z_o1 · ∂z_o1/∂w7 = (o1 − t1) · o1(1 − o1) · h1
//          = 0.7414 × 0.1918 × 0.4378 = 0.1422
// and, for weights further from the output, the δ sums it is built from. Every
// number comes from the session's StepRecord (see GradientChain).

#include "stepview/gradient_chain.hpp"

#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QTextBrowser;

namespace deepstep::studio {

class ChainRulePanel : public QWidget {
    Q_OBJECT

public:
    /// requires: `session` outlives the panel.
    explicit ChainRulePanel(StepSession& session, QWidget* parent = nullptr);

    /// Shows the chain of parameter[row][col] ("out.weight", i, j; a bias is row 0).
    void selectWeight(const QString& parameter, int row, int col);
    /// Which example of the batch the chain is written for (0-based).
    void setExample(int example);
    int example() const { return example_; }

    QString parameter() const { return parameter_; }
    int row() const { return row_; }
    int column() const { return col_; }

    /// The chain as last built (status, factors, engine gradient).
    const GradientChain& chain() const { return chain_; }
    /// The factor values of the product shown, in order.
    QVector<double> factorValues() const;
    /// The main formula as shown, one line per row of the display, plain text.
    QString formulaText() const;
    /// Everything the panel shows, plain text.
    QString displayedText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void retranslateUi();
    QString buildHtml() const;

    StepSession& session_;
    QLabel* title_ = nullptr;
    QTextBrowser* body_ = nullptr;
    QString parameter_;
    int row_ = 0;
    int col_ = 0;
    int example_ = 0;
    GradientChain chain_;
};

}  // namespace deepstep::studio
