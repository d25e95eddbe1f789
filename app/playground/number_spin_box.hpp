#pragma once
// NumberSpinBox: a spin box for real numbers spanning many orders of magnitude
// (learning rates of 0.00001, Adam's ε of 1e-8), which QDoubleSpinBox's fixed number
// of decimals would round to zero. Values are shown with six significant digits;
// the arrows step either by a tenth of the value's order of magnitude or, in
// logarithmic mode, along 1, 3, 10, 30, … as the 2-D playground's rate menus do.

#include <QDoubleSpinBox>

namespace deepstep::studio {

class NumberSpinBox : public QDoubleSpinBox {
    Q_OBJECT

public:
    explicit NumberSpinBox(QWidget* parent = nullptr);

    /// Arrow keys move along 1-3-10 (true) or by a tenth of the magnitude (false).
    void setLogarithmicSteps(bool on) { logarithmic_ = on; }
    bool logarithmicSteps() const { return logarithmic_; }

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void stepBy(int steps) override;

protected:
    StepEnabled stepEnabled() const override;

private:
    double stepped(double value, int direction) const;
    bool logarithmic_ = false;
};

}  // namespace deepstep::studio
