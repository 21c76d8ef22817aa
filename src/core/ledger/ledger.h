#pragma once

#include "ledger/ledgerreader.h"
#include "ledger/ledgertypes.h"

#include <QObject>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <memory>
#include <vector>

namespace coderai {

class LedgerWriter;
struct LedgerHandOver;

/// \brief The seller's ledger: one SQLite row per finished request, written off the hot path.
///
/// record() only appends to a vector. Every batchInterval, or at batchRows rows, the rows go to a
/// writer thread that commits them in one transaction together with their rollup sums; a crash
/// loses at most the rows not committed yet, and the file always opens afterwards (WAL). Figures
/// asked of the Ledger add the rows not committed yet to what the file holds, so they are exact
/// at every moment. Lives on the session thread; a broken file is logged once and serving goes on.
class Ledger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Ledger)

public:
    static constexpr int DefaultRetentionDays = 400;

    struct Options
    {
        QString filePath;
        int retentionDays = DefaultRetentionDays; ///< 0 keeps everything
        int batchRows = 512;
        std::chrono::milliseconds batchInterval{1000};
    };

    /// Opens (creating, migrating, pruning) the file before it returns.
    explicit Ledger(const Options &options, QObject *parent = nullptr);
    /// Commits what is pending first.
    ~Ledger() override;

    /// False if the file could not be opened: rows are then counted in memory only.
    bool isOpen() const;
    QString errorString() const;
    QString filePath() const;

    void record(const RequestRecord &record);
    /// Op of the rows recordCarriedOver() writes.
    static constexpr QLatin1StringView CarriedOverOp{"carried.over"};
    /// Records \a count rows of \a outcome at \a at, op CarriedOverOp, the tokens on the first:
    /// figures kept elsewhere before the ledger (DailyTotals' today) moved in once, so today's
    /// totals stay whole. No-op for count <= 0.
    void recordCarriedOver(RequestOutcome outcome, qint64 count, qint64 promptTokens, qint64 completionTokens,
                           const QDateTime &at);
    /// Returns once every row recorded so far is committed (quit, drain, tests).
    void flush();

    // The file's figures plus the rows not committed yet; see LedgerReader for the ranges.
    LedgerTotals totals(const QDateTime &from, const QDateTime &to, const QString &op = {});
    QList<LedgerDay> days(QDate first, QDate last);
    QList<LedgerModelTotals> models(const QDateTime &from, const QDateTime &to);
    MarketFigures market(const QDateTime &now, std::chrono::hours window);
    /// Today so far, local time.
    LedgerTotals today();

    /// Rows recorded and not committed yet.
    qint64 uncommittedRows() const;

private:
    template<typename Visit>
    void visitUncommitted(const Visit &visit) const;
    void handOver();
    LedgerReader *reader();

    const Options m_options;
    std::shared_ptr<LedgerHandOver> m_handOver;
    QThread m_thread;
    LedgerWriter *m_writer = nullptr; ///< lives on m_thread
    QString m_error;
    std::vector<RequestRecord> m_pending;
    QTimer m_handOverTimer;
    std::unique_ptr<LedgerReader> m_reader;
};

} // namespace coderai
