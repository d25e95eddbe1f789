#include "rnn_view.hpp"

#include "gate_timeline.hpp"
#include "text_page.hpp"
#include "unrolled_view.hpp"

#include "deepstep/file_io.hpp"
#include "deepstep/model_io.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace deepstep::studio::rnn {

namespace {

// The recurrent labs of the experiments folder, in this order.
const QStringList kLabPatterns = {QStringLiteral("sine_*.json"), QStringLiteral("airline_*.json"),
                                  QStringLiteral("adding_*.json"), QStringLiteral("fable_*.json")};
// Sequences a page can choose from (the first ones of the test or training data).
constexpr std::size_t kSequences = 64;
// The coloured text is recomputed at most this often while training.
constexpr qint64 kTextRefreshMs = 2000;

const QColor kCurveColours[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44),
                                QColor(148, 103, 189), QColor(255, 127, 14)};

std::unique_ptr<Dataset> firstOf(const Dataset& data, std::size_t count) {
    std::vector<std::size_t> indices(std::min(count, data.size()));
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    Batch b = data.gather(indices);
    return std::make_unique<TensorDataset>(std::move(b.inputs), std::move(b.targets), data.classNames(),
                                           data.featureNames());
}

// Copies every parameter of `from` into the parameter of the same name in `to`.
void copyParameters(Network& from, Network& to) {
    for (const ParamRef& ref : from.parameters(true)) {
        Parameter* q = to.parameter(ref.name);
        if (q != nullptr && q->value.size() == ref.value->size()) q->value = *ref.value;
    }
}

QString number(double v) { return QString::number(v, 'g', 5); }

}  // namespace

RnnView::RnnView(const Registry& registry, const QString& experimentsFolder, QWidget* parent)
    : QWidget(parent),
      registry_(registry),
      training_(new cnn::CnnTraining(registry, this)),
      refreshTimer_(new QTimer(this)),
      labLabel_(new QLabel),
      lab_(new QComboBox),
      epochsLabel_(new QLabel),
      epochs_(new QSpinBox),
      startButton_(new QPushButton),
      pauseButton_(new QPushButton),
      stopButton_(new QPushButton),
      status_(new QLabel),
      error_(new QLabel),
      sequenceLabel_(new QLabel),
      sequence_(new QSpinBox),
      unitLabel_(new QLabel),
      unit_(new QSpinBox),
      summary_(new QLabel),
      pages_(new QTabWidget),
      resetButton_(new QPushButton),
      backButton_(new QPushButton),
      stepButton_(new QPushButton),
      forwardAllButton_(new QPushButton),
      backwardAllButton_(new QPushButton),
      phase_(new QLabel),
      unrolled_(new UnrolledView),
      chainRule_(new QTextBrowser),
      gradientsBox_(new QCheckBox),
      gates_(new GateTimeline),
      chartNote_(new QLabel),
      chart_(new StepGradientChart),
      text_(new TextPage) {
    for (LabFile& file : readLabFiles(experimentsFolder, kLabPatterns)) {
        Lab lab;
        static_cast<LabFile&>(lab) = std::move(file);
        labs_.push_back(std::move(lab));
    }
    for (std::size_t i = 0; i < labs_.size(); ++i)
        lab_->addItem(QString());
    training_->setIntervals(200, 60000);
    epochs_->setRange(1, 1000);
    sequence_->setRange(1, 1);
    unit_->setRange(1, 1);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020"));
    error_->hide();
    summary_->setWordWrap(true);
    chartNote_->setWordWrap(true);
    chainRule_->setMinimumHeight(150);
    refreshTimer_->setSingleShot(true);
    refreshTimer_->setInterval(120);

    auto* controls = new QHBoxLayout;
    controls->addWidget(labLabel_);
    controls->addWidget(lab_, 1);
    controls->addWidget(epochsLabel_);
    controls->addWidget(epochs_);
    controls->addWidget(startButton_);
    controls->addWidget(pauseButton_);
    controls->addWidget(stopButton_);
    auto* choice = new QHBoxLayout;
    choice->addWidget(sequenceLabel_);
    choice->addWidget(sequence_);
    choice->addWidget(unitLabel_);
    choice->addWidget(unit_);
    choice->addWidget(status_, 1);

    // Unrolled: step controls, the unrolled layer (scrolls sideways), the chain rule.
    auto* unrolledPage = new QWidget;
    auto* stepRow = new QHBoxLayout;
    for (QPushButton* b : {resetButton_, backButton_, stepButton_, forwardAllButton_, backwardAllButton_})
        stepRow->addWidget(b);
    stepRow->addWidget(phase_, 1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(unrolled_);
    scroll->setWidgetResizable(false);
    scroll->setMinimumHeight(unrolled_->sizeHint().height() + 24);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(scroll);
    split->addWidget(chainRule_);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    auto* unrolledLayout = new QVBoxLayout(unrolledPage);
    unrolledLayout->addLayout(stepRow);
    unrolledLayout->addWidget(split, 1);

    auto* gatesPage = new QWidget;
    auto* gatesScroll = new QScrollArea;
    gatesScroll->setWidget(gates_);
    gatesScroll->setWidgetResizable(true);
    auto* gatesLayout = new QVBoxLayout(gatesPage);
    gatesLayout->addWidget(gradientsBox_);
    gatesLayout->addWidget(gatesScroll, 1);

    auto* chartPage = new QWidget;
    auto* chartLayout = new QVBoxLayout(chartPage);
    chartLayout->addWidget(chartNote_);
    chartLayout->addWidget(chart_, 1);

    pages_->addTab(unrolledPage, QString());
    pages_->addTab(gatesPage, QString());
    pages_->addTab(chartPage, QString());
    pages_->addTab(text_, QString());

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(error_);
    layout->addLayout(choice);
    layout->addWidget(summary_);
    layout->addWidget(pages_, 1);

    connect(lab_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i != current_) {
            current_ = i;
            applyLab();
        }
    });
    connect(startButton_, &QPushButton::clicked, this, &RnnView::start);
    connect(pauseButton_, &QPushButton::clicked, this, &RnnView::togglePause);
    connect(stopButton_, &QPushButton::clicked, this, &RnnView::stop);
    connect(sequence_, &QSpinBox::valueChanged, this, [this] {
        refreshComparisons();
        scheduleRefresh();
    });
    connect(unit_, &QSpinBox::valueChanged, this, [this](int u) {
        unrolled_->setUnit(u - 1);
        text_->setUnit(u - 1);
        updateChainRule();
    });
    connect(resetButton_, &QPushButton::clicked, this, [this] { setPhase(0); });
    connect(backButton_, &QPushButton::clicked, this, [this] { setPhase(unrolled_->phase() - 1); });
    connect(stepButton_, &QPushButton::clicked, this, [this] { setPhase(unrolled_->phase() + 1); });
    connect(forwardAllButton_, &QPushButton::clicked, this, [this] {
        setPhase(probe_ ? static_cast<int>(probe_->steps) : 0);
    });
    connect(backwardAllButton_, &QPushButton::clicked, this, [this] { setPhase(unrolled_->maxPhase()); });
    connect(unrolled_, &UnrolledView::stepClicked, this, [this] { updateChainRule(); });
    unrolledScroll_ = scroll;
    connect(gradientsBox_, &QCheckBox::toggled, this, [this] { refreshNow(); });
    connect(pages_, &QTabWidget::currentChanged, this, [this] { scheduleRefresh(); });
    connect(refreshTimer_, &QTimer::timeout, this, &RnnView::refreshProbe);
    connect(training_, &cnn::CnnTraining::stateChanged, this, [this] {
        updateButtons();
        updateStatus();
    });
    connect(training_, &cnn::CnnTraining::networkChanged, this, [this] { scheduleRefresh(); });
    connect(training_, &cnn::CnnTraining::progressed, this, [this] { updateStatus(); });
    connect(training_, &cnn::CnnTraining::finished, this, [this](const cnn::CnnOutcome& o) {
        if (o.failed) showError(o.error);
        if (runLab_ >= 0 && training_->network() != nullptr) {
            Lab& lab = labs_[static_cast<std::size_t>(runLab_)];
            if (lab.built) copyParameters(*training_->network(), lab.built->network);
            lab.trainedEpochs += training_->lastProgress().epoch;
        }
        refreshComparisons();
        refreshNow();
        updateStatus();
    });

    retranslateUi();
    updateButtons();
}

void RnnView::showEvent(QShowEvent* event) {
    // The first lab is built when the tab is first seen, not with every main window.
    if (current_ < 0 && !labs_.empty()) {
        current_ = 0;
        applyLab();
    }
    QWidget::showEvent(event);
}

RnnView::~RnnView() = default;

QString RnnView::engineLanguage() const {
    // Translated to "ko" in rnn_view_ko.ts: engine texts follow the installed translation.
    return tr("en", "Language code of engine texts: translate as ko");
}

QString RnnView::labFile(int i) const { return QFileInfo(labs_.at(static_cast<std::size_t>(i)).path).fileName(); }

bool RnnView::chooseLab(const QString& fileName) {
    if (training_->state() == cnn::CnnTraining::State::Running ||
        training_->state() == cnn::CnnTraining::State::Paused)
        return false;
    for (int i = 0; i < labCount(); ++i) {
        if (labFile(i) == fileName) {
            if (i == current_) return true;
            if (lab_->currentIndex() == i) {
                current_ = i;
                applyLab();
            } else {
                lab_->setCurrentIndex(i);  // applies the lab
            }
            return current_ == i;
        }
    }
    return false;
}

bool RnnView::ensureBuilt(Lab& lab) {
    if (lab.built) return true;
    try {
        lab.built.emplace(buildExperiment(lab.experiment, registry_, QFileInfo(lab.path).fileName().toStdString()));
        return true;
    } catch (const std::exception& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
}

void RnnView::applyLab() {
    error_->hide();
    probe_.reset();
    if (current_ < 0 || current_ >= labCount()) return;
    Lab& lab = labs_[static_cast<std::size_t>(current_)];
    if (!ensureBuilt(lab)) {
        text_->setModel(nullptr, {}, nullptr);
        refreshNow();
        return;
    }
    epochs_->setValue(std::max(1, lab.built->training.epochs));
    const Dataset& seqs = *sequences();
    sequence_->setRange(1, static_cast<int>(std::max<std::size_t>(1, std::min(kSequences, seqs.size()))));
    // The run trains the lab from where its last run in this tab left it.
    training_->setSource(sourceFor(lab, epochs_->value()));
    training_->setStartModel(lab.trainedEpochs > 0 ? modelToJson(lab.built->network, seqs.classNames()) : Json());
    text_->setModel(&lab.built->network, lab.built->dataset->classNames(), lab.built->dataset.get());
    lastTextRefreshMs_ = QDateTime::currentMSecsSinceEpoch();
    refreshComparisons();
    refreshNow();
    updateButtons();
    updateStatus();
}

Network* RnnView::network() {
    if (current_ < 0) return nullptr;
    Lab& lab = labs_[static_cast<std::size_t>(current_)];
    const auto state = training_->state();
    if (runLab_ == current_ && training_->network() != nullptr &&
        (state == cnn::CnnTraining::State::Running || state == cnn::CnnTraining::State::Paused))
        return training_->network();
    return lab.built ? &lab.built->network : nullptr;
}

const Dataset* RnnView::sequences() const {
    if (current_ < 0) return nullptr;
    const Lab& lab = labs_[static_cast<std::size_t>(current_)];
    if (!lab.built) return nullptr;
    return lab.built->testDataset ? lab.built->testDataset.get() : lab.built->dataset.get();
}

void RnnView::setEpochs(int epochs) { epochs_->setValue(epochs); }

cnn::CnnSource RnnView::sourceFor(const Lab& lab, int epochs) const {
    return [experiment = lab.experiment, &registry = registry_, epochs, limit = trainingLimit_]() mutable {
        experiment["training"]["epochs"] = epochs;
        BuiltExperiment ex = buildExperiment(experiment, registry);
        cnn::CnnSetup s;
        s.test = firstOf(ex.testDataset ? *ex.testDataset : *ex.dataset, kSequences);
        s.network = std::move(ex.network);
        s.loss = std::move(ex.loss);
        s.optimizer = std::move(ex.optimizer);
        s.train = limit > 0 ? firstOf(*ex.dataset, limit) : std::move(ex.dataset);
        s.settings = ex.training;
        return s;
    };
}

void RnnView::start() {
    if (current_ < 0 || !labs_[static_cast<std::size_t>(current_)].built) return;
    const auto state = training_->state();
    if (state == cnn::CnnTraining::State::Running || state == cnn::CnnTraining::State::Paused) return;
    error_->hide();
    training_->setSource(sourceFor(labs_[static_cast<std::size_t>(current_)], epochs_->value()), true);
    runLab_ = current_;
    training_->start();
}

void RnnView::togglePause() {
    if (training_->state() == cnn::CnnTraining::State::Running) {
        training_->pause();
    } else if (training_->state() == cnn::CnnTraining::State::Paused) {
        training_->resume();
    }
}

void RnnView::stop() { training_->stop(); }

void RnnView::chooseSequence(int index) { sequence_->setValue(index + 1); }

void RnnView::chooseUnit(int unit) { unit_->setValue(unit + 1); }

void RnnView::showPage(Page page) { pages_->setCurrentIndex(static_cast<int>(page)); }

void RnnView::setPhase(int phase) {
    unrolled_->setPhase(phase);
    phase_->setText(phaseText());
    updateChainRule();
    const int p = unrolled_->phase();
    resetButton_->setEnabled(p > 0);
    backButton_->setEnabled(p > 0);
    stepButton_->setEnabled(p < unrolled_->maxPhase());
    backwardAllButton_->setEnabled(p < unrolled_->maxPhase());
    forwardAllButton_->setEnabled(probe_ && p < static_cast<int>(probe_->steps));
}

void RnnView::chooseStep(int t) {
    unrolled_->selectStep(t);
    const QRect cell = unrolled_->cellRect(t);
    unrolledScroll_->ensureVisible(cell.center().x(), cell.center().y(), cell.width(), 0);
    updateChainRule();
}

void RnnView::showGradients(bool gradients) { gradientsBox_->setChecked(gradients); }

QString RnnView::phaseText() const {
    if (!probe_) return {};
    const int steps = static_cast<int>(probe_->steps);
    const int p = unrolled_->phase();
    if (p == 0) return tr("Nothing computed yet: press Step to run the first time step.");
    if (p <= steps) return tr("Forward pass: time steps 1 … %1 of %2 computed.").arg(p).arg(steps);
    if (p == 2 * steps) return tr("Backward pass done: δ has flowed back to the first time step.");
    return tr("Backward pass: δ has flowed back from step %1 to step %2.").arg(steps).arg(2 * steps - p + 1);
}

QString RnnView::chainRuleHtml() const { return chainRule_->toHtml(); }

QString RnnView::statusText() const { return status_->text(); }

QString RnnView::errorText() const { return error_->isVisible() || !error_->text().isEmpty() ? error_->text() : QString(); }

void RnnView::showError(const QString& text) {
    error_->setText(text);
    error_->setVisible(!text.isEmpty());
}

void RnnView::scheduleRefresh() {
    if (!refreshTimer_->isActive()) refreshTimer_->start();
}

void RnnView::refreshNow() {
    refreshTimer_->stop();
    refreshProbe();
}

QStringList RnnView::inputLabels() const {
    QStringList labels;
    if (!probe_ || probe_->inputWidth == 0) return labels;
    const Lab& lab = labs_[static_cast<std::size_t>(current_)];
    const std::vector<std::string> classes = lab.built ? lab.built->dataset->classNames() : std::vector<std::string>{};
    const auto vocabulary = characterVocabulary(classes);
    for (std::size_t t = 0; t < probe_->steps; ++t) {
        const float* x = probe_->inputs.data() + t * probe_->inputWidth;
        if (vocabulary && probe_->inputWidth == vocabulary->characters.size()) {
            // One-hot: the character (none for an all-zero step).
            const auto* best = std::max_element(x, x + probe_->inputWidth);
            const char c = *best > 0 ? vocabulary->characters[static_cast<std::size_t>(best - x)] : ' ';
            labels << (c == '\n' ? QStringLiteral("↵") : c == ' ' ? QStringLiteral("␣") : QString(QChar::fromLatin1(c)));
        } else {
            QStringList parts;
            for (std::size_t f = 0; f < std::min<std::size_t>(probe_->inputWidth, 3); ++f)
                parts << QString::number(static_cast<double>(x[f]), 'f', 2);
            if (probe_->inputWidth > 3) parts << QStringLiteral("…");
            labels << parts.join(QStringLiteral(", "));
        }
    }
    return labels;
}

void RnnView::refreshProbe() {
    Network* net = network();
    const Dataset* seqs = sequences();
    probe_.reset();
    if (net != nullptr && seqs != nullptr && seqs->size() > 0) {
        const Lab& lab = labs_[static_cast<std::size_t>(current_)];
        const auto n = static_cast<std::size_t>(std::clamp(sequence_->value() - 1, 0, static_cast<int>(seqs->size()) - 1));
        const std::size_t one[] = {n};
        const Batch b = seqs->gather(one);
        try {
            probe_ = probeSequence(*net, *lab.built->loss, b.inputs, b.targets);
            if (!probe_) showError(tr("This lab's network has no recurrent layer to show."));
        } catch (const std::exception& e) {
            showError(QString::fromStdString(e.what()));
        }
    }
    const int keepUnit = unit_->value();
    unit_->setRange(1, probe_ ? std::max(1, static_cast<int>(probe_->units)) : 1);
    unit_->setValue(keepUnit);
    const bool fresh = unrolled_->maxPhase() == 0;
    unrolled_->setProbe(probe_ ? &*probe_ : nullptr, inputLabels());
    unrolled_->setUnit(unit_->value() - 1);
    unrolled_->resize(unrolled_->sizeHint());
    if (fresh && probe_) unrolled_->setPhase(unrolled_->maxPhase());
    setPhase(unrolled_->phase());
    gates_->setProbe(probe_ ? &*probe_ : nullptr, gradientsBox_->isChecked(), engineLanguage().toStdString());

    // The gradient chart: this lab now, and the other labs on the same data as they are.
    std::vector<StepGradientChart::Curve> curves;
    if (probe_) {
        const auto add = [&](const Lab& lab, const QColor& colour, const SequenceProbe& p) {
            curves.push_back({tr("%1: ‖∂E/∂h_t‖").arg(labLabel(lab)), colour, p.gradientNorm, false});
            if (!p.cellGradientNorm.empty())
                curves.push_back({tr("%1: ‖∂E/∂c_t‖ (cell state)").arg(labLabel(lab)), colour, p.cellGradientNorm, true});
        };
        add(labs_[static_cast<std::size_t>(current_)], kCurveColours[0], *probe_);
        std::size_t colour = 1;
        for (const auto& [other, p] : comparisons_)
            add(labs_[static_cast<std::size_t>(other)], kCurveColours[colour++ % std::size(kCurveColours)], p);
    }
    chart_->setCurves(std::move(curves));

    if (probe_) {
        summary_->setText(tr("Layer \"%1\": %2 time steps, %3 units. Sequence %4: loss E = %5, output %6.")
                              .arg(QString::fromStdString(probe_->layer))
                              .arg(probe_->steps)
                              .arg(probe_->units)
                              .arg(sequence_->value())
                              .arg(number(probe_->loss))
                              .arg(probe_->output.size() == 1 ? number(probe_->output[0])
                                                               : tr("%1 values").arg(probe_->output.size())));
    } else {
        summary_->clear();
    }
    // The coloured text costs a forward pass over many windows: while training, only
    // on its own page and not too often.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool running = training_->state() == cnn::CnnTraining::State::Running;
    if (text_->usable() && (!running || (pages_->currentWidget() == text_ && now - lastTextRefreshMs_ >= kTextRefreshMs))) {
        if (current_ >= 0 && net != nullptr && net != &labs_[static_cast<std::size_t>(current_)].built->network) {
            Lab& lab = labs_[static_cast<std::size_t>(current_)];
            text_->setModel(net, lab.built->dataset->classNames(), lab.built->dataset.get());
        } else {
            text_->refresh();
        }
        lastTextRefreshMs_ = now;
    }
}

void RnnView::refreshComparisons() {
    comparisons_.clear();
    if (current_ < 0 || !labs_[static_cast<std::size_t>(current_)].built) return;
    const Json& data = labs_[static_cast<std::size_t>(current_)].experiment.value("dataset", Json());
    const Dataset* seqs = sequences();
    const auto n = static_cast<std::size_t>(std::max(0, sequence_->value() - 1));
    if (seqs == nullptr || n >= seqs->size()) return;
    const std::size_t one[] = {n};
    const Batch b = seqs->gather(one);
    for (int i = 0; i < labCount(); ++i) {
        Lab& other = labs_[static_cast<std::size_t>(i)];
        if (i == current_ || other.experiment.value("dataset", Json()) != data) continue;
        if (!ensureBuilt(other)) continue;
        try {
            if (auto p = probeSequence(other.built->network, *other.built->loss, b.inputs, b.targets))
                comparisons_.emplace_back(i, std::move(*p));
        } catch (const std::exception&) {
            // A lab whose network does not read these sequences is left out.
        }
    }
}

QString RnnView::labLabel(const Lab& lab) const {
    const QString name = QString::fromStdString(lab.name.in(engineLanguage().toStdString()));
    const int index = static_cast<int>(&lab - labs_.data());
    if (index == runLab_ && index == current_ && (training_->state() == cnn::CnnTraining::State::Running ||
                                                  training_->state() == cnn::CnnTraining::State::Paused))
        return tr("%1 (training, epoch %2)").arg(name).arg(training_->lastProgress().epoch);
    if (lab.trainedEpochs > 0) return tr("%1 (trained %n epoch(s))", nullptr, lab.trainedEpochs).arg(name);
    return tr("%1 (untrained)").arg(name);
}

void RnnView::updateChainRule() {
    if (!probe_) {
        chainRule_->setHtml(QStringLiteral("<p>%1</p>").arg(tr("Choose a recurrent lab.")));
        return;
    }
    const SequenceProbe& p = *probe_;
    int t = unrolled_->selectedStep();
    if (t < 0) {
        chainRule_->setHtml(QStringLiteral("<p>%1</p>").arg(
            tr("Click a time step in the unrolled layer to see its numbers and the chain rule through it.")));
        return;
    }
    const auto st = static_cast<std::size_t>(t);
    const auto j = static_cast<std::size_t>(unit_->value() - 1);
    const std::string lang = engineLanguage().toStdString();
    const bool fwd = unrolled_->forwardShown(t);
    const bool bwd = unrolled_->backwardShown(t);
    const QStringList labels = inputLabels();
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("Time step t = %1, unit %2").arg(t + 1).arg(j + 1));
    html += QStringLiteral("<p>x<sub>t</sub> = %1</p>").arg(st < static_cast<std::size_t>(labels.size()) ? labels.at(t).toHtmlEscaped() : QString());
    html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(tr("internal"), tr("value"), tr("dE/d(value)"), tr("what it is"));
    for (const StepSeries& s : p.series) {
        const QString value = fwd ? number(s.value[st * p.units + j]) : QStringLiteral("?");
        const QString grad = bwd && !s.grad.empty() ? number(s.grad[st * p.units + j]) : QStringLiteral("—");
        html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td><td>%4</td></tr>")
                    .arg(QString::fromStdString(s.name), value, grad,
                         QString::fromStdString(s.help.in(lang)).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    if (bwd) {
        html += QStringLiteral("<p>%1</p>").arg(
            t + 1 < static_cast<int>(p.steps)
                ? tr("∂E/∂h<sub>%1</sub> has two parts: what the output at this step sends back (when the loss "
                     "reads it) and what step %2 sends back through the recurrent weights U. That is why δ "
                     "can grow or fade from step to step.")
                      .arg(t + 1)
                      .arg(t + 2)
                : tr("∂E/∂h<sub>%1</sub> comes from the loss directly: this is where the backward pass through time "
                     "starts.")
                      .arg(t + 1));
    }
    const std::vector<RecurrentTerm> terms = p.recurrentTerms(j, j);
    if (!terms.empty()) {
        html += QStringLiteral("<h4>%1</h4>").arg(tr("∂E/∂U[%1][%1] as a sum over the time steps").arg(j + 1));
        html += QStringLiteral("<p>%1</p>").arg(
            tr("The same U is used at every step, so its gradient adds up every step's share: ∂E/∂U[i][j] = Σ<sub>t</sub> "
               "h<sub>t−1</sub>[i] · ∂E/∂z<sub>t</sub>[j]. Shares appear as the backward pass reaches their step."));
        html += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>t</th><th>h<sub>t−1</sub></th>"
                               "<th>∂E/∂z<sub>t</sub></th><th>%1</th><th>%2</th></tr>")
                    .arg(tr("share"), tr("sum so far"));
        double sum = 0.0;
        for (auto it = terms.rbegin(); it != terms.rend(); ++it) {
            if (!unrolled_->backwardShown(static_cast<int>(it->step))) break;
            const double share = it->previousHidden * it->preActivationGrad;
            sum += share;
            html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td>"
                                   "<td align=\"right\">%4</td><td align=\"right\">%5</td></tr>")
                        .arg(it->step + 1)
                        .arg(number(it->previousHidden), number(it->preActivationGrad), number(share), number(sum));
        }
        html += QStringLiteral("</table>");
        if (unrolled_->backwardShown(0)) {
            if (const auto engine = p.recurrentGradient(j, j))
                html += QStringLiteral("<p>%1</p>").arg(
                    tr("Sum of the shares: %1. The engine's ∂E/∂U[%2][%2]: %3.").arg(number(sum)).arg(j + 1).arg(number(*engine)));
        }
    }
    chainRule_->setHtml(html);
}

void RnnView::updateButtons() {
    const auto state = training_->state();
    const bool busy = state == cnn::CnnTraining::State::Running || state == cnn::CnnTraining::State::Paused;
    const bool ready = current_ >= 0 && labs_[static_cast<std::size_t>(current_)].built.has_value();
    lab_->setEnabled(!busy);
    epochs_->setEnabled(!busy);
    startButton_->setEnabled(!busy && ready);
    pauseButton_->setEnabled(busy);
    stopButton_->setEnabled(busy);
    pauseButton_->setText(state == cnn::CnnTraining::State::Paused ? tr("Resume") : tr("Pause"));
}

void RnnView::updateStatus() {
    const cnn::CnnProgress& p = training_->lastProgress();
    QString text;
    switch (training_->state()) {
        case cnn::CnnTraining::State::Idle: text = tr("Not trained in this tab yet."); break;
        case cnn::CnnTraining::State::Running:
        case cnn::CnnTraining::State::Paused:
            text = (training_->state() == cnn::CnnTraining::State::Paused ? tr("Paused at epoch %1 of %2")
                                                                            : tr("Training: epoch %1 of %2"))
                       .arg(std::max(1, p.epoch))
                       .arg(p.epochs);
            if (std::isfinite(p.loss)) text += tr(", loss %1").arg(number(p.loss));
            break;
        case cnn::CnnTraining::State::Finished:
            text = tr("Trained %n epoch(s) in this tab.", nullptr,
                      current_ >= 0 ? labs_[static_cast<std::size_t>(current_)].trainedEpochs : 0);
            if (trainingLimit_ > 0) text += QLatin1Char(' ') + tr("(On the first %1 training sequences only.)").arg(trainingLimit_);
            break;
    }
    status_->setText(text);
}

void RnnView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refreshNow();
    }
    QWidget::changeEvent(event);
}

void RnnView::retranslateUi() {
    const std::string lang = engineLanguage().toStdString();
    for (std::size_t i = 0; i < labs_.size(); ++i)
        lab_->setItemText(static_cast<int>(i), QString::fromStdString(labs_[i].name.in(lang)));
    labLabel_->setText(tr("Lab:"));
    epochsLabel_->setText(tr("Epochs:"));
    startButton_->setText(tr("Train"));
    stopButton_->setText(tr("Stop"));
    sequenceLabel_->setText(tr("Sequence:"));
    unitLabel_->setText(tr("Unit:"));
    resetButton_->setText(tr("Reset"));
    backButton_->setText(tr("◀ Back"));
    stepButton_->setText(tr("Step ▶"));
    forwardAllButton_->setText(tr("Whole forward pass"));
    backwardAllButton_->setText(tr("Whole backward pass"));
    gradientsBox_->setText(tr("Show gradients dE/d(value) instead of values"));
    chartNote_->setText(tr("‖∂E/∂h_t‖: how much the loss still feels each time step's state. The same sequence "
                           "goes through this lab's network and through the other labs on the same data, each as "
                           "trained in this tab so far. Where a curve has fallen by many powers of ten, the first "
                           "steps barely move the weights: the gradient has vanished on its way back. An LSTM also "
                           "passes gradient back along its cell state c_t (dashed). Train each lab and compare the "
                           "curves before and after."));
    pages_->setTabText(0, tr("Unrolled"));
    pages_->setTabText(1, tr("Gates over time"));
    pages_->setTabText(2, tr("Gradient per step"));
    pages_->setTabText(3, tr("Text"));
    updateButtons();
    updateStatus();
    phase_->setText(phaseText());
}

}  // namespace deepstep::studio::rnn
