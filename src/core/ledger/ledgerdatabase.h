#pragma once

#include <QSqlDatabase>
#include <QString>

namespace coderai {

/// \brief One named QSqlDatabase connection to a ledger file, removed again when it goes.
///
/// A connection belongs to the thread that opened it (QT64-NOTES.md), so every Ledger writer and
/// every reader opens its own under a name no other instance uses.
class LedgerConnection final
{
    Q_DISABLE_COPY_MOVE(LedgerConnection)

public:
    enum class Mode { ReadWrite, ReadOnly };

    LedgerConnection();
    ~LedgerConnection();

    /// ReadWrite creates the file (not its folder), sets WAL and synchronous=NORMAL; ReadOnly
    /// needs the file to exist. False with \a error set when it fails.
    bool open(const QString &path, Mode mode, QString *error);
    bool isOpen() const;
    QSqlDatabase database() const;
    void close();

private:
    QString m_name;
};

/// Runs one statement; false with \a error set ("what: driver text") when it fails.
bool execLedgerSql(QSqlDatabase &db, const QString &sql, QString *error);

namespace ledgerschema {

/// 1: the requests table. 2: an index on the finish time and the 15-minute rollup.
inline constexpr int CurrentVersion = 2;

/// Rollup bucket length. Every time zone in use today is offset from UTC by a multiple of 15
/// minutes (India +5:30, Nepal +5:45), so local days are exact sums of buckets; hourly buckets
/// would put half an hour of an Indian seller's day into the next one.
inline constexpr qint64 BucketSeconds = 15 * 60;

/// PRAGMA user_version of the open database.
int version(QSqlDatabase &db);
/// Applies every migration after the file's version, each in its own transaction. False with
/// \a error set on failure, or when the file is newer than this build knows.
bool migrate(QSqlDatabase &db, QString *error);

} // namespace ledgerschema
} // namespace coderai
