#include "activation_editor.hpp"

#include "playground_style.hpp"
#include "schema_options_editor.hpp"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QSignalBlocker>

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

void ActivationEditor::populate(const QString& keep) {
    const QSignalBlocker quiet(chooser_);
    chooser_->clear();
    for (const ComponentInfo* info : registry_.list(Kind::Activation)) {
        const QString n = QString::fromStdString(info->name);
        if (!excluded_.contains(n)) chooser_->addItem(n, n);
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
