#pragma once

#include <QDateTime>
#include <QList>

#include <array>

namespace coderai {

/// \brief Requests and tokens per minute over the last hour, in 60 fixed buckets.
///
/// Storage never grows: each bucket remembers which minute it holds and is reused when that
/// minute is more than an hour old.
class ThroughputSeries final
{
public:
    static constexpr int Minutes = 60;

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
