#include "schema_options_editor.hpp"

#include "activation_editor.hpp"
#include "number_spin_box.hpp"
#include "playground_style.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <climits>
#include <cmath>

namespace deepstep::studio {

namespace {
// Bounds for options that declare none: wide enough for any sensible value, and
// within what the spin boxes can hold.
constexpr double kOpenBound = 1e12;

int intBound(const std::optional<double>& bound, int fallback) {
    if (!bound) return fallback;
    return static_cast<int>(std::clamp(*bound, static_cast<double>(INT_MIN), static_cast<double>(INT_MAX)));
}

std::optional<std::vector<double>> parseNumberList(const QString& text) {
    std::vector<double> values;
    const QString t = text.trimmed();
    if (t.isEmpty()) return values;
    for (const QString& part : t.split(',')) {
        bool ok = false;
        const double v = QLocale::c().toDouble(part.trimmed(), &ok);
        if (!ok) return std::nullopt;
        values.push_back(v);
    }
    return values;
}
}  // namespace

SchemaOptionsEditor::SchemaOptionsEditor(QWidget* parent)
    : QWidget(parent), form_(new QFormLayout(this)), empty_(new QLabel(this)) {
    form_->setContentsMargins(0, 0, 0, 0);
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form_->addRow(empty_);
    retranslateUi();
}

void SchemaOptionsEditor::setSchema(const Schema& schema, const Json& values) {
    schema_ = schema;
    rebuild(values);
}

void SchemaOptionsEditor::setHiddenOptions(const QStringList& names) {
    if (names == hidden_) return;
    const Json current = options();
    hidden_ = names;
    rebuild(current);
}

void SchemaOptionsEditor::rebuild(const Json& values) {
    for (Field& f : fields_) {
        form_->removeRow(f.editor);  // deletes label and editor
    }
    fields_.clear();
    for (const OptionSpec& spec : schema_.specs()) {
        if (hidden_.contains(QString::fromStdString(spec.name))) continue;
        Field f;
        f.spec = spec;
        f.label = new QLabel(QString::fromStdString(spec.name), this);
        f.editor = makeEditor(spec);
        f.editor->setObjectName(QString::fromStdString(spec.name));
        f.label->setBuddy(f.editor);
        form_->addRow(f.label, f.editor);
        fields_.push_back(f);
        const Json& initial =
            (values.is_object() && values.contains(spec.name)) ? values[spec.name] : spec.defaultValue;
        if (!initial.is_null()) {
            const QSignalBlocker quiet(fields_.back().editor);  // one optionsChanged() at the end
            assign(fields_.back(), initial);
        }
    }
    empty_->setVisible(fields_.empty());
    retranslateUi();
    emit optionsChanged();
}

QWidget* SchemaOptionsEditor::makeEditor(const OptionSpec& spec) {
    switch (spec.type) {
        case OptionType::Integer: {
            auto* box = new QSpinBox(this);
            box->setRange(intBound(spec.min, 0), intBound(spec.max, INT_MAX));
            if (!spec.min) box->setMinimum(INT_MIN);
            box->setKeyboardTracking(false);
            connect(box, &QSpinBox::valueChanged, this, &SchemaOptionsEditor::optionsChanged);
            return box;
        }
        case OptionType::Number: {
            auto* box = new NumberSpinBox(this);
            box->setRange(spec.min.value_or(-kOpenBound), spec.max.value_or(kOpenBound));
            connect(box, &QDoubleSpinBox::valueChanged, this, &SchemaOptionsEditor::optionsChanged);
            return box;
        }
        case OptionType::Boolean: {
            auto* box = new QCheckBox(this);
            connect(box, &QCheckBox::toggled, this, &SchemaOptionsEditor::optionsChanged);
            return box;
        }
        case OptionType::Choice: {
            auto* box = new QComboBox(this);
            for (const std::string& c : spec.choices)
                box->addItem(QString::fromStdString(c));
            connect(box, &QComboBox::currentIndexChanged, this, &SchemaOptionsEditor::optionsChanged);
            return box;
        }
        case OptionType::Activation:
            if (registry_ != nullptr) {
                auto* editor = new ActivationEditor(*registry_, this);
                connect(editor, &ActivationEditor::specChanged, this, &SchemaOptionsEditor::optionsChanged);
                return editor;
            }
            [[fallthrough]];
        case OptionType::String:
        case OptionType::NumberList: {
            auto* edit = new QLineEdit(this);
            connect(edit, &QLineEdit::editingFinished, this, &SchemaOptionsEditor::optionsChanged);
            return edit;
        }
        case OptionType::Layers: {
            // Child layers are a structure, not a value to type: shown, not edited.
            auto* line = new QLabel(this);
            line->setWordWrap(true);
            return line;
        }
    }
    return new QWidget(this);
}

bool SchemaOptionsEditor::assign(Field& f, const Json& value) {
    switch (f.spec.type) {
        case OptionType::Integer:
            if (!value.is_number()) return false;
            static_cast<QSpinBox*>(f.editor)->setValue(static_cast<int>(
                std::clamp(value.get<double>(), static_cast<double>(INT_MIN), static_cast<double>(INT_MAX))));
            return true;
        case OptionType::Number:
            if (!value.is_number()) return false;
            static_cast<QDoubleSpinBox*>(f.editor)->setValue(value.get<double>());
            return true;
        case OptionType::Boolean:
            if (!value.is_boolean()) return false;
            static_cast<QCheckBox*>(f.editor)->setChecked(value.get<bool>());
            return true;
        case OptionType::Choice: {
            if (!value.is_string()) return false;
            auto* box = static_cast<QComboBox*>(f.editor);
            const int index = box->findText(QString::fromStdString(value.get<std::string>()));
            if (index < 0) return false;
            box->setCurrentIndex(index);
            return true;
        }
        case OptionType::String:
            if (!value.is_string()) return false;
            static_cast<QLineEdit*>(f.editor)->setText(QString::fromStdString(value.get<std::string>()));
            return true;
        case OptionType::NumberList: {
            if (!value.is_array()) return false;
            QStringList parts;
            for (const Json& v : value) {
                if (!v.is_number()) return false;
                parts << QLocale::c().toString(v.get<double>(), 'g', 10);
            }
            static_cast<QLineEdit*>(f.editor)->setText(parts.join(", "));
            return true;
        }
        case OptionType::Activation:
            if (auto* editor = qobject_cast<ActivationEditor*>(f.editor)) return editor->setSpec(value);
            if (!value.is_string()) return false;
            static_cast<QLineEdit*>(f.editor)->setText(QString::fromStdString(value.get<std::string>()));
            return true;
        case OptionType::Layers: {
            if (!value.is_array()) return false;
            f.fixed = value;
            QStringList names;
            for (const Json& layer : value) {
                const Json type = layer.is_object() ? layer.value("type", Json()) : layer;
                names << (type.is_string() ? QString::fromStdString(type.get<std::string>()) : QStringLiteral("?"));
            }
            static_cast<QLabel*>(f.editor)->setText(names.join(QStringLiteral(" → ")));
            return true;
        }
    }
    return false;
}

Json SchemaOptionsEditor::valueOf(const Field& f) const {
    switch (f.spec.type) {
        case OptionType::Integer:
            return static_cast<QSpinBox*>(f.editor)->value();
        case OptionType::Number:
            return static_cast<QDoubleSpinBox*>(f.editor)->value();
        case OptionType::Boolean:
            return static_cast<QCheckBox*>(f.editor)->isChecked();
        case OptionType::Choice:
            return static_cast<QComboBox*>(f.editor)->currentText().toStdString();
        case OptionType::String: {
            const QString text = static_cast<QLineEdit*>(f.editor)->text();
            if (text.isEmpty() && f.spec.defaultValue.is_null()) return nullptr;
            return text.toStdString();
        }
        case OptionType::NumberList: {
            const auto parsed = parseNumberList(static_cast<QLineEdit*>(f.editor)->text());
            if (!parsed) return nullptr;
            Json list = Json::array();
            for (double v : *parsed) {
                // Elements outside the range are left out too: the editor never hands
                // the registry something it must reject.
                if ((f.spec.min && v < *f.spec.min) || (f.spec.max && v > *f.spec.max)) return nullptr;
                list.push_back(v);
            }
            return list;
        }
        case OptionType::Activation: {
            if (auto* editor = qobject_cast<ActivationEditor*>(f.editor)) return editor->spec();
            const QString text = static_cast<QLineEdit*>(f.editor)->text().trimmed();
            if (text.isEmpty()) return nullptr;
            return text.toStdString();
        }
        case OptionType::Layers:
            return f.fixed.is_null() ? Json() : f.fixed;
    }
    return nullptr;
}

Json SchemaOptionsEditor::options() const {
    Json out = Json::object();
    for (const Field& f : fields_) {
        Json v = valueOf(f);
        if (!v.is_null()) out[f.spec.name] = std::move(v);
    }
    return out;
}

bool SchemaOptionsEditor::setValue(const std::string& name, const Json& value) {
    for (Field& f : fields_) {
        if (f.spec.name != name) continue;
        const bool ok = assign(f, value);
        if (ok) emit optionsChanged();
        return ok;
    }
    return false;
}

QWidget* SchemaOptionsEditor::editorFor(const std::string& name) const {
    for (const Field& f : fields_) {
        if (f.spec.name == name) return f.editor;
    }
    return nullptr;
}

void SchemaOptionsEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void SchemaOptionsEditor::retranslateUi() {
    empty_->setText(tr("This component has no options."));
    const std::string lang = playground::engineLanguage().toStdString();
    for (const Field& f : fields_) {
        QString tip = QString::fromStdString(f.spec.help.in(lang));
        const QString expectation = QString::fromStdString(f.spec.expectation());
        if (!expectation.isEmpty()) tip += QStringLiteral("\n(%1)").arg(expectation);
        f.label->setToolTip(tip);
        f.editor->setToolTip(tip);
    }
}

}  // namespace deepstep::studio
