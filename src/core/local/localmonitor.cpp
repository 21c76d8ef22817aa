#include "localmonitor.h"

#include "local/localreply.h"
#include "local/localserver.h"
#include "logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace coderai {
namespace {

constexpr auto kCheckTimeout = std::chrono::seconds(10);

qint64 contextLengthOf(const QJsonObject &model)
{
    for (const auto key : {QLatin1StringView("context_length"), QLatin1StringView("max_model_len"),
                           QLatin1StringView("max_context_length"), QLatin1StringView("context_window")}) {
        const qint64 value = model.value(key).toInteger(0);
        if (value > 0)
            return value;
    }
    const qint64 llamaCpp = model.value(QLatin1StringView("meta")).toObject().value(QLatin1StringView("n_ctx_train")).toInteger(0);
    return llamaCpp;
}

} // namespace

QJsonArray normalizedModels(const QJsonArray &data)
{
    QJsonArray result;
    for (const QJsonValue &entry : data) {
        QJsonObject model = entry.toObject();
        if (model.value(QLatin1StringView("id")).toString().isEmpty())
            continue;
        if (const qint64 context = contextLengthOf(model); context > 0)
            model.insert(QLatin1StringView("context_length"), context);
        result.append(model);
    }
    return result;
}

LocalMonitor::LocalMonitor(LocalServer *server, std::chrono::milliseconds interval, int failuresUntilDown,
                           QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_failuresUntilDown(std::max(1, failuresUntilDown))
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &LocalMonitor::check);
    m_confirm.setSingleShot(true);
    m_confirm.setInterval(std::min(interval, std::chrono::milliseconds(2000)));
    connect(&m_confirm, &QTimer::timeout, this, &LocalMonitor::check);
}

void LocalMonitor::start()
{
    m_timer.start();
    check();
}

void LocalMonitor::stop()
{
    m_timer.stop();
    m_confirm.stop();
    if (m_reply)
        m_reply->abort();
}

void LocalMonitor::checkSoon()
{
    // Jobs that fail together report together: the first one starts a check, the rest wait
    // for the confirmation it schedules, so an outage still takes failuresUntilDown checks
    // spread over seconds, and a server restarting in half a second is not declared down.
    if (m_confirm.isActive())
        return;
    check();
}

bool LocalMonitor::isUp() const { return m_up; }
bool LocalMonitor::hasModels() const { return m_hasModels; }
QString LocalMonitor::lastError() const { return m_lastError; }
QJsonArray LocalMonitor::models() const { return m_models; }

void LocalMonitor::check()
{
    if (m_reply)
        return;
    LocalRequest request;
    request.path = QStringLiteral("v1/models");
    request.transferTimeout = kCheckTimeout;
    m_reply = m_server->send(request);
    m_reply->setBodyLimit(LocalReply::kDocumentBodyLimit);
    connect(m_reply, &LocalReply::finished, this, &LocalMonitor::onReply);
}

void LocalMonitor::onReply()
{
    LocalReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    const int status = reply->statusCode();
    if (reply->error() != LocalReply::Error::None) { // no answer, or one too large or cut short
        recordFailure(reply->errorString(), reply->errorString());
        return;
    }
    if (status < 200 || status >= 300) {
        static const char *const text = QT_TR_NOOP("GET /v1/models answered HTTP %1");
        recordFailure(QString::fromLatin1(text).arg(status), tr(text).arg(status));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll(), &parseError);
    const QJsonValue data = document.object().value(QLatin1StringView("data"));
    if (parseError.error != QJsonParseError::NoError || !data.isArray()) {
        static const char *const text = QT_TR_NOOP("GET /v1/models did not return an OpenAI model list");
        recordFailure(QString::fromLatin1(text), tr(text));
        return;
    }

    m_failures = 0;
    m_lastError.clear();
    const QJsonArray models = normalizedModels(data.toArray());
    if (!m_hasModels || models != m_models) {
        m_models = models;
        m_hasModels = true;
        qCInfo(lcLocal) << "local server lists" << models.size() << "model(s)";
        emit modelsChanged(m_models);
    }
    if (!m_up) {
        m_up = true;
        qCInfo(lcLocal) << "local server is back";
        emit availabilityChanged(true, QString());
    }
    emit checked(true);
}

void LocalMonitor::recordFailure(const QString &logReason, const QString &reason)
{
    m_lastError = reason;
    ++m_failures;
    // While still counted as up, confirm a failure quickly instead of waiting a whole interval.
    if (m_up)
        m_confirm.start();
    qCDebug(lcLocal).noquote() << "health check failed" << m_failures << "time(s):" << logReason;
    if (m_up && m_failures >= m_failuresUntilDown) {
        m_up = false;
        qCWarning(lcLocal).noquote() << "local server is down:" << logReason;
        emit availabilityChanged(false, reason);
    }
    emit checked(false);
}

} // namespace coderai
