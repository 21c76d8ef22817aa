#pragma once

#include <QLocale>
#include <QString>
#include <QTranslator>

namespace coderai {

/// \brief The catalogues a seller's locale needs, installed in the order Qt searches them.
///
/// Qt searches the most recently installed translator first, so the order of install() is the
/// order of fallback: the app's catalogue for the locale, then the English catalogue (numerus
/// forms only: "1 request" / "2 requests" instead of the source's "request(s)"), then Qt's own
/// catalogue for its dialogs and buttons. A locale without a catalogue of its own reads English
/// with correct plurals; an Italian string not yet translated does too.
class AppTranslations final
{
    Q_DISABLE_COPY_MOVE(AppTranslations)

public:
    AppTranslations();
    ~AppTranslations(); ///< removes what install() installed

    /// Loads and installs the catalogues for \a locale, replacing any installed before.
    /// \a qtTranslationsDir is where Qt's own qtbase_<lang>.qm live (QLibraryInfo's by default).
    void install(const QLocale &locale, const QString &qtTranslationsDir = defaultQtTranslationsDir());
    void remove();

    /// Qt's qtbase catalogue was found for the locale (Debian: package qt6-translations-l10n).
    bool hasQtCatalogue() const { return m_qtInstalled; }
    /// The language of the app catalogue in use besides English ("it_IT"), empty if none.
    QString appLanguage() const { return m_appInstalled ? m_app.language() : QString(); }

    static QString defaultQtTranslationsDir();

private:
    QTranslator m_qt;
    QTranslator m_english;
    QTranslator m_app;
    bool m_qtInstalled = false;
    bool m_englishInstalled = false;
    bool m_appInstalled = false;
};

/// The system locale's catalogues for the whole process (main() calls it once).
void installTranslations();

} // namespace coderai
