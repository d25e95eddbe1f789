#pragma once
// SchemaOptionsEditor: an editor for any component's options, built from its Schema.
//
// Every plugin declares its options (deepstep/options.hpp); this widget turns them
// into controls, so a new optimizer, layer or dataset from a plugin gets its editor
// without any change to the Studio:
//   Integer    → spin box limited to [min, max]
//   Number     → NumberSpinBox limited to [min, max]
//   Boolean    → check box
//   Choice     → combo box of the choices
//   String     → line edit
//   NumberList → line edit of comma-separated numbers
//   Activation → ActivationEditor: the registered activations and the chosen one's
//                options (needs setRegistry(); without one, a line edit of the name)
//   Layers     → not edited: a read-only line naming the child layers, whose value
//                passes through unchanged
// Help texts (en/ko) become tool tips. Any view may use it.

#include "deepstep/options.hpp"
#include "deepstep/registry.hpp"

#include <QStringList>
#include <QWidget>

#include <string>
#include <vector>

class QFormLayout;
class QLabel;

namespace deepstep::studio {

class SchemaOptionsEditor : public QWidget {
    Q_OBJECT

public:
    explicit SchemaOptionsEditor(QWidget* parent = nullptr);

    /// The registry whose activations Activation options offer. Applies from the next
    /// setSchema(). requires: `registry` outlives the editor (nullptr: none).
    void setRegistry(const Registry* registry) { registry_ = registry; }

    /// Rebuilds the controls for `schema`. Values come from `values` where given and
    /// valid, else the schema's defaults. Hidden options get no control.
    void setSchema(const Schema& schema, const Json& values = Json::object());
    const Schema& schema() const { return schema_; }

    /// Options another control provides (the playground's own learning rate).
    /// Takes effect at once.
    void setHiddenOptions(const QStringList& names);
    const QStringList& hiddenOptions() const { return hidden_; }

    /// The current values of every visible option, as a JSON object for
    /// Registry::make*. A required option left empty is omitted (the registry then
    /// names it); so is a number list that does not parse.
    /// ensures: every value present lies within its option's range and type.
    Json options() const;

    /// Sets one option's control. Returns false when the option has no control or the
    /// value does not fit its type (out-of-range numbers are clamped).
    bool setValue(const std::string& name, const Json& value);
    /// The control of one option, or nullptr (for tests and screenshots).
    QWidget* editorFor(const std::string& name) const;
    /// Number of visible options.
    int visibleCount() const { return static_cast<int>(fields_.size()); }

signals:
    /// Any value changed by the user or by setValue().
    void optionsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Field {
        OptionSpec spec;
        QLabel* label = nullptr;
        QWidget* editor = nullptr;
        Json fixed;  ///< a Layers option's value, passed through unedited
    };
    void rebuild(const Json& values);
    QWidget* makeEditor(const OptionSpec& spec);
    Json valueOf(const Field& f) const;
    bool assign(Field& f, const Json& value);
    void retranslateUi();

    const Registry* registry_ = nullptr;
    Schema schema_;
    QStringList hidden_;
    std::vector<Field> fields_;
    QFormLayout* form_;
    QLabel* empty_;
};

}  // namespace deepstep::studio
