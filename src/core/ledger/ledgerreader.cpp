#include "ledger/ledgerreader.h"

#include "logging.h"

#include <QSqlError>
#include <QSqlQuery>

#include <limits>

namespace coderai {
namespace {

constexpr qint64 kBucketMs = ledgerschema::BucketSeconds * 1000;
// Open ends: far enough to hold every real time, near enough that rounding cannot overflow.
constexpr qint64 kEarliestMs = 0;
constexpr qint64 kLatestMs = std::numeric_limits<qint64>::max() / 4;

qint64 fromMsOf(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : kEarliestMs;
}

qint64 toMsOf(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : kLatestMs;
}

qint64 floorToBucket(qint64 ms)
{
    return ms - ((ms % kBucketMs) + kBucketMs) % kBucketMs;
}

qint64 ceilToBucket(qint64 ms)
{
    const qint64 floor = floorToBucket(ms);
    return floor == ms ? ms : floor + kBucketMs;
}

} // namespace

LedgerReader::LedgerReader() = default;
LedgerReader::~LedgerReader() = default;

bool LedgerReader::open(const QString &path)
{
    m_error.clear();
    if (!m_connection.open(path, LedgerConnection::Mode::ReadOnly, &m_error))
        return false;
    QSqlDatabase db = m_connection.database();
    const int version = ledgerschema::version(db);
    db = {}; // closing the connection below needs no handle left on it
    if (version != ledgerschema::CurrentVersion) {
        m_error = version < 0 ? QStringLiteral("%1 is not a ledger database").arg(path)
                              : QStringLiteral("%1 has schema version %2, this build reads %3")
                                    .arg(path)
                                    .arg(version)
                                    .arg(ledgerschema::CurrentVersion);
        m_connection.close();
        return false;
    }
    return true;
}

bool LedgerReader::isOpen() const
{
    return m_connection.isOpen();
}

QString LedgerReader::errorString() const
{
    return m_error;
}

void LedgerReader::fail(const QString &what)
{
    if (m_error != what)
        qCWarning(lcStats).noquote() << "ledger query failed:" << what;
    m_error = what;
}

bool LedgerReader::collectFrom(bool rollup, qint64 from, qint64 to, Group group, const QString &op, const Sink &sink)
{
    Q_ASSERT(rollup || group != Group::Bucket);
    if (from >= to)
        return true;
    const QString columns = rollup
        ? QStringLiteral("SUM(requests), SUM(prompt_tokens), SUM(completion_tokens), SUM(estimated),"
                         " SUM(latency_ms), SUM(bytes_in), SUM(bytes_out) FROM rollup WHERE bucket >= ? AND bucket < ?")
        : QStringLiteral("COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(tokens_estimated),"
                         " SUM(latency_ms), SUM(bytes_in), SUM(bytes_out) FROM requests"
                         " WHERE finished_at >= ? AND finished_at < ?");
    const QString groupBy = group == Group::None ? QStringLiteral("outcome")
        : group == Group::Model                  ? QStringLiteral("model, outcome")
                                                 : QStringLiteral("bucket, outcome");
    QString sql = QStringLiteral("SELECT %1, %2").arg(groupBy, columns);
    if (!op.isEmpty())
        sql += QStringLiteral(" AND op = ?");
    sql += QStringLiteral(" GROUP BY ") + groupBy;

    QSqlQuery query(m_connection.database());
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        fail(query.lastError().text());
        return false;
    }
    query.addBindValue(rollup ? from / 1000 : from);
    query.addBindValue(rollup ? to / 1000 : to);
    if (!op.isEmpty())
        query.addBindValue(op);
    if (!query.exec()) {
        fail(query.lastError().text());
        return false;
    }
    const int first = group == Group::None ? 1 : 2;
    while (query.next()) {
        const std::optional<RequestOutcome> outcome = ledgerOutcomeFromName(query.value(first - 1).toString());
        if (!outcome)
            continue; // a word from a newer build: not counted rather than miscounted
        LedgerTotals sums;
        sums.add(*outcome, query.value(first).toLongLong(), query.value(first + 1).toLongLong(),
                 query.value(first + 2).toLongLong(), query.value(first + 3).toLongLong(),
                 query.value(first + 4).toLongLong(), query.value(first + 5).toLongLong(),
                 query.value(first + 6).toLongLong());
        sink(group == Group::None ? QVariant() : query.value(0), sums);
    }
    return true;
}

bool LedgerReader::collect(qint64 fromMs, qint64 toMs, Group group, const QString &op, const Sink &sink)
{
    if (!isOpen()) {
        fail(QStringLiteral("the ledger is not open"));
        return false;
    }
    const qint64 wholeFrom = ceilToBucket(fromMs);
    const qint64 wholeTo = floorToBucket(toMs);
    if (wholeFrom >= wholeTo)
        return collectFrom(false, fromMs, toMs, group, op, sink);
    return collectFrom(false, fromMs, wholeFrom, group, op, sink)
        && collectFrom(true, wholeFrom, wholeTo, group, op, sink)
        && collectFrom(false, wholeTo, toMs, group, op, sink);
}

LedgerTotals LedgerReader::totals(const QDateTime &from, const QDateTime &to, const QString &op)
{
    LedgerTotals result;
    collect(fromMsOf(from), toMsOf(to), Group::None, op, [&result](const QVariant &, const LedgerTotals &sums) {
        result += sums;
    });
    return result;
}

QDateTime LedgerReader::startOfLocalDay(QDate date)
{
    return date.startOfDay(); // local time; a midnight that DST skips becomes the first valid time
}

QList<LedgerDay> LedgerReader::days(QDate first, QDate last)
{
    QList<LedgerDay> result;
    if (!first.isValid() || !last.isValid() || first > last)
        return result;
    // A day is 23, 24 or 25 hours long: its ends are the local midnights, not multiples of 24 h.
    std::vector<qint64> starts; // ms; one more than there are days
    for (QDate date = first; date <= last.addDays(1); date = date.addDays(1)) {
        if (date <= last)
            result.append({date, {}});
        starts.push_back(startOfLocalDay(date).toMSecsSinceEpoch());
    }
    const bool aligned = std::all_of(starts.cbegin(), starts.cend(), [](qint64 ms) { return ms % kBucketMs == 0; });
    if (!aligned) {
        // A zone off the quarter hour (none is today): each day on its own, edges from the rows.
        for (qsizetype i = 0; i < result.size(); ++i)
            result[i].totals = totals(QDateTime::fromMSecsSinceEpoch(starts[std::size_t(i)], Qt::UTC),
                                      QDateTime::fromMSecsSinceEpoch(starts[std::size_t(i) + 1], Qt::UTC));
        return result;
    }
    // Every midnight is a bucket boundary: one pass over the rollup, each bucket to its day.
    collectFrom(true, starts.front(), starts.back(), Group::Bucket, {}, [&](const QVariant &bucket, const LedgerTotals &sums) {
        const qint64 ms = bucket.toLongLong() * 1000;
        const auto day = std::upper_bound(starts.cbegin(), starts.cend(), ms) - starts.cbegin() - 1;
        if (day >= 0 && day < result.size())
            result[day].totals += sums;
    });
    return result;
}

QList<LedgerModelTotals> LedgerReader::models(const QDateTime &from, const QDateTime &to)
{
    QMap<QString, LedgerTotals> byModel; // sorted by name
    collect(fromMsOf(from), toMsOf(to), Group::Model, {}, [&byModel](const QVariant &model, const LedgerTotals &sums) {
        byModel[model.toString()] += sums;
    });
    QList<LedgerModelTotals> result;
    result.reserve(byModel.size());
    for (auto it = byModel.cbegin(); it != byModel.cend(); ++it)
        result.append({it.key(), it.value()});
    return result;
}

MarketFigures LedgerReader::market(const QDateTime &now, std::chrono::hours window)
{
    // AISBF's window includes both ends (timestamp >= now - window AND timestamp <= now).
    const QDateTime from = now.addSecs(-std::chrono::seconds(window).count());
    return MarketFigures::from(totals(from, now.addMSecs(1), QStringLiteral("chat.completions")));
}

std::optional<QDateTime> LedgerReader::earliest()
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(m_connection.database());
    if (!query.exec(QStringLiteral("SELECT MIN(finished_at) FROM requests")) || !query.next()
        || query.value(0).isNull())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC);
}

bool LedgerReader::forEachRow(const QDateTime &from, const QDateTime &to, const RowVisitor &visit)
{
    if (!isOpen()) {
        fail(QStringLiteral("the ledger is not open"));
        return false;
    }
    QSqlQuery query(m_connection.database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT finished_at, op, model, outcome, error_code, stream, prompt_tokens, completion_tokens,"
        " tokens_estimated, latency_ms, bytes_in, bytes_out FROM requests"
        " WHERE finished_at >= ? AND finished_at < ? ORDER BY finished_at, id"));
    query.addBindValue(fromMsOf(from));
    query.addBindValue(toMsOf(to));
    if (!query.exec()) {
        fail(query.lastError().text());
        return false;
    }
    RequestRecord record;
    while (query.next()) {
        record.finishedAt = QDateTime::fromMSecsSinceEpoch(query.value(0).toLongLong(), Qt::UTC);
        record.op = query.value(1).toString();
        record.model = query.value(2).toString();
        record.outcome = ledgerOutcomeFromName(query.value(3).toString()).value_or(RequestOutcome::Failed);
        record.errorCode = query.value(4).toString();
        record.stream = query.value(5).toBool();
        record.promptTokens = query.value(6).toLongLong();
        record.completionTokens = query.value(7).toLongLong();
        record.tokensEstimated = query.value(8).toBool();
        record.latency = std::chrono::milliseconds(query.value(9).toLongLong());
        record.bytesIn = query.value(10).toLongLong();
        record.bytesOut = query.value(11).toLongLong();
        visit(record);
    }
    if (query.lastError().isValid()) {
        fail(query.lastError().text());
        return false;
    }
    return true;
}

} // namespace coderai
