#include "statspanel.h"

#include "sessiontext.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>

#include <cmath>

namespace coderai {
namespace {

QString count(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace

StatsPanel::StatsPanel(QWidget *parent)
    : QGroupBox(tr("Statistics"), parent)
    , m_grid(new QGridLayout)
{
    setObjectName(QStringLiteral("statsPanel"));
    setAccessibleName(tr("Statistics"));
    setLayout(m_grid);
    auto *todayHeader = new QLabel(tr("Today"), this);
    auto *sessionHeader = new QLabel(tr("This session"), this);
    for (QLabel *header : {todayHeader, sessionHeader}) {
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        header->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    m_grid->addWidget(todayHeader, 0, 1);
    m_grid->addWidget(sessionHeader, 0, 2);
    m_rows = 1;

    m_served = addRow(tr("Requests served"), QStringLiteral("Served"), true);
    m_failed = addRow(tr("Failed"), QStringLiteral("Failed"), true);
    m_cancelled = addRow(tr("Cancelled"), QStringLiteral("Cancelled"), true);
    m_refused = addRow(tr("Refused (busy or paused)"), QStringLiteral("Refused"), true);
    m_promptTokens = addRow(tr("Prompt tokens"), QStringLiteral("PromptTokens"), true);
    m_completionTokens = addRow(tr("Completion tokens"), QStringLiteral("CompletionTokens"), true);
    m_successRate = addRow(tr("Success rate (last %1 requests)").arg(SessionStats::WindowSize),
                           QStringLiteral("SuccessRate"), false);
    // Chat completions only: a models.list answered from cache in 0 ms is not what a buyer waits for.
    m_speed = addRow(tr("Chat speed (average)"), QStringLiteral("Speed"), false);
    m_latency = addRow(tr("Chat latency (average)"), QStringLiteral("Latency"), false);
    m_other = addRow(tr("Other requests"), QStringLiteral("Other"), false);
    const QString otherTip = tr("Model lists, capability queries and proxied calls: counted in the "
                                "requests above, left out of the chat averages.");
    m_other.session->setToolTip(otherTip);
    m_speed.session->setToolTip(tr("Average over the chat completions among the last %n request(s).", nullptr,
                                   SessionStats::WindowSize));
    m_latency.session->setToolTip(m_speed.session->toolTip());
    m_uptime = addRow(tr("Online time"), QStringLiteral("Uptime"), false);
    // AISBF's statement is what pays; this is the seller's own prices times what was served.
    m_earnings = addRow(tr("Estimated earnings"), QStringLiteral("Earnings"), true);
    m_earningsName = qobject_cast<QLabel *>(m_grid->itemAtPosition(m_rows - 1, 0)->widget());
    m_earningsName->setToolTip(tr("At your prices (Settings → Earnings), from served requests only. "
                                  "AISBF's statement is what pays."));
    setEarnings({}, {});
    m_grid->setColumnStretch(0, 1);

    setFigures({}, {}, {});
}

StatsPanel::~StatsPanel() = default;

StatsPanel::Row StatsPanel::addRow(const QString &label, const QString &key, bool withToday)
{
    auto *name = new QLabel(label, this);
    m_grid->addWidget(name, m_rows, 0);
    Row row;
    auto makeValue = [&](const QString &prefix, int column, const QString &accessible) {
        auto *value = new QLabel(this);
        value->setObjectName(prefix + key);
        value->setAccessibleName(accessible);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_grid->addWidget(value, m_rows, column);
        name->setBuddy(value);
        return value;
    };
    if (withToday)
        row.today = makeValue(QStringLiteral("today"), 1, tr("%1 today").arg(label));
    row.session = makeValue(QStringLiteral("session"), 2, tr("%1 this session").arg(label));
    ++m_rows;
    return row;
}

void StatsPanel::setEarnings(const QString &today, const QString &session)
{
    const bool shown = !today.isEmpty();
    m_earningsName->setVisible(shown);
    m_earnings.today->setVisible(shown);
    m_earnings.session->setVisible(shown);
    m_earnings.today->setText(today);
    m_earnings.session->setText(session.isEmpty() ? tr("—") : session);
}

void StatsPanel::setFigures(const TodayFigures::Figures &today, const SessionStats::Totals &session,
                            const SessionStats::WindowStats &window)
{
    m_served.today->setText(count(today.served));
    m_failed.today->setText(count(today.failed));
    m_cancelled.today->setText(count(today.cancelled));
    m_refused.today->setText(count(today.refused));
    m_promptTokens.today->setText(count(today.promptTokens));
    m_completionTokens.today->setText(count(today.completionTokens));

    m_served.session->setText(count(session.served));
    m_failed.session->setText(count(session.failed));
    m_cancelled.session->setText(count(session.cancelled));
    m_refused.session->setText(count(session.refused));
    m_promptTokens.session->setText(count(session.promptTokens));
    m_completionTokens.session->setText(count(session.completionTokens));

    const QLocale locale;
    const QString none = tr("—");
    m_successRate.session->setText(window.served + window.failed == 0
                                       ? none
                                       : tr("%1 %").arg(locale.toString(window.successRate * 100.0, 'f', 1)));
    m_speed.session->setText(window.averageTokensPerSecond > 0 && std::isfinite(window.averageTokensPerSecond)
                                 ? tr("%1 tokens/s").arg(locale.toString(window.averageTokensPerSecond, 'f', 1))
                                 : none);
    if (window.chatServed == 0) {
        m_latency.session->setText(none);
    } else if (window.averageLatencyMs < 1000.0) {
        m_latency.session->setText(tr("%1 ms").arg(locale.toString(static_cast<qint64>(std::llround(window.averageLatencyMs)))));
    } else {
        m_latency.session->setText(tr("%1 s").arg(locale.toString(window.averageLatencyMs / 1000.0, 'f', 1)));
    }
    m_other.session->setText(count(session.other));
    m_uptime.session->setText(SessionText::duration(session.uptime));
}

} // namespace coderai
