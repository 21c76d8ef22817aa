#include "dailytotals.h"

#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coderai {
namespace {

// One group, so the settings dialog's keys and these never collide.
const QString kDate = u"statistics/today/date"_s;
const QString kServed = u"statistics/today/served"_s;
const QString kFailed = u"statistics/today/failed"_s;
const QString kCancelled = u"statistics/today/cancelled"_s;
const QString kRefused = u"statistics/today/refused"_s;
const QString kPromptTokens = u"statistics/today/promptTokens"_s;
const QString kCompletionTokens = u"statistics/today/completionTokens"_s;

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

DailyTotals::DailyTotals(QSettings *settings, QObject *parent, Clock clock)
    : QObject(parent)
    , m_settings(settings)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTime(); }))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushDelay);
    connect(&m_flushTimer, &QTimer::timeout, this, &DailyTotals::flush);
    m_midnightTimer.setSingleShot(true);
    connect(&m_midnightTimer, &QTimer::timeout, this, [this] {
        checkRollover();
        scheduleMidnight();
    });
    load();
    checkRollover();
    scheduleMidnight();
}

DailyTotals::~DailyTotals()
{
    flush();
}

QDate DailyTotals::currentDate() const
{
    return m_clock().date();
}

void DailyTotals::load()
{
    if (!m_settings)
        return;
    m_date = QDate::fromString(m_settings->value(kDate).toString(), Qt::ISODate);
    m_figures.served = readCount(*m_settings, kServed);
    m_figures.failed = readCount(*m_settings, kFailed);
    m_figures.cancelled = readCount(*m_settings, kCancelled);
    m_figures.refused = readCount(*m_settings, kRefused);
    m_figures.promptTokens = readCount(*m_settings, kPromptTokens);
    m_figures.completionTokens = readCount(*m_settings, kCompletionTokens);
}

void DailyTotals::flush()
{
    m_flushTimer.stop();
    if (!m_dirty || !m_settings)
        return;
    m_dirty = false;
    m_settings->setValue(kDate, m_date.toString(Qt::ISODate));
    m_settings->setValue(kServed, m_figures.served);
    m_settings->setValue(kFailed, m_figures.failed);
    m_settings->setValue(kCancelled, m_figures.cancelled);
    m_settings->setValue(kRefused, m_figures.refused);
    m_settings->setValue(kPromptTokens, m_figures.promptTokens);
    m_settings->setValue(kCompletionTokens, m_figures.completionTokens);
    m_settings->sync();
}

void DailyTotals::checkRollover()
{
    const QDate today = currentDate();
    if (today == m_date)
        return;
    m_date = today;
    m_figures = {};
    m_dirty = true;
    flush();
    emit changed();
}

void DailyTotals::scheduleMidnight()
{
    const QDateTime now = m_clock();
    const QDateTime midnight = now.date().addDays(1).startOfDay();
    const qint64 wait = std::clamp<qint64>(now.msecsTo(midnight) + 1000, 1000, kMaxMidnightWaitMs);
    m_midnightTimer.start(std::chrono::milliseconds(wait));
}

void DailyTotals::setStore(QSettings *settings)
{
    if (settings == m_settings)
        return;
    flush();
    m_settings = settings;
    m_date = {};
    m_figures = {};
    load();
    if (currentDate() != m_date)
        checkRollover();
    else
        emit changed();
}

QSettings *DailyTotals::store() const
{
    return m_settings;
}

DailyTotals::Figures DailyTotals::today() const
{
    return currentDate() == m_date ? m_figures : Figures{};
}

QDate DailyTotals::date() const
{
    return m_date;
}

void DailyTotals::add(const Figures &delta)
{
    checkRollover();
    m_figures.served += delta.served;
    m_figures.failed += delta.failed;
    m_figures.cancelled += delta.cancelled;
    m_figures.refused += delta.refused;
    m_figures.promptTokens += delta.promptTokens;
    m_figures.completionTokens += delta.completionTokens;
    m_dirty = true;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
    emit changed();
}

void DailyTotals::attach(SessionStats *stats)
{
    if (m_stats)
        m_stats->disconnect(this);
    m_stats = stats;
    if (!stats) {
        m_seen = {};
        return;
    }
    // Only what happens from now on: the stats may already hold requests counted earlier.
    m_seen = stats->totals();
    connect(stats, &SessionStats::changed, this, &DailyTotals::onStatsChanged);
}

void DailyTotals::onStatsChanged()
{
    if (!m_stats)
        return;
    const SessionStats::Totals now = m_stats->totals();
    Figures delta;
    delta.served = now.served - m_seen.served;
    delta.failed = now.failed - m_seen.failed;
    delta.cancelled = now.cancelled - m_seen.cancelled;
    delta.refused = now.refused - m_seen.refused;
    delta.promptTokens = now.promptTokens - m_seen.promptTokens;
    delta.completionTokens = now.completionTokens - m_seen.completionTokens;
    m_seen = now;
    if (delta == Figures{})
        return;
    add(delta);
}

} // namespace coderai
