#include "number_spin_box.hpp"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

NumberSpinBox::NumberSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    // Enough decimals that QDoubleSpinBox never rounds a value; the text shows
    // significant digits instead (textFromValue).
    setDecimals(15);
    setRange(-1e12, 1e12);
    setKeyboardTracking(false);
    setAccelerated(true);
}

QString NumberSpinBox::textFromValue(double value) const {
    return QLocale::c().toString(value, 'g', 6);
}

double NumberSpinBox::valueFromText(const QString& text) const {
    bool ok = false;
    const double v = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok ? v : value();
}

QValidator::State NumberSpinBox::validate(QString& text, int& /*pos*/) const {
    const QString t = text.trimmed();
    if (t.isEmpty() || t == "-" || t == "+" || t == "." || t.endsWith('e', Qt::CaseInsensitive) ||
        t.endsWith("e-", Qt::CaseInsensitive) || t.endsWith("e+", Qt::CaseInsensitive)) {
        return QValidator::Intermediate;
    }
    bool ok = false;
    const double v = QLocale::c().toDouble(t, &ok);
    if (!ok) return QValidator::Invalid;
    return (v >= minimum() && v <= maximum()) ? QValidator::Acceptable : QValidator::Intermediate;
}

double NumberSpinBox::stepped(double value, int direction) const {
    if (logarithmic_) {
        // 1-3-10 ladder: 0.001, 0.003, 0.01, 0.03, ...
        if (value <= 0) return direction > 0 ? 1e-5 : 0.0;
        const double decade = std::pow(10.0, std::floor(std::log10(value) + 1e-9));
        const double mantissa = value / decade;
        if (direction > 0) return mantissa < 2.999 ? 3 * decade : 10 * decade;
        if (mantissa > 3.001) return 3 * decade;
        if (mantissa > 1.001) return decade;
        return decade * 0.3;
    }
    const double magnitude = value == 0 ? 0.1 : std::pow(10.0, std::floor(std::log10(std::abs(value)) + 1e-9)) / 10;
    return value + direction * magnitude;
}

void NumberSpinBox::stepBy(int steps) {
    double v = value();
    const int direction = steps > 0 ? 1 : -1;
    for (int i = 0; i < std::abs(steps); ++i)
        v = stepped(v, direction);
    setValue(std::clamp(v, minimum(), maximum()));
    selectAll();
}

QAbstractSpinBox::StepEnabled NumberSpinBox::stepEnabled() const {
    StepEnabled e;
    if (value() < maximum()) e |= StepUpEnabled;
    if (value() > minimum()) e |= StepDownEnabled;
    return e;
}

}  // namespace deepstep::studio
