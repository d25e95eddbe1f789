#pragma once
// ActivationEditor: chooses an activation and sets its options, for an option of type
// OptionType::Activation (a dense layer's "activation") and the playground's own
// activation control.
//
// A combo box lists the registered activations (a plugin's too); beside it a
// SchemaOptionsEditor shows the chosen one's options (leaky_relu's alpha, a plugin
// Swish's β). The value is what an experiment file holds: the name alone while every
// option has its default ("tanh"), else {"type": "leaky_relu", "alpha": 0.1}.

#include "deepstep/registry.hpp"

#include <QStringList>
#include <QWidget>

class QComboBox;

namespace deepstep::studio {

class SchemaOptionsEditor;

class ActivationEditor : public QWidget {
    Q_OBJECT

public:
    /// requires: `registry` outlives the editor.
    explicit ActivationEditor(const Registry& registry, QWidget* parent = nullptr);

    /// Leaves these activations out of the choices (the playground: softmax, which
    /// normalises across units and means nothing as one unit's activation).
    void setExcluded(const QStringList& names);
    /// Offers only activations that backpropagation can train (see backpropCanTrain).
    void setTrainableOnly(bool on);
    /// Whether gradient descent can train through the activation `name` with its
    /// default options: its derivative, asked of the activation itself (backward with
    /// dL/da = 1 over z in [−4, 4]), is non-zero somewhere. The step function's is 0
    /// everywhere, so no error signal reaches the weights before it.
    static bool backpropCanTrain(const Registry& registry, const std::string& name);

    /// Shows `spec` (a name or {"type": ..., options}). Returns false (and changes
    /// nothing) when it names no offered activation; unknown or bad options are
    /// left at their defaults.
    bool setSpec(const Json& spec);
    /// The activation as an experiment holds it (see above).
    Json spec() const;
    /// The chosen activation's name.
    QString name() const;

    QComboBox* chooser() const { return chooser_; }
    SchemaOptionsEditor* optionsEditor() const { return options_; }

signals:
    /// The activation or one of its options changed.
    void specChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void populate(const QString& keep);
    void showOptionsOf(const Json& values);
    void retranslateUi();

    const Registry& registry_;
    QStringList excluded_;
    bool trainableOnly_ = false;
    QComboBox* chooser_;
    SchemaOptionsEditor* options_;
};

}  // namespace deepstep::studio
