#include "stepview/internals_view.hpp"

#include "stepview/matrix_heatmap.hpp"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace deepstep::studio {

InternalsView::InternalsView(StepSession& session, QWidget* parent) : QWidget(parent), session_(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    layerLabel_ = new QLabel(this);
    layerBox_ = new QComboBox(this);
    layerBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layerLabel_->setBuddy(layerBox_);
    top->addWidget(layerLabel_);
    top->addWidget(layerBox_);
    top->addStretch(1);
    layout->addLayout(top);
    message_ = new QLabel(this);
    message_->setWordWrap(true);
    layout->addWidget(message_);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    page_ = new QWidget;
    rowsLayout_ = new QVBoxLayout(page_);
    rowsLayout_->addStretch(1);
    scroll->setWidget(page_);
    layout->addWidget(scroll, 1);

    connect(layerBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i != layer_) setLayer(i);
    });
    connect(&session_, &StepSession::changed, this, &InternalsView::refresh);
    connect(&session_, &StepSession::reloaded, this, [this] {
        layer_ = -1;
        fillLayers();
        refresh();
    });
    retranslateUi();
}

InternalsView::~InternalsView() = default;

void InternalsView::setLayer(int layer) {
    if (!session_.isLoaded()) return;
    layer_ = std::clamp(layer, 0, std::max(0, session_.layerCount() - 1));
    const QSignalBlocker block(layerBox_);
    layerBox_->setCurrentIndex(layer_);
    refresh();
}

void InternalsView::fillLayers() {
    const QSignalBlocker block(layerBox_);
    layerBox_->clear();
    if (!session_.isLoaded()) return;
    Network& net = session_.network();
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        const QString name = QString::fromStdString(net.layerName(i));
        const auto count = net.internals(i).size();
        layerBox_->addItem(count > 0 ? tr("%1 (%n internal(s))", nullptr, static_cast<int>(count)).arg(name) : name);
    }
    if (layer_ < 0) {
        // The first layer that has something to show.
        layer_ = 0;
        for (std::size_t i = 0; i < net.layerCount(); ++i) {
            if (!net.internals(i).empty()) {
                layer_ = static_cast<int>(i);
                break;
            }
        }
    }
    layerBox_->setCurrentIndex(layer_);
}

void InternalsView::clearRows() {
    for (Row& r : rows_) {
        delete r.label;
        delete r.value;
        delete r.gradient;
    }
    rows_.clear();
}

void InternalsView::refresh() {
    clearRows();
    if (!session_.isLoaded() || layer_ < 0 || layer_ >= session_.layerCount()) {
        message_->setText(tr("No experiment loaded."));
        return;
    }
    // Names and help from the layer itself; values from the step record.
    const std::vector<Internal> described = session_.network().internals(static_cast<std::size_t>(layer_));
    const StepRecord* record = session_.record();
    const LayerRecord* lr = record && static_cast<std::size_t>(layer_) < record->layers.size()
                                ? &record->layers[static_cast<std::size_t>(layer_)]
                                : nullptr;
    std::vector<std::string> names;
    for (const Internal& in : described) names.push_back(in.name);
    if (lr) {
        for (const InternalRecord& in : lr->internals) {
            if (std::find(names.begin(), names.end(), in.name) == names.end()) names.push_back(in.name);
        }
    }
    if (names.empty()) {
        message_->setText(tr("Layer %1 shows no intermediate values of its own.")
                              .arg(QString::fromStdString(session_.network().layerName(static_cast<std::size_t>(layer_)))));
        return;
    }
    message_->setText(tr("Rows are the examples of the batch. The value is shown once the forward pass has reached "
                         "the layer, the gradient once the backward pass has."));
    const std::string lang = tr("en", "language code of this translation: ko in the Korean one").toStdString();
    int index = 0;
    for (const std::string& name : names) {
        Row row;
        row.name = QString::fromStdString(name);
        QString help;
        for (const Internal& in : described) {
            if (in.name == name) help = QString::fromStdString(in.help.in(lang));
        }
        row.label = new QLabel(help.isEmpty() ? row.name : tr("%1: %2").arg(row.name, help), page_);
        row.label->setWordWrap(true);
        QFont f = row.label->font();
        f.setBold(true);
        row.label->setFont(f);
        row.value = new MatrixHeatmap(page_);
        row.gradient = new MatrixHeatmap(page_);
        row.value->setTitle(row.name);
        row.gradient->setTitle(QStringLiteral("∂E/∂") + row.name);
        for (MatrixHeatmap* m : {row.value, row.gradient}) m->setMinimumHeight(110);
        const InternalRecord* rec = nullptr;
        if (lr) {
            for (const InternalRecord& in : lr->internals) {
                if (in.name == name) rec = &in;
            }
        }
        if (rec && !rec->value.empty() && session_.forwardShown(layer_)) {
            row.value->setTensor(rec->value);
        } else {
            row.value->clear(tr("shown when the forward pass reaches this layer"));
        }
        if (rec && !rec->grad.empty() && session_.backwardShown(layer_)) {
            row.gradient->setTensor(rec->grad);
        } else {
            row.gradient->clear(rec && rec->grad.empty() && session_.backwardShown(layer_)
                                    ? tr("this layer gives no gradient for it")
                                    : tr("shown when the backward pass reaches this layer"));
        }
        auto* pair = new QHBoxLayout;
        pair->addWidget(row.value);
        pair->addWidget(row.gradient);
        rowsLayout_->insertWidget(index++, row.label);
        rowsLayout_->insertLayout(index++, pair);
        rows_.push_back(row);
    }
}

const InternalsView::Row* InternalsView::findRow(const QString& name) const {
    for (const Row& r : rows_) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

QStringList InternalsView::internalNames() const {
    QStringList names;
    for (const Row& r : rows_) names << r.name;
    return names;
}

QString InternalsView::labelText(const QString& name) const {
    const Row* r = findRow(name);
    return r ? r->label->text() : QString();
}

MatrixHeatmap* InternalsView::valueHeatmap(const QString& name) const {
    const Row* r = findRow(name);
    return r ? r->value : nullptr;
}

MatrixHeatmap* InternalsView::gradientHeatmap(const QString& name) const {
    const Row* r = findRow(name);
    return r ? r->gradient : nullptr;
}

QString InternalsView::message() const { return message_->text(); }

void InternalsView::retranslateUi() {
    layerLabel_->setText(tr("Layer:"));
    fillLayers();
    refresh();
}

void InternalsView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace deepstep::studio
