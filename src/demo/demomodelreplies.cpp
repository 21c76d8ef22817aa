#include "demo/demomodelreplies.h"

#include "demo/httpconnection.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonValue>

namespace coderai::demo {

void respondJson(HttpConnection &connection, int status, const QJsonObject &object, QByteArrayView extraHeaders)
{
    connection.respond(status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), extraHeaders);
}

void respondError(HttpConnection &connection, int status, const QString &message, const QString &type,
                  const QString &code)
{
    const QJsonObject error {
        {QStringLiteral("message"), message},
        {QStringLiteral("type"), type},
        {QStringLiteral("param"), QJsonValue::Null},
        {QStringLiteral("code"), code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code)},
    };
    respondJson(connection, status, {{QStringLiteral("error"), error}});
}

QByteArray queryValue(QByteArrayView query, QByteArrayView name, const QByteArray &fallback)
{
    qsizetype start = 0;
    while (start < query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView pair = query.sliced(start, end - start);
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView key = equals < 0 ? pair : pair.first(equals);
        if (key == name) {
            QByteArray value = equals < 0 ? QByteArray() : pair.sliced(equals + 1).toByteArray();
            return QByteArray::fromPercentEncoding(value.replace('+', ' '));
        }
        start = end + 1;
    }
    return fallback;
}

qint64 queryNumber(QByteArrayView query, QByteArrayView name, qint64 fallback, qint64 min, qint64 max)
{
    const QByteArray text = queryValue(query, name);
    if (text.isNull())
        return fallback;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok && value >= min && value <= max ? value : -1;
}

QByteArray sha256Hex(QByteArrayView data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray binaryPatternSlice(qint64 offset, qint64 size)
{
    // Byte i depends on i alone and does not repeat every 256 bytes, so a slice that went
    // missing, repeated or moved shows up in a checksum.
    QByteArray bytes(size, Qt::Uninitialized);
    char *out = bytes.data();
    for (qint64 i = 0; i < size; ++i) {
        const quint64 index = quint64(offset + i);
        const quint32 mixed = quint32(index * 2654435761U);
        out[i] = char((mixed >> 24) ^ (index >> 8));
    }
    return bytes;
}

} // namespace coderai::demo
