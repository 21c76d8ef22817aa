#include "demoenvironment.h"

#include "demo/demobroker.h"
#include "demo/demomodelserver.h"
#include "logging.h"

#include <QCoreApplication>
#include <QRandomGenerator>

namespace coderai::demo {
namespace {

QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

DemoEnvironment::DemoEnvironment()
    : m_token(randomToken())
{
    DemoBrokerOptions options;
    options.token = m_token;
    m_broker = std::make_unique<DemoBroker>(options);
    m_modelServer = std::make_unique<DemoModelServer>();
    // The request log is for tests; --demo runs for days and never reads it.
    m_modelServer->setRecording(false);
}

DemoEnvironment::~DemoEnvironment() = default;

bool DemoEnvironment::start(QString *error)
{
    if (!m_broker->listen() || !m_modelServer->listen()) {
        *error = QCoreApplication::translate("DemoEnvironment", "The demo servers could not listen on 127.0.0.1.");
        return false;
    }
    qCInfo(lcDemo).noquote() << "demo broker on" << m_broker->baseUrl().toString() << "and demo model server on"
                             << m_modelServer->baseUrl().toString();
    return true;
}

void DemoEnvironment::startTraffic(std::chrono::milliseconds interval)
{
    m_broker->startTraffic(interval);
}

void DemoEnvironment::stopTraffic()
{
    m_broker->stopTraffic();
}

SellerConfig DemoEnvironment::config() const
{
    SellerConfig config;
    config.baseUrl = m_broker->baseUrl();
    config.localUrl = m_modelServer->baseUrl();
    config.clientId = SellerConfig::defaultClientId();
    // The demo shows serving: someone trying it sits at the computer, and its model server uses
    // no GPU, so the owner-first rules would only stop it. The thermal guard stays.
    config.ownerActivityRule = false;
    config.gpuUseRule = false;
    // Prices, so the demo shows estimated earnings the way a priced listing does.
    config.prices.currency = QStringLiteral("USD");
    config.prices.perMillionTokens = 200'000; // 0.20 USD
    config.prices.perThousandRequests = 100'000; // 0.10 USD
    return config;
}

QString DemoEnvironment::token() const
{
    return m_token;
}

} // namespace coderai::demo
