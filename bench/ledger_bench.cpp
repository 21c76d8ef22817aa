// bench_ledger: fills a ledger file with N rows through the real Ledger writer (default 10
// million, spread over 365 days and 8 models) and times what the earnings view loads: the
// 30-day daily series and the per-model table of those 30 days, from the rollup, against the
// same figures computed from the raw rows in the same run.
//
//   bench_ledger [ROWS] [FILE]   (FILE kept when given: a second run reuses it if it has ROWS)
#include "benchutil.h"
#include "ledger/ledger.h"
#include "ledger/ledgerdatabase.h"
#include "ledger/ledgerreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace coderai;

namespace {

constexpr int kRepeats = 7;

double timeMs(const std::function<void()> &work)
{
    std::vector<double> samples;
    for (int i = 0; i < kRepeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return bench::median(samples);
}

void generate(const QString &path, qint64 rows)
{
    Ledger::Options options;
    options.filePath = path;
    options.retentionDays = 0;
    Ledger ledger(options);
    if (!ledger.isOpen()) {
        std::fprintf(stderr, "cannot open %s: %s\n", qUtf8Printable(path), qUtf8Printable(ledger.errorString()));
        std::exit(1);
    }
    const QStringList models{QStringLiteral("llama-3.1-8b"), QStringLiteral("qwen2.5-coder-32b"),
                             QStringLiteral("mistral-small"), QStringLiteral("gemma-2-27b"),
                             QStringLiteral("phi-4"), QStringLiteral("deepseek-r1-14b"),
                             QStringLiteral("llama-3.3-70b"), QStringLiteral("codestral")};
    const qint64 end = QDateTime::currentMSecsSinceEpoch();
    const qint64 span = 365LL * 86'400'000;
    RequestRecord record;
    QElapsedTimer timer;
    timer.start();
    for (qint64 i = 0; i < rows; ++i) {
        const bool chat = i % 20 != 0;
        record.op = chat ? QStringLiteral("chat.completions") : QStringLiteral("models.list");
        record.model = chat ? models[i % models.size()] : QString();
        record.outcome = i % 37 == 0 ? RequestOutcome::Failed : RequestOutcome::Served;
        record.stream = i % 3 == 0;
        record.promptTokens = chat ? 200 + i % 1000 : 0;
        record.completionTokens = chat ? 50 + i % 500 : 0;
        record.latency = std::chrono::milliseconds(chat ? 300 + i % 4000 : 1);
        record.bytesIn = 1000;
        record.bytesOut = 4000;
        record.finishedAt = QDateTime::fromMSecsSinceEpoch(end - span + span * i / rows, Qt::UTC);
        ledger.record(record);
        if (i % 500'000 == 499'999) {
            QCoreApplication::processEvents(); // let the batch timer run as in the app
            std::fprintf(stderr, "  %lld rows\n", static_cast<long long>(i + 1));
        }
    }
    ledger.flush();
    std::printf("generated %lld rows through Ledger::record in %.1f s (%.0f rows/s)\n",
                static_cast<long long>(rows), double(timer.elapsed()) / 1000.0,
                double(rows) * 1000.0 / double(std::max<qint64>(1, timer.elapsed())));
}

qint64 rowCount(const QString &path)
{
    LedgerConnection connection;
    QString error;
    if (!QFile::exists(path) || !connection.open(path, LedgerConnection::Mode::ReadOnly, &error))
        return -1;
    QSqlQuery query(connection.database());
    const qint64 rows = query.exec(QStringLiteral("SELECT COUNT(*) FROM requests")) && query.next()
        ? query.value(0).toLongLong()
        : -1;
    query.finish();
    return rows;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const qint64 rows = arguments.size() > 1 ? arguments[1].toLongLong() : 10'000'000;
    QTemporaryDir dir;
    const QString path = arguments.size() > 2 ? arguments[2] : dir.filePath(QStringLiteral("ledger.sqlite"));
    if (rowCount(path) != rows) {
        QFile::remove(path);
        generate(path, rows);
    }
    std::printf("file %s: %lld rows, %.0f MiB\n", qUtf8Printable(path), static_cast<long long>(rowCount(path)),
                double(QFileInfo(path).size()) / 1048576.0);

    LedgerReader reader;
    if (!reader.open(path)) {
        std::fprintf(stderr, "%s\n", qUtf8Printable(reader.errorString()));
        return 1;
    }
    const QDate last = QDate::currentDate();
    const QDate first = last.addDays(-29);
    const QDateTime from = LedgerReader::startOfLocalDay(first);
    qint64 check = 0;
    const double daysMs = timeMs([&] {
        for (const LedgerDay &day : reader.days(first, last))
            check += day.totals.requests;
    });
    const double modelsMs = timeMs([&] {
        for (const LedgerModelTotals &model : reader.models(from, {}))
            check += model.totals.requests;
    });

    // Baseline: the same figures straight from the rows (indexed by finish time).
    LedgerConnection raw;
    QString error;
    raw.open(path, LedgerConnection::Mode::ReadOnly, &error);
    const auto rawQuery = [&](const QString &sql) {
        QSqlQuery query(raw.database());
        query.setForwardOnly(true);
        query.prepare(sql);
        query.addBindValue(from.toMSecsSinceEpoch());
        query.exec();
        while (query.next())
            check += query.value(1).toLongLong();
    };
    const double rawDaysMs = timeMs([&] {
        rawQuery(QStringLiteral("SELECT date(finished_at / 1000, 'unixepoch', 'localtime'), COUNT(*),"
                                " SUM(prompt_tokens), SUM(completion_tokens), SUM(latency_ms) FROM requests"
                                " WHERE finished_at >= ? GROUP BY 1, outcome"));
    });
    const double rawModelsMs = timeMs([&] {
        rawQuery(QStringLiteral("SELECT model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),"
                                " SUM(latency_ms) FROM requests WHERE finished_at >= ? GROUP BY model, outcome"));
    });

    std::printf("30-day daily series:  rollup %7.1f ms   raw rows %7.1f ms   (%.0fx)\n", daysMs, rawDaysMs,
                rawDaysMs / std::max(daysMs, 0.001));
    std::printf("per-model table 30 d: rollup %7.1f ms   raw rows %7.1f ms   (%.0fx)\n", modelsMs, rawModelsMs,
                rawModelsMs / std::max(modelsMs, 0.001));
    std::printf("budget: 100 ms each (issue 12)   [checksum %lld]\n", static_cast<long long>(check));
    return 0;
}
