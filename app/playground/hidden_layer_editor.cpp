#include "hidden_layer_editor.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>

namespace deepstep::studio {

HiddenLayerEditor::HiddenLayerEditor(QWidget* parent)
    : QWidget(parent), add_(new QToolButton(this)), remove_(new QToolButton(this)), count_(new QLabel(this)) {
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    add_->setText(QStringLiteral("+"));
    remove_->setText(QStringLiteral("−"));
    add_->setObjectName("addLayer");
    remove_->setObjectName("removeLayer");
    outer->addWidget(add_);
    outer->addWidget(remove_);
    outer->addWidget(count_);
    row_ = new QHBoxLayout;
    row_->setSpacing(4);
    outer->addLayout(row_);
    outer->addStretch(1);
    connect(add_, &QToolButton::clicked, this, &HiddenLayerEditor::addLayer);
    connect(remove_, &QToolButton::clicked, this, &HiddenLayerEditor::removeLayer);
    units_ = {4, 2};
    rebuild();
}

void HiddenLayerEditor::setLayers(const QVector<int>& units) {
    QVector<int> clamped;
    for (int u : units) {
        if (clamped.size() == kMaxLayers) break;
        clamped.push_back(std::clamp(u, 1, kMaxUnits));
    }
    if (clamped == units_) return;
    units_ = clamped;
    rebuild();
    emit layersChanged();
}

void HiddenLayerEditor::addLayer() {
    if (units_.size() >= kMaxLayers) return;
    units_.push_back(units_.isEmpty() ? 4 : units_.back());
    rebuild();
    emit layersChanged();
}

void HiddenLayerEditor::removeLayer() {
    if (units_.isEmpty()) return;
    units_.pop_back();
    rebuild();
    emit layersChanged();
}

void HiddenLayerEditor::rebuild() {
    qDeleteAll(boxes_);
    boxes_.clear();
    for (int i = 0; i < units_.size(); ++i) {
        auto* box = new QSpinBox(this);
        box->setRange(1, kMaxUnits);
        box->setValue(units_[i]);
        box->setObjectName(QStringLiteral("units%1").arg(i + 1));
        connect(box, &QSpinBox::valueChanged, this, [this, i](int v) {
            if (i < units_.size() && units_[i] != v) {
                units_[i] = v;
                emit layersChanged();
            }
        });
        row_->addWidget(box);
        boxes_.push_back(box);
    }
    add_->setEnabled(units_.size() < kMaxLayers);
    remove_->setEnabled(!units_.isEmpty());
    retranslateUi();
}

void HiddenLayerEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void HiddenLayerEditor::retranslateUi() {
    add_->setToolTip(tr("Add a hidden layer"));
    remove_->setToolTip(tr("Remove the last hidden layer"));
    count_->setText(tr("%n hidden layer(s):", nullptr, static_cast<int>(units_.size())));
    for (int i = 0; i < boxes_.size(); ++i) {
        boxes_[i]->setToolTip(tr("Units (neurons) in hidden layer %1").arg(i + 1));
    }
}

}  // namespace deepstep::studio
