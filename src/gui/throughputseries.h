#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>

#include <array>

namespace coderai {

/// The span the throughput chart shows; the seller picks it and DesktopPrefs remembers it.
enum class ThroughputRange { Hour, Day };

/// \brief Requests and tokens per minute over the last day, in fixed per-minute buckets.
///
/// Storage never grows: each bucket remembers which minute it holds and is reused when that
/// minute is more than a day old. A day of minutes is a few tens of kilobytes, and keeping
/// minutes (rather than hours) lets the chart show the last hour exactly as well.
class ThroughputSeries final
{
public:
    static constexpr int Minutes = 24 * 60;

    struct Point
    {
        qint64 requests = 0;
        qint64 tokens = 0;
        bool operator==(const Point &) const = default;
    };

    void add(const QDateTime &at, qint64 requests, qint64 tokens);
    /// Minutes points, oldest first; the last is the minute of \a now. Empty minutes are zero.
    QList<Point> points(const QDateTime &now) const;
    void clear();

private:
    struct Bucket
    {
        qint64 minute = -1; ///< minutes since the epoch
        Point point;
    };
    std::array<Bucket, Minutes> m_buckets{};
};

} // namespace coderai

Q_DECLARE_METATYPE(coderai::ThroughputRange)
