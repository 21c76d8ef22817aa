#include "earningstab.h"

#include "earningschart.h"
#include "earningsexportdialog.h"
#include "earningsmodel.h"
#include "ledger/ledger.h"
#include "ledger/ledgerexport.h"
#include "ledger/ledgerreader.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMap>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace coderai {
namespace {

constexpr int kChartDays = 30;
// Days each Range covers, today included.
constexpr int kRangeDays[] = {1, 7, 30};

QLabel *figureLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

EarningsTab::EarningsTab(QWidget *parent)
    : QWidget(parent)
    , m_clock([] { return QDateTime::currentDateTime(); })
    , m_stack(new QStackedWidget(this))
    , m_chart(new EarningsChart(this))
    , m_model(new EarningsModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("earningsTab"));

    auto *empty = new QLabel(tr("No earnings ledger is open, so there is no history to show. CoderAI Seller "
                                "records every finished request in it once it serves."),
                             this);
    empty->setObjectName(QStringLiteral("noLedgerNote"));
    empty->setWordWrap(true);
    empty->setAlignment(Qt::AlignCenter);

    auto *top = new QHBoxLayout;
    top->addWidget(buildEstimates(), 2);
    top->addWidget(buildMarket(), 3);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_chart, 1);
    middle->addWidget(buildTable(), 1);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(middle, 1);

    m_stack->addWidget(empty);
    m_stack->addWidget(content);
    // The status window gives its tabs what is left below the cards; scrolled, nothing is squeezed.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_stack);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelay);
    connect(&m_refreshTimer, &QTimer::timeout, this, &EarningsTab::refresh);
    m_stack->setCurrentIndex(0);
    setPrices({});
}

EarningsTab::~EarningsTab() = default;

QWidget *EarningsTab::buildEstimates()
{
    auto *box = new QGroupBox(tr("Estimated earnings"), this);
    box->setObjectName(QStringLiteral("estimatesBox"));
    m_today = figureLabel(QStringLiteral("earningsToday"), box);
    m_week = figureLabel(QStringLiteral("earningsWeek"), box);
    m_month = figureLabel(QStringLiteral("earningsMonth"), box);

    // One amount per row, so the box is narrow enough to sit beside the buyers' figures.
    m_figures = new QWidget(box);
    auto *figures = new QGridLayout(m_figures);
    figures->setContentsMargins(0, 0, 0, 0);
    const std::pair<QString, QLabel *> entries[] = {
        {tr("Today:"), m_today}, {tr("Last 7 days:"), m_week}, {tr("Last 30 days:"), m_month}};
    int row = 0;
    for (const auto &[title, label] : entries) {
        figures->addWidget(new QLabel(title, m_figures), row, 0);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        figures->addWidget(label, row++, 1);
    }
    figures->setColumnStretch(2, 1);
    auto *note = new QLabel(tr("Estimated at your prices — AISBF's statement is what pays."), m_figures);
    note->setObjectName(QStringLiteral("estimateNote"));
    note->setWordWrap(true);
    figures->addWidget(note, row, 0, 1, 3);

    m_noPrices = new QWidget(box);
    m_noPrices->setObjectName(QStringLiteral("noPricesNote"));
    auto *noPricesText = new QLabel(tr("You have set no prices, so no earnings are estimated. Enter the prices of "
                                       "your AISBF listing in Settings → Earnings."),
                                    m_noPrices);
    noPricesText->setWordWrap(true);
    auto *setPrices = new QPushButton(tr("Set prices…"), m_noPrices);
    setPrices->setObjectName(QStringLiteral("setPricesButton"));
    connect(setPrices, &QPushButton::clicked, this, &EarningsTab::pricesRequested);
    auto *noPrices = new QVBoxLayout(m_noPrices);
    noPrices->setContentsMargins(0, 0, 0, 0);
    noPrices->addWidget(noPricesText);
    noPrices->addWidget(setPrices, 0, Qt::AlignLeft);

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_figures);
    layout->addWidget(m_noPrices);
    layout->addStretch(1);
    return box;
}

QWidget *EarningsTab::buildTable()
{
    auto *box = new QWidget(this);
    m_rangeBox = new QComboBox(box);
    m_rangeBox->setObjectName(QStringLiteral("earningsRange"));
    m_rangeBox->setAccessibleName(tr("Models table range"));
    m_rangeBox->addItem(tr("Today"), int(Range::Today));
    m_rangeBox->addItem(tr("Last 7 days"), int(Range::Week));
    m_rangeBox->addItem(tr("Last 30 days"), int(Range::Month));
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(m_range)));
    connect(m_rangeBox, &QComboBox::activated, this,
            [this](int index) { setRange(static_cast<Range>(m_rangeBox->itemData(index).toInt())); });
    auto *label = new QLabel(tr("&Models:"), box);
    label->setBuddy(m_rangeBox);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(EarningsModel::SortRole);
    m_table = new QTableView(box);
    m_table->setObjectName(QStringLiteral("earningsTable"));
    m_table->setAccessibleName(tr("Requests and estimated earnings per model"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EarningsModel::ServedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    // Model ids are long ("org/model-7b-instruct:q4"): every column fits its text, the table scrolls.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *exportButton = new QPushButton(tr("Export CSV…"), box);
    exportButton->setObjectName(QStringLiteral("exportCsvButton"));
    exportButton->setToolTip(tr("Every request of the days you pick, one row each, for your own books"));
    connect(exportButton, &QPushButton::clicked, this, &EarningsTab::chooseExport);

    auto *picker = new QHBoxLayout;
    picker->addWidget(label);
    picker->addWidget(m_rangeBox);
    picker->addStretch(1);
    picker->addWidget(exportButton);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(picker);
    layout->addWidget(m_table, 1);
    return box;
}

QWidget *EarningsTab::buildMarket()
{
    auto *box = new QGroupBox(tr("What buyers see"), this);
    box->setObjectName(QStringLiteral("marketBox"));
    auto *grid = new QGridLayout;
    const QString headers[] = {tr("Requests"), tr("Tokens"), tr("Average latency"), tr("Error rate")};
    for (int column = 0; column < 4; ++column)
        grid->addWidget(new QLabel(headers[column], box), 0, column + 1, Qt::AlignRight);
    m_market24h = addMarketRow(grid, 1, tr("Last 24 hours"), QStringLiteral("24h"));
    m_market7d = addMarketRow(grid, 2, tr("Last 7 days"), QStringLiteral("7d"));
    grid->setColumnStretch(5, 1);

    auto *note = new QLabel(tr("AISBF's market shows buyers these figures of your chat requests next to your "
                               "prices; here they are computed the same way from your ledger."),
                            box);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(grid);
    layout->addWidget(note);
    return box;
}

EarningsTab::MarketRow EarningsTab::addMarketRow(QGridLayout *grid, int row, const QString &title,
                                                 const QString &suffix)
{
    QWidget *box = grid->parentWidget();
    grid->addWidget(new QLabel(title, box), row, 0);
    const auto cell = [&](const QString &name, int column) {
        auto *label = figureLabel(name + suffix, box);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        label->setMinimumWidth(90);
        grid->addWidget(label, row, column);
        return label;
    };
    return {cell(QStringLiteral("marketRequests"), 1), cell(QStringLiteral("marketTokens"), 2),
            cell(QStringLiteral("marketLatency"), 3), cell(QStringLiteral("marketErrorRate"), 4)};
}

void EarningsTab::setLedger(Ledger *ledger)
{
    m_ledger = ledger;
    m_stale = true;
    if (isVisible() || !ledger)
        refresh();
}

Ledger *EarningsTab::ledger() const { return m_ledger; }

void EarningsTab::setPrices(const PriceSettings &prices)
{
    m_prices = prices;
    m_figures->setVisible(prices.isSet());
    m_noPrices->setVisible(!prices.isSet());
    m_chart->setCurrency(prices.isSet() ? prices.currency : QString());
    m_stale = true;
    if (isVisible())
        refresh();
}

PriceSettings EarningsTab::prices() const { return m_prices; }

void EarningsTab::setClock(Clock clock) { m_clock = std::move(clock); }

void EarningsTab::setRange(Range range)
{
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(range)));
    if (range == m_range)
        return;
    m_range = range;
    showTable();
}

EarningsTab::Range EarningsTab::range() const { return m_range; }

EarningsChart *EarningsTab::chart() const { return m_chart; }

QSortFilterProxyModel *EarningsTab::tableModel() const { return m_proxy; }

QString EarningsTab::errorString() const { return m_error; }

QDateTime EarningsTab::startOf(QDate date) const { return LedgerReader::startOfLocalDay(date); }

void EarningsTab::scheduleRefresh()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void EarningsTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void EarningsTab::refresh()
{
    m_refreshTimer.stop();
    m_stale = false;
    if (!m_ledger) {
        m_stack->setCurrentIndex(0);
        for (auto &models : m_rangeModels)
            models.clear();
        m_chart->setDays({});
        showTable();
        return;
    }
    m_stack->setCurrentIndex(1);
    const QDateTime now = m_clock();
    const QDate today = now.date();
    const QDate first = today.addDays(1 - kChartDays);

    // Ledger::days() has no per-model split, and a model's price may differ from the default, so
    // each day's earnings are the sum of its models' estimates: one models() query per local day,
    // each read from the 15-minute rollup. The same per-day lists, added up, give the 1-, 7- and
    // 30-day tables, so every total shown is the sum of the days and models beside it.
    const QList<LedgerDay> days = m_ledger->days(first, today);
    QMap<QString, LedgerTotals> ranges[3];
    QList<EarningsChart::Day> chartDays;
    for (const LedgerDay &day : days) {
        const QList<LedgerModelTotals> models = m_ledger->models(startOf(day.date), startOf(day.date.addDays(1)));
        for (int range = 0; range < 3; ++range) {
            if (day.date.daysTo(today) < kRangeDays[range]) {
                for (const LedgerModelTotals &entry : models)
                    ranges[range][entry.model] += entry.totals;
            }
        }
        chartDays.append({day.date, day.totals.requests, day.totals.totalTokens(), estimateEarnings(models, m_prices)});
    }
    for (int range = 0; range < 3; ++range) {
        m_rangeModels[range].clear();
        for (auto it = ranges[range].cbegin(); it != ranges[range].cend(); ++it)
            m_rangeModels[range].append({it.key(), it.value()});
    }
    m_chart->setDays(chartDays);

    const QLocale locale;
    QLabel *const labels[] = {m_today, m_week, m_month};
    for (int range = 0; range < 3; ++range)
        labels[range]->setText(m_prices.isSet() ? money::format(estimateEarnings(m_rangeModels[range], m_prices),
                                                                m_prices.currency, locale)
                                                : QString());
    showTable();
    showMarket(m_market24h, m_ledger->market(now, std::chrono::hours(24)));
    showMarket(m_market7d, m_ledger->market(now, std::chrono::hours(24 * 7)));
}

void EarningsTab::showTable()
{
    m_model->setRows(m_rangeModels[int(m_range)], m_prices);
}

void EarningsTab::showMarket(const MarketRow &row, const MarketFigures &figures)
{
    const QLocale locale;
    row.requests->setText(locale.toString(figures.requestCount));
    row.tokens->setText(locale.toString(figures.totalTokens));
    if (figures.requestCount == 0) {
        row.latency->setText(QStringLiteral("—"));
        row.errorRate->setText(QStringLiteral("—"));
        return;
    }
    const double ms = figures.averageLatencyMs;
    row.latency->setText(ms < 1000 ? tr("%1 ms").arg(locale.toString(qRound64(ms)))
                                   : tr("%1 s").arg(locale.toString(ms / 1000.0, 'f', 1)));
    row.errorRate->setText(tr("%1 %").arg(locale.toString(figures.errorRate * 100.0, 'f', 1)));
}

bool EarningsTab::exportCsv(const QString &path, QDate first, QDate last)
{
    m_error.clear();
    if (!m_ledger) {
        m_error = tr("No earnings ledger is open.");
        return false;
    }
    // The export reads the file, so what is still in memory goes into it first.
    m_ledger->flush();
    LedgerReader reader;
    if (!reader.open(m_ledger->filePath())) {
        m_error = tr("The ledger could not be read: %1").arg(reader.errorString());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = tr("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    LedgerExport exporter(&file, LedgerExport::Format::Csv);
    if (!exporter.writeRows(reader, startOf(first), startOf(last.addDays(1)))) {
        m_error = reader.errorString().isEmpty()
                      ? tr("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), file.errorString())
                      : tr("The ledger could not be read: %1").arg(reader.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        m_error = tr("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

void EarningsTab::chooseExport()
{
    const QDate today = m_clock().date();
    EarningsExportDialog dialog(today, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString name = QStringLiteral("coderai-ledger-%1-%2.csv")
                             .arg(dialog.firstDay().toString(Qt::ISODate), dialog.lastDay().toString(Qt::ISODate));
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QDir(folder).filePath(name),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (!exportCsv(path, dialog.firstDay(), dialog.lastDay()))
        QMessageBox::warning(this, tr("Export failed"), m_error);
}

} // namespace coderai
