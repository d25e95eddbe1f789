#include "cnn_view.hpp"

#include "map_views.hpp"
#include "playground/confusion_matrix_view.hpp"
#include "progress_chart.hpp"

#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace deepstep::studio::cnn {

namespace {

// The screenshot tour and a first look: a few hundred images train in seconds.
constexpr int kDefaultTrainImages = 2000;
constexpr int kDefaultTestImages = 500;
constexpr int kStripImages = 40;

QScrollArea* scrolled(QWidget* w) {
    auto* area = new QScrollArea;
    area->setWidget(w);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

// A test image's first channel as grey shades over its own range.
QImage testImageOf(const Tensor& images, int index) {
    const Shape& s = images.shape();
    FeatureMap m;
    if (s.rank() == 4) {
        m.rows = static_cast<int>(s[2]);
        m.cols = static_cast<int>(s[3]);
    } else {
        m.rows = 1;
        m.cols = static_cast<int>(images.sampleSize());
    }
    const float* first = images.data() + static_cast<std::size_t>(index) * images.sampleSize();
    m.values.assign(first, first + static_cast<std::size_t>(m.rows) * m.cols);
    const auto [lo, hi] = std::minmax_element(m.values.begin(), m.values.end());
    return mapImage(m, {*lo, *hi});
}

}  // namespace

CnnView::CnnView(const Registry& registry, const QString& experimentsFolder, QWidget* parent)
    : QWidget(parent),
      registry_(registry),
      training_(new CnnTraining(registry, this)),
      labLabel_(new QLabel),
      lab_(new QComboBox),
      trainLabel_(new QLabel),
      trainImages_(new QSpinBox),
      testLabel_(new QLabel),
      testImages_(new QSpinBox),
      epochsLabel_(new QLabel),
      epochs_(new QSpinBox),
      startButton_(new QPushButton),
      pauseButton_(new QPushButton),
      stopButton_(new QPushButton),
      openButton_(new QPushButton),
      status_(new QLabel),
      error_(new QLabel),
      chart_(new CnnProgressChart),
      confusion_(new ConfusionMatrixView),
      stripHeading_(new QLabel),
      strip_(new ImageStrip),
      pages_(new QTabWidget),
      imageLabel_(new QLabel),
      image_(new QSpinBox),
      imagePreview_(new QLabel),
      imageClass_(new QLabel),
      scaleLabel_(new QLabel),
      scale_(new QComboBox),
      maps_(new FeatureMapsView),
      filters_(new FiltersView),
      poolLayerLabel_(new QLabel),
      poolLayer_(new QComboBox),
      channelLabel_(new QLabel),
      channel_(new QSpinBox),
      pool_(new PoolRoutingView) {
    labs_ = readLabFiles(experimentsFolder, {QStringLiteral("lenet5-*.json")});
    for (std::size_t i = 0; i < labs_.size(); ++i)
        lab_->addItem(QString());

    trainImages_->setRange(0, 60000);
    trainImages_->setSingleStep(500);
    trainImages_->setValue(kDefaultTrainImages);
    testImages_->setRange(0, 10000);
    testImages_->setSingleStep(100);
    testImages_->setValue(kDefaultTestImages);
    epochs_->setRange(1, 100);
    epochs_->setValue(2);

    auto* controls = new QHBoxLayout;
    controls->addWidget(labLabel_);
    controls->addWidget(lab_, 1);
    controls->addWidget(trainLabel_);
    controls->addWidget(trainImages_);
    controls->addWidget(testLabel_);
    controls->addWidget(testImages_);
    controls->addWidget(epochsLabel_);
    controls->addWidget(epochs_);
    controls->addSpacing(8);
    controls->addWidget(startButton_);
    controls->addWidget(pauseButton_);
    controls->addWidget(stopButton_);
    controls->addWidget(openButton_);

    status_->setWordWrap(true);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->hide();

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(chart_, 3);
    leftLayout->addWidget(confusion_, 3);
    leftLayout->addWidget(stripHeading_);
    auto* stripArea = new QScrollArea;
    stripArea->setWidget(strip_);
    stripArea->setWidgetResizable(true);
    stripArea->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    stripArea->setFixedHeight(strip_->sizeHint().height() + 22);
    leftLayout->addWidget(stripArea);

    // Feature maps page.
    auto* mapsPage = new QWidget;
    auto* mapsLayout = new QVBoxLayout(mapsPage);
    auto* imageRow = new QHBoxLayout;
    imageRow->addWidget(imageLabel_);
    imageRow->addWidget(image_);
    imagePreview_->setFixedSize(56, 56);
    imagePreview_->setScaledContents(true);
    imageRow->addWidget(imagePreview_);
    imageRow->addWidget(imageClass_, 1);
    imageRow->addWidget(scaleLabel_);
    imageRow->addWidget(scale_);
    for (int i = 0; i < 3; ++i)
        scale_->addItem(QString());
    scale_->setCurrentIndex(static_cast<int>(ColourScale::Layer));
    image_->setRange(0, 0);
    mapsLayout->addLayout(imageRow);
    mapsLayout->addWidget(scrolled(maps_), 1);
    pages_->addTab(mapsPage, QString());
    pages_->addTab(scrolled(filters_), QString());

    auto* poolPage = new QWidget;
    auto* poolLayout = new QVBoxLayout(poolPage);
    auto* poolRow = new QHBoxLayout;
    poolRow->addWidget(poolLayerLabel_);
    poolRow->addWidget(poolLayer_);
    poolRow->addWidget(channelLabel_);
    poolRow->addWidget(channel_);
    poolRow->addStretch(1);
    poolLayout->addLayout(poolRow);
    poolLayout->addWidget(pool_, 1);
    pages_->addTab(poolPage, QString());

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(pages_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({500, 800});
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(error_);
    layout->addWidget(split, 1);

    connect(lab_, &QComboBox::currentIndexChanged, this, [this] { applyLab(true); });
    for (QSpinBox* box : {trainImages_, testImages_, epochs_})
        connect(box, &QSpinBox::valueChanged, this, [this] { applyLab(false); });
    connect(startButton_, &QPushButton::clicked, this, &CnnView::start);
    connect(pauseButton_, &QPushButton::clicked, this, &CnnView::togglePause);
    connect(stopButton_, &QPushButton::clicked, this, &CnnView::stop);
    connect(openButton_, &QPushButton::clicked, this, &CnnView::chooseAndOpenModel);
    connect(image_, &QSpinBox::valueChanged, this, [this] { scheduleRefresh(); });
    connect(scale_, &QComboBox::currentIndexChanged, this, [this] { scheduleRefresh(); });
    connect(poolLayer_, &QComboBox::currentIndexChanged, this, [this] { refreshPool(); });
    connect(channel_, &QSpinBox::valueChanged, this, [this] { refreshPool(); });
    connect(strip_, &ImageStrip::imageChosen, this, [this](int index) {
        chooseTestImage(index);
        showPage(Page::FeatureMaps);
    });

    connect(training_, &CnnTraining::stateChanged, this, [this] {
        updateButtons();
        updateStatus();
    });
    connect(training_, &CnnTraining::dataReady, this, [this] {
        const CnnPrepared* d = training_->data();
        image_->setRange(0, std::max(0, static_cast<int>(d->testLabels.size()) - 1));
        QStringList names;
        for (const auto& n : d->classNames)
            names << QString::fromStdString(n);
        confusion_->setClassNames(names);
        confusion_->clear();
        strip_->setItems({});
        scheduleRefresh();
    });
    connect(training_, &CnnTraining::networkChanged, this, &CnnView::scheduleRefresh);
    connect(training_, &CnnTraining::progressed, this, [this](const CnnProgress& p) {
        chart_->addLoss(static_cast<double>(p.iterations), p.loss);
        updateStatus();
    });
    connect(training_, &CnnTraining::evaluated, this, &CnnView::refreshEvaluation);
    connect(training_, &CnnTraining::finished, this, [this](const CnnOutcome& o) {
        if (o.failed) showError(tr("Training stopped with an error: %1").arg(o.error));
        updateStatus();
    });

    if (!labs_.empty()) applyLab(true);
    retranslateUi();
    updateButtons();
}

QString CnnView::engineLanguage() const {
    // Translated to "ko" in cnn_view_ko.ts: engine texts follow the installed translation.
    return tr("en", "Language code of engine texts: translate as ko");
}

bool CnnView::chooseLab(const QString& fileName) {
    for (std::size_t i = 0; i < labs_.size(); ++i) {
        if (QFileInfo(labs_[i].path).fileName() == fileName) {
            lab_->setCurrentIndex(static_cast<int>(i));  // a new lab: applyLab(true)
            return true;
        }
    }
    return false;
}

int CnnView::labCount() const {
    return static_cast<int>(labs_.size());
}

void CnnView::setLimits(const CnnLimits& limits) {
    const QSignalBlocker a(trainImages_), b(testImages_), c(epochs_);
    trainImages_->setValue(static_cast<int>(limits.trainImages));
    testImages_->setValue(static_cast<int>(limits.testImages));
    epochs_->setValue(std::max(limits.epochs, 1));
    applyLab(false);
}

CnnLimits CnnView::limits() const {
    CnnLimits l;
    l.trainImages = static_cast<std::size_t>(trainImages_->value());
    l.testImages = static_cast<std::size_t>(testImages_->value());
    l.epochs = epochs_->value();
    return l;
}

void CnnView::applyLab(bool newLab) {
    // The settings belong to the next run; a run going on keeps its own.
    const int i = lab_->currentIndex();
    if (i < 0 || i >= static_cast<int>(labs_.size())) return;
    if (training_->state() == CnnTraining::State::Running || training_->state() == CnnTraining::State::Paused) return;
    training_->setSource(experimentSource(labs_[static_cast<std::size_t>(i)].experiment, registry_, limits()), !newLab);
    updateButtons();
}

void CnnView::setSource(CnnSource source) {
    training_->setSource(std::move(source));
    updateButtons();
}

void CnnView::start() {
    if (!training_->hasSource()) return;
    error_->hide();
    chart_->clear();
    training_->start();
}

void CnnView::togglePause() {
    if (training_->state() == CnnTraining::State::Running) {
        training_->pause();
    } else if (training_->state() == CnnTraining::State::Paused) {
        training_->resume();
    }
}

void CnnView::stop() {
    training_->stop();
}

bool CnnView::openModel(const QString& path) {
    if (training_->state() == CnnTraining::State::Running || training_->state() == CnnTraining::State::Paused) {
        showError(tr("Stop the training before opening a model."));
        return false;
    }
    if (!training_->openModel(path)) {
        showError(tr("Cannot open the model %1: %2").arg(QFileInfo(path).fileName(), training_->error()));
        return false;
    }
    error_->hide();
    // Read the lab's test images in the background and evaluate the model on them, so
    // that its feature maps and mistakes show without training it.
    if (training_->hasSource()) {
        chart_->clear();
        training_->start(false);
    }
    return true;
}

void CnnView::chooseAndOpenModel() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open a model"), QString(), tr("DeepStep models (*.json)"));
    if (!path.isEmpty()) openModel(path);
}

void CnnView::showError(const QString& text) {
    error_->setText(text);
    error_->show();
}

void CnnView::chooseTestImage(int index) {
    image_->setValue(index);
}
int CnnView::testImage() const {
    return image_->value();
}
void CnnView::setColourScale(ColourScale scale) {
    scale_->setCurrentIndex(static_cast<int>(scale));
}
ColourScale CnnView::colourScale() const {
    return static_cast<ColourScale>(scale_->currentIndex());
}
void CnnView::showPage(Page page) {
    pages_->setCurrentIndex(static_cast<int>(page));
}

void CnnView::choosePoolOutput(int pool, int channel, int row, int col) {
    refreshMaps();
    poolLayer_->setCurrentIndex(pool);
    channel_->setValue(channel);
    refreshPool();
    pool_->chooseOutput(row, col);
}

QString CnnView::statusText() const {
    return status_->text();
}
QString CnnView::errorText() const {
    return error_->isHidden() ? QString() : error_->text();
}

void CnnView::updateButtons() {
    const auto s = training_->state();
    const bool active = s == CnnTraining::State::Running || s == CnnTraining::State::Paused;
    startButton_->setEnabled(!active && training_->hasSource());
    pauseButton_->setEnabled(active);
    pauseButton_->setText(s == CnnTraining::State::Paused ? tr("Resume") : tr("Pause"));
    stopButton_->setEnabled(active);
    openButton_->setEnabled(!active);
    for (QWidget* w : std::initializer_list<QWidget*>{lab_, trainImages_, testImages_, epochs_})
        w->setEnabled(!active);
}

void CnnView::updateStatus() {
    const CnnProgress& p = training_->lastProgress();
    const CnnPrepared* d = training_->data();
    QString text;
    switch (training_->state()) {
        case CnnTraining::State::Idle:
            text = tr("Choose a lab and press Start: the images are read and LeNet-5 trains in the background.");
            break;
        case CnnTraining::State::Running:
        case CnnTraining::State::Paused:
            if (d == nullptr || p.batchesPerEpoch == 0 || !training_->trains()) {
                text = tr("Reading the images and building the network…");
            } else {
                text = tr("Epoch %1 of %2, batch %3 of %4 (%5 training images, learning rate %6)")
                           .arg(p.epoch)
                           .arg(p.epochs)
                           .arg(p.batchInEpoch)
                           .arg(p.batchesPerEpoch)
                           .arg(d->trainImages)
                           .arg(p.learningRate, 0, 'g', 3);
            }
            if (training_->state() == CnnTraining::State::Paused) text = tr("Paused: %1").arg(text);
            break;
        case CnnTraining::State::Finished: {
            const CnnOutcome& o = training_->outcome();
            if (o.failed) {
                text = tr("Training stopped with an error.");
            } else if (o.reason == StopReason::Cancelled) {
                text = tr("Stopped at epoch %1, batch %2. Start trains on from here.").arg(p.epoch).arg(p.batchInEpoch);
            } else if (!training_->trains()) {
                text = tr("The model was evaluated on %1 test images. Start trains it on.")
                           .arg(d != nullptr ? static_cast<long long>(d->testLabels.size()) : 0LL);
            } else {
                text = tr("Finished at epoch %1 of %2 (%3 batches). Start trains on from here.")
                           .arg(p.epoch)
                           .arg(p.epochs)
                           .arg(p.iterations);
                // A run that ended early (a target reached, a diverging loss) says why.
                const std::string why = o.explanation.in(engineLanguage().toStdString());
                if (o.reason != StopReason::Completed && !why.empty())
                    text += QLatin1Char(' ') + QString::fromStdString(why);
            }
            break;
        }
    }
    status_->setText(text);
}

void CnnView::scheduleRefresh() {
    // Reports come several times a second; the maps follow at most once per event loop turn.
    if (refreshPending_) return;
    refreshPending_ = true;
    QTimer::singleShot(0, this, [this] {
        refreshPending_ = false;
        refreshMaps();
    });
}

void CnnView::refreshMaps() {
    Network* net = training_->network();
    const CnnPrepared* d = training_->data();
    if (net != nullptr) filters_->setFilters(convolutionFilters(*net));
    if (net == nullptr || d == nullptr || d->testLabels.empty() ||
        net->inputShape() != Shape(std::vector<std::size_t>(d->testImages.shape().dims().begin() + 1,
                                                            d->testImages.shape().dims().end()))) {
        maps_->clear();
        outputs_.clear();
        pool_->clear();
        return;
    }
    const int index = std::clamp(image_->value(), 0, static_cast<int>(d->testLabels.size()) - 1);
    const Tensor image = d->testImages.slice(static_cast<std::size_t>(index), 1);
    try {
        outputs_ = layerOutputs(*net, image);
        std::vector<LayerMaps> layers = featureMaps(*net, image);
        auto ranges = colourRanges(layers, colourScale());
        maps_->setLayers(std::move(layers), std::move(ranges));
    } catch (const std::exception& e) {
        showError(QString::fromStdString(e.what()));
        return;
    }
    imagePreview_->setPixmap(QPixmap::fromImage(testImageOf(d->testImages, index)));
    const int label = d->testLabels[static_cast<std::size_t>(index)];
    const QString truth = label < static_cast<int>(d->classNames.size())
                              ? QString::fromStdString(d->classNames[static_cast<std::size_t>(label)])
                              : QString::number(label);
    const auto& predictions = training_->testPredictions();
    if (static_cast<std::size_t>(index) < predictions.size()) {
        const int predicted = predictions[static_cast<std::size_t>(index)];
        const QString guess = predicted < static_cast<int>(d->classNames.size())
                                  ? QString::fromStdString(d->classNames[static_cast<std::size_t>(predicted)])
                                  : QString::number(predicted);
        imageClass_->setText(tr("class %1, predicted %2").arg(truth, guess));
    } else {
        imageClass_->setText(tr("class %1").arg(truth));
    }

    // The max-pool layers, by type name and options: their windows come from the spec.
    std::vector<int> pools;
    for (std::size_t i = 0; i < net->layerCount(); ++i) {
        if (net->layer(i).type() == "max_pool2d" && outputs_[i].rank() == 4) pools.push_back(static_cast<int>(i));
    }
    if (pools != poolLayers_) {
        poolLayers_ = pools;
        const QSignalBlocker block(poolLayer_);
        poolLayer_->clear();
        for (int i : pools)
            poolLayer_->addItem(QString::fromStdString(net->layerName(static_cast<std::size_t>(i))));
    }
    refreshPool();
}

void CnnView::refreshPool() {
    Network* net = training_->network();
    const int choice = poolLayer_->currentIndex();
    if (net == nullptr || choice < 0 || choice >= static_cast<int>(poolLayers_.size()) || outputs_.empty()) {
        pool_->clear();
        return;
    }
    const auto i = static_cast<std::size_t>(poolLayers_[static_cast<std::size_t>(choice)]);
    const Tensor& out = outputs_[i];
    const CnnPrepared* d = training_->data();
    const Tensor& in = i == 0 ? d->testImages : outputs_[i - 1];
    const std::optional<PoolGeometry> g = poolGeometry(net->layerSpec(i));
    if (!g || in.rank() != 4 || in.dim(1) != out.dim(1)) {
        pool_->clear();
        return;
    }
    channel_->setRange(0, static_cast<int>(out.dim(1)) - 1);
    const auto c = static_cast<std::size_t>(channel_->value());
    const auto mapOf = [c](const Tensor& t) {
        const std::size_t h = t.dim(2), w = t.dim(3);
        const float* first = t.data() + c * h * w;  // sample 0
        return FeatureMap{static_cast<int>(h), static_cast<int>(w), std::vector<float>(first, first + h * w)};
    };
    pool_->setMaps(mapOf(in), mapOf(out), *g);
}

void CnnView::refreshEvaluation() {
    const CnnPrepared* d = training_->data();
    const auto& predictions = training_->testPredictions();
    if (d == nullptr || predictions.size() != d->testLabels.size()) return;
    const int classes = static_cast<int>(std::max<std::size_t>(d->classNames.size(), 2));
    std::vector<std::size_t> counts(static_cast<std::size_t>(classes) * classes, 0);
    std::vector<ImageStrip::Item> wrong;
    std::size_t correct = 0;
    const auto nameOf = [d](int c) {
        return c < static_cast<int>(d->classNames.size())
                   ? QString::fromStdString(d->classNames[static_cast<std::size_t>(c)])
                   : QString::number(c);
    };
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        const int t = d->testLabels[i], p = predictions[i];
        if (t < 0 || p < 0 || t >= classes || p >= classes) continue;
        ++counts[static_cast<std::size_t>(t) * classes + p];
        if (t == p) {
            ++correct;
        } else if (static_cast<int>(wrong.size()) < kStripImages) {
            wrong.push_back({static_cast<int>(i), testImageOf(d->testImages, static_cast<int>(i)),
                             tr("%1\n→ %2").arg(nameOf(t), nameOf(p))});
        }
    }
    confusion_->setCounts(classes, counts);
    strip_->setItems(std::move(wrong));
    chart_->addAccuracy(static_cast<double>(training_->lastProgress().iterations),
                        static_cast<double>(correct) / static_cast<double>(predictions.size()));
    scheduleRefresh();  // the chosen image's prediction
}

void CnnView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void CnnView::retranslateUi() {
    labLabel_->setText(tr("Lab:"));
    const std::string lang = engineLanguage().toStdString();
    for (std::size_t i = 0; i < labs_.size(); ++i)
        lab_->setItemText(static_cast<int>(i), QString::fromStdString(labs_[i].name.in(lang)));
    trainLabel_->setText(tr("Training images:"));
    testLabel_->setText(tr("Test images:"));
    epochsLabel_->setText(tr("Epochs:"));
    trainImages_->setSpecialValueText(tr("all"));
    testImages_->setSpecialValueText(tr("all"));
    startButton_->setText(tr("Start"));
    stopButton_->setText(tr("Stop"));
    openButton_->setText(tr("Open model…"));
    stripHeading_->setText(tr("Misclassified test images, true→predicted (click one to see its feature maps):"));
    confusion_->setCaption(tr("Test set"));
    pages_->setTabText(0, tr("Feature maps"));
    pages_->setTabText(1, tr("Filters"));
    pages_->setTabText(2, tr("Max-pool routing"));
    imageLabel_->setText(tr("Test image:"));
    scaleLabel_->setText(tr("Colour scale:"));
    scale_->setItemText(0, tr("each map its own range"));
    scale_->setItemText(1, tr("one range per layer"));
    scale_->setItemText(2, tr("one range for all layers"));
    poolLayerLabel_->setText(tr("Max-pool layer:"));
    channelLabel_->setText(tr("Channel:"));
    updateButtons();
    updateStatus();
    scheduleRefresh();
}

}  // namespace deepstep::studio::cnn
