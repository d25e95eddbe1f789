#pragma once
// LanguageSwitcher: English or Korean UI, switchable while the Studio runs.
//
// English is the source language (no translator). Korean installs every compiled
// translation embedded under :/i18n/*_ko.qm, plus Qt's own (qtbase_ko) when the Qt
// installation has it. Installing or removing a translator sends LanguageChange to
// every widget, which retranslates itself. The UI font lists NanumGothic after the
// platform's font in both languages: Latin letters, digits and the subscripts of the
// formulas keep the platform font (NanumGothic draws ₁ and ₂ as dots), Hangul falls
// back to NanumGothic, and a Korean name in an English UI renders too.

#include <QObject>
#include <QString>
#include <QTranslator>

#include <memory>
#include <vector>

namespace deepstep::studio {

class LanguageSwitcher : public QObject {
    Q_OBJECT
public:
    explicit LanguageSwitcher(QObject* parent = nullptr);
    ~LanguageSwitcher() override;

    /// "en" or "ko"; anything else is taken as "en". Returns the language now in use.
    QString setLanguage(const QString& code);
    const QString& language() const { return language_; }
    /// How many translators are installed now (0 in English).
    int installedTranslators() const { return static_cast<int>(translators_.size()); }

    /// The language remembered in QSettings ("en" when none).
    static QString savedLanguage();
    static void saveLanguage(const QString& code);

signals:
    void languageChanged(const QString& code);

private:
    void applyFont();
    QString language_ = QStringLiteral("en");
    std::vector<std::unique_ptr<QTranslator>> translators_;
};

/// Larger fonts everywhere for a classroom projector (factor 1 = normal).
void setUiFontScale(double factor);
double uiFontScale();

}  // namespace deepstep::studio
