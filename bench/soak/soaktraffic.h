#pragma once

#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>

#include <functional>

namespace coderai::bench {

/// \brief What one soak request produced besides its terminal reply.
struct StreamTally
{
    int chunks = 0; ///< `chunk` events (SSE)
    int outputs = 0; ///< `output` events (binary stream)
    qint64 outputBytes = 0; ///< decoded bytes of the `output` events
    int keepalives = 0; ///< `pending` replies
};

/// \brief One request of the soak's mix and how to judge its answer.
struct SoakRequest
{
    SoakRequest() = default;
    SoakRequest(QString kindName, QString operation, QJsonObject body, bool streamed = false, bool slow = false)
        : kind(std::move(kindName))
        , op(std::move(operation))
        , payload(std::move(body))
        , stream(streamed)
        , expectKeepalive(slow)
    {
    }

    QString kind; ///< short name for the report
    QString op;
    QJsonObject payload;
    bool stream = false;
    bool expectKeepalive = false; ///< slow enough that the seller must send `pending` first
    /// For an `ok` terminal: empty when the answer is right, else what is wrong. Errors are
    /// right answers under chaos (the local server may be gone) and are only counted.
    std::function<QString(const QJsonObject &reply, const StreamTally &tally)> checkOk;
};

/// \brief The soak's mixed traffic (chat plain and streamed, proxy JSON, binary, streams,
/// multipart, slow and failing requests), drawn from a seeded generator so a run can be repeated.
class TrafficMix final
{
public:
    explicit TrafficMix(quint32 seed);
    SoakRequest next();

private:
    SoakRequest chat(bool stream);
    SoakRequest slowChat();
    SoakRequest failingChat();
    SoakRequest proxyJson();
    SoakRequest proxyBinary();
    SoakRequest proxySse();
    SoakRequest proxyBinaryStream();
    SoakRequest proxyMultipart();
    SoakRequest proxySlow();
    SoakRequest proxyStatus();
    int between(int low, int high); ///< inclusive

    QRandomGenerator m_random;
    qint64 m_counter = 0;
};

/// The protocol's shape rule (PROTOCOL.md §6): a stream ends with an event, a plain reply has
/// none. Empty when `reply` obeys it.
QString terminalShapeProblem(const QJsonObject &reply, bool stream);

} // namespace coderai::bench
