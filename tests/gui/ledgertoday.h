#pragma once
// A real ledger file in a temporary folder and the desktop's TodayFigures reading it, on a wall
// clock the test may move: what the tray, the window and the notifier get in the app.
#include "ledger/ledger.h"
#include "sellerservice.h"
#include "todayfigures.h"

#include <QTemporaryDir>

namespace coderai::test {

struct LedgerToday
{
    QTemporaryDir dir;
    Ledger ledger{Ledger::Options{dir.filePath(QStringLiteral("ledger.sqlite"))}};
    TodayFigures totals;

    explicit LedgerToday(TodayFigures::Clock clock = {})
        : totals(nullptr, std::move(clock))
    {
        totals.setLedger(&ledger);
    }

    /// Records \a served served and \a failed failed chat completions finished at \a at, the
    /// \a completionTokens on the first served one, and reads the figures again.
    void add(const QDateTime &at, qint64 served, qint64 failed = 0, qint64 completionTokens = 0)
    {
        for (qint64 i = 0; i < served + failed; ++i) {
            RequestRecord record;
            record.op = QStringLiteral("chat.completions");
            record.model = QStringLiteral("demo-model");
            record.outcome = i < served ? RequestOutcome::Served : RequestOutcome::Failed;
            record.completionTokens = i == 0 ? completionTokens : 0;
            record.finishedAt = at.toUTC();
            ledger.record(record);
        }
        totals.refresh();
    }

    /// Records what \a service finishes, and follows its stats, as DesktopApp does.
    void follow(SellerService &service)
    {
        service.setLedger(&ledger);
        totals.attach(service.stats());
    }
};

} // namespace coderai::test
