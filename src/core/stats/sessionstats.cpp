#include "stats/sessionstats.h"

#include "logging.h"

#include <QLocale>
#include <QMetaObject>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace coderai {

namespace {

// The headless log is read by people and grepped by scripts alike: the same digits everywhere,
// grouped so that large token counts stay readable.
QLocale logLocale()
{
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions);
    return locale;
}

} // namespace

SessionStats::SessionStats(QObject *parent)
    : SessionStats(Clock {}, parent)
{
}

SessionStats::SessionStats(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
    , m_window(WindowSize)
    , m_recent(static_cast<std::size_t>(WindowSize))
{
}

SessionStats::~SessionStats() = default;

void SessionStats::record(const RequestRecord &record)
{
    ++m_sequence;
    switch (record.outcome) {
    case RequestOutcome::Served:
        ++m_totals.served;
        break;
    case RequestOutcome::Failed:
        ++m_totals.failed;
        qCDebug(lcStats) << "failed:" << record.op << record.model << record.errorCode;
        break;
    case RequestOutcome::Cancelled:
        ++m_totals.cancelled;
        break;
    case RequestOutcome::Refused:
        ++m_totals.refused;
        break;
    }
    if (!record.isChatCompletion())
        ++m_totals.other;
    // Clamped: one caller's arithmetic slip must not turn the session's totals negative.
    m_totals.promptTokens += std::max<qint64>(0, record.promptTokens);
    m_totals.completionTokens += std::max<qint64>(0, record.completionTokens);
    m_totals.bytesIn += std::max<qint64>(0, record.bytesIn);
    m_totals.bytesOut += std::max<qint64>(0, record.bytesOut);

    m_window.add(record);
    if (!record.model.isEmpty())
        recordForModel(record);

    // Copy straight into the ring slot: the slot's old strings are released, its storage reused.
    RequestRecord &slot = m_recent[static_cast<std::size_t>(m_recentNext)];
    slot = record;
    if (!slot.finishedAt.isValid())
        slot.finishedAt = QDateTime::currentDateTimeUtc();
    m_recentNext = (m_recentNext + 1) % WindowSize;
    m_recentSize = std::min(m_recentSize + 1, WindowSize);

    emit requestRecorded(slot);
    scheduleChanged();
}

void SessionStats::recordForModel(const RequestRecord &record)
{
    auto it = m_byModel.find(record.model);
    if (it == m_byModel.end()) {
        if (m_byModel.size() >= MaxModelWindows) {
            auto stalest
                = std::min_element(m_byModel.cbegin(), m_byModel.cend(),
                                   [](const ModelWindow &a, const ModelWindow &b) { return a.lastUsed < b.lastUsed; });
            qCDebug(lcStats) << "dropping the window of model" << stalest.key() << "to make room";
            m_byModel.erase(stalest);
        }
        it = m_byModel.insert(record.model, ModelWindow());
    }
    it->window.add(record);
    it->lastUsed = m_sequence;
}

void SessionStats::setOnline(bool online)
{
    if (online == m_onlineSince.has_value())
        return;
    const auto now = m_clock();
    if (online) {
        m_onlineSince = now;
        qCDebug(lcStats) << "online";
    } else {
        m_onlineBefore += now - *m_onlineSince;
        m_onlineSince.reset();
        qCDebug(lcStats) << "offline; online for"
                         << std::chrono::duration_cast<std::chrono::seconds>(m_onlineBefore).count() << "s in all";
    }
    scheduleChanged();
}

bool SessionStats::isOnline() const
{
    return m_onlineSince.has_value();
}

SessionStats::Totals SessionStats::totals() const
{
    Totals result = m_totals;
    auto online = m_onlineBefore;
    if (m_onlineSince)
        online += m_clock() - *m_onlineSince;
    result.uptime = std::chrono::duration_cast<std::chrono::seconds>(online);
    return result;
}

WindowStats SessionStats::window() const
{
    return m_window.stats();
}

QHash<QString, WindowStats> SessionStats::windowByModel() const
{
    QHash<QString, WindowStats> result;
    result.reserve(m_byModel.size());
    for (auto it = m_byModel.cbegin(); it != m_byModel.cend(); ++it)
        result.insert(it.key(), it->window.stats());
    return result;
}

QList<RequestRecord> SessionStats::recent(int n) const
{
    const int count = std::clamp(n, 0, m_recentSize);
    QList<RequestRecord> result;
    result.reserve(count);
    for (int i = 1; i <= count; ++i) {
        const int index = (m_recentNext - i + WindowSize) % WindowSize;
        result.append(m_recent[static_cast<std::size_t>(index)]);
    }
    return result;
}

QString SessionStats::summaryLine() const
{
    static const QLocale locale = logLocale();
    const Totals all = totals();
    const WindowStats last = window();
    const QString none = u"-"_s;

    const QString rate = last.averageTokensPerSecond > 0 ? locale.toString(last.averageTokensPerSecond, 'f', 1) : none;
    // Loopback answers take a few milliseconds; a decimal keeps them from all reading as "0 ms".
    const QString latency
        = last.chatServed == 0 ? none : locale.toString(last.averageLatencyMs, 'f', last.averageLatencyMs < 10 ? 1 : 0);
    // Rounded down: a success rate never reads better than it is.
    const QString ok = last.served + last.failed == 0
        ? none
        : locale.toString(static_cast<int>(std::floor(last.successRate * 100 + 1e-9))) + u'%';
    const auto minutes = qlonglong(std::chrono::duration_cast<std::chrono::minutes>(all.uptime).count());
    const QString online = QStringLiteral("%1h %2m").arg(minutes / 60).arg(minutes % 60, 2, 10, QChar(u'0'));

    // A log line: English whatever the seller's language, so it reads the same in a bug report.
    return QStringLiteral("served %1, failed %2, cancelled %3, refused %4 | tokens %5 in / %6 out | %7 tok/s avg | "
              "%8 ms avg | %9 ok | other %10 | online %11")
        .arg(locale.toString(all.served), locale.toString(all.failed), locale.toString(all.cancelled),
             locale.toString(all.refused), locale.toString(all.promptTokens), locale.toString(all.completionTokens),
             rate, latency, ok, locale.toString(all.other), online);
}

void SessionStats::scheduleChanged()
{
    if (m_changePending)
        return;
    m_changePending = true;
    // A queued call rather than a signal per record: at thousands of requests a second the GUI
    // must repaint once per turn, not once per request.
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_changePending = false;
            emit changed();
        },
        Qt::QueuedConnection);
}

} // namespace coderai
