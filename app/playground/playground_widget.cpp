#include "playground_widget.hpp"

#include "confusion_matrix_view.hpp"
#include "decision_boundary_view.hpp"
#include "event_loop_latency_probe.hpp"
#include "hidden_layer_editor.hpp"
#include "input_features.hpp"
#include "loss_chart.hpp"
#include "neuron_thumbnails.hpp"
#include "playground_run.hpp"
#include "playground_style.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/random.hpp"
#include "model/chosen_device.hpp"
#include "model/experiments_folder.hpp"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace deepstep::studio {

namespace {
// Each run's summary (epochs, UI latency): QT_LOGGING_RULES="deepstep.studio.playground.info=true".
Q_LOGGING_CATEGORY(lcPlayground, "deepstep.studio.playground", QtWarningMsg)

constexpr double kDomainLow = -6.0;
constexpr double kDomainHigh = 6.0;
/// Resolution of the decision-boundary and neuron grids: fine enough to look smooth
/// when scaled, small enough to evaluate 20 times a second in a debug build.
constexpr int kGrid = 48;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

PlaygroundWidget::PlaygroundWidget(const Registry& registry, QWidget* parent)
    : QWidget(parent),
      registry_(registry),
      testAccuracy_(kNaN),
      trainAccuracy_(kNaN),
      testLoss_(kNaN),
      trainLoss_(kNaN),
      reportedRate_(kNaN) {
    try {
        template_ = PlaygroundTemplate::load(
            QDir(experimentsFolder()).filePath(QStringLiteral("playground.json")).toStdString(), registry_);
    } catch (const std::exception& e) {
        // Shown when a run is started: everything else of the playground still works.
        templateError_ = QString::fromStdString(e.what());
    }
    run_ = new PlaygroundRun(this);
    buildUi();
    retranslateUi();
    refreshData();
    updateControls();
}

PlaygroundWidget::~PlaygroundWidget() = default;

// ---------------------------------------------------------------------------- UI

void PlaygroundWidget::buildUi() {
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(8, 8, 8, 0);
    root->setSpacing(6);
    controls_ = new PlaygroundControls(registry_, this);

    // Top bar: run controls and the hyper-parameters.
    auto* top = new QHBoxLayout;
    start_ = new QPushButton(this);
    pause_ = new QPushButton(this);
    stop_ = new QPushButton(this);
    start_->setObjectName("start");
    pause_->setObjectName("pause");
    stop_->setObjectName("stop");
    epochLabel_ = new QLabel(this);
    QFont big = epochLabel_->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    epochLabel_->setFont(big);
    epochLabel_->setMinimumWidth(QFontMetrics(big).horizontalAdvance(QStringLiteral("Epoch 000,000")) + 10);
    top->addWidget(start_);
    top->addWidget(pause_);
    top->addWidget(stop_);
    top->addSpacing(8);
    top->addWidget(epochLabel_);
    top->addStretch(1);
    top->addWidget(controls_->hyperParameterBar());
    root->addLayout(top);

    auto* main = new QHBoxLayout;
    main->setSpacing(8);

    // Left column: data, features, optimizer.
    controls_->setFixedWidth(250);
    main->addWidget(controls_);

    // Middle: the network and what its units compute.
    // No group box frames around the views: they paint their own window-coloured
    // background (cheaper to repaint), and a filled frame would show a second shade.
    auto* networkBox = new QWidget(this);
    auto* mid = new QVBoxLayout(networkBox);
    mid->setContentsMargins(0, 0, 0, 0);
    networkTitle_ = new QLabel(this);
    mid->addWidget(networkTitle_);
    layers_ = new HiddenLayerEditor(this);
    thumbnails_ = new NeuronThumbnails(this);
    confusion_ = new ConfusionMatrixView(this);
    confusion_->setFixedHeight(175);
    mid->addWidget(layers_);
    mid->addWidget(thumbnails_, 1);
    mid->addWidget(confusion_);
    main->addWidget(networkBox, 1);

    // Right: the output.
    auto* outputBox = new QWidget(this);
    auto* right = new QVBoxLayout(outputBox);
    right->setContentsMargins(0, 0, 0, 0);
    outputTitle_ = new QLabel(this);
    right->addWidget(outputTitle_);
    boundary_ = new DecisionBoundaryView(this);
    boundary_->setDomain(kDomainLow, kDomainHigh);
    boundary_->setFixedSize(330, 330);
    metrics_ = new QLabel(this);
    metrics_->setWordWrap(true);
    chart_ = new LossChart(this);
    right->addWidget(boundary_, 0, Qt::AlignHCenter);
    right->addWidget(metrics_);
    right->addWidget(chart_, 1);
    outputBox->setFixedWidth(370);
    main->addWidget(outputBox);
    root->addLayout(main, 1);

    statusBar_ = new QStatusBar(this);
    statusBar_->setSizeGripEnabled(false);
    status_ = new QLabel(this);
    status_->setObjectName("status");
    progress_ = new QProgressBar(this);
    progress_->setFixedWidth(240);
    progress_->setRange(0, controls_->epochs());
    progress_->setValue(0);
    latency_ = new QLabel(this);
    latency_->setObjectName("latency");
    statusBar_->addWidget(status_, 1);
    statusBar_->addPermanentWidget(progress_);
    statusBar_->addPermanentWidget(latency_);
    root->addWidget(statusBar_);

    connect(start_, &QPushButton::clicked, this, &PlaygroundWidget::startTraining);
    connect(pause_, &QPushButton::clicked, this, [this] {
        if (isPaused()) {
            resumeTraining();
        } else {
            pauseTraining();
        }
    });
    connect(stop_, &QPushButton::clicked, this, &PlaygroundWidget::stopTraining);
    connect(controls_, &PlaygroundControls::learningRateChanged, run_, &PlaygroundRun::setLearningRate);
    connect(controls_, &PlaygroundControls::dataChanged, this, &PlaygroundWidget::refreshData);
    connect(controls_, &PlaygroundControls::featuresChanged, this, &PlaygroundWidget::refreshFeaturePreview);
    connect(controls_, &PlaygroundControls::showTestDataChanged, boundary_, &DecisionBoundaryView::setShowTestPoints);
    connect(controls_, &PlaygroundControls::saveRequested, this, &PlaygroundWidget::chooseAndSaveExperiment);
    connect(layers_, &HiddenLayerEditor::layersChanged, this, &PlaygroundWidget::updateControls);
    connect(layers_, &HiddenLayerEditor::layersChanged, this, &PlaygroundWidget::refreshFeaturePreview);

    connect(run_, &PlaygroundRun::progress, this, &PlaygroundWidget::onProgress);
    connect(run_, &PlaygroundRun::stateChanged, this, &PlaygroundWidget::updateControls);
    connect(run_, &PlaygroundRun::latencyChanged, this, &PlaygroundWidget::updateLatency);
    connect(run_, &PlaygroundRun::finished, this, [this](const TrainingOutcome& outcome) {
        onEnded([explanation = outcome.explanation] {
            return QString::fromStdString(explanation.in(playground::engineLanguage().toStdString()));
        });
    });
    connect(run_, &PlaygroundRun::failed, this, [this](const QString& message) {
        onEnded([message] { return tr("Training failed: %1").arg(message); });
    });
}

void PlaygroundWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void PlaygroundWidget::retranslateUi() {
    start_->setText(tr("Start"));
    start_->setToolTip(tr("Build the network from the settings and train it"));
    pause_->setText(isPaused() ? tr("Resume") : tr("Pause"));
    stop_->setText(tr("Stop"));
    epochLabel_->setText(tr("Epoch %1").arg(QLocale().toString(epoch_)));

    networkTitle_->setText(QStringLiteral("<b>%1</b>").arg(tr("Network").toHtmlEscaped()));
    outputTitle_->setText(QStringLiteral("<b>%1</b>").arg(tr("Output").toHtmlEscaped()));
    confusion_->setCaption(confusionOnTest_ ? tr("test data") : tr("training data"));
    QStringList names;
    for (const std::string& n : classNames_)
        names << className(n);
    confusion_->setClassNames(names);
    progress_->setFormat(tr("epoch %v of %m"));
    if (statusMaker_) status_->setText(statusMaker_());
    if (runColumns_.empty()) {
        refreshFeaturePreview();
    } else {
        showRunColumns();
    }
    updateMetrics();
    updateLatency();
}

QString PlaygroundWidget::className(const std::string& name) const {
    if (name == "orange") return tr("orange");
    if (name == "blue") return tr("blue");
    return QString::fromStdString(name);
}

void PlaygroundWidget::showStatus(std::function<QString()> maker) {
    statusMaker_ = std::move(maker);
    status_->setText(statusMaker_ ? statusMaker_() : QString());
}

QString PlaygroundWidget::statusText() const {
    return status_->text();
}

void PlaygroundWidget::updateControls() {
    const bool running = isTraining();
    start_->setEnabled(!running);
    pause_->setEnabled(running);
    stop_->setEnabled(running);
    pause_->setText(isPaused() ? tr("Resume") : tr("Pause"));
    layers_->setEnabled(!running);
    controls_->setRunning(running);
}

void PlaygroundWidget::updateMetrics() {
    auto fmt = [](double v, int decimals) {
        return std::isfinite(v) ? QLocale().toString(v, 'f', decimals) : QStringLiteral("–");
    };
    auto pct = [](double v) {
        return std::isfinite(v) ? QLocale().toString(v * 100.0, 'f', 1) + QStringLiteral(" %") : QStringLiteral("–");
    };
    metrics_->setText(tr("Test loss %1 · training loss %2\nTest accuracy %3 · training accuracy %4")
                          .arg(fmt(testLoss_, 3), fmt(trainLoss_, 3), pct(testAccuracy_), pct(trainAccuracy_)));
}

void PlaygroundWidget::updateLatency() {
    const EventLoopLatencyProbe& probe = latencyProbe();
    if (probe.sampleCount() == 0) {
        latency_->setText(isTraining() ? tr("UI latency: measuring…") : tr("UI latency: –"));
        latency_->setToolTip(tr("How late a 5 ms timer fires on the UI thread while training"));
        return;
    }
    latency_->setText(tr("UI latency: max %1 ms, 99 %: %2 ms")
                          .arg(QLocale().toString(probe.maxLatencyMs(), 'f', 1),
                               QLocale().toString(probe.percentileMs(99.0), 'f', 1)));
}

// ---------------------------------------------------------------------------- data

void PlaygroundWidget::refreshData() {
    if (isTraining()) return;
    const std::string name = controls_->dataset().toStdString();
    dataError_.clear();
    points_ = Tensor();
    targets_ = Tensor();
    trainIndex_.clear();
    testIndex_.clear();
    try {
        const int samples = controls_->sampleCount();
        Json options{{"samples", samples - samples % 2}, {"noise", controls_->noise()}, {"seed", controls_->seed()}};
        const std::unique_ptr<Dataset> data = registry_.makeDataset(name, options, "dataset");
        if (data->inputShape() != Shape{2} || data->targetShape() != Shape{1}) {
            throw InputError("dataset " + name, "expected 2 inputs and one target column, got " +
                                                    data->inputShape().str() + " and " + data->targetShape().str());
        }
        const Batch all = data->all();
        points_ = all.inputs;
        targets_ = all.targets;
        classNames_ = data->classNames();
        const std::size_t n = data->size();
        Rng rng(static_cast<std::uint64_t>(controls_->seed()) * 7919U + 17U);
        const std::vector<std::size_t> order = rng.permutation(n);
        const auto trainCount = std::clamp<std::size_t>(
            static_cast<std::size_t>(std::lround(static_cast<double>(n) * controls_->trainRatio() / 100.0)), 1,
            n - 1);
        trainIndex_.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(trainCount));
        testIndex_.assign(order.begin() + static_cast<std::ptrdiff_t>(trainCount), order.end());
    } catch (const std::exception& e) {
        dataError_ = QString::fromStdString(e.what());
        showStatus([msg = dataError_] { return msg; });
    }
    auto plot = [this](const std::vector<std::size_t>& index) {
        std::vector<PlotPoint> out;
        out.reserve(index.size());
        for (std::size_t i : index) {
            out.push_back({points_[2 * i], points_[2 * i + 1], targets_[i] > 0.5F ? 1 : 0});
        }
        return out;
    };
    boundary_->setPoints(plot(trainIndex_), plot(testIndex_));
    // New data: the last run's map and thumbnails no longer describe it.
    boundary_->clearGrid();
    refreshFeaturePreview();
    QStringList names;
    for (const std::string& n : classNames_)
        names << className(n);
    confusion_->setClassNames(names);
}

void PlaygroundWidget::refreshFeaturePreview() {
    if (isTraining()) return;
    // Before a run (or once the inputs changed after one), the thumbnails show the
    // chosen features only.
    runColumns_.clear();
    const std::vector<InputFeature> features = controls_->selectedFeatures();
    if (features.empty()) {
        thumbnails_->clear();
        return;
    }
    const Tensor grid = expandFeatures(gridPoints(kGrid, kDomainLow, kDomainHigh), features);
    thumbnails_->clearEdgeWeights();
    std::vector<NeuronColumn> columns{{tr("Features"), static_cast<int>(features.size()),
                                       std::vector<float>(grid.values().begin(), grid.values().end())}};
    // The network the settings describe, drawn before it exists: each hidden layer and
    // the output unit, grey (no output yet) until a run reports.
    const std::size_t points = static_cast<std::size_t>(kGrid) * kGrid;
    const QVector<int> hidden = layers_->layers();
    for (int i = 0; i < hidden.size(); ++i)
        columns.push_back({tr("Layer %1").arg(i + 1), hidden[i], std::vector<float>(points * static_cast<std::size_t>(hidden[i]), 0.0F)});
    columns.push_back({tr("Output"), 1, std::vector<float>(points, 0.0F)});
    thumbnails_->setColumns(kGrid, columns);
    QStringList labels;
    for (InputFeature f : features)
        labels << featureLabel(f);
    thumbnails_->setUnitLabels(0, labels);
}

// ---------------------------------------------------------------------------- the experiment

PlaygroundSetup PlaygroundWidget::currentSetup() const {
    if (!dataError_.isEmpty() || points_.empty()) throw InputError("dataset", dataError_.toStdString());
    const std::vector<InputFeature> features = controls_->selectedFeatures();
    if (features.empty()) throw InputError({}, tr("Choose at least one input feature.").toStdString());
    if (!template_.isLoaded()) throw InputError({}, templateError_.toStdString());

    std::vector<std::string> featureNames;
    for (InputFeature f : features)
        featureNames.push_back(featureKey(f).toStdString());
    auto subset = [&](const std::vector<std::size_t>& index) {
        Tensor pts(Shape{index.size(), 2});
        Tensor tgt(Shape{index.size(), 1});
        for (std::size_t k = 0; k < index.size(); ++k) {
            pts[2 * k] = points_[2 * index[k]];
            pts[2 * k + 1] = points_[2 * index[k] + 1];
            tgt[k] = targets_[index[k]];
        }
        return inlineDataset(expandFeatures(pts, features), tgt, classNames_, featureNames);
    };

    PlaygroundSetup s;
    controls_->fillSetup(s);
    QStringList units;
    for (int u : layers_->layers()) {
        s.hiddenUnits.push_back(u);
        units << QString::number(u);
    }
    const QString data = controls_->datasetTitle();
    s.name = (units.isEmpty() ? tr("Playground: %1, no hidden layer").arg(data)
                              : tr("Playground: %1, hidden layers %2").arg(data, units.join('-')))
                 .toStdString();
    s.train = subset(trainIndex_);
    s.test = subset(testIndex_);
    return s;
}

Json PlaygroundWidget::experiment() const {
    return template_.experimentFor(currentSetup());
}

bool PlaygroundWidget::saveExperiment(const QString& path, QString* error) {
    try {
        writeFileAtomically(path.toStdString(), experiment().dump(2) + "\n");
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

void PlaygroundWidget::chooseAndSaveExperiment() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save the playground as an experiment"),
                                                QStringLiteral("playground.json"), tr("Experiments (*.json)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
    QString error;
    if (saveExperiment(path, &error)) {
        showStatus([file = QFileInfo(path).fileName()] {
            return tr("Saved as %1: `deepstep train %1` trains the same network.").arg(file);
        });
    } else {
        QMessageBox::warning(this, tr("Cannot save the experiment"),
                             tr("The playground could not be saved as %1.\n\n%2").arg(path, error));
    }
}

TrainingJob PlaygroundWidget::buildJob() {
    // The code path of `deepstep train`: the experiment builder.
    BuiltExperiment ex = buildExperiment(template_.experimentFor(currentSetup()), registry_, "playground");
    TrainingJob job;
    job.network = std::move(ex.network);
    job.loss = std::move(ex.loss);
    job.optimizer = std::move(ex.optimizer);
    job.optimizer->setLearningRate(controls_->learningRate());
    job.train = std::move(ex.dataset);
    job.test = std::move(ex.testDataset);
    job.settings = ex.training;

    const std::vector<InputFeature> features = controls_->selectedFeatures();
    const Tensor grid = expandFeatures(gridPoints(kGrid, kDomainLow, kDomainHigh), features);
    featureGrid_.assign(grid.values().begin(), grid.values().end());
    runFeatures_ = features;
    job.probeInputs = grid;
    job.progressIntervalMs = 50;
    // View ▸ Device: where the Studio trains.
    job.device = chosenDeviceName().toStdString();
    return job;
}

// ---------------------------------------------------------------------------- the run

bool PlaygroundWidget::isTraining() const {
    return run_->isActive();
}
bool PlaygroundWidget::isPaused() const {
    return run_->isPaused();
}
const EventLoopLatencyProbe& PlaygroundWidget::latencyProbe() const {
    return run_->latencyProbe();
}

void PlaygroundWidget::startTraining() {
    if (isTraining()) return;
    refreshData();
    TrainingJob job;
    try {
        job = buildJob();
    } catch (const std::exception& e) {
        const QString msg = QString::fromStdString(e.what());
        showStatus([msg] { return tr("Cannot start: %1").arg(msg); });
        return;
    }
    chart_->clear();
    confusion_->clear();
    boundary_->clearGrid();
    epoch_ = 0;
    deviceShown_ = false;
    testAccuracy_ = trainAccuracy_ = testLoss_ = trainLoss_ = reportedRate_ = kNaN;
    progress_->setRange(0, job.settings.epochs);
    progress_->setValue(0);
    run_->start(std::move(job));
    showStatus([] { return tr("Training…"); });
    retranslateUi();
}

void PlaygroundWidget::pauseTraining() {
    if (!isTraining() || isPaused()) return;
    run_->pause();
    showStatus([this] { return tr("Paused at epoch %1.").arg(epoch_); });
}

void PlaygroundWidget::resumeTraining() {
    if (!isTraining() || !isPaused()) return;
    run_->resume();
    showStatus([] { return tr("Training…"); });
}

void PlaygroundWidget::stopTraining() {
    if (!isTraining()) return;
    run_->cancel();
    showStatus([] { return tr("Stopping…"); });
}

void PlaygroundWidget::onProgress(const TrainingProgress& p) {
    chart_->addEpochs(p.newEpochs);
    if (!p.newEpochs.empty()) {
        const EpochInfo& e = p.newEpochs.back();
        trainLoss_ = e.trainLoss;
        trainAccuracy_ = e.trainAccuracy;
        if (e.hasValidation) {
            testLoss_ = e.validationLoss;
            testAccuracy_ = e.validationAccuracy;
        }
    }
    if (!p.device.en.empty() && !deviceShown_) {
        // Once per run: where it computes.
        deviceShown_ = true;
        showStatus([device = p.device] {
            return tr("Training… %1").arg(QString::fromStdString(device.in(playground::engineLanguage().toStdString())));
        });
    }
    epoch_ = p.epoch;
    reportedRate_ = p.learningRate;
    progress_->setValue(std::min(epoch_, progress_->maximum()));
    epochLabel_->setText(tr("Epoch %1").arg(QLocale().toString(epoch_)));

    const std::size_t points = static_cast<std::size_t>(kGrid) * kGrid;
    if (p.outputUnits >= 1 && p.probeOutput.size() == points * static_cast<std::size_t>(p.outputUnits)) {
        std::vector<float> blue(points);
        // One sigmoid unit is P(blue); with several outputs, the last class's score.
        const auto k = static_cast<std::size_t>(p.outputUnits);
        for (std::size_t i = 0; i < points; ++i)
            blue[i] = p.probeOutput[i * k + (k - 1)];
        boundary_->setGrid(kGrid, blue);
    }

    runColumns_.clear();
    runColumns_.push_back({QString(), static_cast<int>(runFeatures_.size()), featureGrid_});
    for (const ProbeLayer& layer : p.probeLayers)
        runColumns_.push_back({QString(), layer.units, layer.values});
    // The output is a probability in [0, 1]; drawn like the decision boundary (0 orange, 1 blue).
    std::vector<float> outputShade(p.probeOutput.size());
    std::transform(p.probeOutput.begin(), p.probeOutput.end(), outputShade.begin(),
                   [](float v) { return 2.0F * v - 1.0F; });
    runColumns_.push_back({QString(), p.outputUnits, std::move(outputShade)});
    showRunColumns();
    // Layer k's weights join column k to column k + 1 (the thumbnails ignore a gap whose
    // unit counts do not match, e.g. a layer without a weight matrix in between).
    thumbnails_->clearEdgeWeights();
    for (std::size_t k = 0; k < p.weights.size(); ++k)
        thumbnails_->setEdgeWeights(static_cast<int>(k), p.weights[k].inputs, p.weights[k].outputs, p.weights[k].values);

    confusionOnTest_ = p.confusionOnTest;
    confusion_->setCaption(confusionOnTest_ ? tr("test data") : tr("training data"));
    confusion_->setCounts(p.classes, p.confusion);
    updateMetrics();
    updateLatency();
    emit progressed();
}

void PlaygroundWidget::showRunColumns() {
    const auto n = static_cast<int>(runColumns_.size());
    for (int i = 0; i < n; ++i) {
        runColumns_[static_cast<std::size_t>(i)].title =
            i == 0 ? tr("Features") : (i + 1 == n ? tr("Output") : tr("Layer %1").arg(i));
    }
    thumbnails_->setColumns(kGrid, runColumns_);
    QStringList labels;
    for (InputFeature f : runFeatures_)
        labels << featureLabel(f);
    thumbnails_->setUnitLabels(0, labels);
}

void PlaygroundWidget::onEnded(std::function<QString()> status) {
    const EventLoopLatencyProbe& probe = latencyProbe();
    qCInfo(lcPlayground,
           "Playground run: %d epochs; UI event-loop latency max %.2f ms, 99th percentile %.2f ms over %zu ticks",
           epoch_, probe.maxLatencyMs(), probe.percentileMs(99.0), probe.sampleCount());
    showStatus(std::move(status));
    emit trainingFinished();
}

// ---------------------------------------------------------------------------- settings

QStringList PlaygroundWidget::features() const {
    QStringList out;
    for (InputFeature f : controls_->selectedFeatures())
        out << featureKey(f);
    return out;
}

void PlaygroundWidget::setHiddenLayers(const QVector<int>& units) {
    layers_->setLayers(units);
}
QVector<int> PlaygroundWidget::hiddenLayers() const {
    return layers_->layers();
}

QWidget* PlaygroundWidget::chartsWidget() const {
    return chart_;
}

}  // namespace deepstep::studio
