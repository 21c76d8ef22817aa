#pragma once

#include "config/sellerconfig.h"

#include <QString>
#include <QStringView>

#include <memory>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace coderai {

/// \brief Typed, persistent seller settings over QSettings; never holds a secret.
///
/// Every stored key and its default live in one table in settings.cpp, which both load() and
/// save() walk, so a key can't be read under one name and written under another. Durations are
/// stored as integer milliseconds, except the limits/*_s keys: seconds (a fraction allowed), and
/// only a positive value is taken. The registration token belongs in the secret store: no key
/// of this class carries it, and a token left by an older version can be moved out with
/// removeLegacyToken().
class Settings final
{
public:
    explicit Settings(std::unique_ptr<QSettings> backend);
    ~Settings();
    Q_DISABLE_COPY_MOVE(Settings)

    /// The per-user settings of this application, in the platform's native format.
    static std::unique_ptr<Settings> openDefault();
    /// An INI file at \a iniPath, for tests and a relocated configuration directory.
    static std::unique_ptr<Settings> openFile(const QString &iniPath);

    /// True for keys that must never be written to this file because they name a secret.
    static bool isForbiddenKey(QStringView key);

    /// The stored configuration; missing or unreadable keys take SellerConfig's defaults, and an
    /// empty client id takes SellerConfig::defaultClientId().
    SellerConfig load() const;
    /// Writes every setting and flushes the file; false when the file could not be written.
    /// Values equal to the default are removed, so a later version's better default reaches
    /// the seller.
    bool save(const SellerConfig &config);

    /// A registration token stored in plain text by an older version, or an empty string.
    QString legacyToken() const;
    /// Returns the legacy token (empty if none) and erases it from the file for good.
    QString removeLegacyToken();

    QString fileName() const;
    /// A second handle on the same file in the same format, for keys that front ends keep beside
    /// the configuration (desktop preferences, today's state); they are not part of SellerConfig.
    /// Within one process QSettings shares the parsed file between handles, and save() touches
    /// only its own keys, so neither overwrites the other's values.
    std::unique_ptr<QSettings> openCompanion() const;

private:
    std::unique_ptr<QSettings> m_backend;
};

} // namespace coderai
