#include "playground_controls.hpp"

#include "activation_editor.hpp"
#include "input_features.hpp"
#include "number_spin_box.hpp"
#include "playground_style.hpp"
#include "schema_options_editor.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <utility>

namespace deepstep::studio {

namespace {

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

PlaygroundControls::PlaygroundControls(const Registry& registry, QWidget* parent)
    : QWidget(parent), registry_(registry) {
    buildUi();
    populateChoices();
    retranslateUi();
}

void PlaygroundControls::buildUi() {
    // The hyper-parameter bar.
    bar_ = new QWidget(this);
    auto* top = new QHBoxLayout(bar_);
    top->setContentsMargins(0, 0, 0, 0);
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
    activation_ = new ActivationEditor(registry_, this);
    activation_->setObjectName("activation");
    // Softmax normalises across units; as one unit's activation it is meaningless.
    activation_->setExcluded({QStringLiteral("softmax")});
    // A backprop network: the step function's zero derivative would leave it untrained.
    activation_->setTrainableOnly(true);
    activation_->setSpec("tanh");
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
        top->addWidget(labelled(label, control, bar_));
    }

    // The side panel: data, features, optimizer.
    auto* left = new QVBoxLayout(this);
    left->setContentsMargins(0, 0, 0, 0);
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
        connect(box, &QCheckBox::toggled, this, &PlaygroundControls::featuresChanged);
    }
    left->addWidget(featuresGroup_);

    optimizerGroup_ = new QGroupBox(this);
    auto* optLayout = new QVBoxLayout(optimizerGroup_);
    optimizer_ = new QComboBox(this);
    optimizerOptions_ = new SchemaOptionsEditor(this);
    optimizerOptions_->setRegistry(&registry_);
    optimizerOptions_->setHiddenOptions({QStringLiteral("learning_rate")});
    optLayout->addWidget(optimizer_);
    optLayout->addWidget(optimizerOptions_);
    left->addWidget(optimizerGroup_);
    saveExperiment_ = new QPushButton(this);
    saveExperiment_->setObjectName("saveExperiment");
    left->addWidget(saveExperiment_);
    left->addStretch(1);

    connect(learningRate_, &QDoubleSpinBox::valueChanged, this, &PlaygroundControls::learningRateChanged);
    for (QSlider* slider : {noise_, ratio_}) {
        connect(slider, &QSlider::valueChanged, this, [this] {
            retranslateUi();  // slider values are part of their labels
            emit dataChanged();
        });
    }
    connect(dataset_, &QComboBox::currentIndexChanged, this, &PlaygroundControls::dataChanged);
    connect(samples_, &QSpinBox::valueChanged, this, &PlaygroundControls::dataChanged);
    connect(seed_, &QSpinBox::valueChanged, this, &PlaygroundControls::dataChanged);
    connect(batch_, &QSlider::valueChanged, this, &PlaygroundControls::retranslateUi);
    connect(showTest_, &QCheckBox::toggled, this, &PlaygroundControls::showTestDataChanged);
    connect(optimizer_, &QComboBox::currentIndexChanged, this, [this] {
        const ComponentInfo* info = registry_.find(Kind::Optimizer, optimizer_->currentData().toString().toStdString());
        optimizerOptions_->setSchema(info ? info->schema : Schema{});
        retranslateUi();
    });
    connect(saveExperiment_, &QPushButton::clicked, this, &PlaygroundControls::saveRequested);
}

void PlaygroundControls::populateChoices() {
    for (const ComponentInfo* info : registry_.list(Kind::Dataset)) {
        if (isPointCloud(registry_, *info))
            dataset_->addItem(QString::fromStdString(info->name), QString::fromStdString(info->name));
    }
    selectData(dataset_, QStringLiteral("circle"));

    for (const char* name : {"binary_cross_entropy", "mse"}) {
        if (registry_.find(Kind::Loss, name)) loss_->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    }

    // The playground's networks are trained by gradients: an optimizer written for
    // error-driven layers (Rosenblatt's rule) is not offered.
    for (const ComponentInfo* info : registry_.list(Kind::Optimizer)) {
        if (!optimizerSuits(*info, LearningSignal::Gradient)) continue;
        optimizer_->addItem(QString::fromStdString(info->name), QString::fromStdString(info->name));
    }
    // The 2-D playground's default: plain gradient descent at 0.03.
    selectData(optimizer_, QStringLiteral("sgd"));
    const ComponentInfo* info = registry_.find(Kind::Optimizer, optimizer_->currentData().toString().toStdString());
    if (info) optimizerOptions_->setSchema(info->schema);
}

void PlaygroundControls::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void PlaygroundControls::retranslateUi() {
    const std::string lang = playground::engineLanguage().toStdString();
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
    for (int i = 0; i < loss_->count(); ++i) {
        const QString key = loss_->itemData(i).toString();
        loss_->setItemText(i, key == QLatin1String("mse") ? tr("Mean squared error") : tr("Cross-entropy"));
        if (const ComponentInfo* info = registry_.find(Kind::Loss, key.toStdString())) {
            loss_->setItemData(i, QString::fromStdString(info->summary.in(lang)), Qt::ToolTipRole);
        }
    }
    saveExperiment_->setText(tr("Save as experiment…"));
    saveExperiment_->setToolTip(tr("Save the network, data and training settings as an experiment file, which "
                                   "`deepstep train FILE` and the step-by-step view can load"));
}

void PlaygroundControls::setRunning(bool running) {
    for (QWidget* w : std::initializer_list<QWidget*>{dataGroup_, featuresGroup_, optimizerGroup_, epochs_,
                                                      activation_, loss_, regularization_, regularizationRate_,
                                                      dropout_}) {
        w->setEnabled(!running);
    }
    showTest_->setEnabled(true);
}

// ---------------------------------------------------------------------------- data

bool PlaygroundControls::setDataset(const QString& name) {
    const int index = dataset_->findData(name);
    if (index < 0) return false;
    dataset_->setCurrentIndex(index);
    return true;
}
QString PlaygroundControls::dataset() const { return dataset_->currentData().toString(); }
QString PlaygroundControls::datasetTitle() const { return dataset_->currentText(); }
void PlaygroundControls::setNoise(int percent) { noise_->setValue(percent); }
int PlaygroundControls::noise() const { return noise_->value(); }
void PlaygroundControls::setTrainRatio(int percent) { ratio_->setValue(percent); }
int PlaygroundControls::trainRatio() const { return ratio_->value(); }
void PlaygroundControls::setBatchSize(int size) { batch_->setValue(size); }
void PlaygroundControls::setSampleCount(int samples) { samples_->setValue(samples); }
int PlaygroundControls::sampleCount() const { return samples_->value(); }
void PlaygroundControls::setSeed(int seed) { seed_->setValue(seed); }
int PlaygroundControls::seed() const { return seed_->value(); }
void PlaygroundControls::setShowTestData(bool show) { showTest_->setChecked(show); }

bool PlaygroundControls::setFeatures(const QStringList& keys) {
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
    emit featuresChanged();
    return true;
}

std::vector<InputFeature> PlaygroundControls::selectedFeatures() const {
    std::vector<InputFeature> out;
    const auto& all = allInputFeatures();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (featureBoxes_[i]->isChecked()) out.push_back(all[i]);
    }
    return out;
}

// ---------------------------------------------------------------------------- network and training

bool PlaygroundControls::setActivation(const Json& spec) { return activation_->setSpec(spec); }
Json PlaygroundControls::activation() const { return activation_->spec(); }

bool PlaygroundControls::setLoss(const QString& name) {
    const int index = loss_->findData(name);
    if (index < 0) return false;
    loss_->setCurrentIndex(index);
    return true;
}

bool PlaygroundControls::setOptimizer(const QString& name, const Json& options) {
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

QString PlaygroundControls::optimizer() const { return optimizer_->currentData().toString(); }
void PlaygroundControls::setLearningRate(double lr) { learningRate_->setValue(lr); }
double PlaygroundControls::learningRate() const { return learningRate_->value(); }
void PlaygroundControls::setRegularization(Regularization kind, double rate) {
    regularization_->setCurrentIndex(regularization_->findData(static_cast<int>(kind)));
    regularizationRate_->setValue(rate);
}
void PlaygroundControls::setDropout(double rate) { dropout_->setValue(rate); }
void PlaygroundControls::setEpochs(int epochs) { epochs_->setValue(epochs); }
int PlaygroundControls::epochs() const { return epochs_->value(); }

void PlaygroundControls::fillSetup(PlaygroundSetup& s) const {
    s.activation = activation_->spec();
    s.dropout = dropout_->value();
    s.loss = loss_->currentData().toString().toStdString();
    s.optimizer = optimizer().toStdString();
    s.optimizerOptions = optimizerOptions_->options();
    const ComponentInfo* info = registry_.find(Kind::Optimizer, s.optimizer);
    if (info && info->schema.find("learning_rate")) s.optimizerOptions["learning_rate"] = learningRate_->value();
    s.epochs = epochs_->value();
    s.batchSize = batch_->value();
    s.seed = static_cast<std::uint64_t>(seed_->value());
    const auto reg = static_cast<Regularization>(regularization_->currentData().toInt());
    s.l1 = reg == Regularization::L1 ? regularizationRate_->value() : 0.0;
    s.l2 = reg == Regularization::L2 ? regularizationRate_->value() : 0.0;
}

}  // namespace deepstep::studio
