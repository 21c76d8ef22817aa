#pragma once

#include "broker/brokersession.h" // service().session() is the core-side view the serving tests use
#include "demo/demobroker.h"
#include "demo/demobrokercontrol.h"
#include "demo/demomodelserver.h"
#include "demo/demomodelservercontrol.h"
#include "sellerservice.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSignalSpy>
#include <QStringList>

#include <memory>

namespace coderai::test {

/// \brief A whole seller between the demo broker and the test model server, all on loopback:
/// what the serving tests drive (DESIGN.md "Tests").
///
/// It also holds the seller to "exactly one terminal reply per request" (PROTOCOL.md §6): any
/// reply for a request after its terminal one is a violation, and the test fails when the
/// fixture goes out of scope if there was one.
class ServingFixture final
{
public:
    static const QString kToken;

    explicit ServingFixture(demo::DemoModelServerOptions modelOptions = {});
    ~ServingFixture();

    /// Timings short enough for tests; adjust before start().
    SellerConfig &config();
    void setLocalApiKey(const QString &key);
    /// Builds the service and waits until it is Online; false if it never got there.
    bool start();

    demo::DemoBroker &broker();
    demo::DemoModelServer &model();
    /// The test controls of broker() and model(): faults, the token, the request log.
    demo::DemoBrokerControl brokerControl();
    demo::DemoModelServerControl modelControl();
    SellerService &service();

    /// Sends a work envelope and waits for its terminal reply; every message for that request
    /// (pending, events, terminal) in arrival order. Empty on timeout.
    QList<QJsonObject> call(const QString &op, const QJsonObject &payload, int timeoutMs = 20000);
    /// Sends without waiting; collect with awaitTerminal().
    QString send(const QString &op, const QJsonObject &payload);
    QList<QJsonObject> awaitTerminal(const QString &requestId, int timeoutMs = 20000);
    /// Every message for a request seen so far.
    QList<QJsonObject> messagesFor(const QString &requestId) const;
    /// Largest message the broker received, re-serialized compactly.
    qint64 largestMessageBytes() const;
    /// Replies that came for a request after its terminal reply, described for a failure message;
    /// the ones taken no longer fail the test.
    QStringList takeProtocolViolations();

    static bool isTerminal(const QJsonObject &message);
    /// A small OpenAI chat request as a buyer would send it.
    static QJsonObject chatPayload(const QString &model, bool stream, int maxTokens);
    /// A plain chat the demo model server answers after \a delayMs: work that stays in flight.
    static QJsonObject slowChatPayload(int delayMs);
    /// Model server options that generate tokens as fast as possible.
    static demo::DemoModelServerOptions fastModelOptions();

private:
    void checkReply(const QJsonObject &message);

    std::unique_ptr<demo::DemoModelServer> m_model;
    std::unique_ptr<demo::DemoBroker> m_broker;
    std::unique_ptr<SellerService> m_service;
    std::unique_ptr<QSignalSpy> m_messages;
    SellerConfig m_config;
    QString m_localApiKey;
    QSet<QString> m_terminated; ///< request ids whose terminal reply arrived
    QStringList m_violations;
};

} // namespace coderai::test
