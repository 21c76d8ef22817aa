#pragma once

#include <QJsonObject>
#include <QString>

namespace coderai::demo {

/// \brief The synthetic buyer behind `--demo`: a fixed rotation of the requests AISBF routes.
///
/// Rotation: models.list, a non-stream chat completion, the same streamed, capabilities. Chat
/// requests name the first model of the last models.list reply, so the demo exercises a model
/// the local server really has.
class BuyerTraffic final
{
public:
    /// \brief One request to send: its op and payload.
    struct Request
    {
        QString op;
        QJsonObject payload;
    };

    Request next();
    /// Learns the model to ask for from a models.list reply (`payload.data[0].id`).
    void noteModelsReply(const QJsonObject &reply);
    QString model() const;

private:
    QJsonObject chatPayload(bool stream) const;

    int m_step = 0;
    QString m_model;
};

} // namespace coderai::demo
