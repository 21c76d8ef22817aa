// The Earnings tab over a real ledger file in a temporary folder, filled through Ledger::record()
// with rows on several local days and models. Every expected figure is worked out here from the
// rows themselves, with the prices' units by hand (micro-units, per million tokens, per thousand
// requests), never by asking the code under test.
#include "earningschart.h"
#include "earningsexportdialog.h"
#include "earningsmodel.h"
#include "earningstab.h"
#include "ledger/ledger.h"
#include "ledger/ledgerreader.h"
#include "statuswindow.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMap>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A name that needs CSV quoting, so the export is tested on it.
const QString kBeta = u"beta, \"the quoted\""_s;
const QString kAlpha = u"alpha"_s;
const QDate kToday(2026, 6, 15);

struct Row
{
    int daysAgo;
    int hour; ///< local hour of that day
    QString op;
    QString model;
    RequestOutcome outcome;
    qint64 prompt;
    qint64 completion;
};

const QString kChat = u"chat.completions"_s;

// Today's served alpha rows earn exactly 1.50 USD: 2 requests × 500 micros + 749,500 tokens × 2.
const QList<Row> kRows = {
    {0, 1, kChat, kAlpha, RequestOutcome::Served, 200000, 300000},
    {0, 2, kChat, kAlpha, RequestOutcome::Served, 100000, 149500},
    {0, 3, kChat, kAlpha, RequestOutcome::Failed, 100, 0},
    {0, 4, u"models.list"_s, QString(), RequestOutcome::Served, 0, 0},
    {1, 12, kChat, kBeta, RequestOutcome::Served, 1000, 1000},
    {3, 12, kChat, kAlpha, RequestOutcome::Served, 5000, 5000},
    {3, 13, kChat, kBeta, RequestOutcome::Cancelled, 50, 50},
    {6, 12, kChat, kBeta, RequestOutcome::Served, 0, 100000},
    {7, 12, kChat, kAlpha, RequestOutcome::Served, 1000, 0},
    // Over 30 days beta serves 402,000 tokens and alpha 2,760,502: sorted as text, beta would lead.
    {10, 12, kChat, kBeta, RequestOutcome::Served, 0, 300000},
    {20, 11, kChat, kBeta, RequestOutcome::Failed, 10, 0},
    {20, 12, kChat, kAlpha, RequestOutcome::Served, 1000000, 1000000},
    {29, 12, kChat, kAlpha, RequestOutcome::Served, 1, 1},
    {30, 12, kChat, kAlpha, RequestOutcome::Served, 999, 999},
    {45, 12, kChat, kBeta, RequestOutcome::Served, 7, 7},
};

QDateTime finishedAt(const Row &row)
{
    return LedgerReader::startOfLocalDay(kToday.addDays(-row.daysAgo)).addSecs(row.hour * 3600).toUTC();
}

// The prices: 2 USD per million tokens and 0.50 USD per thousand requests; beta 10 USD per
// million tokens. In micros per token and per request that is 2 (beta 10) and 500.
PriceSettings prices()
{
    PriceSettings prices;
    prices.currency = u"USD"_s;
    prices.perMillionTokens = 2'000'000;
    prices.perThousandRequests = 500'000;
    ModelPrice beta;
    beta.model = kBeta;
    beta.perMillionTokens = 10'000'000;
    prices.models.append(beta);
    return prices;
}

money::Micros earnedBy(const Row &row)
{
    if (row.outcome != RequestOutcome::Served || row.model.isEmpty())
        return 0;
    return 500 + (row.prompt + row.completion) * (row.model == kBeta ? 10 : 2);
}

struct Expected
{
    qint64 served = 0;
    qint64 failed = 0;
    qint64 tokens = 0;
    money::Micros earnings = 0;
};

// Per model, the rows of the last \a days local days.
QMap<QString, Expected> expectedModels(int days)
{
    QMap<QString, Expected> models;
    for (const Row &row : kRows) {
        if (row.daysAgo >= days)
            continue;
        Expected &entry = models[row.model];
        entry.served += row.outcome == RequestOutcome::Served;
        entry.failed += row.outcome == RequestOutcome::Failed;
        if (row.outcome == RequestOutcome::Served)
            entry.tokens += row.prompt + row.completion;
        entry.earnings += earnedBy(row);
    }
    return models;
}

money::Micros expectedEarnings(int days)
{
    money::Micros sum = 0;
    for (const Expected &entry : expectedModels(days))
        sum += entry.earnings;
    return sum;
}

} // namespace

class TestEarningsTab final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void estimatesMatchTheRows();
    void tableFollowsRangeAndSorts();
    void chartSwitchesBetweenMetrics();
    void noPricesShowNoMoney();
    void buyersFigures();
    void exportWritesCsvThatParsesBack();
    void exportErrorsAreWorded();
    void noLedgerIsExplained();
    void refreshIsCoalescedAndWaitsForShow();
    void exportDialogDefaultsToThirtyDays();
    void statusWindowHostsTheTab();

private:
    QLabel *label(const char *name) const { return m_tab->findChild<QLabel *>(QLatin1StringView(name)); }
    /// The table's row for \a model: its cells' texts.
    QStringList tableRow(const QString &model) const;

    QTemporaryDir m_dir;
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<EarningsTab> m_tab;
};

void TestEarningsTab::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Literal expectations below ("1.50 USD", "749,600") are in English number format.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestEarningsTab::init()
{
    Ledger::Options options;
    options.filePath = m_dir.filePath(u"ledger-%1.sqlite"_s.arg(QLatin1StringView(QTest::currentTestFunction())));
    options.retentionDays = 0; // the rows are dated in 2026 whatever today is
    m_ledger = std::make_unique<Ledger>(options);
    QVERIFY(m_ledger->isOpen());
    for (const Row &row : kRows) {
        RequestRecord record;
        record.op = row.op;
        record.model = row.model;
        record.outcome = row.outcome;
        record.errorCode = row.outcome == RequestOutcome::Served ? QString() : u"local_error"_s;
        record.promptTokens = row.prompt;
        record.completionTokens = row.completion;
        record.latency = 400ms;
        record.finishedAt = finishedAt(row);
        m_ledger->record(record);
    }
    m_ledger->flush();

    m_tab = std::make_unique<EarningsTab>();
    // Late on kToday: the last 24 hours hold today's rows only.
    const QDateTime now = LedgerReader::startOfLocalDay(kToday).addSecs(23 * 3600);
    m_tab->setClock([now] { return now; });
    m_tab->setPrices(prices());
    m_tab->setLedger(m_ledger.get());
    m_tab->resize(900, 600);
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
}

void TestEarningsTab::cleanup()
{
    m_tab.reset();
    m_ledger.reset();
}

QStringList TestEarningsTab::tableRow(const QString &model) const
{
    QSortFilterProxyModel *table = m_tab->tableModel();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->index(row, EarningsModel::ModelColumn).data(EarningsModel::SortRole).toString() != model)
            continue;
        QStringList cells;
        for (int column = 0; column < EarningsModel::ColumnCount; ++column)
            cells.append(table->index(row, column).data().toString());
        return cells;
    }
    return {};
}

void TestEarningsTab::estimatesMatchTheRows()
{
    QCOMPARE(expectedEarnings(1), 1'500'000);
    QCOMPARE(label("earningsToday")->text(), u"1.50 USD"_s);
    const QLocale locale;
    QCOMPARE(label("earningsWeek")->text(), money::format(expectedEarnings(7), u"USD"_s, locale));
    QCOMPARE(label("earningsMonth")->text(), money::format(expectedEarnings(30), u"USD"_s, locale));
    QVERIFY(label("estimateNote")->isVisible());
    QVERIFY(label("estimateNote")->text().contains(u"AISBF's statement is what pays"_s));
    QVERIFY(!m_tab->findChild<QWidget *>(u"noPricesNote"_s)->isVisible());
}

void TestEarningsTab::tableFollowsRangeAndSorts()
{
    const QLocale locale;
    const std::pair<EarningsTab::Range, int> ranges[] = {
        {EarningsTab::Range::Today, 1}, {EarningsTab::Range::Week, 7}, {EarningsTab::Range::Month, 30}};
    for (const auto &[range, days] : ranges) {
        m_tab->setRange(range);
        const QMap<QString, Expected> expected = expectedModels(days);
        QCOMPARE(m_tab->tableModel()->rowCount(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            const QStringList cells = tableRow(it.key());
            QCOMPARE(cells.size(), int(EarningsModel::ColumnCount));
            QCOMPARE(cells[EarningsModel::ServedColumn], locale.toString(it->served));
            QCOMPARE(cells[EarningsModel::FailedColumn], locale.toString(it->failed));
            QCOMPARE(cells[EarningsModel::TokensColumn], locale.toString(it->tokens));
            // Requests that name no model earn nothing and say so with a dash, not "0.00".
            QCOMPARE(cells[EarningsModel::EarningsColumn],
                     it.key().isEmpty() ? u"—"_s : money::format(it->earnings, u"USD"_s, locale));
        }
    }
    // Today: alpha's row reads as the seller would check it by hand.
    m_tab->setRange(EarningsTab::Range::Today);
    QCOMPARE(tableRow(kAlpha), (QStringList{kAlpha, u"2"_s, u"1"_s, u"749,500"_s, u"1.50 USD"_s}));

    // The range picker drives the same, and the table sorts by amount, not by text.
    auto *box = m_tab->findChild<QComboBox *>(u"earningsRange"_s);
    box->setFocus();
    QTest::keyClick(box, Qt::Key_End);
    QCOMPARE(m_tab->range(), EarningsTab::Range::Month);
    QSortFilterProxyModel *table = m_tab->tableModel();
    const QMap<QString, Expected> month = expectedModels(30);
    const std::pair<int, qint64 Expected::*> columns[] = {{EarningsModel::TokensColumn, &Expected::tokens},
                                                          {EarningsModel::EarningsColumn, &Expected::earnings}};
    for (const auto &entry : columns) {
        // Not a structured binding: Clang 14 cannot capture one in the lambda below.
        const int column = entry.first;
        qint64 Expected::*const field = entry.second;
        QStringList byAmount = month.keys();
        std::sort(byAmount.begin(), byAmount.end(),
                  [&](const QString &a, const QString &b) { return month[a].*field > month[b].*field; });
        table->sort(column, Qt::DescendingOrder);
        QStringList shown;
        for (int row = 0; row < table->rowCount(); ++row)
            shown.append(table->index(row, EarningsModel::ModelColumn).data(EarningsModel::SortRole).toString());
        QCOMPARE(shown, byAmount);
    }
}

void TestEarningsTab::chartSwitchesBetweenMetrics()
{
    EarningsChart *chart = m_tab->chart();
    QList<qint64> requests(30), tokens(30), earnings(30);
    for (const Row &row : kRows) {
        if (row.daysAgo >= 30)
            continue;
        const int index = 29 - row.daysAgo;
        requests[index] += 1;
        tokens[index] += row.prompt + row.completion;
        earnings[index] += earnedBy(row);
    }
    QCOMPARE(chart->days().size(), 30);
    QCOMPARE(chart->days().first().date, kToday.addDays(-29));
    QCOMPARE(chart->days().last().date, kToday);
    QCOMPARE(chart->shownMetric(), EarningsChart::Metric::Requests);
    QCOMPARE(chart->values(), requests);
    QCOMPARE(chart->axis().unit, u"Requests per day"_s);
    QCOMPARE(chart->axis().top, 4); // 4 requests today, axis in whole steps of 1

    QSignalSpy picked(chart, &EarningsChart::metricChanged);
    auto *box = chart->findChild<QComboBox *>(u"earningsMetric"_s);
    QCOMPARE(box->count(), 3);
    box->setFocus();
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(picked.size(), 1);
    QCOMPARE(chart->shownMetric(), EarningsChart::Metric::Tokens);
    QCOMPARE(chart->values(), tokens);
    QCOMPARE(chart->axis().unit, u"Tokens per day"_s);
    QVERIFY(chart->axis().top >= 2'000'000);

    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(chart->shownMetric(), EarningsChart::Metric::Earnings);
    QCOMPARE(chart->values(), earnings);
    QCOMPARE(chart->axis().unit, u"Estimated earnings per day (USD)"_s);
    // 4.0005 USD at the peak: a quarter of it rounds up to a step of 2 USD.
    QCOMPARE(chart->axis().top, 8'000'000);
    QCOMPARE(chart->valueText(chart->axis().ticks.at(1)), u"2.00"_s);
    QVERIFY(!chart->plotArea().isEmpty());
}

void TestEarningsTab::noPricesShowNoMoney()
{
    m_tab->chart()->setMetric(EarningsChart::Metric::Earnings);
    m_tab->setPrices({});
    QWidget *note = m_tab->findChild<QWidget *>(u"noPricesNote"_s);
    QVERIFY(note->isVisible());
    QVERIFY(!label("earningsToday")->isVisible());
    // The chart falls back to requests and offers no earnings to pick.
    QCOMPARE(m_tab->chart()->shownMetric(), EarningsChart::Metric::Requests);
    QCOMPARE(m_tab->chart()->findChild<QComboBox *>(u"earningsMetric"_s)->count(), 2);
    const QStringList alpha = tableRow(kAlpha);
    QCOMPARE(alpha.value(EarningsModel::EarningsColumn), u"—"_s);
    // No amount anywhere in the tab.
    for (const QLabel *each : m_tab->findChildren<QLabel *>())
        QVERIFY2(!each->text().contains(u"USD"_s), qPrintable(each->text()));

    QSignalSpy asked(m_tab.get(), &EarningsTab::pricesRequested);
    QTest::mouseClick(note->findChild<QPushButton *>(u"setPricesButton"_s), Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
}

void TestEarningsTab::buyersFigures()
{
    // Last 24 hours: today's three chat rows (models.list is no buyer request), one failed.
    QCOMPARE(label("marketRequests24h")->text(), u"3"_s);
    QCOMPARE(label("marketTokens24h")->text(), u"749,600"_s);
    QCOMPARE(label("marketLatency24h")->text(), u"400 ms"_s);
    QCOMPARE(label("marketErrorRate24h")->text(), u"33.3 %"_s);

    qint64 count = 0, tokens = 0, unsuccessful = 0;
    const QDateTime now = LedgerReader::startOfLocalDay(kToday).addSecs(23 * 3600);
    for (const Row &row : kRows) {
        if (row.op != kChat || finishedAt(row) < now.addDays(-7))
            continue;
        ++count;
        tokens += row.prompt + row.completion;
        unsuccessful += row.outcome != RequestOutcome::Served;
    }
    QCOMPARE(count, 7);
    const QLocale locale;
    QCOMPARE(label("marketRequests7d")->text(), locale.toString(count));
    QCOMPARE(label("marketTokens7d")->text(), locale.toString(tokens));
    QCOMPARE(label("marketErrorRate7d")->text(), u"%1 %"_s.arg(locale.toString(100.0 * unsuccessful / count, 'f', 1)));
}

void TestEarningsTab::exportWritesCsvThatParsesBack()
{
    const QString path = m_dir.filePath(u"week.csv"_s);
    // One more row, not committed yet: the export must still hold it.
    RequestRecord late;
    late.op = kChat;
    late.model = kBeta;
    late.finishedAt = LedgerReader::startOfLocalDay(kToday).addSecs(5 * 3600).toUTC();
    m_ledger->record(late);
    QVERIFY2(m_tab->exportCsv(path, kToday.addDays(-6), kToday), qPrintable(m_tab->errorString()));

    QProcess python;
    python.start(u"python3"_s, {u"-c"_s, u"import csv, json, sys\n"
                                         "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
                                         "    rows = list(csv.reader(f))\n"
                                         "print(json.dumps([rows[0]] + [[r[0], r[2]] for r in rows[1:]]))\n"_s,
                                path});
    QVERIFY(python.waitForFinished());
    QCOMPARE(python.exitCode(), 0);
    const QJsonArray parsed = QJsonDocument::fromJson(python.readAllStandardOutput()).array();

    QList<std::pair<QDateTime, QString>> expected;
    for (const Row &row : kRows) {
        if (row.daysAgo < 7)
            expected.append({finishedAt(row), row.model});
    }
    expected.append({late.finishedAt, late.model});
    std::sort(expected.begin(), expected.end());
    QCOMPARE(parsed.size(), expected.size() + 1);
    QCOMPARE(parsed[0].toArray()[0].toString(), u"finished_at"_s);
    QCOMPARE(parsed[0].toArray()[2].toString(), u"model"_s);
    for (int i = 0; i < expected.size(); ++i) {
        const QJsonArray row = parsed[i + 1].toArray();
        QCOMPARE(QDateTime::fromString(row[0].toString(), Qt::ISODateWithMs), expected[i].first);
        QCOMPARE(row[1].toString(), expected[i].second);
    }
}

void TestEarningsTab::exportErrorsAreWorded()
{
    const QString path = m_dir.filePath(u"missing-folder/out.csv"_s);
    QVERIFY(!m_tab->exportCsv(path, kToday, kToday));
    QVERIFY2(m_tab->errorString().contains(u"missing-folder"_s), qPrintable(m_tab->errorString()));
    QVERIFY(!QFile::exists(path));
}

void TestEarningsTab::noLedgerIsExplained()
{
    m_tab->setLedger(nullptr);
    QVERIFY(label("noLedgerNote")->isVisible());
    QVERIFY(!label("earningsToday")->isVisible());
    QVERIFY(!m_tab->exportCsv(m_dir.filePath(u"none.csv"_s), kToday, kToday));
    QVERIFY(!m_tab->errorString().isEmpty());
    m_tab->setLedger(m_ledger.get());
    QVERIFY(label("earningsToday")->isVisible());
    QCOMPARE(label("earningsToday")->text(), u"1.50 USD"_s);
}

void TestEarningsTab::refreshIsCoalescedAndWaitsForShow()
{
    RequestRecord more;
    more.op = kChat;
    more.model = kAlpha;
    more.promptTokens = 250'000;
    more.finishedAt = LedgerReader::startOfLocalDay(kToday).addSecs(6 * 3600).toUTC();
    m_ledger->record(more); // 0.50 USD + 0.0005 USD more today
    for (int i = 0; i < 100; ++i)
        m_tab->scheduleRefresh();
    QCOMPARE(label("earningsToday")->text(), u"1.50 USD"_s); // not read per call
    QTRY_COMPARE_WITH_TIMEOUT(label("earningsToday")->text(), u"2.0005 USD"_s, 5000);

    // Hidden, it reads nothing; shown again, it reads at once.
    m_tab->hide();
    m_ledger->record(more);
    m_tab->scheduleRefresh();
    QTest::qWait(int(EarningsTab::RefreshDelay.count()) + 200);
    QCOMPARE(label("earningsToday")->text(), u"2.0005 USD"_s);
    m_tab->show();
    QCOMPARE(label("earningsToday")->text(), u"2.501 USD"_s);
}

void TestEarningsTab::exportDialogDefaultsToThirtyDays()
{
    EarningsExportDialog dialog(kToday);
    QCOMPARE(dialog.firstDay(), kToday.addDays(-29));
    QCOMPARE(dialog.lastDay(), kToday);
}

void TestEarningsTab::statusWindowHostsTheTab()
{
    StatusWindow window(nullptr, nullptr);
    EarningsTab *tab = window.earningsTab();
    auto *tabs = window.findChild<QTabWidget *>(u"detailTabs"_s);
    QVERIFY(tabs->indexOf(tab) >= 0);
    window.setPrices(prices());
    window.setLedger(m_ledger.get());
    QCOMPARE(tab->ledger(), m_ledger.get());
    QCOMPARE(tab->prices(), prices());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    tabs->setCurrentWidget(tab);
    // Its "Set prices…" opens the settings, as the window's own Settings… does.
    window.setPrices({});
    QSignalSpy settings(&window, &StatusWindow::settingsRequested);
    QTest::mouseClick(tab->findChild<QPushButton *>(u"setPricesButton"_s), Qt::LeftButton);
    QCOMPARE(settings.size(), 1);
}

QTEST_MAIN(TestEarningsTab)
#include "tst_earningstab.moc"
