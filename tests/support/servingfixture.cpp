#include "servingfixture.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace coderai::test {

const QString ServingFixture::kToken = u"serving+test/token="_s;

ServingFixture::ServingFixture(demo::DemoModelServerOptions modelOptions)
    : m_model(std::make_unique<demo::DemoModelServer>(std::move(modelOptions)))
{
    demo::DemoBrokerOptions options;
    options.token = kToken;
    m_broker = std::make_unique<demo::DemoBroker>(options);
    m_messages = std::make_unique<QSignalSpy>(m_broker.get(), &demo::DemoBroker::messageReceived);
    QObject::connect(m_broker.get(), &demo::DemoBroker::messageReceived, m_broker.get(),
                     [this](const QJsonObject &message) { checkReply(message); });
    m_model->listen();
    m_broker->listen();
    m_config.baseUrl = m_broker->baseUrl();
    m_config.localUrl = m_model->baseUrl();
    m_config.clientId = u"serving-box"_s;
    m_config.heartbeatInterval = 1h;
    m_config.pingInterval = 1h;
    m_config.peerTimeout = 1h;
    m_config.firstRetryDelay = 20ms;
    m_config.maxRetryDelay = 100ms;
    m_config.localCheckInterval = 1h; // tests that watch the local server shorten it
}

ServingFixture::~ServingFixture()
{
    // Frames already on the socket (a second `done` right behind the first) still count.
    QCoreApplication::processEvents();
    if (!m_violations.isEmpty())
        QTest::qFail(qPrintable(m_violations.join(u"; "_s)), __FILE__, __LINE__);
}

void ServingFixture::checkReply(const QJsonObject &message)
{
    // Only replies (they carry a status) answer a request; register and heartbeat carry an op.
    if (!message.contains(u"status"))
        return;
    const QString requestId = message.value(u"request_id").toString();
    if (m_terminated.contains(requestId)) {
        m_violations.append(u"request %1 got a reply after its terminal one (status %2, event %3)"_s.arg(
            requestId, message.value(u"status").toString(), message.value(u"event").toString()));
    } else if (isTerminal(message)) {
        m_terminated.insert(requestId);
    }
}

QStringList ServingFixture::takeProtocolViolations()
{
    return std::exchange(m_violations, {});
}

SellerConfig &ServingFixture::config() { return m_config; }
void ServingFixture::setLocalApiKey(const QString &key) { m_localApiKey = key; }
demo::DemoBroker &ServingFixture::broker() { return *m_broker; }
demo::DemoModelServer &ServingFixture::model() { return *m_model; }
demo::DemoBrokerControl ServingFixture::brokerControl() { return demo::DemoBrokerControl(*m_broker); }
demo::DemoModelServerControl ServingFixture::modelControl() { return demo::DemoModelServerControl(*m_model); }
SellerService &ServingFixture::service() { return *m_service; }

bool ServingFixture::start()
{
    if (!modelControl().isListening() || brokerControl().port() == 0)
        return false;
    m_service = std::make_unique<SellerService>(m_config, kToken, m_localApiKey);
    m_service->start();
    return QTest::qWaitFor([this] { return m_service->session()->state() == BrokerSession::State::Online; }, 10000);
}

bool ServingFixture::isTerminal(const QJsonObject &message)
{
    const QString status = message.value(u"status").toString();
    const QString event = message.value(u"event").toString();
    if (status == u"pending"_s)
        return false;
    return event.isEmpty() || event == u"done"_s;
}

QJsonObject ServingFixture::slowChatPayload(int delayMs)
{
    QJsonObject payload = chatPayload(u"slow-model"_s, false, 8);
    payload.insert(u"delay_ms"_s, delayMs);
    return payload;
}

demo::DemoModelServerOptions ServingFixture::fastModelOptions()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = std::chrono::milliseconds(0);
    return options;
}

QJsonObject ServingFixture::chatPayload(const QString &model, bool stream, int maxTokens)
{
    const QJsonObject message{{u"role"_s, u"user"_s}, {u"content"_s, u"Say hello to the buyer"_s}};
    return {{u"model"_s, model},
            {u"messages"_s, QJsonArray{message}},
            {u"max_tokens"_s, maxTokens},
            {u"stream"_s, stream}};
}

QString ServingFixture::send(const QString &op, const QJsonObject &payload)
{
    return m_broker->sendWork(op, payload);
}

QList<QJsonObject> ServingFixture::messagesFor(const QString &requestId) const
{
    QList<QJsonObject> result;
    for (const auto &arguments : std::as_const(*m_messages)) {
        const QJsonObject message = arguments.at(0).toJsonObject();
        if (message.value(u"request_id").toString() == requestId)
            result.append(message);
    }
    return result;
}

QList<QJsonObject> ServingFixture::awaitTerminal(const QString &requestId, int timeoutMs)
{
    const bool done = QTest::qWaitFor([&] { return m_terminated.contains(requestId); }, timeoutMs);
    return done ? messagesFor(requestId) : QList<QJsonObject>{};
}

QList<QJsonObject> ServingFixture::call(const QString &op, const QJsonObject &payload, int timeoutMs)
{
    return awaitTerminal(send(op, payload), timeoutMs);
}

qint64 ServingFixture::largestMessageBytes() const
{
    qint64 largest = 0;
    for (const auto &arguments : std::as_const(*m_messages))
        largest = std::max<qint64>(largest, QJsonDocument(arguments.at(0).toJsonObject()).toJson(QJsonDocument::Compact).size());
    return largest;
}

} // namespace coderai::test
