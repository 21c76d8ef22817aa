#pragma once

#include "dailytotals.h"
#include "stats/sessionstats.h"

#include <QGroupBox>

class QGridLayout;
class QLabel;

namespace coderai {

/// \brief Figures for today (persisted, DailyTotals) beside this session's (SessionStats): what
/// was served, failed and generated, and how well the last requests went.
class StatsPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsPanel)

public:
    explicit StatsPanel(QWidget *parent = nullptr);
    ~StatsPanel() override;

    void setFigures(const DailyTotals::Figures &today, const SessionStats::Totals &session,
                    const SessionStats::WindowStats &window);

private:
    struct Row
    {
        QLabel *today = nullptr;
        QLabel *session = nullptr;
    };
    Row addRow(const QString &label, const QString &key, bool withToday);

    QGridLayout *m_grid;
    int m_rows = 0;
    Row m_served;
    Row m_failed;
    Row m_cancelled;
    Row m_refused;
    Row m_promptTokens;
    Row m_completionTokens;
    Row m_successRate;
    Row m_speed;
    Row m_latency;
    Row m_other;
    Row m_uptime;
};

} // namespace coderai
