#include "localprobe.h"

#include "local/localreply.h"
#include "local/localserver.h"

namespace coderai {

LocalProbe::LocalProbe(QObject *parent)
    : QObject(parent)
{
}

LocalProbe::~LocalProbe()
{
    cancel();
}

bool LocalProbe::isRunning() const
{
    return !m_reply.isNull();
}

void LocalProbe::cancel()
{
    LocalReply *reply = m_reply.data();
    m_reply.clear();
    if (!reply)
        return;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void LocalProbe::listModels(const QUrl &baseUrl, const QString &apiKey, std::chrono::milliseconds timeout)
{
    cancel();
    m_server = std::make_unique<LocalServer>(baseUrl, apiKey, 1);
    LocalRequest request;
    request.path = QStringLiteral("v1/models");
    request.transferTimeout = timeout;
    m_reply = m_server->send(request);
    m_reply->setBodyLimit(LocalReply::kDocumentBodyLimit);
    connect(m_reply, &LocalReply::finished, this, &LocalProbe::onFinished);
}

void LocalProbe::onFinished()
{
    LocalReply *reply = m_reply.data();
    m_reply.clear();
    if (!reply)
        return;
    reply->deleteLater();
    Answer answer;
    answer.httpStatus = reply->statusCode();
    answer.failed = reply->error() != LocalReply::Error::None;
    if (answer.failed)
        answer.errorString = reply->errorString();
    answer.body = reply->readAll();
    emit modelsAnswered(answer);
}

} // namespace coderai
