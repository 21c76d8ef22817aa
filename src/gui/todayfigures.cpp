#include "todayfigures.h"

#include "ledger/earnings.h"
#include "ledger/ledger.h"
#include "ledger/ledgerreader.h"
#include "ledger/money.h"
#include "logging.h"

#include <QLocale>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coderai {
namespace {

// Where DailyTotals kept one day of figures before the ledger existed.
const QString kLegacyGroup = u"statistics/today"_s;

// A clock change or a suspended machine can make a long single shot fire late or early; waking
// at least hourly bounds how stale "today" can get.
constexpr qint64 kMaxMidnightWaitMs = 60 * 60 * 1000;

qint64 readCount(const QSettings &settings, const QString &key)
{
    bool ok = false;
    const qint64 value = settings.value(key).toLongLong(&ok);
    return ok ? std::max<qint64>(0, value) : 0;
}

} // namespace

TodayFigures::TodayFigures(QObject *parent, Clock clock)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTime(); }))
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshDelay);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TodayFigures::refresh);
    m_midnightTimer.setSingleShot(true);
    connect(&m_midnightTimer, &QTimer::timeout, this, [this] {
        refresh();
        scheduleMidnight();
    });
    m_date = m_clock().date();
    scheduleMidnight();
}

TodayFigures::~TodayFigures() = default;

void TodayFigures::setLedger(Ledger *ledger)
{
    m_ledger = ledger;
    refresh();
}

Ledger *TodayFigures::ledger() const
{
    return m_ledger;
}

void TodayFigures::setPrices(const PriceSettings &prices)
{
    m_prices = prices;
    refresh();
}

void TodayFigures::attach(SessionStats *stats)
{
    if (m_stats)
        m_stats->disconnect(this);
    m_stats = stats;
    m_sessionStart = stats ? m_clock() : QDateTime();
    if (stats)
        connect(stats, &SessionStats::changed, this, &TodayFigures::scheduleRefresh);
}

TodayFigures::Figures TodayFigures::today() const
{
    return m_clock().date() == m_date ? m_figures : Figures{};
}

QDate TodayFigures::date() const
{
    return m_date;
}

void TodayFigures::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void TodayFigures::refresh()
{
    m_refreshTimer.stop();
    const QDate date = m_clock().date();
    Figures figures;
    if (m_ledger) {
        const QDateTime from = LedgerReader::startOfLocalDay(date);
        const QDateTime to = LedgerReader::startOfLocalDay(date.addDays(1));
        // One query: the per-model rows give both the totals and the prices' units.
        const QList<LedgerModelTotals> models = m_ledger->models(from, to);
        const LedgerTotals totals = sumOf(models);
        figures.served = totals.served;
        figures.failed = totals.failed;
        figures.cancelled = totals.cancelled;
        figures.refused = totals.refused;
        figures.promptTokens = totals.promptTokens;
        figures.completionTokens = totals.completionTokens;
        if (m_prices.isSet()) {
            figures.earningsMicros = estimateEarnings(models, m_prices);
            if (m_sessionStart.isValid())
                figures.sessionEarningsMicros = earnings(m_sessionStart, m_clock().addSecs(1));
        }
    } else if (m_prices.isSet()) {
        figures.earningsMicros = 0;
    }
    if (date == m_date && figures == m_figures)
        return;
    m_date = date;
    m_figures = figures;
    emit changed();
}

qint64 TodayFigures::earnings(const QDateTime &from, const QDateTime &to) const
{
    // The Earnings tab's own sum, so "Today" there and here always agree.
    return estimateEarnings(m_ledger->models(from, to), m_prices);
}

QString TodayFigures::moneyText(const std::optional<qint64> &micros) const
{
    return micros ? money::format(*micros, m_prices.currency, QLocale()) : QString();
}

void TodayFigures::scheduleMidnight()
{
    const QDateTime now = m_clock();
    const QDateTime midnight = now.date().addDays(1).startOfDay();
    const qint64 wait = std::clamp<qint64>(now.msecsTo(midnight) + 1000, 1000, kMaxMidnightWaitMs);
    m_midnightTimer.start(std::chrono::milliseconds(wait));
}

bool TodayFigures::carryOver(QSettings &state, Ledger &ledger, const QDateTime &now)
{
    if (!state.childGroups().contains(u"statistics"_s))
        return false;
    state.beginGroup(kLegacyGroup);
    const QDate date = QDate::fromString(state.value(u"date"_s).toString(), Qt::ISODate);
    const qint64 served = readCount(state, u"served"_s);
    const qint64 failed = readCount(state, u"failed"_s);
    const qint64 cancelled = readCount(state, u"cancelled"_s);
    const qint64 refused = readCount(state, u"refused"_s);
    const qint64 prompt = readCount(state, u"promptTokens"_s);
    const qint64 completion = readCount(state, u"completionTokens"_s);
    state.endGroup();
    state.remove(u"statistics"_s);
    state.sync();
    // Only today's: earlier days were never kept, so there is nothing to add for them.
    if (date != now.date())
        return false;
    // The tokens go with the served requests, the only ones that earn (none if none served).
    const QDateTime at = now.toUTC();
    ledger.recordCarriedOver(RequestOutcome::Served, served, prompt, completion, at);
    ledger.recordCarriedOver(RequestOutcome::Failed, failed, served > 0 ? 0 : prompt, served > 0 ? 0 : completion, at);
    ledger.recordCarriedOver(RequestOutcome::Cancelled, cancelled, 0, 0, at);
    ledger.recordCarriedOver(RequestOutcome::Refused, refused, 0, 0, at);
    qCInfo(lcApp).noquote() << "moved today's figures from the settings into the ledger:" << served << "served,"
                            << failed << "failed," << cancelled << "cancelled," << refused << "refused";
    return served + failed + cancelled + refused > 0;
}

} // namespace coderai
