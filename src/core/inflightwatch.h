#pragma once

#include "broker/workhandler.h"

#include <QPointer>
#include <QTimer>

namespace coderai {

/// \brief Stands between the broker session and the work dispatcher and says when the number
/// of requests in flight changed, at most once per turn of the event loop.
///
/// The dispatcher has no signal for "a job started", and its replyReady fires once per SSE
/// chunk: front ends that listened to it redrew thousands of times a second and still missed
/// the start of a quiet request. Work only starts in handle() and only ends in requestFinished,
/// idle or cancelAll(), so watching those is exact and cheap.
class InFlightWatch final : public WorkHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InFlightWatch)

public:
    /// \a handler does the work; it is not owned and must outlive this watch.
    explicit InFlightWatch(WorkHandler *handler, QObject *parent = nullptr);
    ~InFlightWatch() override;

    void handle(const Envelope &request) override;
    int inFlight() const override;
    void cancelAll() override;
    void setOutboundCongested(bool congested) override;
    std::optional<int> concurrencyCap() const override;

    /// Schedules a look at inFlight(); requests ending are reported by the caller this way.
    void noteChange();

signals:
    void inFlightChanged(int inFlight);

private:
    void compare();

    QPointer<WorkHandler> m_handler;
    QTimer m_coalesce;
    int m_reported = 0;
};

} // namespace coderai
