#include "ledger/ledger.h"

#include "ledger/ledgerwriter.h"
#include "logging.h"

#include <QMutexLocker>

namespace coderai {

Ledger::Ledger(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_handOver(std::make_shared<LedgerHandOver>())
{
    m_thread.setObjectName(QStringLiteral("ledger writer"));
    m_writer = new LedgerWriter(m_options.filePath, m_options.retentionDays, m_handOver);
    m_writer->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
    QMetaObject::invokeMethod(m_writer, &LedgerWriter::open, Qt::BlockingQueuedConnection, &m_error);

    m_pending.reserve(std::size_t(std::max(1, m_options.batchRows)));
    m_handOverTimer.setSingleShot(true);
    m_handOverTimer.setInterval(m_options.batchInterval);
    connect(&m_handOverTimer, &QTimer::timeout, this, &Ledger::handOver);
    // The reader now, with the rest of the start, rather than at the first question in the
    // middle of serving: a long run's open files stay what they were after start-up.
    reader();
}

Ledger::~Ledger()
{
    flush();
    m_reader.reset(); // first, so the writer's connection is the last and folds the WAL into the file
    QMetaObject::invokeMethod(m_writer, &LedgerWriter::close, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_writer; // its thread has ended: nothing of it runs any more
}

bool Ledger::isOpen() const
{
    return m_error.isEmpty();
}

QString Ledger::errorString() const
{
    return m_error;
}

QString Ledger::filePath() const
{
    return m_options.filePath;
}

void Ledger::record(const RequestRecord &record)
{
    m_pending.push_back(record);
    if (!m_pending.back().finishedAt.isValid())
        m_pending.back().finishedAt = QDateTime::currentDateTimeUtc();
    if (std::ssize(m_pending) >= m_options.batchRows)
        handOver();
    else if (!m_handOverTimer.isActive())
        m_handOverTimer.start();
}

void Ledger::recordCarriedOver(RequestOutcome outcome, qint64 count, qint64 promptTokens, qint64 completionTokens,
                               const QDateTime &at)
{
    RequestRecord row;
    row.op = CarriedOverOp;
    row.outcome = outcome;
    row.finishedAt = at.toUTC();
    row.promptTokens = promptTokens;
    row.completionTokens = completionTokens;
    for (qint64 i = 0; i < count; ++i) {
        record(row);
        row.promptTokens = row.completionTokens = 0;
    }
}

void Ledger::handOver()
{
    m_handOverTimer.stop();
    if (m_pending.empty())
        return;
    std::vector<RequestRecord> next;
    next.reserve(m_pending.capacity());
    {
        QMutexLocker lock(&m_handOver->mutex);
        m_handOver->batches.push_back(std::exchange(m_pending, std::move(next)));
    }
    QMetaObject::invokeMethod(m_writer, &LedgerWriter::writeNext, Qt::QueuedConnection);
}

void Ledger::flush()
{
    handOver();
    // The writer handles calls in order: when this empty one returns, every batch before it is done.
    QMetaObject::invokeMethod(m_writer, [] {}, Qt::BlockingQueuedConnection);
}

qint64 Ledger::uncommittedRows() const
{
    qint64 rows = 0;
    visitUncommitted([&rows](const RequestRecord &) { ++rows; });
    return rows;
}

template<typename Visit>
void Ledger::visitUncommitted(const Visit &visit) const
{
    // The caller holds m_handOver->mutex where the file is read in the same breath.
    for (const std::vector<RequestRecord> &batch : m_handOver->batches)
        for (const RequestRecord &record : batch)
            visit(record);
    for (const RequestRecord &record : m_pending)
        visit(record);
}

LedgerReader *Ledger::reader()
{
    if (!m_reader && isOpen()) {
        m_reader = std::make_unique<LedgerReader>();
        if (!m_reader->open(m_options.filePath))
            qCWarning(lcStats).noquote() << "cannot read the ledger:" << m_reader->errorString();
    }
    return m_reader && m_reader->isOpen() ? m_reader.get() : nullptr;
}

LedgerTotals Ledger::totals(const QDateTime &from, const QDateTime &to, const QString &op)
{
    LedgerReader *file = reader();
    QMutexLocker lock(&m_handOver->mutex);
    LedgerTotals result = file ? file->totals(from, to, op) : LedgerTotals();
    visitUncommitted([&](const RequestRecord &record) {
        if ((!from.isValid() || record.finishedAt >= from) && (!to.isValid() || record.finishedAt < to)
            && (op.isEmpty() || record.op == op))
            result.add(record);
    });
    return result;
}

QList<LedgerDay> Ledger::days(QDate first, QDate last)
{
    LedgerReader *file = reader();
    QMutexLocker lock(&m_handOver->mutex);
    QList<LedgerDay> result;
    if (file) {
        result = file->days(first, last);
    } else {
        for (QDate date = first; date.isValid() && date <= last; date = date.addDays(1))
            result.append({date, {}});
    }
    visitUncommitted([&](const RequestRecord &record) {
        const qint64 index = first.daysTo(record.finishedAt.toLocalTime().date());
        if (index >= 0 && index < result.size())
            result[index].totals.add(record);
    });
    return result;
}

QList<LedgerModelTotals> Ledger::models(const QDateTime &from, const QDateTime &to)
{
    LedgerReader *file = reader();
    QMutexLocker lock(&m_handOver->mutex);
    QList<LedgerModelTotals> result = file ? file->models(from, to) : QList<LedgerModelTotals>();
    visitUncommitted([&](const RequestRecord &record) {
        if ((from.isValid() && record.finishedAt < from) || (to.isValid() && record.finishedAt >= to))
            return;
        auto it = std::lower_bound(result.begin(), result.end(), record.model,
                                   [](const LedgerModelTotals &entry, const QString &model) { return entry.model < model; });
        if (it == result.end() || it->model != record.model)
            it = result.insert(it, {record.model, {}});
        it->totals.add(record);
    });
    return result;
}

MarketFigures Ledger::market(const QDateTime &now, std::chrono::hours window)
{
    const QDateTime from = now.addSecs(-std::chrono::seconds(window).count());
    return MarketFigures::from(totals(from, now.addMSecs(1), QStringLiteral("chat.completions")));
}

LedgerTotals Ledger::today()
{
    const QDate date = QDate::currentDate();
    return totals(LedgerReader::startOfLocalDay(date), LedgerReader::startOfLocalDay(date.addDays(1)));
}

} // namespace coderai
