#pragma once

#include "ledger/ledgerdatabase.h"
#include "ledger/ledgertypes.h"

#include <QDateTime>

#include <chrono>
#include <functional>
#include <optional>

namespace coderai {

/// \brief Read-only queries on a ledger file, safe while another thread or process writes it.
///
/// Time ranges are half-open [from, to); an invalid QDateTime leaves that end open. Sums come
/// from the 15-minute rollup for whole buckets and from the rows for the edges, so any range is
/// exact and a 30-day query reads thousands of rollup rows, not millions of requests. Local days
/// follow the system time zone (TZ), across daylight-saving changes. Use from one thread.
class LedgerReader final
{
    Q_DISABLE_COPY_MOVE(LedgerReader)

public:
    using RowVisitor = std::function<void(const RequestRecord &)>;

    LedgerReader();
    ~LedgerReader();

    /// Opens \a path read-only (WAL: never blocks the writer). False if it does not exist, cannot
    /// be read or has a schema this build does not know; errorString() says why.
    bool open(const QString &path);
    bool isOpen() const;
    QString errorString() const;

    /// Sums of every request in [from, to); with \a op, only that op's.
    LedgerTotals totals(const QDateTime &from, const QDateTime &to, const QString &op = {});
    /// One entry per local day from \a first to \a last, both included, empty days too.
    QList<LedgerDay> days(QDate first, QDate last);
    /// One entry per model that has requests in [from, to), by name.
    QList<LedgerModelTotals> models(const QDateTime &from, const QDateTime &to);
    /// What AISBF's market shows buyers for the \a window before \a now.
    MarketFigures market(const QDateTime &now, std::chrono::hours window);
    /// When the oldest row finished; nullopt when there is none.
    std::optional<QDateTime> earliest();
    /// Every row in [from, to), oldest first. False on a database error.
    bool forEachRow(const QDateTime &from, const QDateTime &to, const RowVisitor &visit);

    /// Start of local day \a date (midnight, or the first valid time after it).
    static QDateTime startOfLocalDay(QDate date);

private:
    enum class Group { None, Model, Bucket };
    /// Receives one group's sums: \a key is the model or the bucket start (UTC seconds).
    using Sink = std::function<void(const QVariant &key, const LedgerTotals &sums)>;
    bool collect(qint64 fromMs, qint64 toMs, Group group, const QString &op, const Sink &sink);
    bool collectFrom(bool rollup, qint64 from, qint64 to, Group group, const QString &op, const Sink &sink);
    void fail(const QString &what);

    LedgerConnection m_connection;
    QString m_error;
};

} // namespace coderai
