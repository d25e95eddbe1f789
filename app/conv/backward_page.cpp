#include "backward_page.hpp"

#include "grid_view.hpp"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QSpinBox>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace deepstep::studio::conv {

namespace {

QString num(double v) { return QString::number(v, 'f', 3); }

double largest(const std::vector<float>& values) {
    double m = 0.0;
    for (float v : values) m = std::max(m, std::abs(static_cast<double>(v)));
    return m;
}

QString check(bool agrees) { return agrees ? QStringLiteral("✓") : QStringLiteral("⚠"); }

}  // namespace

BackwardPage::BackwardPage(const ConvProbe& probe, QWidget* parent)
    : QWidget(parent),
      probe_(probe),
      heading_(new QLabel),
      deltaLabel_(new QLabel),
      deltaBox_(new QComboBox),
      targetLabel_(new QLabel),
      targetSpin_(new QDoubleSpinBox),
      channelLabel_(new QLabel),
      channelSpin_(new QSpinBox),
      deltaGrid_(new GridView),
      inputGrid_(new GridView),
      kernelGradientGrid_(new GridView),
      spreadGrid_(new GridView),
      flippedGrid_(new GridView),
      inputGradientGrid_(new GridView),
      termsView_(new QTextBrowser),
      breakdownTitle_(new QLabel),
      breakdownView_(new QTextBrowser) {
    deltaBox_->addItems({QString(), QString(), QString()});
    deltaBox_->setCurrentIndex(static_cast<int>(DeltaKind::Ones));
    targetSpin_->setRange(-10.0, 10.0);
    targetSpin_->setSingleStep(0.25);
    targetSpin_->setDecimals(2);
    targetSpin_->setValue(0.0);
    targetSpin_->setEnabled(false);
    channelSpin_->setRange(1, 1);

    auto* controls = new QHBoxLayout;
    controls->addWidget(deltaLabel_);
    controls->addWidget(deltaBox_, 1);
    controls->addWidget(targetLabel_);
    controls->addWidget(targetSpin_);
    controls->addWidget(channelLabel_);
    controls->addWidget(channelSpin_);

    // Row 1: δ and the input give ∂E/∂K; row 2: the spread δ and the flipped kernel give ∂E/∂x.
    auto* upper = new QHBoxLayout;
    upper->addWidget(deltaGrid_);
    upper->addWidget(inputGrid_);
    upper->addWidget(kernelGradientGrid_);
    auto* lower = new QHBoxLayout;
    lower->addWidget(spreadGrid_);
    lower->addWidget(flippedGrid_);
    lower->addWidget(inputGradientGrid_);
    auto* pictures = new QVBoxLayout;
    pictures->addLayout(upper, 1);
    pictures->addLayout(lower, 1);

    auto* numbers = new QVBoxLayout;
    numbers->setContentsMargins(0, 0, 0, 0);
    termsView_->setOpenLinks(false);
    termsView_->setObjectName(QStringLiteral("backwardTerms"));
    numbers->addWidget(termsView_, 3);
    QFont bold = breakdownTitle_->font();
    bold.setBold(true);
    breakdownTitle_->setFont(bold);
    numbers->addWidget(breakdownTitle_);
    breakdownView_->setOpenLinks(false);
    breakdownView_->setObjectName(QStringLiteral("backwardBreakdown"));
    numbers->addWidget(breakdownView_, 2);
    auto* numbersBox = new QWidget;
    numbersBox->setLayout(numbers);
    numbersBox->setFixedWidth(350);

    auto* body = new QHBoxLayout;
    body->addLayout(pictures, 1);
    body->addWidget(numbersBox);

    heading_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading_);
    layout->addLayout(controls);
    layout->addLayout(body, 1);

    connect(deltaBox_, &QComboBox::currentIndexChanged, this, [this](int index) {
        targetSpin_->setEnabled(index == static_cast<int>(DeltaKind::Loss));
        if (updating_) return;
        rerun();
        emit changed();
    });
    connect(targetSpin_, &QDoubleSpinBox::valueChanged, this, [this] {
        if (updating_) return;
        rerun();
        emit changed();
    });
    connect(channelSpin_, &QSpinBox::valueChanged, this, [this](int value) {
        if (updating_) return;
        chooseKernelElement(value - 1, tapRow_, tapCol_);
    });
    connect(deltaGrid_, &GridView::cellClicked, this, [this](int r, int c) { emit outputChosen(filter_, r, c); });
    connect(kernelGradientGrid_, &GridView::cellClicked, this,
            [this](int r, int c) { chooseKernelElement(channel_, r, c); });
    connect(flippedGrid_, &GridView::cellClicked, this, [this](int r, int c) {
        const int k = probe_.settings().kernel;
        chooseKernelElement(channel_, k - 1 - r, k - 1 - c);
    });
    connect(inputGradientGrid_, &GridView::cellClicked, this, [this](int r, int c) { chooseInputPixel(channel_, r, c); });
    // On the padded input and on the spread δ map a cell stands for the pixel whose
    // window starts there; the padding has no pixel.
    for (GridView* g : {inputGrid_, spreadGrid_}) {
        connect(g, &GridView::cellClicked, this, [this](int r, int c) {
            const int y = r - probe_.padTop();
            const int x = c - probe_.padLeft();
            if (y >= 0 && x >= 0 && y < probe_.inputHeight() && x < probe_.inputWidth()) chooseInputPixel(channel_, y, x);
        });
    }
    connect(termsView_, &QTextBrowser::anchorClicked, this, &BackwardPage::anchorClicked);
    retranslateUi();
}

BackwardPage::~BackwardPage() = default;

void BackwardPage::refresh(int filter, int row, int col) {
    filter_ = filter;
    row_ = row;
    col_ = col;
    rerun();
}

void BackwardPage::clear() {
    backward_ = ConvBackward{};
    kernelGradient_ = {};
    biasGradient_ = {};
    inputGradient_ = {};
    shownList_ = Terms::None;
    for (GridView* g : {deltaGrid_, inputGrid_, kernelGradientGrid_, spreadGrid_, flippedGrid_, inputGradientGrid_}) {
        g->setMatrix(0, 0, {});
        g->setTitle(QString());
    }
    termsView_->clear();
    breakdownView_->clear();
}

void BackwardPage::setDeltaKind(DeltaKind kind) { deltaBox_->setCurrentIndex(static_cast<int>(kind)); }

DeltaKind BackwardPage::deltaKind() const { return static_cast<DeltaKind>(std::max(0, deltaBox_->currentIndex())); }

void BackwardPage::setTarget(double target) { targetSpin_->setValue(target); }

void BackwardPage::chooseKernelElement(int channel, int i, int j) {
    channel_ = channel;
    tapRow_ = i;
    tapCol_ = j;
    if (shownList_ == Terms::Kernel) shownList_ = Terms::None;
    redraw();
}

void BackwardPage::chooseInputPixel(int channel, int row, int col) {
    channel_ = channel;
    pixelRow_ = row;
    pixelCol_ = col;
    if (shownList_ == Terms::Input) shownList_ = Terms::None;
    redraw();
}

void BackwardPage::showTerm(Terms list, int index) {
    shownList_ = list;
    shownIndex_ = index;
    redraw();
}

void BackwardPage::anchorClicked(const QUrl& url) {
    const QString s = url.toString();
    const int index = s.mid(2).toInt();
    if (s.startsWith(QLatin1String("k:"))) showTerm(Terms::Kernel, index);
    if (s.startsWith(QLatin1String("b:"))) showTerm(Terms::Bias, 0);
    if (s.startsWith(QLatin1String("x:"))) showTerm(Terms::Input, index);
}

void BackwardPage::rerun() {
    if (!probe_.ok()) return;
    filter_ = std::clamp(filter_, 0, probe_.filters() - 1);
    row_ = std::clamp(row_, 0, probe_.outputHeight() - 1);
    col_ = std::clamp(col_, 0, probe_.outputWidth() - 1);
    backward_.run(probe_, makeDelta(probe_, deltaKind(), targetSpin_->value(), filter_, row_, col_));
    redraw();
}

void BackwardPage::redraw() {
    if (!probe_.ok() || !backward_.ran()) return;
    const ConvProbe& p = probe_;
    const int k = p.settings().kernel;
    const int s = p.settings().stride;
    const int d = p.settings().dilation;
    const int group = p.groupOf(filter_);
    channel_ = std::clamp(channel_, group * p.channelsPerGroup(), (group + 1) * p.channelsPerGroup() - 1);
    const int local = channel_ - group * p.channelsPerGroup();
    tapRow_ = std::clamp(tapRow_, 0, k - 1);
    tapCol_ = std::clamp(tapCol_, 0, k - 1);
    pixelRow_ = std::clamp(pixelRow_, 0, p.inputHeight() - 1);
    pixelCol_ = std::clamp(pixelCol_, 0, p.inputWidth() - 1);
    kernelGradient_ = backward_.kernelGradient(filter_, local, tapRow_, tapCol_);
    biasGradient_ = backward_.biasGradient(filter_);
    inputGradient_ = backward_.inputGradient(channel_, pixelRow_, pixelCol_);
    const int shownCount = shownList_ == Terms::Kernel  ? static_cast<int>(kernelGradient_.terms.size())
                           : shownList_ == Terms::Input ? static_cast<int>(inputGradient_.terms.size())
                           : shownList_ == Terms::Bias  ? (biasGradient_.present ? 1 : 0)
                                                        : 0;
    if (shownIndex_ < 0 || shownIndex_ >= shownCount) shownList_ = Terms::None;

    updating_ = true;
    channelSpin_->setRange(group * p.channelsPerGroup() + 1, (group + 1) * p.channelsPerGroup());
    channelSpin_->setValue(channel_ + 1);
    updating_ = false;

    // δ of the chosen filter; the spread map uses the same colours.
    const std::vector<float> delta = backward_.deltaMap(filter_);
    const double deltaScale = largest(delta);
    deltaGrid_->setMatrix(p.outputHeight(), p.outputWidth(), delta, deltaScale);
    std::vector<QPoint> deltaMarks{QPoint(col_, row_)};
    if (shownList_ == Terms::Kernel) {
        const KernelGradientTerm& t = kernelGradient_.terms[static_cast<std::size_t>(shownIndex_)];
        deltaMarks = {QPoint(t.outCol, t.outRow)};
    }
    deltaGrid_->setMarked(deltaMarks);
    deltaGrid_->setTitle(tr("δ = ∂E/∂Y, map %1 (%2 × %3)").arg(filter_ + 1).arg(p.outputHeight()).arg(p.outputWidth()));

    // The input pixels K[i][j] met on its way over the image: one per output.
    const int innerH = backward_.spreadInnerHeight();
    const int innerW = backward_.spreadInnerWidth();
    inputGrid_->setMatrix(p.paddedHeight(), p.paddedWidth(), p.paddedChannel(channel_));
    inputGrid_->setInner(QRect(p.padLeft(), p.padTop(), p.inputWidth(), p.inputHeight()));
    std::vector<QPoint> taps;
    for (const KernelGradientTerm& t : kernelGradient_.terms) taps.emplace_back(t.paddedCol, t.paddedRow);
    if (shownList_ == Terms::Kernel) {
        const KernelGradientTerm& t = kernelGradient_.terms[static_cast<std::size_t>(shownIndex_)];
        taps = {QPoint(t.paddedCol, t.paddedRow)};
    }
    inputGrid_->setMarked(taps);
    inputGrid_->setOutline(QRect(tapCol_ * d, tapRow_ * d, innerW, innerH));
    inputGrid_->setTitle(tr("Input %1 under K(%2, %3)").arg(channel_ + 1).arg(tapRow_ + 1).arg(tapCol_ + 1));

    kernelGradientGrid_->setMatrix(k, k, backward_.kernelGradientMap(filter_, local));
    kernelGradientGrid_->setMarked({QPoint(tapCol_, tapRow_)});
    kernelGradientGrid_->setTitle(tr("∂E/∂K, filter %1, channel %2").arg(filter_ + 1).arg(channel_ + 1));

    const int pad = backward_.fullPadding();
    spreadGrid_->setMatrix(backward_.spreadHeight(), backward_.spreadWidth(), backward_.spreadMap(filter_), deltaScale);
    spreadGrid_->setInner(QRect(pad, pad, innerW, innerH));
    const int span = d * (k - 1) + 1;
    spreadGrid_->setOutline(QRect(pixelCol_ + p.padLeft(), pixelRow_ + p.padTop(), span, span));
    std::vector<QPoint> reached;
    for (const InputGradientTerm& t : inputGradient_.terms) {
        if (t.filter == filter_) reached.emplace_back(t.spreadCol, t.spreadRow);
    }
    if (shownList_ == Terms::Input) {
        const InputGradientTerm& t = inputGradient_.terms[static_cast<std::size_t>(shownIndex_)];
        reached = t.filter == filter_ ? std::vector<QPoint>{QPoint(t.spreadCol, t.spreadRow)} : std::vector<QPoint>{};
    }
    spreadGrid_->setMarked(reached);
    spreadGrid_->setTitle(s > 1 ? tr("δ spread by %1, padded %2").arg(s).arg(pad)
                                : tr("δ padded by %1").arg(pad));

    flippedGrid_->setMatrix(k, k, backward_.flippedKernel(filter_, local));
    flippedGrid_->setMarked({QPoint(k - 1 - tapCol_, k - 1 - tapRow_)});
    flippedGrid_->setTitle(d > 1 ? tr("Kernel turned 180°, d = %1").arg(d) : tr("Kernel turned 180°"));

    inputGradientGrid_->setMatrix(p.inputHeight(), p.inputWidth(), backward_.inputGradientMap(channel_));
    inputGradientGrid_->setMarked({QPoint(pixelCol_, pixelRow_)});
    inputGradientGrid_->setTitle(tr("∂E/∂x, channel %1 (%2 × %3)").arg(channel_ + 1).arg(p.inputHeight()).arg(p.inputWidth()));

    const int scroll = termsView_->verticalScrollBar() != nullptr ? termsView_->verticalScrollBar()->value() : 0;
    termsView_->setHtml(termsHtml());
    termsView_->verticalScrollBar()->setValue(scroll);
    breakdownView_->setHtml(breakdownHtml());
}

QString BackwardPage::termsHtml() const {
    if (!backward_.ran()) return {};
    const ConvProbe& p = probe_;
    const KernelGradient& g = kernelGradient_;
    QString h;
    const auto para = [&h](const QString& text) { h += QStringLiteral("<p>") + text + QStringLiteral("</p>"); };
    const auto position = [&p](int paddedRow, int paddedCol) {
        const int y = paddedRow - p.padTop();
        const int x = paddedCol - p.padLeft();
        if (y < 0 || x < 0 || y >= p.inputHeight() || x >= p.inputWidth()) return tr("pad");
        return QStringLiteral("%1,%2").arg(y + 1).arg(x + 1);
    };
    para(tr("<b>∂E/∂K[%1, %2, %3, %4]</b> = Σ x · δ: the input correlated with δ, one term per output (click one):")
             .arg(g.filter + 1)
             .arg(g.channel + 1)
             .arg(g.tapRow + 1)
             .arg(g.tapCol + 1));
    QString lines;
    for (std::size_t n = 0; n < g.terms.size(); ++n) {
        const KernelGradientTerm& t = g.terms[n];
        lines += QStringLiteral("<a href=\"k:%1\">%2 × %3 = %4</a> x(%5) δ(%6,%7)\n")
                     .arg(n)
                     .arg(num(t.input), 6)
                     .arg(num(t.delta), 6)
                     .arg(num(static_cast<double>(t.input) * static_cast<double>(t.delta)), 7)
                     .arg(position(t.paddedRow, t.paddedCol))
                     .arg(t.outRow + 1)
                     .arg(t.outCol + 1);
    }
    h += QStringLiteral("<pre>") + lines + QStringLiteral("</pre>");
    para(tr("= %1; the layer's backward(): %2 %3").arg(num(g.total), num(g.layerValue), check(g.agrees)));
    if (biasGradient_.present) {
        para(tr("<b>∂E/∂b[%1]</b> = Σ δ = <a href=\"b:0\">%2</a>; the layer's backward(): %3 %4")
                 .arg(biasGradient_.filter + 1)
                 .arg(num(biasGradient_.total), num(biasGradient_.layerValue), check(biasGradient_.agrees)));
    } else {
        para(tr("This layer has no bias."));
    }
    const InputGradient& x = inputGradient_;
    para(tr("<b>∂E/∂x[%1, %2, %3]</b> = Σ δ · k: the flipped kernels over the spread δ; %4 of %5 taps land on a δ "
            "value (the rest on holes or padding: 0):")
             .arg(x.channel + 1)
             .arg(x.row + 1)
             .arg(x.col + 1)
             .arg(x.terms.size())
             .arg(x.taps));
    lines.clear();
    for (std::size_t n = 0; n < x.terms.size(); ++n) {
        const InputGradientTerm& t = x.terms[n];
        lines += QStringLiteral("<a href=\"x:%1\">%2 × %3 = %4</a> δ%5(%6,%7) K(%8,%9)\n")
                     .arg(n)
                     .arg(num(t.delta), 6)
                     .arg(num(t.weight), 6)
                     .arg(num(static_cast<double>(t.delta) * static_cast<double>(t.weight)), 7)
                     .arg(t.filter + 1)
                     .arg(t.outRow + 1)
                     .arg(t.outCol + 1)
                     .arg(t.tapRow + 1)
                     .arg(t.tapCol + 1);
    }
    h += QStringLiteral("<pre>") + lines + QStringLiteral("</pre>");
    para(tr("= %1; the layer's backward(): %2 %3").arg(num(x.total), num(x.layerValue), check(x.agrees)));
    para(backward_.agrees() ? tr("✓ Every gradient computed here equals the layer's.") : warning());
    return h;
}

QString BackwardPage::deltaWhy(int filter, int row, int col, float delta) const {
    switch (deltaKind()) {
    case DeltaKind::Ones: return tr("δ = ∂E/∂Y = 1: E = ΣY counts every output once.");
    case DeltaKind::OneHot:
        if (filter == filter_ && row == row_ && col == col_)
            return tr("δ = ∂E/∂Y = 1: E = Y[%1, %2, %3], this very output.").arg(filter_ + 1).arg(row_ + 1).arg(col_ + 1);
        return tr("δ = ∂E/∂Y = 0: E = Y[%1, %2, %3] does not depend on this output.")
            .arg(filter_ + 1)
            .arg(row_ + 1)
            .arg(col_ + 1);
    case DeltaKind::Loss: {
        const double y = probe_.outputMap(filter)[static_cast<std::size_t>(row * probe_.outputWidth() + col)];
        return tr("δ = ∂E/∂Y = Y − T = %1 − %2 = %3, from E = ½‖Y − T‖².")
            .arg(num(y), num(targetSpin_->value()), num(delta));
    }
    }
    return {};
}

QString BackwardPage::breakdownHtml() const {
    if (!backward_.ran() || shownList_ == Terms::None) return tr("Click a term or a sum on the list above.");
    QStringList rows;
    if (shownList_ == Terms::Kernel) {
        const KernelGradient& g = kernelGradient_;
        const KernelGradientTerm& t = g.terms[static_cast<std::size_t>(shownIndex_)];
        const QString kName = QStringLiteral("K[%1, %2, %3, %4]").arg(g.filter + 1).arg(g.channel + 1).arg(g.tapRow + 1).arg(g.tapCol + 1);
        const QString yName = QStringLiteral("Y[%1, %2, %3]").arg(g.filter + 1).arg(t.outRow + 1).arg(t.outCol + 1);
        rows << tr("∂E/∂%1 = Σ over the outputs of ∂E/∂Y · ∂Y/∂%1; term %2 of %3, output %4:")
                    .arg(kName)
                    .arg(shownIndex_ + 1)
                    .arg(g.terms.size())
                    .arg(yName);
        rows << QStringLiteral("∂E/∂%1 · ∂%1/∂%2 = δ · x = %3 × %4 = <b>%5</b>")
                    .arg(yName, kName, num(t.delta), num(t.input),
                         num(static_cast<double>(t.delta) * static_cast<double>(t.input)));
        rows << deltaWhy(g.filter, t.outRow, t.outCol, t.delta);
        const int y = t.paddedRow - probe_.padTop();
        const int x = t.paddedCol - probe_.padLeft();
        if (y < 0 || x < 0 || y >= probe_.inputHeight() || x >= probe_.inputWidth()) {
            rows << tr("∂Y/∂K = x = 0: Y = Σ K · x + b, and in this window the tap lies on the padding.");
        } else {
            rows << tr("∂Y/∂K = x[%1, %2, %3] = %4: Y = Σ K · x + b, and this tap multiplies that pixel.")
                        .arg(g.channel + 1)
                        .arg(y + 1)
                        .arg(x + 1)
                        .arg(num(t.input));
        }
        rows << tr("Their sum over all %1 outputs: ∂E/∂K = %2.").arg(g.terms.size()).arg(num(g.total));
    } else if (shownList_ == Terms::Bias) {
        const BiasGradient& b = biasGradient_;
        rows << tr("∂E/∂b[%1] = Σ over the outputs of ∂E/∂Y · ∂Y/∂b = Σ δ · 1 = <b>%2</b>").arg(b.filter + 1).arg(num(b.total));
        rows << tr("∂Y/∂b = 1: the bias is added once to every output of its map.");
        rows << deltaWhy(b.filter, row_, col_, backward_.deltaMap(b.filter)[static_cast<std::size_t>(row_ * probe_.outputWidth() + col_)]);
    } else {
        const InputGradient& g = inputGradient_;
        const InputGradientTerm& t = g.terms[static_cast<std::size_t>(shownIndex_)];
        const QString xName = QStringLiteral("x[%1, %2, %3]").arg(g.channel + 1).arg(g.row + 1).arg(g.col + 1);
        const QString yName = QStringLiteral("Y[%1, %2, %3]").arg(t.filter + 1).arg(t.outRow + 1).arg(t.outCol + 1);
        rows << tr("∂E/∂%1 = Σ over the outputs it reaches of ∂E/∂Y · ∂Y/∂%1; term %2 of %3, output %4:")
                    .arg(xName)
                    .arg(shownIndex_ + 1)
                    .arg(g.terms.size())
                    .arg(yName);
        rows << QStringLiteral("∂E/∂%1 · ∂%1/∂%2 = δ · K = %3 × %4 = <b>%5</b>")
                    .arg(yName, xName, num(t.delta), num(t.weight),
                         num(static_cast<double>(t.delta) * static_cast<double>(t.weight)));
        rows << deltaWhy(t.filter, t.outRow, t.outCol, t.delta);
        rows << tr("∂Y/∂x = K[%1, %2, %3, %4] = %5: the pixel lies under this tap of that output's window (tap (%6, %7) "
                   "of the flipped kernel).")
                    .arg(t.filter + 1)
                    .arg(g.channel + 1)
                    .arg(t.tapRow + 1)
                    .arg(t.tapCol + 1)
                    .arg(num(t.weight))
                    .arg(t.flipRow + 1)
                    .arg(t.flipCol + 1);
        rows << tr("Their sum over the %1 terms: ∂E/∂x = %2.").arg(g.terms.size()).arg(num(g.total));
    }
    return rows.join(QStringLiteral("<br>"));
}

QString BackwardPage::termsText() const { return termsView_->toPlainText(); }

QString BackwardPage::breakdownText() const {
    return shownList_ == Terms::None ? QString() : breakdownView_->toPlainText();
}

QString BackwardPage::warningFor(const ConvBackward& backward) {
    if (!backward.ran() || backward.agrees()) return {};
    QStringList parts;
    if (backward.kernelDisagreements() > 0) parts << tr("%1 of ∂E/∂K").arg(backward.kernelDisagreements());
    if (backward.biasDisagreements() > 0) parts << tr("%1 of ∂E/∂b").arg(backward.biasDisagreements());
    if (backward.inputDisagreements() > 0) parts << tr("%1 of ∂E/∂x").arg(backward.inputDisagreements());
    return tr("Warning: gradients computed here differ from the layer's backward(): %1.")
        .arg(parts.join(QStringLiteral(", ")));
}

void BackwardPage::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslateUi();
}

void BackwardPage::retranslateUi() {
    heading_->setText(tr("The backward pass of the same layer. δ = ∂E/∂Y comes from above; the layer passes on "
                         "∂E/∂K = the input correlated with δ, ∂E/∂b = Σ δ, and ∂E/∂x = δ spread by the stride "
                         "(holes of zeros) and padded by d·(k − 1), convolved in full with the kernel turned 180°. "
                         "Click a map or a term."));
    deltaLabel_->setText(tr("δ = ∂E/∂Y:"));
    deltaBox_->setItemText(static_cast<int>(DeltaKind::Ones), tr("all ones (E = ΣY)"));
    deltaBox_->setItemText(static_cast<int>(DeltaKind::OneHot), tr("one-hot at the chosen output (E = Y[f, r, c])"));
    deltaBox_->setItemText(static_cast<int>(DeltaKind::Loss), tr("from the loss E = ½‖Y − T‖²: δ = Y − T"));
    targetLabel_->setText(tr("target T"));
    channelLabel_->setText(tr("input channel"));
    breakdownTitle_->setText(tr("Chain rule for the term clicked"));
    redraw();
}

}  // namespace deepstep::studio::conv
