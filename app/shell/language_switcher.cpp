#include "language_switcher.hpp"

#include <QApplication>
#include <QDir>
#include <QFont>
#include <QFontInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

namespace deepstep::studio {

namespace {

const QString kKoreanFamily = QStringLiteral("NanumGothic");

// The application font before any change of language or scale, so that switching back
// and forth never compounds.
QFont& baseFont() {
    static QFont font = QApplication::font();
    return font;
}
double& fontScale() {
    static double scale = 1.0;
    return scale;
}

void applyApplicationFont() {
    QFont f = baseFont();
    // The platform's default is often an alias ("Sans Serif") that a family list skips;
    // naming the family it resolves to keeps Latin text in that font, with NanumGothic
    // only as the fallback for Hangul.
    QStringList families = f.families();
    if (families.isEmpty()) families << f.family();
    families.prepend(QFontInfo(baseFont()).family());
    families.removeDuplicates();
    families.removeAll(kKoreanFamily);
    families.append(kKoreanFamily);
    f.setFamilies(families);
    if (f.pointSizeF() > 0) {
        f.setPointSizeF(baseFont().pointSizeF() * fontScale());
    } else if (f.pixelSize() > 0) {
        f.setPixelSize(static_cast<int>(baseFont().pixelSize() * fontScale() + 0.5));
    }
    QApplication::setFont(f);
}

}  // namespace

LanguageSwitcher::LanguageSwitcher(QObject* parent) : QObject(parent) {
    baseFont();
    applyFont();
}

LanguageSwitcher::~LanguageSwitcher() {
    for (auto& t : translators_) QCoreApplication::removeTranslator(t.get());
}

QString LanguageSwitcher::setLanguage(const QString& code) {
    const QString lang = code == QLatin1String("ko") ? QStringLiteral("ko") : QStringLiteral("en");
    if (lang == language_ && (lang == QLatin1String("en") || !translators_.empty())) return language_;
    for (auto& t : translators_) QCoreApplication::removeTranslator(t.get());
    translators_.clear();
    if (lang == QLatin1String("ko")) {
        const QDir i18n(QStringLiteral(":/i18n"));
        for (const QString& file : i18n.entryList({QStringLiteral("*_ko.qm")}, QDir::Files, QDir::Name)) {
            auto t = std::make_unique<QTranslator>();
            if (t->load(i18n.filePath(file))) translators_.push_back(std::move(t));
        }
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_ko"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            translators_.push_back(std::move(qt));
        }
        for (auto& t : translators_) QCoreApplication::installTranslator(t.get());
        QLocale::setDefault(QLocale(QLocale::Korean, QLocale::SouthKorea));
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    language_ = lang;
    applyFont();
    if (translators_.empty()) {
        // Removing the last translator sends LanguageChange itself; going from English
        // to a language with no translation files must still refresh the views.
        QEvent change(QEvent::LanguageChange);
        QCoreApplication::sendEvent(QCoreApplication::instance(), &change);
    }
    emit languageChanged(language_);
    return language_;
}

void LanguageSwitcher::applyFont() {
    applyApplicationFont();
}

QString LanguageSwitcher::savedLanguage() {
    QSettings settings;
    return settings.value(QStringLiteral("ui/language"), QStringLiteral("en")).toString() == QLatin1String("ko")
               ? QStringLiteral("ko")
               : QStringLiteral("en");
}

void LanguageSwitcher::saveLanguage(const QString& code) {
    QSettings settings;
    settings.setValue(QStringLiteral("ui/language"), code);
}

void setUiFontScale(double factor) {
    baseFont();
    fontScale() = factor > 0 ? factor : 1.0;
    applyApplicationFont();
}

double uiFontScale() { return fontScale(); }

}  // namespace deepstep::studio
