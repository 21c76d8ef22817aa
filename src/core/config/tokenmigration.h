#pragma once

#include <QMetaObject>
#include <QObject>
#include <QString>

namespace coderai {

class SecretStore;
class Settings;
struct SecretResult;

/// \brief Moves a registration token left in the settings file by an older version into the
/// secret store, once, at start-up.
///
/// The token is erased from the file only after the secret store confirmed the write, so a
/// failure at any point leaves it where it was: the seller keeps a working token and sees why
/// it could not be moved. Both objects passed in must outlive the migration.
class TokenMigration final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenMigration)

public:
    TokenMigration(Settings &settings, SecretStore &store, QObject *parent = nullptr);
    ~TokenMigration() override;

    /// Starts the move; finished() follows from the event loop, also when there is nothing to
    /// move. Calling it again while a move is under way does nothing.
    void start();
    bool isRunning() const;

signals:
    /// \a migrated is true when a token was moved and erased from the file. \a error is empty
    /// on success and when the file held no token; otherwise it tells the seller why the token
    /// is still in the file. Never contains the token.
    void finished(bool migrated, const QString &error);

private:
    void writeFinished(const QString &key, const coderai::SecretResult &result);
    void finish(bool migrated, const QString &error);

    Settings &m_settings;
    SecretStore &m_store;
    QString m_token;
    QMetaObject::Connection m_connection;
    bool m_running = false;
};

} // namespace coderai
