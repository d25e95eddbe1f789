#include "conv_sandbox.hpp"

#include "backward_page.hpp"
#include "deepstep/conv_arithmetic.hpp"
#include "deepstep/errors.hpp"
#include "grid_view.hpp"
#include "playground/playground_style.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextEdit>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace deepstep::studio::conv {

namespace {

constexpr int kGridSize = 8;
constexpr int kImageSide = 28;

QString num(double v) { return QString::number(v, 'f', 3); }

// The editable grid's starting picture: an "L" with a diagonal stroke, so that edge
// kernels have something to find.
Tensor gridPicture() {
    Tensor t(Shape{static_cast<std::size_t>(kGridSize), static_cast<std::size_t>(kGridSize)});
    for (int y = 1; y <= 6; ++y) t.at({static_cast<std::size_t>(y), 2}) = 1.0F;
    for (int x = 2; x <= 6; ++x) t.at({6, static_cast<std::size_t>(x)}) = 1.0F;
    for (int i = 0; i < 4; ++i) t.at({static_cast<std::size_t>(1 + i), static_cast<std::size_t>(4 + i)}) = 0.5F;
    return t;
}

// A 28 × 28 image halved by 2 × 2 averages: 14 × 14 keeps the windows readable.
Tensor halved(const std::vector<float>& pixels, int side) {
    const int half = side / 2;
    Tensor t(Shape{static_cast<std::size_t>(half), static_cast<std::size_t>(half)});
    for (int y = 0; y < half; ++y) {
        for (int x = 0; x < half; ++x) {
            float sum = 0.0F;
            for (int dy = 0; dy < 2; ++dy)
                for (int dx = 0; dx < 2; ++dx) sum += pixels[static_cast<std::size_t>((2 * y + dy) * side + 2 * x + dx)];
            t.at({static_cast<std::size_t>(y), static_cast<std::size_t>(x)}) = sum / 4.0F;
        }
    }
    return t;
}

QSpinBox* spin(int lo, int hi, int value) {
    auto* s = new QSpinBox;
    s->setRange(lo, hi);
    s->setValue(value);
    return s;
}

}  // namespace

ConvSandbox::ConvSandbox(const Registry& registry, QWidget* parent)
    : QWidget(parent),
      registry_(registry),
      sourceBox_(new QComboBox),
      exampleSpin_(spin(0, 999, 0)),
      channelSpin_(spin(1, 3, 1)),
      kernelSpin_(spin(1, 7, 3)),
      strideSpin_(spin(1, 4, 1)),
      paddingSpin_(spin(0, 4, 1)),
      sameCheck_(new QCheckBox),
      dilationSpin_(spin(1, 4, 1)),
      groupsSpin_(spin(1, 3, 1)),
      filtersSpin_(spin(1, 6, 2)),
      biasCheck_(new QCheckBox),
      stepButton_(new QPushButton),
      messageLabel_(new QLabel),
      pages_(new QTabWidget),
      inputRow_(new QHBoxLayout),
      kernelRow_(new QHBoxLayout),
      outputGrid_(new GridView),
      formulaLabel_(new QLabel),
      arithmeticEdit_(new QTextEdit),
      parameterLabel_(new QLabel),
      im2colHeading_(new QLabel),
      filterRowsGrid_(new GridView),
      columnsGrid_(new GridView),
      productGrid_(new GridView),
      im2colInputRow_(new QHBoxLayout),
      columnEdit_(new QTextEdit),
      backwardPage_(new BackwardPage(probe_)) {
    setFocusPolicy(Qt::StrongFocus);
    sourceBox_->addItems({QString(), QString(), QString()});
    biasCheck_->setChecked(true);

    auto* form = new QFormLayout;
    const std::vector<QWidget*> fields{sourceBox_,   exampleSpin_,  channelSpin_, kernelSpin_, strideSpin_,
                                       paddingSpin_, sameCheck_,    dilationSpin_, groupsSpin_, filtersSpin_,
                                       biasCheck_};
    for (QWidget* field : fields) {
        auto* label = new QLabel;
        formLabels_.push_back(label);
        form->addRow(label, field);
    }
    auto* controls = new QVBoxLayout;
    controls->addLayout(form);
    controls->addWidget(stepButton_);
    messageLabel_->setWordWrap(true);
    messageLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
    controls->addWidget(messageLabel_);
    controls->addWidget(parameterLabel_);
    parameterLabel_->setWordWrap(true);
    parameterLabel_->setTextFormat(Qt::RichText);
    controls->addStretch(1);
    auto* controlBox = new QWidget;
    controlBox->setLayout(controls);
    controlBox->setFixedWidth(300);

    // Page 1: the sliding window.
    auto* windowPage = new QWidget;
    auto* pictures = new QVBoxLayout;
    pictures->addLayout(inputRow_, 3);
    auto* lower = new QHBoxLayout;
    lower->addLayout(kernelRow_, 2);
    lower->addWidget(outputGrid_, 2);
    pictures->addLayout(lower, 2);
    auto* numbers = new QVBoxLayout;
    formulaLabel_->setWordWrap(true);
    formulaLabel_->setTextFormat(Qt::RichText);
    numbers->addWidget(formulaLabel_);
    arithmeticEdit_->setReadOnly(true);
    arithmeticEdit_->setLineWrapMode(QTextEdit::WidgetWidth);
    arithmeticEdit_->setFont(QFont(QStringLiteral("monospace")));
    numbers->addWidget(arithmeticEdit_, 1);
    auto* numbersBox = new QWidget;
    numbersBox->setLayout(numbers);
    numbersBox->setFixedWidth(360);
    auto* windowLayout = new QHBoxLayout(windowPage);
    windowLayout->addLayout(pictures, 1);
    windowLayout->addWidget(numbersBox);
    pages_->addTab(windowPage, QString());

    // Page 2: im2col.
    auto* im2colPage = new QWidget;
    auto* im2colLayout = new QVBoxLayout(im2colPage);
    im2colHeading_->setWordWrap(true);
    im2colLayout->addWidget(im2colHeading_);
    auto* gemm = new QVBoxLayout;
    for (GridView* g : {filterRowsGrid_, columnsGrid_, productGrid_}) g->setSquareCells(false);
    gemm->addWidget(filterRowsGrid_, 1);
    gemm->addWidget(columnsGrid_, 4);
    gemm->addWidget(productGrid_, 1);
    auto* side = new QVBoxLayout;
    side->addLayout(im2colInputRow_, 2);
    columnEdit_->setReadOnly(true);
    columnEdit_->setFont(QFont(QStringLiteral("monospace")));
    side->addWidget(columnEdit_, 2);
    auto* im2colBody = new QHBoxLayout;
    im2colBody->addLayout(gemm, 3);
    im2colBody->addLayout(side, 2);
    im2colLayout->addLayout(im2colBody, 1);
    pages_->addTab(im2colPage, QString());

    // Page 3: the backward pass.
    pages_->addTab(backwardPage_, QString());
    connect(backwardPage_, &BackwardPage::outputChosen, this, [this](int f, int r, int c) {
        chooseOutput(f, r, c);
        setFocus();
    });
    connect(backwardPage_, &BackwardPage::changed, this, &ConvSandbox::showMessages);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(controlBox);
    layout->addWidget(pages_, 1);

    connect(outputGrid_, &GridView::cellClicked, this, [this](int r, int c) {
        chooseOutput(filter_, r, c);
        setFocus();
    });
    connect(productGrid_, &GridView::cellClicked, this, [this](int r, int c) {
        chooseOutput(probe_.groupOf(filter_) * probe_.filtersPerGroup() + r, c / std::max(1, probe_.outputWidth()),
                     c % std::max(1, probe_.outputWidth()));
        setFocus();
    });
    connect(columnsGrid_, &GridView::cellClicked, this, [this](int, int c) {
        chooseOutput(filter_, c / std::max(1, probe_.outputWidth()), c % std::max(1, probe_.outputWidth()));
        setFocus();
    });
    connect(stepButton_, &QPushButton::clicked, this, &ConvSandbox::step);
    connect(sourceBox_, &QComboBox::currentIndexChanged, this, [this] { loadSource(); });
    connect(exampleSpin_, &QSpinBox::valueChanged, this, [this] { loadSource(); });
    connect(channelSpin_, &QSpinBox::valueChanged, this, [this] { loadSource(); });
    for (QSpinBox* s : {kernelSpin_, strideSpin_, paddingSpin_, dilationSpin_, groupsSpin_, filtersSpin_})
        connect(s, &QSpinBox::valueChanged, this, [this] { rebuild(); });
    for (QCheckBox* c : {sameCheck_, biasCheck_}) connect(c, &QCheckBox::toggled, this, [this] { rebuild(); });
    connect(sameCheck_, &QCheckBox::toggled, paddingSpin_, &QWidget::setDisabled);

    retranslateUi();
    loadSource();
}

ConvSandbox::~ConvSandbox() = default;

ConvSettings ConvSandbox::settings() const {
    ConvSettings s;
    s.kernel = kernelSpin_->value();
    s.stride = strideSpin_->value();
    s.padding = paddingSpin_->value();
    s.samePadding = sameCheck_->isChecked();
    s.dilation = dilationSpin_->value();
    s.groups = groupsSpin_->value();
    s.filters = filtersSpin_->value();
    s.bias = biasCheck_->isChecked();
    return s;
}

void ConvSandbox::setSettings(const ConvSettings& s) {
    updating_ = true;
    kernelSpin_->setValue(s.kernel);
    strideSpin_->setValue(s.stride);
    paddingSpin_->setValue(s.padding);
    sameCheck_->setChecked(s.samePadding);
    dilationSpin_->setValue(s.dilation);
    groupsSpin_->setValue(s.groups);
    filtersSpin_->setValue(s.filters);
    biasCheck_->setChecked(s.bias);
    updating_ = false;
    rebuild();
}

int ConvSandbox::channels() const { return channelSpin_->value(); }

void ConvSandbox::setChannels(int channels) { channelSpin_->setValue(channels); }

void ConvSandbox::setSource(Source source) {
    if (sourceBox_->currentIndex() == static_cast<int>(source)) {
        loadSource();
    } else {
        sourceBox_->setCurrentIndex(static_cast<int>(source));
    }
}

void ConvSandbox::loadSource() {
    if (updating_) return;
    sourceMessage_.clear();
    const auto source = static_cast<Source>(std::max(0, sourceBox_->currentIndex()));
    exampleSpin_->setEnabled(source != Source::Grid);
    base_ = gridPicture();
    if (source != Source::Grid) {
        try {
            auto& dataset = datasets_[source];
            if (!dataset) {
                Json options = Json::object();
                options["split"] = "test";
                if (source == Source::Clothing) options["limit"] = 1000;
                dataset = registry_.makeDataset(source == Source::Digit ? "mnist" : "fashion_mnist", options);
            }
            const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(exampleSpin_->value()), dataset->size() - 1);
            std::vector<float> pixels(dataset->inputShape().elements());
            std::vector<float> target(dataset->targetShape().elements());
            dataset->copyExample(i, pixels.data(), target.data());
            if (pixels.size() != static_cast<std::size_t>(kImageSide * kImageSide)) throw InputError("dataset", "not 28 × 28");
            base_ = halved(pixels, kImageSide);
        } catch (const std::exception&) {
            datasets_.erase(source);
            sourceMessage_ = source == Source::Digit
                                 ? tr("The MNIST digits are not installed on this computer "
                                      "(datasets/fetch-mnist-digits.sh fetches them); the grid is shown instead.")
                                 : tr("Fashion-MNIST is not installed on this computer (the package "
                                      "dataset-fashion-mnist provides it); the grid is shown instead.");
        }
    }
    // More channels of the same picture: mirrored left to right, and inverted.
    const std::size_t c = static_cast<std::size_t>(channelSpin_->value());
    const std::size_t h = base_.dim(0), w = base_.dim(1);
    Tensor input(Shape{c, h, w});
    for (std::size_t y = 0; y < h; ++y) {
        for (std::size_t x = 0; x < w; ++x) {
            const float v = base_.at({y, x});
            input.at({0, y, x}) = v;
            if (c > 1) input.at({1, y, x}) = base_.at({y, w - 1 - x});
            if (c > 2) input.at({2, y, x}) = 1.0F - v;
        }
    }
    input_ = std::move(input);
    rebuild();
}

void ConvSandbox::setInput(const Tensor& chw) {
    const bool sameShape = probe_.ok() && chw.shape() == input_.shape();
    input_ = chw;
    if (sameShape) {
        probe_.rerun(input_);
        refresh();
        return;
    }
    updating_ = true;
    channelSpin_->setValue(static_cast<int>(chw.dim(0)));
    updating_ = false;
    rebuild();
}

void ConvSandbox::rerun() {
    if (!probe_.ok()) return;
    probe_.rerun(input_);
    refresh();
}

void ConvSandbox::rebuild() {
    if (updating_) return;
    if (!probe_.build(registry_, settings(), input_)) {
        arithmetic_ = {};
        for (GridView* g : {outputGrid_, filterRowsGrid_, columnsGrid_, productGrid_}) g->setMatrix(0, 0, {});
        resizeGridRow(kernelRow_, kernelGrids_, 0);
        resizeGridRow(im2colInputRow_, im2colInputGrids_, 0);
        arithmeticEdit_->clear();
        columnEdit_->clear();
        formulaLabel_->setText(outputSizeText());
        parameterLabel_->clear();
        im2colHeading_->clear();
        stepButton_->setEnabled(false);
        resizeGridRow(inputRow_, inputGrids_, 0);
        backwardPage_->clear();
        showMessage(probe_.error());
        return;
    }
    stepButton_->setEnabled(true);
    chooseOutput(filter_, row_, col_);
}

void ConvSandbox::chooseOutput(int filter, int row, int col) {
    if (!probe_.ok()) return;
    filter_ = std::clamp(filter, 0, probe_.filters() - 1);
    row_ = std::clamp(row, 0, probe_.outputHeight() - 1);
    col_ = std::clamp(col, 0, probe_.outputWidth() - 1);
    refresh();
}

void ConvSandbox::step() {
    if (!probe_.ok()) return;
    int f = filter_, r = row_, c = col_ + 1;
    if (c >= probe_.outputWidth()) {
        c = 0;
        ++r;
    }
    if (r >= probe_.outputHeight()) {
        r = 0;
        f = (f + 1) % probe_.filters();
    }
    chooseOutput(f, r, c);
}

void ConvSandbox::showPage(Page page) { pages_->setCurrentIndex(static_cast<int>(page)); }

QString ConvSandbox::message() const { return messageLabel_->text(); }

void ConvSandbox::showMessage(const QString& text) {
    messageLabel_->setText(text);
    messageLabel_->setVisible(!text.isEmpty());
}

void ConvSandbox::refresh() {
    if (!probe_.ok()) return;
    arithmetic_ = probe_.arithmetic(filter_, row_, col_);
    showWindow();
    showIm2col();
    backwardPage_->refresh(filter_, row_, col_);
    showMessages();
}

void ConvSandbox::showMessages() {
    if (!probe_.ok()) return;
    QStringList messages;
    if (!sourceMessage_.isEmpty()) messages << sourceMessage_;
    if (!arithmetic_.agrees) {
        messages << tr("Warning: the sum computed here (%1) differs from the layer's output (%2).")
                        .arg(num(arithmetic_.total), num(arithmetic_.layerValue));
    }
    const std::vector<float> engine = probe_.engineColumns(probe_.groupOf(filter_));
    const std::vector<float> own = probe_.unfold(probe_.groupOf(filter_));
    if (!engine.empty() && engine != own) {
        messages << tr("Warning: the engine's im2col buffer differs from the unfolding computed here.");
    }
    if (const QString w = backwardPage_->warning(); !w.isEmpty()) messages << w;
    showMessage(messages.join(QStringLiteral("\n\n")));
}

void ConvSandbox::resizeGridRow(QHBoxLayout* row, std::vector<GridView*>& grids, int count) {
    while (static_cast<int>(grids.size()) > count) {
        delete grids.back();
        grids.pop_back();
    }
    while (static_cast<int>(grids.size()) < count) {
        auto* g = new GridView;
        const int index = static_cast<int>(grids.size());
        row->addWidget(g);
        grids.push_back(g);
        if (row == inputRow_ || row == im2colInputRow_) {
            connect(g, &GridView::cellClicked, this, [this, row, index](int r, int c) {
                // On the im2col page the grids show the chosen filter's group only.
                const int channel =
                    row == inputRow_ ? index : probe_.groupOf(filter_) * probe_.channelsPerGroup() + index;
                inputCellClicked(channel, r, c);
            });
        }
    }
}

void ConvSandbox::inputCellClicked(int channel, int row, int col) {
    if (!probe_.ok()) return;
    const int y = row - probe_.padTop();
    const int x = col - probe_.padLeft();
    if (y < 0 || x < 0 || y >= probe_.inputHeight() || x >= probe_.inputWidth()) return;  // padding stays zero
    float& v = input_.at({static_cast<std::size_t>(channel), static_cast<std::size_t>(y), static_cast<std::size_t>(x)});
    v = v < 0.5F ? 1.0F : 0.0F;
    probe_.rerun(input_);
    refresh();
}

void ConvSandbox::showWindow() {
    const int k = probe_.settings().kernel;
    const int d = probe_.settings().dilation;
    const int s = probe_.settings().stride;
    const int span = d * (k - 1) + 1;
    const int group = probe_.groupOf(filter_);
    const QRect window(col_ * s, row_ * s, span, span);
    std::vector<QPoint> taps;
    for (int i = 0; i < k; ++i)
        for (int j = 0; j < k; ++j) taps.emplace_back(col_ * s + j * d, row_ * s + i * d);
    const QRect inner(probe_.padLeft(), probe_.padTop(), probe_.inputWidth(), probe_.inputHeight());
    double inputScale = 0.0;
    for (float v : input_.values()) inputScale = std::max(inputScale, std::abs(static_cast<double>(v)));
    const auto fillInput = [&](GridView* g, int c) {
        const bool inGroup = c / probe_.channelsPerGroup() == group;
        g->setMatrix(probe_.paddedHeight(), probe_.paddedWidth(), probe_.paddedChannel(c), inputScale);
        g->setInner(inner);
        g->setMarked(inGroup ? taps : std::vector<QPoint>{});
        g->setOutline(inGroup ? window : QRect());
        // Short enough for the narrow column of the im2col page; the hatching marks the padding.
        g->setTitle(tr("Input channel %1: %2 × %3").arg(c + 1).arg(probe_.paddedHeight()).arg(probe_.paddedWidth()));
    };
    resizeGridRow(inputRow_, inputGrids_, probe_.channels());
    for (int c = 0; c < probe_.channels(); ++c) fillInput(inputGrids_[static_cast<std::size_t>(c)], c);
    resizeGridRow(im2colInputRow_, im2colInputGrids_, probe_.channelsPerGroup());
    for (int l = 0; l < probe_.channelsPerGroup(); ++l)
        fillInput(im2colInputGrids_[static_cast<std::size_t>(l)], group * probe_.channelsPerGroup() + l);

    resizeGridRow(kernelRow_, kernelGrids_, probe_.channelsPerGroup());
    double weightScale = 0.0;
    for (int l = 0; l < probe_.channelsPerGroup(); ++l)
        for (float v : probe_.kernel(filter_, l)) weightScale = std::max(weightScale, std::abs(static_cast<double>(v)));
    for (int l = 0; l < probe_.channelsPerGroup(); ++l) {
        GridView* g = kernelGrids_[static_cast<std::size_t>(l)];
        g->setMatrix(k, k, probe_.kernel(filter_, l), weightScale);
        g->setTitle(tr("Filter %1 on channel %2").arg(filter_ + 1).arg(group * probe_.channelsPerGroup() + l + 1));
    }
    outputGrid_->setMatrix(probe_.outputHeight(), probe_.outputWidth(), probe_.outputMap(filter_));
    outputGrid_->setMarked({QPoint(col_, row_)});
    outputGrid_->setTitle(tr("Output map %1 of %2 (%3 × %4): click a value")
                              .arg(filter_ + 1)
                              .arg(probe_.filters())
                              .arg(probe_.outputHeight())
                              .arg(probe_.outputWidth()));
    formulaLabel_->setText(outputSizeText());
    arithmeticEdit_->setPlainText(arithmeticText());
    parameterLabel_->setText(parameterText());
}

QString ConvSandbox::outputSizeText() const {
    const std::string lang = playground::engineLanguage().toStdString();
    const ConvSettings s = settings();
    const auto axis = [&](int in, int before, int after) {
        return deepstep::conv::Axis{static_cast<std::size_t>(in),          static_cast<std::size_t>(s.kernel),
                                    static_cast<std::size_t>(s.stride),    static_cast<std::size_t>(before),
                                    static_cast<std::size_t>(after),       static_cast<std::size_t>(s.dilation)};
    };
    const int h = static_cast<int>(input_.dim(1));
    const int w = static_cast<int>(input_.dim(2));
    const int padBottom = probe_.paddedHeight() - h - probe_.padTop();
    const int padRight = probe_.paddedWidth() - w - probe_.padLeft();
    QString text = QStringLiteral("<b>%1</b><br>").arg(QString::fromStdString(deepstep::conv::outputSizeFormula().in(lang)).toHtmlEscaped());
    text += tr("height: %1").arg(QString::fromStdString(deepstep::conv::outputSizeWorked(axis(h, probe_.padTop(), padBottom))).toHtmlEscaped());
    text += QStringLiteral("<br>");
    text += tr("width: %1").arg(QString::fromStdString(deepstep::conv::outputSizeWorked(axis(w, probe_.padLeft(), padRight))).toHtmlEscaped());
    if (probe_.ok()) {
        const auto field = deepstep::conv::receptiveFieldAfter({}, static_cast<std::size_t>(s.kernel),
                                                               static_cast<std::size_t>(s.stride),
                                                               static_cast<std::size_t>(s.dilation));
        text += QStringLiteral("<br>");
        text += tr("Output: %1 maps of %2 × %3. One output sees %4 × %4 pixels; neighbouring outputs are %5 apart.")
                    .arg(probe_.filters())
                    .arg(probe_.outputHeight())
                    .arg(probe_.outputWidth())
                    .arg(field.size)
                    .arg(field.jump);
    }
    return text;
}

QString ConvSandbox::arithmeticText() const {
    if (!probe_.ok()) return {};
    const OutputArithmetic& a = arithmetic_;
    QString t = tr("Output map %1, row %2, column %3:").arg(a.filter + 1).arg(a.row + 1).arg(a.col + 1) + '\n';
    std::size_t term = 0;
    const std::size_t perChannel = a.terms.size() / std::max<std::size_t>(1, a.channels.size());
    for (std::size_t ci = 0; ci < a.channels.size(); ++ci) {
        t += '\n' + tr("channel %1: pixel × weight").arg(a.channels[ci] + 1) + '\n';
        for (std::size_t n = 0; n < perChannel; ++n, ++term) {
            const ConvTerm& x = a.terms[term];
            t += QStringLiteral("  %1 × %2 = %3\n")
                     .arg(num(x.input), 7)
                     .arg(num(x.weight), 7)
                     .arg(num(static_cast<double>(x.input) * static_cast<double>(x.weight)), 7);
        }
        t += tr("  sum over channel %1 = %2").arg(a.channels[ci] + 1).arg(num(a.channelSums[ci])) + '\n';
    }
    t += '\n';
    QStringList sums;
    for (double s : a.channelSums) sums << num(s);
    t += tr("Σ over %1 channel(s): %2").arg(a.channels.size()).arg(sums.join(QStringLiteral(" + "))) + '\n';
    t += tr("+ bias %1").arg(num(a.bias)) + '\n';
    t += tr("= %1").arg(num(a.total)) + '\n';
    t += tr("The layer's output here: %1").arg(num(a.layerValue)) + '\n';
    t += a.agrees ? tr("✓ The same number: the layer computed exactly this sum.")
                  : tr("⚠ Differs from the sum above.");
    return t;
}

QString ConvSandbox::parameterText() const {
    if (!probe_.ok()) return {};
    const ConvSettings s = settings();
    const auto c = static_cast<std::size_t>(probe_.channels());
    const auto f = static_cast<std::size_t>(s.filters);
    const auto k = static_cast<std::size_t>(s.kernel);
    const auto counts = deepstep::conv::compareParameters(c, f, k, k, s.bias);
    QString t = tr("<b>Parameters</b>, C = %1 → F = %2 channels, %3 × %3 kernel%4:")
                    .arg(c)
                    .arg(f)
                    .arg(k)
                    .arg(s.bias ? tr(", with biases") : QString());
    t += QStringLiteral("<table cellspacing=\"4\">");
    const auto row = [&t](const QString& name, const QString& how, std::size_t n) {
        t += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\"><b>%3</b></td></tr>")
                 .arg(name, how, QString::number(n));
    };
    row(tr("plain"), QStringLiteral("F·C·k²"), counts.plain);
    row(tr("depthwise"), QStringLiteral("C·k²"), counts.depthwise);
    row(tr("depthwise-separable"), QStringLiteral("C·k² + F·C"), counts.separable);
    row(tr("this layer (groups %1)").arg(s.groups), QStringLiteral("F·(C/g)·k²"), probe_.parameterCount());
    t += QStringLiteral("</table>");
    t += tr("Depthwise keeps C channels; the separable one then mixes them to F with a 1 × 1 convolution.");
    return t;
}

void ConvSandbox::showIm2col() {
    const int group = probe_.groupOf(filter_);
    const int positions = probe_.outputHeight() * probe_.outputWidth();
    const int local = filter_ - group * probe_.filtersPerGroup();
    const int column = row_ * probe_.outputWidth() + col_;
    std::vector<float> matrix = probe_.engineColumns(group);
    const bool engine = !matrix.empty();
    if (!engine) matrix = probe_.unfold(group);
    im2colHeading_->setText(
        tr("The engine runs a convolution as one matrix product per group: the filters as rows (%1 × %2) times the "
           "unfolded input (%2 × %3: one row per kernel tap (channel, i, j), one column per output position) give the "
           "output maps (%1 × %3). Group %4 of %5.")
            .arg(probe_.filtersPerGroup())
            .arg(probe_.patch())
            .arg(positions)
            .arg(group + 1)
            .arg(probe_.settings().groups));
    filterRowsGrid_->setMatrix(probe_.filtersPerGroup(), probe_.patch(), probe_.filterRows(group));
    filterRowsGrid_->setOutline(QRect(0, local, probe_.patch(), 1));
    filterRowsGrid_->setTitle(tr("Filters as rows (%1 × %2)").arg(probe_.filtersPerGroup()).arg(probe_.patch()));
    columnsGrid_->setMatrix(probe_.patch(), positions, matrix);
    columnsGrid_->setOutline(QRect(column, 0, 1, probe_.patch()));
    columnsGrid_->setTitle(engine ? tr("× the unfolded input (%1 × %2): the engine's own im2col buffer")
                                        .arg(probe_.patch())
                                        .arg(positions)
                                  : tr("× the unfolded input (%1 × %2), unfolded here").arg(probe_.patch()).arg(positions));
    std::vector<float> product;
    for (int f = group * probe_.filtersPerGroup(); f < (group + 1) * probe_.filtersPerGroup(); ++f) {
        const std::vector<float> map = probe_.outputMap(f);
        product.insert(product.end(), map.begin(), map.end());
    }
    productGrid_->setMatrix(probe_.filtersPerGroup(), positions, product);
    productGrid_->setOutline(QRect(column, local, 1, 1));
    productGrid_->setTitle(tr("= the output maps (%1 × %2), bias added").arg(probe_.filtersPerGroup()).arg(positions));
    columnEdit_->setPlainText(im2colText());
}

QString ConvSandbox::im2colText() const {
    if (!probe_.ok()) return {};
    const int group = probe_.groupOf(filter_);
    const int positions = probe_.outputHeight() * probe_.outputWidth();
    const int column = row_ * probe_.outputWidth() + col_;
    const std::vector<float> matrix = probe_.unfold(group);
    const std::vector<float> weights = probe_.kernel(filter_, 0);
    QString t = tr("Column %1 = the window of output (row %2, column %3), one kernel tap per row; row %4 = filter %5:")
                    .arg(column + 1)
                    .arg(row_ + 1)
                    .arg(col_ + 1)
                    .arg(filter_ - group * probe_.filtersPerGroup() + 1)
                    .arg(filter_ + 1) +
                '\n';
    const std::vector<float> rows = probe_.filterRows(group);
    const std::size_t rowStart = static_cast<std::size_t>((filter_ - group * probe_.filtersPerGroup()) * probe_.patch());
    double dot = 0.0;
    for (int r = 0; r < probe_.patch(); ++r) {
        const float x = matrix[static_cast<std::size_t>(r * positions + column)];
        const float w = rows[rowStart + static_cast<std::size_t>(r)];
        dot += static_cast<double>(x) * static_cast<double>(w);
        t += QStringLiteral("  %1 × %2\n").arg(num(w), 7).arg(num(x), 7);
    }
    t += tr("row · column = %1").arg(num(dot)) + '\n';
    t += tr("+ bias %1 = %2 (the layer's output: %3)")
             .arg(num(arithmetic_.bias), num(dot + arithmetic_.bias), num(arithmetic_.layerValue)) +
         '\n';
    return t;
}

void ConvSandbox::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Left: chooseOutput(filter_, row_, col_ - 1); break;
    case Qt::Key_Right: chooseOutput(filter_, row_, col_ + 1); break;
    case Qt::Key_Up: chooseOutput(filter_, row_ - 1, col_); break;
    case Qt::Key_Down: chooseOutput(filter_, row_ + 1, col_); break;
    case Qt::Key_PageUp: chooseOutput(filter_ - 1, row_, col_); break;
    case Qt::Key_PageDown: chooseOutput(filter_ + 1, row_, col_); break;
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void ConvSandbox::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslateUi();
}

void ConvSandbox::retranslateUi() {
    sourceBox_->setItemText(0, tr("Small grid (click to edit)"));
    sourceBox_->setItemText(1, tr("Digit (MNIST)"));
    sourceBox_->setItemText(2, tr("Clothing (Fashion-MNIST)"));
    const QStringList labels{tr("Input"),   tr("Example"),  tr("Channels"), tr("Kernel k"),
                             tr("Stride s"), tr("Padding p"), tr("\"same\""), tr("Dilation d"),
                             tr("Groups"),  tr("Filters"),  tr("Bias")};
    for (std::size_t i = 0; i < formLabels_.size(); ++i) formLabels_[i]->setText(labels[static_cast<int>(i)]);
    sameCheck_->setText(tr("output size = ⌈in / s⌉"));
    biasCheck_->setText(tr("one per filter"));
    stepButton_->setText(tr("Step the window ▶"));
    stepButton_->setToolTip(tr("Arrow keys move the window; Page Up/Down change the output map."));
    pages_->setTabText(0, tr("Sliding window"));
    pages_->setTabText(1, tr("im2col: the matrix product"));
    pages_->setTabText(2, tr("Backward: the gradients"));
    if (probe_.ok()) {
        refresh();
    } else if (!input_.empty()) {
        rebuild();
    }
}

}  // namespace deepstep::studio::conv
