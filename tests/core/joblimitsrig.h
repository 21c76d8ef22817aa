#pragma once

#include "broker/envelope.h"
#include "config/sellerconfig.h"
#include "local/localserver.h"
#include "work/workdispatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>

#include <algorithm>

#include <optional>

namespace coderai::test {

/// \brief A work dispatcher in front of a local server on a loopback port, recording every reply:
/// how the job limit tests send requests and read their answers.
class JobLimitsRig final
{
    Q_DISABLE_COPY_MOVE(JobLimitsRig)

public:
    JobLimitsRig(const SellerConfig &config, quint16 localPort)
        : m_local(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(localPort)), QString(), config.maxConcurrent)
    {
        JobContext context;
        context.local = &m_local;
        m_dispatcher = std::make_unique<WorkDispatcher>(config, context);
        m_replies = std::make_unique<QSignalSpy>(m_dispatcher.get(), &WorkHandler::replyReady);
    }

    WorkDispatcher &dispatcher() { return *m_dispatcher; }

    void send(const QString &requestId, const QString &op, const QJsonObject &payload)
    {
        Envelope request;
        request.op = op;
        request.requestId = requestId;
        request.setPayload(payload);
        m_dispatcher->handle(request);
    }

    QList<QJsonObject> messagesFor(const QString &requestId) const
    {
        QList<QJsonObject> messages;
        for (const auto &arguments : std::as_const(*m_replies)) {
            const QJsonObject message = QJsonDocument::fromJson(arguments.at(0).toByteArray()).object();
            if (message.value(QLatin1StringView("request_id")).toString() == requestId)
                messages.append(message);
        }
        return messages;
    }

    /// The request's terminal reply (PROTOCOL.md §6: a plain reply, or a stream's `done`).
    std::optional<QJsonObject> terminal(const QString &requestId) const
    {
        for (const QJsonObject &message : messagesFor(requestId)) {
            const QString event = message.value(QLatin1StringView("event")).toString();
            if (message.value(QLatin1StringView("status")).toString() != QLatin1StringView("pending")
                && (event.isEmpty() || event == QLatin1StringView("done")))
                return message;
        }
        return std::nullopt;
    }

    int countOf(const QString &requestId, QLatin1StringView event) const
    {
        const QList<QJsonObject> messages = messagesFor(requestId);
        return int(std::count_if(messages.cbegin(), messages.cend(), [event](const QJsonObject &message) {
            return message.value(QLatin1StringView("event")).toString() == event;
        }));
    }

    /// The largest reply sent, in bytes as it left the dispatcher.
    qint64 largestReplyBytes() const
    {
        qint64 largest = 0;
        for (const auto &arguments : std::as_const(*m_replies))
            largest = std::max<qint64>(largest, arguments.at(0).toByteArray().size());
        return largest;
    }

private:
    LocalServer m_local;
    std::unique_ptr<WorkDispatcher> m_dispatcher;
    std::unique_ptr<QSignalSpy> m_replies;
};

} // namespace coderai::test
