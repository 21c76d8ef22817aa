#include "throughputseries.h"

namespace coderai {
namespace {

qint64 minuteOf(const QDateTime &at)
{
    return at.toSecsSinceEpoch() / 60;
}

std::size_t slotOf(qint64 minute)
{
    return static_cast<std::size_t>(((minute % ThroughputSeries::Minutes) + ThroughputSeries::Minutes)
                                    % ThroughputSeries::Minutes);
}

} // namespace

void ThroughputSeries::add(const QDateTime &at, qint64 requests, qint64 tokens)
{
    const qint64 minute = minuteOf(at);
    Bucket &bucket = m_buckets[slotOf(minute)];
    if (bucket.minute != minute)
        bucket = {minute, {}};
    bucket.point.requests += std::max<qint64>(0, requests);
    bucket.point.tokens += std::max<qint64>(0, tokens);
}

QList<ThroughputSeries::Point> ThroughputSeries::points(const QDateTime &now) const
{
    const qint64 last = minuteOf(now);
    QList<Point> result;
    result.reserve(Minutes);
    for (qint64 minute = last - Minutes + 1; minute <= last; ++minute) {
        const Bucket &bucket = m_buckets[slotOf(minute)];
        result.append(bucket.minute == minute ? bucket.point : Point{});
    }
    return result;
}

void ThroughputSeries::clear()
{
    m_buckets = {};
}

} // namespace coderai
