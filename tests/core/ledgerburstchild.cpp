// Test helper for tst_ledger: writes ledger rows in bursts until it is killed. After each batch
// is committed it prints "committed <rows so far>", so the test knows what the file must hold.
#include "ledger/ledger.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: ledgerburstchild FILE\n");
        return 2;
    }
    constexpr int kBatch = 200;
    coderai::Ledger::Options options;
    options.filePath = arguments.at(1);
    options.batchRows = kBatch;
    options.batchInterval = std::chrono::hours(1); // batches close on size alone
    coderai::Ledger ledger(options);
    if (!ledger.isOpen())
        return 1;
    coderai::RequestRecord record;
    record.op = QStringLiteral("chat.completions");
    record.model = QStringLiteral("burst-model");
    record.promptTokens = 10;
    record.completionTokens = 5;
    qint64 committed = 0;
    for (;;) {
        for (int i = 0; i < kBatch; ++i) {
            record.finishedAt = QDateTime::currentDateTimeUtc();
            ledger.record(record); // the 200th hands the batch to the writer thread
        }
        ledger.flush();
        committed += kBatch;
        std::printf("committed %lld\n", static_cast<long long>(committed));
        std::fflush(stdout);
    }
}
