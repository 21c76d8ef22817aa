#include "directclient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

QNetworkRequest plainRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    return request;
}

} // namespace

DirectClient::DirectClient(const QUrl &baseUrl, int managers, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
{
    for (int i = 0; i < std::max(1, managers); ++i) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setProxy(QNetworkProxy::NoProxy);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_managers.push_back(manager);
        m_busy.push_back(0);
    }
}

DirectClient::~DirectClient() = default;

QNetworkAccessManager *DirectClient::pick(size_t *index)
{
    const auto it = std::min_element(m_busy.begin(), m_busy.end());
    *index = size_t(std::distance(m_busy.begin(), it));
    ++m_busy[*index];
    return m_managers[*index];
}

QUrl DirectClient::resolve(const QString &pathAndQuery) const
{
    return m_baseUrl.resolved(QUrl(pathAndQuery));
}

void DirectClient::chat(const QByteArray &body, std::function<void(bool ok)> done)
{
    QNetworkRequest request = plainRequest(resolve(u"/v1/chat/completions"_s));
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json");
    size_t index = 0;
    QNetworkReply *reply = pick(&index)->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, done = std::move(done)] {
        --m_busy[index];
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // Parse like a buyer would: the broker path parses its reply envelope too.
        const QJsonDocument json = QJsonDocument::fromJson(reply->readAll());
        done(status == 200 && json.isObject() && reply->error() == QNetworkReply::NoError);
    });
}

void DirectClient::get(const QString &pathAndQuery, std::function<void(int status, const QByteArray &body)> done)
{
    size_t index = 0;
    QNetworkReply *reply = pick(&index)->get(plainRequest(resolve(pathAndQuery)));
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, done = std::move(done)] {
        --m_busy[index];
        reply->deleteLater();
        done(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll());
    });
}

QNetworkReply *DirectClient::startStream(const QString &pathAndQuery, const QByteArray &postBody)
{
    QNetworkRequest request = plainRequest(resolve(pathAndQuery));
    request.setRawHeader("Accept", "text/event-stream");
    if (postBody.isEmpty())
        return m_managers.front()->get(request);
    request.setRawHeader("Content-Type", "application/json");
    return m_managers.front()->post(request, postBody);
}

} // namespace coderai::bench
