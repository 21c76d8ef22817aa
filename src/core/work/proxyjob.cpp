#include "proxyjob.h"

#include "config/sellerconfig.h"
#include "local/formdata.h"
#include "local/localmonitor.h"
#include "local/localreply.h"
#include "local/localserver.h"
#include "work/localerror.h"
#include "work/proxybase64.h"
#include "work/proxyguard.h"
#include "work/proxyquery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstring>

namespace coderai {
namespace {

using namespace Qt::StringLiterals;

QByteArray decodeBase64(const QJsonValue &value, bool *ok)
{
    // Decoded slice by slice: a large upload never has a Latin-1 copy of its whole text next to
    // the UTF-16 one. Padding may only end the last slice, as it may only end the whole text.
    constexpr qsizetype kSlice = 64 * 1024; // a multiple of 4: slices decode independently
    const QString text = value.toString();
    QByteArray decoded;
    decoded.reserve(text.size() / 4 * 3 + 3);
    *ok = true;
    for (qsizetype offset = 0; offset < text.size() && *ok; offset += kSlice) {
        const QByteArray slice = QStringView(text).sliced(offset, std::min(kSlice, text.size() - offset)).toLatin1();
        const bool last = offset + kSlice >= text.size();
        const auto result = QByteArray::fromBase64Encoding(slice, QByteArray::AbortOnBase64DecodingErrors);
        *ok = result.decodingStatus == QByteArray::Base64DecodingStatus::Ok && (last || !slice.contains('='));
        decoded += result.decoded;
    }
    return *ok ? decoded : QByteArray();
}

QString fileNameFrom(const QByteArray &disposition)
{
    static const QRegularExpression pattern(QStringLiteral("filename\\s*=\\s*\"?([^\";]+)\"?"));
    return pattern.match(QString::fromUtf8(disposition)).captured(1).trimmed();
}

} // namespace

void ProxyJob::start()
{
    const QJsonObject &payload = request().payload();
    const proxy::PathCheck path =
        proxy::checkPath(payload.value(QLatin1StringView("endpoint_path")).toString(), context().config->proxyPrefixes);
    if (!path.ok) {
        fail({ErrorCode::UnsupportedEndpoint, path.error, {}});
        return;
    }
    const QString method = payload.value(QLatin1StringView("method")).toString(QStringLiteral("GET"));
    if (!proxy::isAllowedMethod(method)) {
        fail({ErrorCode::BadRequest, QStringLiteral("Method '%1' is not allowed through the proxy.").arg(method), {}});
        return;
    }
    LocalRequest local;
    local.method = proxy::normalizedMethod(method);
    local.path = path.path;
    local.query = proxy::localQuery(path.query, payload.value(QLatin1StringView("query_params")).toObject());
    proxy::RequestHeaders headers = proxy::requestHeaders(payload.value(QLatin1StringView("headers")).toObject());
    if (!headers.ok) {
        fail({ErrorCode::BadRequest, headers.error, {}});
        return;
    }
    local.headers = std::move(headers.headers);
    if (!buildBody(local))
        return;
    local.transferTimeout = context().config->proxyInactivityTimeout;
    m_parser.setMaxEventBytes(messageRoom());
    m_reply = context().local->send(local);
    track(m_reply);
    // A stream may run as long as a generation; a one-shot answer gets the shorter deadline
    // until its head shows it is an event stream (onReadyRead).
    setDeadline(isStream() ? streamDeadline() : TimeLimit{context().config->proxyDeadline, "proxy deadline"_L1});
    connect(m_reply, &LocalReply::readyRead, this, &ProxyJob::onReadyRead);
    connect(m_reply, &LocalReply::finished, this, &ProxyJob::onFinished);
}

bool ProxyJob::buildBody(LocalRequest &local)
{
    const QJsonObject &payload = request().payload();
    QByteArray contentType = payload.value(QLatin1StringView("content_type")).toString().toUtf8();
    auto setContentType = [&local](const QByteArray &type) {
        local.headers.removeIf([](const auto &header) { return header.first == "content-type"; });
        if (!type.isEmpty())
            local.headers.append({"content-type", type});
    };

    if (payload.value(QLatin1StringView("multipart")).isObject()) {
        QString error;
        if (!buildMultipart(payload.value(QLatin1StringView("multipart")).toObject(), local, &error)) {
            fail({ErrorCode::BadRequest, error, {}});
            return false;
        }
        return true;
    }
    if (payload.contains(QLatin1StringView("body_base64"))) {
        bool ok = false;
        local.body = decodeBase64(payload.value(QLatin1StringView("body_base64")), &ok);
        if (!ok) {
            fail({ErrorCode::BadRequest, QStringLiteral("body_base64 is not valid base64."), {}});
            return false;
        }
    } else if (const QJsonValue body = payload.value(QLatin1StringView("body")); body.isString()) {
        local.body = body.toString().toUtf8();
    } else if (body.isObject() || body.isArray()) {
        local.body = body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
        if (contentType.isEmpty())
            contentType = "application/json";
    }
    if (!contentType.isEmpty())
        setContentType(contentType);
    return true;
}

bool ProxyJob::buildMultipart(const QJsonObject &multipart, LocalRequest &local, QString *error) const
{
    FormData form;
    for (const QJsonValue &value : multipart.value(QLatin1StringView("fields")).toArray()) {
        const QJsonObject field = value.toObject();
        form.addField(field.value(QLatin1StringView("name")).toString().toUtf8(),
                      field.value(QLatin1StringView("value")).toString().toUtf8());
    }
    for (const QJsonValue &value : multipart.value(QLatin1StringView("files")).toArray()) {
        const QJsonObject file = value.toObject();
        bool ok = false;
        const QByteArray data = decodeBase64(file.value(QLatin1StringView("data_base64")), &ok);
        if (!ok) {
            *error = QStringLiteral("The multipart file '%1' is not valid base64.").arg(file.value(QLatin1StringView("name")).toString());
            return false;
        }
        form.addFile(file.value(QLatin1StringView("name")).toString().toUtf8(),
                     file.value(QLatin1StringView("filename")).toString().toUtf8(),
                     file.value(QLatin1StringView("content_type")).toString(QStringLiteral("application/octet-stream")).toUtf8(),
                     data);
    }
    // The boundary is ours, so the buyer's Content-Type (if any) is replaced by the form's.
    local.headers.removeIf([](const auto &header) { return header.first.compare("content-type", Qt::CaseInsensitive) == 0; });
    local.headers.append({"Content-Type", form.contentType()});
    local.body = form.takeBody();
    return true;
}

qint64 ProxyJob::plainLimit() const
{
    // A body travels as base64 at worst (4/3 larger) inside one message of the broker's limit.
    return messageRoom() / 4 * 3;
}

Job::TimeLimit ProxyJob::streamDeadline() const
{
    return {context().config->proxyStreamDeadline, "proxy stream deadline"_L1};
}

void ProxyJob::onReadyRead()
{
    if (!m_headersSeen && m_reply->statusCode() != 0) {
        m_headersSeen = true;
        m_eventStream = proxy::isEventStream(m_reply->contentType());
        // An event stream is a generation, collected or relayed: it gets the stream deadline,
        // counted from the same start.
        if (m_eventStream && !isStream())
            setDeadline(streamDeadline());
    }
    const QByteArray data = m_reply->readAll();
    if (isStream()) {
        forwardStreamData(data, false);
        return;
    }
    if (m_body.isEmpty()) {
        // One allocation for the whole body instead of doubling as it arrives.
        const qint64 announced = m_reply->contentLength().value_or(0);
        if (announced > 0 && announced <= plainLimit())
            m_body.reserve(announced);
    }
    m_body += data;
    if (m_body.size() > plainLimit()) {
        abortWith({ErrorCode::PayloadTooLarge,
                   QStringLiteral("The local response exceeds %1 bytes, the most one broker message can carry; "
                      "ask for it with stream: true.").arg(plainLimit()),
                   {}});
    }
}

void ProxyJob::forwardStreamData(const QByteArray &data, bool final)
{
    if (m_eventStream) {
        m_parser.feed(data);
        while (m_parser.hasEvent() && !isFinished())
            sendEventJson(envelopes::chunkEvent(requestId(), m_parser.takeEvent()));
        if (m_parser.overflowed() && !isFinished()) {
            abortWith({ErrorCode::PayloadTooLarge,
                       QStringLiteral("The local server sent an event longer than %1 bytes, the most one broker "
                                      "message can carry.")
                           .arg(messageRoom()),
                       {}});
            return;
        }
        if (final) {
            if (const QByteArray rest = m_parser.takeRemainder(); !rest.isEmpty())
                sendEventJson(envelopes::chunkEvent(requestId(), rest));
        }
        return;
    }
    // Binary or plain data leaves as soon as it is read, in pieces of at most 1 MiB. Each event
    // is the same serialized shell with the base64 text written into its empty slot: no QString
    // or QJsonObject copy of a piece on the hot path.
    if (data.isEmpty())
        return;
    if (m_outputShell.isEmpty()) {
        m_outputShell = envelopes::event(requestId(), u"output",
                                         {{QLatin1StringView("chunk"),
                                           QJsonObject{{QLatin1StringView("data_base64"), QString()}}}});
        const QByteArray marker = "\"data_base64\":\"\"";
        m_outputSlot = m_outputShell.indexOf(marker) + marker.size() - 1;
    }
    for (qsizetype offset = 0; offset < data.size(); offset += kOutputChunkBytes) {
        const qsizetype size = std::min(kOutputChunkBytes, data.size() - offset);
        sendEventJson(spliced(m_outputShell, m_outputSlot, data.constData() + offset, size));
    }
}

QByteArray ProxyJob::spliced(const QByteArray &shell, qsizetype slot, const char *data, qsizetype size)
{
    // One allocation of the final size, the base64 text encoded straight into its place.
    QByteArray json(shell.size() + proxy::base64Size(size), Qt::Uninitialized);
    char *out = json.data();
    std::memcpy(out, shell.constData(), size_t(slot));
    out += slot;
    out += proxy::encodeBase64(data, size, out);
    std::memcpy(out, shell.constData() + slot, size_t(shell.size() - slot));
    return json;
}

QJsonObject ProxyJob::responseMeta() const
{
    QJsonObject meta{{QLatin1StringView("status_code"), m_reply->statusCode()},
                     {QLatin1StringView("headers"), proxy::responseHeaders(m_reply->headers())},
                     {QLatin1StringView("content_type"), QString::fromUtf8(m_reply->contentType())}};
    return meta;
}

void ProxyJob::onFinished()
{
    m_reply->deleteLater();
    const int status = m_reply->statusCode();
    if (m_reply->error() == LocalReply::Error::Timeout) {
        fail(inactivityError({context().config->proxyInactivityTimeout, "proxy inactivity limit"_L1}));
        return;
    }
    if (status == 0) {
        if (isConnectionFailure(m_reply->error()) && context().monitor)
            context().monitor->checkSoon();
        fail(localError(m_reply, m_body));
        return;
    }
    onReadyRead();
    if (isFinished())
        return; // the size check ended it
    if (isStream())
        forwardStreamData({}, true); // what did arrive still reaches the buyer
    // A body cut short is a Protocol error whose message says how many bytes of how many came.
    if (m_reply->error() != LocalReply::Error::None) {
        fail({ErrorCode::UpstreamError, QStringLiteral("The local server broke off the response: %1").arg(m_reply->errorString()), {}});
        return;
    }
    if (!isStream()) {
        answerPlain();
        return;
    }
    QJsonObject done = responseMeta();
    done.insert(QLatin1StringView("latency_ms"), static_cast<qint64>(elapsed().count()));
    mutableRecord().latency = elapsed();
    finishStream(done);
}

void ProxyJob::answerPlain()
{
    QJsonObject meta = responseMeta();
    const QByteArray contentType = m_reply->contentType();
    mutableRecord().latency = elapsed();
    if (proxy::isJsonContentType(contentType)) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(m_body, &parseError);
        if (parseError.error == QJsonParseError::NoError) {
            meta.insert(QLatin1StringView("body"), document.isObject() ? QJsonValue(document.object())
                                                                       : QJsonValue(document.array()));
            succeed(meta);
            return;
        }
    }
    if (proxy::isTextContentType(contentType) || (contentType.isEmpty() && m_body.isEmpty())) {
        meta.insert(QLatin1StringView("body"), QString::fromUtf8(m_body));
        succeed(meta);
        return;
    }
    const QString fileName = fileNameFrom(m_reply->header("Content-Disposition"));
    if (!fileName.isEmpty())
        meta.insert(QLatin1StringView("filename"), fileName);
    const QByteArray json = binaryReply(meta);
    m_body = QByteArray(); // the raw body is not needed while the reply goes out
    succeedWith(json);
}

QByteArray ProxyJob::binaryReply(const QJsonObject &meta) const
{
    // The envelope is serialized with an empty body_base64, and the base64 text is written
    // straight into that slot, slice by slice: no QJsonValue or QString copy of a large body.
    QJsonObject payload = meta;
    payload.insert(QLatin1StringView("body_base64"), QString());
    const QByteArray shell = envelopes::success(requestId(), payload);
    const QByteArray marker = "\"body_base64\":\"\"";
    const qsizetype slot = shell.indexOf(marker) + marker.size() - 1;
    return spliced(shell, slot, m_body.constData(), m_body.size());
}

} // namespace coderai
