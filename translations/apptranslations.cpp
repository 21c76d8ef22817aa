#include "apptranslations.h"

#include <QCoreApplication>
#include <QLibraryInfo>

namespace coderai {
namespace {

const QString kAppCatalogue = QStringLiteral("coderai-seller");
const QString kCatalogueDir = QStringLiteral(":/i18n");

} // namespace

AppTranslations::AppTranslations() = default;

AppTranslations::~AppTranslations()
{
    remove();
}

QString AppTranslations::defaultQtTranslationsDir()
{
    return QLibraryInfo::path(QLibraryInfo::TranslationsPath);
}

void AppTranslations::install(const QLocale &locale, const QString &qtTranslationsDir)
{
    remove();
    // Installed last-searched first (see the class comment).
    m_qtInstalled = m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), qtTranslationsDir)
        && QCoreApplication::installTranslator(&m_qt);
    m_englishInstalled = m_english.load(kAppCatalogue + QStringLiteral("_en"), kCatalogueDir)
        && QCoreApplication::installTranslator(&m_english);
    // For an English locale the lookup finds the English catalogue, which is already in place.
    m_appInstalled = m_app.load(locale, kAppCatalogue, QStringLiteral("_"), kCatalogueDir)
        && QLocale(m_app.language()).language() != QLocale::English
        && QCoreApplication::installTranslator(&m_app);
}

void AppTranslations::remove()
{
    for (auto [translator, installed] : {std::pair {&m_app, &m_appInstalled}, std::pair {&m_english, &m_englishInstalled},
                                         std::pair {&m_qt, &m_qtInstalled}}) {
        // At exit the application object may be gone, and with it the list of translators.
        if (*installed && QCoreApplication::instance())
            QCoreApplication::removeTranslator(translator);
        *installed = false;
    }
}

void installTranslations()
{
    static AppTranslations translations;
    translations.install(QLocale());
}

} // namespace coderai
