#pragma once

#include <QList>
#include <QString>

namespace coderai {

/// \brief One y-axis of a hand-painted chart: where its ticks are and what they count.
///
/// Shared by the throughput chart and the earnings chart, so both round their axes alike.
struct ChartAxis
{
    QString unit; ///< e.g. "Requests per minute"
    qint64 top = 0; ///< value at the top of the plot, a round number at or above the peak
    QList<qint64> ticks; ///< labelled values from 0 to top

    /// \a steps equal steps of a round size (1, 2, 2.5 or 5 times a power of ten, at least 1)
    /// whose top reaches \a peak.
    static ChartAxis forPeak(qint64 peak, const QString &unit, int steps);
};

} // namespace coderai
