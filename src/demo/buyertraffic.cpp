#include "demo/buyertraffic.h"

#include <QJsonArray>

namespace coderai::demo {

BuyerTraffic::Request BuyerTraffic::next()
{
    const int step = m_step;
    m_step = (m_step + 1) % 5;
    switch (step) {
    case 0:
        return { QStringLiteral("models.list"), {} };
    case 1:
        return { QStringLiteral("chat.completions"), chatPayload(false) };
    case 2:
        return { QStringLiteral("chat.completions"), chatPayload(true) };
    case 3:
        // A studio-style binary download through the proxy op (the demo server's test file).
        return { QStringLiteral("proxy"),
                 QJsonObject { { QLatin1StringView("endpoint_path"), QLatin1StringView("v1/demo/binary") },
                               { QLatin1StringView("method"), QLatin1StringView("GET") },
                               { QLatin1StringView("query_params"),
                                 QJsonObject { { QLatin1StringView("size"), 256 * 1024 } } } } };
    default:
        return { QStringLiteral("capabilities"), {} };
    }
}

void BuyerTraffic::noteModelsReply(const QJsonObject &reply)
{
    if (reply.value(QLatin1StringView("status")).toString() != QLatin1StringView("ok"))
        return;
    const QJsonArray models
        = reply.value(QLatin1StringView("payload")).toObject().value(QLatin1StringView("data")).toArray();
    const QString first
        = models.isEmpty() ? QString() : models.first().toObject().value(QLatin1StringView("id")).toString();
    // An empty list keeps the previous model: asking for a stale one is a realistic buyer too.
    if (!first.isEmpty())
        m_model = first;
}

QString BuyerTraffic::model() const
{
    return m_model.isEmpty() ? QStringLiteral("demo-model") : m_model;
}

QJsonObject BuyerTraffic::chatPayload(bool stream) const
{
    const QJsonObject message { { QStringLiteral("role"), QStringLiteral("user") },
                                { QStringLiteral("content"),
                                  QStringLiteral("In one sentence, why does a GPU help with language models?") } };
    QJsonObject payload { { QStringLiteral("model"), model() },
                          { QStringLiteral("messages"), QJsonArray { message } },
                          { QStringLiteral("max_tokens"), 64 } };
    if (stream)
        payload.insert(QStringLiteral("stream"), true);
    return payload;
}

} // namespace coderai::demo
