#include "stepview/chain_rule_panel.hpp"

#include <QEvent>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace deepstep::studio {

namespace {
QString esc(const QString& s) { return s.toHtmlEscaped(); }
}  // namespace

ChainRulePanel::ChainRulePanel(StepSession& session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    title_ = new QLabel(this);
    QFont f = title_->font();
    f.setBold(true);
    title_->setFont(f);
    body_ = new QTextBrowser(this);
    body_->setOpenLinks(false);
    body_->setObjectName(QStringLiteral("chainRuleText"));
    layout->addWidget(title_);
    layout->addWidget(body_, 1);
    connect(&session_, &StepSession::changed, this, &ChainRulePanel::refresh);
    connect(&session_, &StepSession::reloaded, this, [this] {
        parameter_.clear();
        example_ = 0;
        refresh();
    });
    retranslateUi();
}

void ChainRulePanel::selectWeight(const QString& parameter, int row, int col) {
    parameter_ = parameter;
    row_ = row;
    col_ = col;
    refresh();
}

void ChainRulePanel::setExample(int example) {
    if (example == example_) return;
    example_ = example;
    refresh();
}

QVector<double> ChainRulePanel::factorValues() const {
    QVector<double> v;
    if (chain_.status != GradientChain::Status::Ready) return v;
    for (const ChainFactor& f : chain_.factors) v.push_back(f.value);
    return v;
}

void ChainRulePanel::refresh() {
    if (parameter_.isEmpty()) {
        chain_ = GradientChain{};
    } else {
        chain_ = GradientChain::build(session_, parameter_.toStdString(), row_, col_, example_);
    }
    body_->setHtml(buildHtml());
}

QString ChainRulePanel::formulaText() const {
    if (chain_.status != GradientChain::Status::Ready) return {};
    const QString pad(chain_.target.size() + 1, QLatin1Char(' '));
    QStringList lines;
    lines << chain_.target + QStringLiteral(" = ") + chain_.meaningLine();
    lines << pad + QStringLiteral("= ") + chain_.formulaLine();
    lines << pad + QStringLiteral("= ") + chain_.valueLine();
    // With one example and no weight decay the product is the engine's gradient itself.
    const bool whole = chain_.batchSize == 1 && !chain_.weightDecay && chain_.recordGradient;
    lines << pad + QStringLiteral("= ") + formatNumber(whole ? *chain_.recordGradient : chain_.product());
    return lines.join(QLatin1Char('\n'));
}

QString ChainRulePanel::buildHtml() const {
    const GradientChain& c = chain_;
    QString h;
    const auto para = [&h](const QString& text) { h += QStringLiteral("<p>") + text + QStringLiteral("</p>"); };
    switch (c.status) {
    case GradientChain::Status::NoRecord:
        if (parameter_.isEmpty()) {
            para(esc(tr("Click a weight (an edge) or a unit's bias (a node) in the network, or a cell of a "
                        "parameter's heatmap, to see its gradient written as the chain rule, with this step's "
                        "numbers.")));
        } else {
            para(QStringLiteral("<b>%1</b> (%2)").arg(esc(c.target), esc(c.elementLabel)));
            para(esc(tr("No step has been computed yet. Step forward through the network and then backward.")));
        }
        break;
    case GradientChain::Status::Invalid:
        para(esc(tr("There is no parameter %1[%2][%3] in this network.").arg(parameter_).arg(row_).arg(col_)));
        break;
    case GradientChain::Status::NotYetComputed:
        para(QStringLiteral("<b>%1</b> (%2)").arg(esc(c.target), esc(c.elementLabel)));
        para(esc(tr("The backward pass has not reached this layer yet. Step backward until its layer is "
                    "highlighted.")));
        break;
    case GradientChain::Status::Unsupported:
        para(QStringLiteral("<b>%1</b> (%2)").arg(esc(c.target), esc(c.elementLabel)));
        para(esc(tr("The chain is written out for the connection weights and biases of the network's own layers. "
                    "The engine's gradient of this parameter is %1. A parameter used more than once in a pass (a "
                    "recurrent layer's at every time step, a convolution's at every position) gets one such chain "
                    "per use, summed; the Recurrent networks tab writes that sum out over the time steps.")
                     .arg(formatNumber(c.recordGradient.value_or(0.0)))));
        break;
    case GradientChain::Status::Ready: {
        para(QStringLiteral("<b>%1</b> (%2)").arg(esc(c.target), esc(c.elementLabel)));
        // A table, so that a long chain wraps at its factors instead of scrolling sideways.
        const QStringList lines = formulaText().split(QLatin1Char('\n'));
        h += QStringLiteral("<table cellspacing='2' style='font-size:11pt'>");
        for (int i = 0; i < lines.size(); ++i) {
            const QString body = lines[i].trimmed().mid(i == 0 ? c.target.size() + 3 : 2);
            h += QStringLiteral("<tr><td valign='top'>%1</td><td valign='top'>=</td><td>%2</td></tr>")
                     .arg(i == 0 ? esc(c.target) : QString(), esc(body));
        }
        h += QStringLiteral("</table>");
        if (!c.derivation.isEmpty()) {
            para(esc(tr("Values from the step record, from the output back:")));
            h += QStringLiteral("<p style='white-space:pre-wrap'>") + esc(c.derivation.join(QLatin1Char('\n'))) +
                 QStringLiteral("</p>");
        }
        if (c.fused) {
            para(esc(tr("The loss is fused with the output activation, so the engine starts the backward pass at "
                        "δ = (o − t) / N.")));
        }
        if (c.batchSize > 1) {
            para(esc(tr("This is the chain for example %1 of the batch of %2; its share of the gradient is %3. "
                        "The engine's gradient sums the shares of all examples: %4 = %5.")
                         .arg(c.example + 1)
                         .arg(c.batchSize)
                         .arg(formatNumber(c.product()), c.target, formatNumber(c.recordGradient.value_or(0.0)))));
        }
        if (c.weightDecay) {
            para(esc(tr("The engine's gradient %1 = %2 also contains the weight decay term (L1/L2).")
                         .arg(c.target, formatNumber(c.recordGradient.value_or(0.0)))));
        }
        break;
    }
    }
    if (c.update && c.valueAfter && c.valueBefore) {
        para(esc(tr("Update by the optimizer: Δ = %1, so the value changes from %2 to %3.")
                     .arg(formatNumber(*c.update), formatNumber(*c.valueBefore), formatNumber(*c.valueAfter))));
    }
    if (!c.activation.isEmpty() && !c.derivative.isEmpty()) {
        para(QStringLiteral("<small>") +
             esc(tr("Derivative of the activation %1 at this unit: f′(z) = %2 (z its input, a its output).")
                     .arg(c.activation, c.derivative)) +
             QStringLiteral("</small>"));
    }
    return h;
}

QString ChainRulePanel::displayedText() const { return body_->toPlainText(); }

void ChainRulePanel::retranslateUi() {
    title_->setText(tr("Chain rule"));
    refresh();
}

void ChainRulePanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
