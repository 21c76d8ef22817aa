#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

// Small helpers the demo model server's handlers share: JSON replies, OpenAI-style errors and
// query parameters read straight from the raw query (no QUrlQuery on the hot path).

namespace coderai::demo {

class HttpConnection;

void respondJson(HttpConnection &connection, int status, const QJsonObject &object, QByteArrayView extraHeaders = {});
/// `{"error":{"message","type","param":null,"code"}}` as OpenAI sends it; an empty code is null.
void respondError(HttpConnection &connection, int status, const QString &message,
                  const QString &type = QStringLiteral("invalid_request_error"), const QString &code = {});

/// The percent-decoded value of `name` in a raw query; `fallback` when absent.
QByteArray queryValue(QByteArrayView query, QByteArrayView name, const QByteArray &fallback = {});
/// A whole number from the query within [min, max]; `fallback` when absent, -1 when malformed.
qint64 queryNumber(QByteArrayView query, QByteArrayView name, qint64 fallback, qint64 min, qint64 max);

QByteArray sha256Hex(QByteArrayView data);
/// Bytes [offset, offset + size) of the endless pattern the binary endpoints serve.
QByteArray binaryPatternSlice(qint64 offset, qint64 size);

} // namespace coderai::demo
