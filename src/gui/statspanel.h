#pragma once

#include "todayfigures.h"
#include "stats/sessionstats.h"

#include <QGroupBox>

class QGridLayout;
class QLabel;

namespace coderai {

/// \brief Figures for today (persisted, TodayFigures) beside this session's (SessionStats): what
/// was served, failed and generated, and how well the last requests went.
class StatsPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsPanel)

public:
    explicit StatsPanel(QWidget *parent = nullptr);
    ~StatsPanel() override;

    /// The estimated earnings row shows only when \a today is not empty (prices are set).
    void setEarnings(const QString &today, const QString &session);
    void setFigures(const TodayFigures::Figures &today, const SessionStats::Totals &session,
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
    Row m_earnings;
    QLabel *m_earningsName = nullptr;
};

} // namespace coderai
