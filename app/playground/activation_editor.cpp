#include "activation_editor.hpp"

#include "playground_style.hpp"
#include "schema_options_editor.hpp"

#include "deepstep/activation.hpp"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QSignalBlocker>

#include <cmath>

namespace deepstep::studio {

ActivationEditor::ActivationEditor(const Registry& registry, QWidget* parent)
    : QWidget(parent), registry_(registry), chooser_(new QComboBox(this)), options_(new SchemaOptionsEditor(this)) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    chooser_->setObjectName(QStringLiteral("activationType"));
    options_->setRegistry(&registry_);
    row->addWidget(chooser_);
    row->addWidget(options_);
    populate({});
    connect(chooser_, &QComboBox::currentIndexChanged, this, [this] {
        showOptionsOf(Json::object());
        emit specChanged();
    });
    connect(options_, &SchemaOptionsEditor::optionsChanged, this, &ActivationEditor::specChanged);
    showOptionsOf(Json::object());
    retranslateUi();
}

void ActivationEditor::setExcluded(const QStringList& names) {
    excluded_ = names;
    populate(name());
    showOptionsOf(Json::object());
}

void ActivationEditor::setTrainableOnly(bool on) {
    trainableOnly_ = on;
    populate(name());
    showOptionsOf(Json::object());
}

bool ActivationEditor::backpropCanTrain(const Registry& registry, const std::string& name) {
    try {
        const std::unique_ptr<Activation> f = registry.makeActivation(name);
        constexpr std::size_t kPoints = 81;
        Tensor z(Shape{1, kPoints});
        for (std::size_t i = 0; i < kPoints; ++i)
            z[i] = -4.0F + 8.0F * static_cast<float>(i) / static_cast<float>(kPoints - 1);
        const Tensor a = f->forward(z);
        Tensor ones(a.shape());
        for (std::size_t i = 0; i < ones.size(); ++i)
            ones[i] = 1.0F;
        const Tensor dz = f->backward(z, a, ones);
        for (std::size_t i = 0; i < dz.size(); ++i)
            if (std::isfinite(dz[i]) && dz[i] != 0.0F) return true;
        return false;
    } catch (const std::exception&) {
        return true;  // one that needs options it cannot default is offered; the run reports it
    }
}

void ActivationEditor::populate(const QString& keep) {
    const QSignalBlocker quiet(chooser_);
    chooser_->clear();
    for (const ComponentInfo* info : registry_.list(Kind::Activation)) {
        const QString n = QString::fromStdString(info->name);
        if (excluded_.contains(n)) continue;
        if (trainableOnly_ && !backpropCanTrain(registry_, info->name)) continue;
        chooser_->addItem(n, n);
    }
    const int index = chooser_->findData(keep);
    if (index >= 0) chooser_->setCurrentIndex(index);
    retranslateUi();
}

void ActivationEditor::showOptionsOf(const Json& values) {
    const ComponentInfo* info = registry_.find(Kind::Activation, name().toStdString());
    options_->setSchema(info ? info->schema : Schema{}, values);
    // A spin box is sized for its range's ends ("0", "1"): too narrow for "0.01".
    for (QAbstractSpinBox* box : options_->findChildren<QAbstractSpinBox*>())
        box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("0.0001")) + 32);
    // An activation without options needs no "no options" line beside its name.
    options_->setVisible(options_->visibleCount() > 0);
}

bool ActivationEditor::setSpec(const Json& spec) {
    Json values = Json::object();
    std::string type;
    if (spec.is_string()) {
        type = spec.get<std::string>();
    } else if (spec.is_object() && spec.contains("type") && spec["type"].is_string()) {
        type = spec["type"].get<std::string>();
        values = spec;
        values.erase("type");
    } else {
        return false;
    }
    const int index = chooser_->findData(QString::fromStdString(type));
    if (index < 0) return false;
    {
        const QSignalBlocker quiet(chooser_);
        chooser_->setCurrentIndex(index);
    }
    {
        const QSignalBlocker quiet(options_);
        showOptionsOf(values);
    }
    emit specChanged();
    return true;
}

Json ActivationEditor::spec() const {
    const std::string type = name().toStdString();
    const Json values = options_->options();
    Json spec{{"type", type}};
    bool defaults = true;
    for (const OptionSpec& o : options_->schema().specs()) {
        if (!values.contains(o.name)) continue;
        spec[o.name] = values[o.name];
        if (values[o.name] != o.defaultValue) defaults = false;
    }
    return defaults ? Json(type) : spec;
}

QString ActivationEditor::name() const {
    return chooser_->currentData().toString();
}

void ActivationEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ActivationEditor::retranslateUi() {
    // The names are the registry's (the same in every language); the summaries are
    // the engine's, in the UI language.
    const std::string lang = playground::engineLanguage().toStdString();
    for (int i = 0; i < chooser_->count(); ++i) {
        if (const ComponentInfo* info =
                registry_.find(Kind::Activation, chooser_->itemData(i).toString().toStdString())) {
            chooser_->setItemData(i, QString::fromStdString(info->summary.in(lang)), Qt::ToolTipRole);
        }
    }
}

}  // namespace deepstep::studio
