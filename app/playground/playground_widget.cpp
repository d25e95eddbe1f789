#include "playground_widget.hpp"

#include "confusion_matrix_view.hpp"
#include "decision_boundary_view.hpp"
#include "event_loop_latency_probe.hpp"
#include "hidden_layer_editor.hpp"
#include "input_features.hpp"
#include "loss_chart.hpp"
#include "neuron_thumbnails.hpp"
#include "number_spin_box.hpp"
#include "playground_style.hpp"
#include "schema_options_editor.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
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

/// A label above its control, as in the playground's top bar.
QWidget* labelled(QLabel* label, QWidget* control, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(label);
    v->addWidget(control);
    return box;
}

void selectData(QComboBox* box, const QString& key) {
    const int index = box->findData(key);
    if (index >= 0) box->setCurrentIndex(index);
}

bool isPointCloud(const Registry& registry, const ComponentInfo& info) {
    // A dataset the playground can show: generated points with these options, two
    // features and one 0/1 target. The toy datasets are such; so may a dataset from any
    // other plugin. The tabular and sequence generators have the options too, but not
    // the shape: a small sample of each tells.
    if (!(info.schema.find("samples") && info.schema.find("noise") && info.schema.find("seed"))) return false;
    try {
        const auto sample = registry.makeDataset(info.name, Json{{"samples", 20}});
        return sample->inputShape() == Shape{2} && sample->targetShape() == Shape{1} &&
               sample->classNames().size() == 2;
    } catch (const std::exception&) {
        return false;
    }
}
}  // namespace

PlaygroundWidget::PlaygroundWidget(const Registry& registry, QWidget* parent)
    : QWidget(parent),
      registry_(registry),
      testAccuracy_(kNaN),
      trainAccuracy_(kNaN),
      testLoss_(kNaN),
      trainLoss_(kNaN),
      reportedRate_(kNaN) {
    probe_ = new EventLoopLatencyProbe(5, this);
    latencyRefresh_ = new QTimer(this);
    latencyRefresh_->setInterval(250);
    connect(latencyRefresh_, &QTimer::timeout, this, &PlaygroundWidget::updateLatency);
    buildUi();
    populateChoices();
    retranslateUi();
    refreshData();
    updateControls();
}

PlaygroundWidget::~PlaygroundWidget() {
    if (worker_) {
        worker_->cancel();
        thread_->quit();
        thread_->wait();
        delete worker_;
        worker_ = nullptr;
    }
}

// ---------------------------------------------------------------------------- UI

void PlaygroundWidget::buildUi() {
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(8, 8, 8, 0);
    root->setSpacing(6);

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

    epochsLabel_ = new QLabel(this);
    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 1000000);
    epochs_->setValue(1000);
    learningRateLabel_ = new QLabel(this);
    learningRate_ = new NumberSpinBox(this);
    learningRate_->setObjectName("learningRate");
    learningRate_->setLogarithmicSteps(true);
    learningRate_->setRange(1e-6, 10.0);
    learningRate_->setValue(0.03);
    activationLabel_ = new QLabel(this);
    activation_ = new QComboBox(this);
    lossLabel_ = new QLabel(this);
    loss_ = new QComboBox(this);
    regularizationLabel_ = new QLabel(this);
    regularization_ = new QComboBox(this);
    regularization_->addItem(QString(), static_cast<int>(Regularization::None));
    regularization_->addItem(QStringLiteral("L1"), static_cast<int>(Regularization::L1));
    regularization_->addItem(QStringLiteral("L2"), static_cast<int>(Regularization::L2));
    regularizationRateLabel_ = new QLabel(this);
    regularizationRate_ = new NumberSpinBox(this);
    regularizationRate_->setLogarithmicSteps(true);
    regularizationRate_->setRange(0.0, 10.0);
    regularizationRate_->setValue(0.0);
    dropoutLabel_ = new QLabel(this);
    dropout_ = new QDoubleSpinBox(this);
    dropout_->setRange(0.0, 0.9);
    dropout_->setSingleStep(0.05);
    dropout_->setDecimals(2);
    for (auto [label, control] : {std::pair<QLabel*, QWidget*>{epochsLabel_, epochs_},
                                  {learningRateLabel_, learningRate_},
                                  {activationLabel_, activation_},
                                  {lossLabel_, loss_},
                                  {regularizationLabel_, regularization_},
                                  {regularizationRateLabel_, regularizationRate_},
                                  {dropoutLabel_, dropout_}}) {
        top->addWidget(labelled(label, control, this));
    }
    root->addLayout(top);

    auto* main = new QHBoxLayout;
    main->setSpacing(8);

    // Left column: data, features, optimizer.
    auto* left = new QVBoxLayout;
    dataGroup_ = new QGroupBox(this);
    auto* dataForm = new QFormLayout(dataGroup_);
    dataForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    datasetLabel_ = new QLabel(this);
    dataset_ = new QComboBox(this);
    dataset_->setObjectName("dataset");
    samplesLabel_ = new QLabel(this);
    samples_ = new QSpinBox(this);
    samples_->setRange(20, 5000);
    samples_->setSingleStep(20);
    samples_->setValue(500);
    noiseLabel_ = new QLabel(this);
    noise_ = new QSlider(Qt::Horizontal, this);
    noise_->setRange(0, 50);
    noise_->setSingleStep(5);
    noise_->setPageStep(5);
    ratioLabel_ = new QLabel(this);
    ratio_ = new QSlider(Qt::Horizontal, this);
    ratio_->setRange(10, 90);
    ratio_->setSingleStep(10);
    ratio_->setPageStep(10);
    ratio_->setValue(50);
    batchLabel_ = new QLabel(this);
    batch_ = new QSlider(Qt::Horizontal, this);
    batch_->setRange(1, 30);
    batch_->setValue(10);
    seedLabel_ = new QLabel(this);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1000000);
    seed_->setValue(1);
    showTest_ = new QCheckBox(this);
    showTest_->setChecked(true);
    dataForm->addRow(datasetLabel_, dataset_);
    dataForm->addRow(samplesLabel_, samples_);
    dataForm->addRow(noiseLabel_, noise_);
    dataForm->addRow(ratioLabel_, ratio_);
    dataForm->addRow(batchLabel_, batch_);
    dataForm->addRow(seedLabel_, seed_);
    dataForm->addRow(showTest_);
    left->addWidget(dataGroup_);

    featuresGroup_ = new QGroupBox(this);
    auto* featureGrid = new QGridLayout(featuresGroup_);
    const auto& all = allInputFeatures();
    for (std::size_t i = 0; i < all.size(); ++i) {
        auto* box = new QCheckBox(featureLabel(all[i]), this);
        box->setObjectName(featureKey(all[i]));
        box->setChecked(all[i] == InputFeature::X1 || all[i] == InputFeature::X2);
        featureGrid->addWidget(box, static_cast<int>(i / 2), static_cast<int>(i % 2));
        featureBoxes_.push_back(box);
        connect(box, &QCheckBox::toggled, this, &PlaygroundWidget::refreshFeaturePreview);
    }
    left->addWidget(featuresGroup_);

    optimizerGroup_ = new QGroupBox(this);
    auto* optLayout = new QVBoxLayout(optimizerGroup_);
    optimizer_ = new QComboBox(this);
    optimizerOptions_ = new SchemaOptionsEditor(this);
    optimizerOptions_->setHiddenOptions({QStringLiteral("learning_rate")});
    optLayout->addWidget(optimizer_);
    optLayout->addWidget(optimizerOptions_);
    left->addWidget(optimizerGroup_);
    left->addStretch(1);
    auto* leftBox = new QWidget(this);
    leftBox->setLayout(left);
    left->setContentsMargins(0, 0, 0, 0);
    leftBox->setFixedWidth(250);
    main->addWidget(leftBox);

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
    progress_->setRange(0, epochs_->value());
    progress_->setValue(0);
    latency_ = new QLabel(this);
    latency_->setObjectName("latency");
    statusBar_->addWidget(status_, 1);
    statusBar_->addPermanentWidget(progress_);
    statusBar_->addPermanentWidget(latency_);
    root->addWidget(statusBar_);

    connect(start_, &QPushButton::clicked, this, &PlaygroundWidget::startTraining);
    connect(pause_, &QPushButton::clicked, this, [this] {
        if (paused_) {
            resumeTraining();
        } else {
            pauseTraining();
        }
    });
    connect(stop_, &QPushButton::clicked, this, &PlaygroundWidget::stopTraining);
    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, [this](double lr) {
        if (worker_) worker_->setLearningRate(lr);
    });
    connect(dataset_, &QComboBox::currentIndexChanged, this, &PlaygroundWidget::refreshData);
    connect(samples_, &QSpinBox::valueChanged, this, &PlaygroundWidget::refreshData);
    connect(noise_, &QSlider::valueChanged, this, &PlaygroundWidget::refreshData);
    connect(ratio_, &QSlider::valueChanged, this, &PlaygroundWidget::refreshData);
    connect(seed_, &QSpinBox::valueChanged, this, &PlaygroundWidget::refreshData);
    connect(batch_, &QSlider::valueChanged, this, &PlaygroundWidget::retranslateUi);
    connect(showTest_, &QCheckBox::toggled, boundary_, &DecisionBoundaryView::setShowTestPoints);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, [this] {
        const ComponentInfo* info = registry_.find(Kind::Optimizer, optimizer_->currentData().toString().toStdString());
        optimizerOptions_->setSchema(info ? info->schema : Schema{});
        retranslateUi();
    });
    connect(layers_, &HiddenLayerEditor::layersChanged, this, &PlaygroundWidget::updateControls);
}

void PlaygroundWidget::populateChoices() {
    for (const ComponentInfo* info : registry_.list(Kind::Dataset)) {
        if (isPointCloud(registry_, *info))
            dataset_->addItem(QString::fromStdString(info->name), QString::fromStdString(info->name));
    }
    selectData(dataset_, QStringLiteral("circle"));

    for (const ComponentInfo* info : registry_.list(Kind::Activation)) {
        // Softmax normalises across units; as one unit's activation it is meaningless.
        if (info->name == "softmax") continue;
        activation_->addItem(QString::fromStdString(info->name), QString::fromStdString(info->name));
    }
    selectData(activation_, QStringLiteral("tanh"));

    for (const char* name : {"binary_cross_entropy", "mse"}) {
        if (registry_.find(Kind::Loss, name)) loss_->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    }

    for (const ComponentInfo* info : registry_.list(Kind::Optimizer)) {
        optimizer_->addItem(QString::fromStdString(info->name), QString::fromStdString(info->name));
    }
    // The 2-D playground's default: plain gradient descent at 0.03.
    selectData(optimizer_, QStringLiteral("sgd"));
    const ComponentInfo* info = registry_.find(Kind::Optimizer, optimizer_->currentData().toString().toStdString());
    if (info) optimizerOptions_->setSchema(info->schema);
}

void PlaygroundWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void PlaygroundWidget::retranslateUi() {
    const std::string lang = playground::engineLanguage().toStdString();
    start_->setText(tr("Start"));
    start_->setToolTip(tr("Build the network from the settings and train it"));
    pause_->setText(paused_ ? tr("Resume") : tr("Pause"));
    stop_->setText(tr("Stop"));
    epochLabel_->setText(tr("Epoch %1").arg(QLocale().toString(epoch_)));
    epochsLabel_->setText(tr("Epochs"));
    learningRateLabel_->setText(tr("Learning rate"));
    learningRate_->setToolTip(tr("Can be changed while training; the optimizer keeps its state."));
    activationLabel_->setText(tr("Activation"));
    lossLabel_->setText(tr("Loss"));
    regularizationLabel_->setText(tr("Regularization"));
    regularization_->setItemText(0, tr("None"));
    regularizationRateLabel_->setText(tr("Regularization rate"));
    dropoutLabel_->setText(tr("Dropout"));
    dropout_->setToolTip(tr("Dropout rate after every hidden layer (0: none)"));

    dataGroup_->setTitle(tr("Data"));
    datasetLabel_->setText(tr("Dataset"));
    static const std::map<QString, const char*> datasetNames{{QStringLiteral("circle"), QT_TR_NOOP("Circle")},
                                                             {QStringLiteral("xor_2d"), QT_TR_NOOP("Exclusive or")},
                                                             {QStringLiteral("gauss"), QT_TR_NOOP("Gaussian")},
                                                             {QStringLiteral("spiral"), QT_TR_NOOP("Spiral")}};
    for (int i = 0; i < dataset_->count(); ++i) {
        const QString key = dataset_->itemData(i).toString();
        const auto known = datasetNames.find(key);
        dataset_->setItemText(i, known != datasetNames.end() ? tr(known->second) : key);
        if (const ComponentInfo* info = registry_.find(Kind::Dataset, key.toStdString())) {
            dataset_->setItemData(i, QString::fromStdString(info->summary.in(lang)), Qt::ToolTipRole);
        }
    }
    samplesLabel_->setText(tr("Points"));
    noiseLabel_->setText(tr("Noise: %1").arg(noise_->value()));
    ratioLabel_->setText(tr("Training: %1 %").arg(ratio_->value()));
    ratio_->setToolTip(tr("Share of the points used for training; the rest is test data"));
    batchLabel_->setText(tr("Batch size: %1").arg(batch_->value()));
    seedLabel_->setText(tr("Seed"));
    seed_->setToolTip(tr("Seeds the data, the split and the initial weights: the same seed gives the same run"));
    showTest_->setText(tr("Show test data"));

    featuresGroup_->setTitle(tr("Features"));
    optimizerGroup_->setTitle(tr("Optimizer"));
    for (int i = 0; i < optimizer_->count(); ++i) {
        if (const ComponentInfo* info =
                registry_.find(Kind::Optimizer, optimizer_->itemData(i).toString().toStdString())) {
            optimizer_->setItemData(i, QString::fromStdString(info->summary.in(lang)), Qt::ToolTipRole);
        }
    }
    for (int i = 0; i < activation_->count(); ++i) {
        if (const ComponentInfo* info =
                registry_.find(Kind::Activation, activation_->itemData(i).toString().toStdString())) {
            activation_->setItemData(i, QString::fromStdString(info->summary.in(lang)), Qt::ToolTipRole);
        }
    }
    for (int i = 0; i < loss_->count(); ++i) {
        const QString key = loss_->itemData(i).toString();
        loss_->setItemText(i, key == QLatin1String("mse") ? tr("Mean squared error") : tr("Cross-entropy"));
        if (const ComponentInfo* info = registry_.find(Kind::Loss, key.toStdString())) {
            loss_->setItemData(i, QString::fromStdString(info->summary.in(lang)), Qt::ToolTipRole);
        }
    }

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
    pause_->setText(paused_ ? tr("Resume") : tr("Pause"));
    for (QWidget* w :
         std::initializer_list<QWidget*>{dataGroup_, featuresGroup_, optimizerGroup_, layers_, epochs_, activation_,
                                         loss_, regularization_, regularizationRate_, dropout_}) {
        w->setEnabled(!running);
    }
    showTest_->setEnabled(true);
    dataGroup_->setEnabled(!running);
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
    if (probe_->sampleCount() == 0) {
        latency_->setText(isTraining() ? tr("UI latency: measuring…") : tr("UI latency: –"));
        latency_->setToolTip(tr("How late a 5 ms timer fires on the UI thread while training"));
        return;
    }
    latency_->setText(tr("UI latency: max %1 ms, 99 %: %2 ms")
                          .arg(QLocale().toString(probe_->maxLatencyMs(), 'f', 1),
                               QLocale().toString(probe_->percentileMs(99.0), 'f', 1)));
}

// ---------------------------------------------------------------------------- data

std::vector<InputFeature> PlaygroundWidget::selectedFeatures() const {
    std::vector<InputFeature> out;
    const auto& all = allInputFeatures();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (featureBoxes_[i]->isChecked()) out.push_back(all[i]);
    }
    return out;
}

void PlaygroundWidget::refreshData() {
    retranslateUi();  // slider values are part of their labels
    if (isTraining()) return;
    const std::string name = dataset_->currentData().toString().toStdString();
    dataError_.clear();
    points_ = Tensor();
    targets_ = Tensor();
    trainIndex_.clear();
    testIndex_.clear();
    try {
        Json options{{"samples", samples_->value() - samples_->value() % 2},
                     {"noise", noise_->value()},
                     {"seed", seed_->value()}};
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
        Rng rng(static_cast<std::uint64_t>(seed_->value()) * 7919U + 17U);
        const std::vector<std::size_t> order = rng.permutation(n);
        const auto trainCount = std::clamp<std::size_t>(
            static_cast<std::size_t>(std::lround(static_cast<double>(n) * ratio_->value() / 100.0)), 1, n - 1);
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
    const std::vector<InputFeature> features = selectedFeatures();
    if (features.empty()) {
        thumbnails_->clear();
        return;
    }
    const Tensor grid = expandFeatures(gridPoints(kGrid, kDomainLow, kDomainHigh), features);
    NeuronColumn column{tr("Features"), static_cast<int>(features.size()),
                        std::vector<float>(grid.values().begin(), grid.values().end())};
    thumbnails_->setColumns(kGrid, {column});
    QStringList labels;
    for (InputFeature f : features)
        labels << featureLabel(f);
    thumbnails_->setUnitLabels(0, labels);
}

// ---------------------------------------------------------------------------- the run

TrainingJob PlaygroundWidget::buildJob() {
    if (!dataError_.isEmpty() || points_.empty()) throw InputError("dataset", dataError_.toStdString());
    const std::vector<InputFeature> features = selectedFeatures();
    if (features.empty()) throw InputError({}, tr("Choose at least one input feature.").toStdString());

    auto subset = [&](const std::vector<std::size_t>& index) {
        Tensor pts(Shape{index.size(), 2});
        Tensor tgt(Shape{index.size(), 1});
        for (std::size_t k = 0; k < index.size(); ++k) {
            pts[2 * k] = points_[2 * index[k]];
            pts[2 * k + 1] = points_[2 * index[k] + 1];
            tgt[k] = targets_[index[k]];
        }
        std::vector<std::string> names;
        for (InputFeature f : features)
            names.push_back(featureKey(f).toStdString());
        return std::make_unique<TensorDataset>(expandFeatures(pts, features), std::move(tgt), classNames_, names);
    };

    TrainingJob job;
    job.train = subset(trainIndex_);
    job.test = subset(testIndex_);

    const std::string act = activation_->currentData().toString().toStdString();
    const QVector<int> units = layers_->layers();
    for (int i = 0; i < units.size(); ++i) {
        const std::string name = "hidden" + std::to_string(i + 1);
        Json spec{{"units", units[i]}, {"activation", act}};
        job.network.add(name, registry_.makeLayer("dense", spec, "model." + name),
                        Json{{"type", "dense"}, {"units", units[i]}, {"activation", act}});
        if (dropout_->value() > 0.0) {
            const std::string drop = "dropout" + std::to_string(i + 1);
            Json dspec{{"rate", dropout_->value()}, {"seed", seed_->value() + i + 1}};
            job.network.add(drop, registry_.makeLayer("dropout", dspec, "model." + drop),
                            Json{{"type", "dropout"}, {"rate", dropout_->value()}});
        }
    }
    job.network.add("output",
                    registry_.makeLayer("dense", Json{{"units", 1}, {"activation", "sigmoid"}}, "model.output"),
                    Json{{"type", "dense"}, {"units", 1}, {"activation", "sigmoid"}});
    Rng rng(static_cast<std::uint64_t>(seed_->value()));
    job.network.build(Shape{features.size()}, rng);

    job.loss = registry_.makeLoss(loss_->currentData().toString().toStdString(), Json::object(), "loss");
    Json opt = optimizerOptions_->options();
    const std::string optName = optimizer_->currentData().toString().toStdString();
    const ComponentInfo* optInfo = registry_.find(Kind::Optimizer, optName);
    if (optInfo && optInfo->schema.find("learning_rate")) opt["learning_rate"] = learningRate_->value();
    job.optimizer = registry_.makeOptimizer(optName, opt, "optimizer");
    job.optimizer->setLearningRate(learningRate_->value());

    job.settings.epochs = epochs_->value();
    job.settings.batchSize = static_cast<std::size_t>(batch_->value());
    job.settings.shuffle = true;
    job.settings.seed = static_cast<std::uint64_t>(seed_->value());
    const auto reg = static_cast<Regularization>(regularization_->currentData().toInt());
    job.settings.l1 = reg == Regularization::L1 ? regularizationRate_->value() : 0.0;
    job.settings.l2 = reg == Regularization::L2 ? regularizationRate_->value() : 0.0;

    const Tensor grid = expandFeatures(gridPoints(kGrid, kDomainLow, kDomainHigh), features);
    featureGrid_.assign(grid.values().begin(), grid.values().end());
    runFeatures_ = features;
    job.probeInputs = grid;
    job.progressIntervalMs = 50;
    return job;
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
    testAccuracy_ = trainAccuracy_ = testLoss_ = trainLoss_ = reportedRate_ = kNaN;
    paused_ = false;
    progress_->setRange(0, job.settings.epochs);
    progress_->setValue(0);

    worker_ = new TrainingWorker(std::move(job));
    thread_ = new QThread(this);
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::started, worker_, &TrainingWorker::run);
    connect(worker_, &TrainingWorker::progress, this, &PlaygroundWidget::onProgress);
    connect(worker_, &TrainingWorker::finished, this, &PlaygroundWidget::onFinished);
    connect(worker_, &TrainingWorker::failed, this, &PlaygroundWidget::onFailed);
    // Training competes with nothing but the UI; a lower priority keeps the UI first.
    thread_->start(QThread::LowPriority);

    probe_->start();
    latencyRefresh_->start();
    showStatus([] { return tr("Training…"); });
    updateControls();
    retranslateUi();
}

void PlaygroundWidget::pauseTraining() {
    if (!worker_ || paused_) return;
    worker_->pause();
    paused_ = true;
    showStatus([this] { return tr("Paused at epoch %1.").arg(epoch_); });
    updateControls();
}

void PlaygroundWidget::resumeTraining() {
    if (!worker_ || !paused_) return;
    worker_->resume();
    paused_ = false;
    showStatus([] { return tr("Training…"); });
    updateControls();
}

void PlaygroundWidget::stopTraining() {
    if (!worker_) return;
    worker_->cancel();
    showStatus([] { return tr("Stopping…"); });
}

void PlaygroundWidget::onProgress(const TrainingProgress& p) {
    if (!worker_) return;
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

void PlaygroundWidget::onFinished(const TrainingOutcome& outcome) {
    endRun();
    const Text explanation = outcome.explanation;
    showStatus(
        [explanation] { return QString::fromStdString(explanation.in(playground::engineLanguage().toStdString())); });
    emit trainingFinished();
}

void PlaygroundWidget::onFailed(const QString& message) {
    endRun();
    showStatus([message] { return tr("Training failed: %1").arg(message); });
    emit trainingFinished();
}

void PlaygroundWidget::endRun() {
    if (!worker_) return;
    thread_->quit();
    thread_->wait();
    delete worker_;
    worker_ = nullptr;
    thread_->deleteLater();
    thread_ = nullptr;
    paused_ = false;
    probe_->stop();
    latencyRefresh_->stop();
    updateLatency();
    updateControls();
    qCInfo(lcPlayground,
           "Playground run: %d epochs; UI event-loop latency max %.2f ms, 99th percentile %.2f ms over %zu ticks",
           epoch_, probe_->maxLatencyMs(), probe_->percentileMs(99.0), probe_->sampleCount());
}

// ---------------------------------------------------------------------------- settings

bool PlaygroundWidget::setDataset(const QString& name) {
    const int index = dataset_->findData(name);
    if (index < 0) return false;
    dataset_->setCurrentIndex(index);
    return true;
}

QString PlaygroundWidget::dataset() const {
    return dataset_->currentData().toString();
}
void PlaygroundWidget::setNoise(int percent) {
    noise_->setValue(percent);
}
void PlaygroundWidget::setTrainRatio(int percent) {
    ratio_->setValue(percent);
}
void PlaygroundWidget::setBatchSize(int size) {
    batch_->setValue(size);
}
void PlaygroundWidget::setSampleCount(int samples) {
    samples_->setValue(samples);
}
void PlaygroundWidget::setSeed(int seed) {
    seed_->setValue(seed);
}

bool PlaygroundWidget::setFeatures(const QStringList& keys) {
    std::vector<InputFeature> wanted;
    for (const QString& k : keys) {
        const auto f = featureFromKey(k);
        if (!f) return false;
        wanted.push_back(*f);
    }
    if (wanted.empty()) return false;
    const auto& all = allInputFeatures();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const QSignalBlocker quiet(featureBoxes_[i]);
        featureBoxes_[i]->setChecked(std::find(wanted.begin(), wanted.end(), all[i]) != wanted.end());
    }
    refreshFeaturePreview();
    return true;
}

QStringList PlaygroundWidget::features() const {
    QStringList out;
    for (InputFeature f : selectedFeatures())
        out << featureKey(f);
    return out;
}

void PlaygroundWidget::setHiddenLayers(const QVector<int>& units) {
    layers_->setLayers(units);
}
QVector<int> PlaygroundWidget::hiddenLayers() const {
    return layers_->layers();
}

bool PlaygroundWidget::setActivation(const QString& name) {
    const int index = activation_->findData(name);
    if (index < 0) return false;
    activation_->setCurrentIndex(index);
    return true;
}

bool PlaygroundWidget::setLoss(const QString& name) {
    const int index = loss_->findData(name);
    if (index < 0) return false;
    loss_->setCurrentIndex(index);
    return true;
}

bool PlaygroundWidget::setOptimizer(const QString& name, const Json& options) {
    const int index = optimizer_->findData(name);
    if (index < 0) return false;
    optimizer_->setCurrentIndex(index);
    if (options.is_object()) {
        for (const auto& [key, value] : options.items()) {
            if (key == "learning_rate") {
                if (value.is_number()) setLearningRate(value.get<double>());
            } else {
                optimizerOptions_->setValue(key, value);
            }
        }
    }
    return true;
}

QString PlaygroundWidget::optimizer() const {
    return optimizer_->currentData().toString();
}

void PlaygroundWidget::setLearningRate(double lr) {
    learningRate_->setValue(lr);
}
double PlaygroundWidget::learningRate() const {
    return learningRate_->value();
}

void PlaygroundWidget::setRegularization(Regularization kind, double rate) {
    regularization_->setCurrentIndex(regularization_->findData(static_cast<int>(kind)));
    regularizationRate_->setValue(rate);
}

void PlaygroundWidget::setDropout(double rate) {
    dropout_->setValue(rate);
}
void PlaygroundWidget::setEpochs(int epochs) {
    epochs_->setValue(epochs);
}
void PlaygroundWidget::setShowTestData(bool show) {
    showTest_->setChecked(show);
}

QWidget* PlaygroundWidget::chartsWidget() const {
    return chart_;
}

}  // namespace deepstep::studio
