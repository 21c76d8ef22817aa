#pragma once

#include "demo/demobroker.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <optional>

// AISBF's handshake rules, kept apart from the socket plumbing so they read like the server code
// they imitate. Deliberately independent of src/core/broker: a test peer that shared the
// seller's parsing would share its bugs too.
namespace coderai::demo::handshake {

/// \brief The parts of an HTTP request head that the broker looks at.
struct RequestHead
{
    QByteArray method;
    QByteArray target; ///< path and query, still percent-encoded
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased, values trimmed
};

/// \brief What the request path says about the scope (PROTOCOL.md §2).
struct BrokerPath
{
    bool valid = false;
    bool userScope = false;
    QString pathUsername; ///< user scope only, percent-decoded
};

/// Length of the head including its blank line, or nullopt while it is incomplete.
std::optional<qsizetype> headLength(QByteArrayView buffered);

/// Parses a complete head; nullopt when the request line or a header line is malformed.
std::optional<RequestHead> parseHead(QByteArrayView head);

/// Decodes a query component form-style, like Python's parse_qs: '+' first, then %XX.
QString formDecode(QByteArrayView encoded);

/// The first non-blank value of `key` in a raw query, form-decoded; empty when absent.
QString queryValue(QByteArrayView query, QByteArrayView key);

/// Recognises `[prefix]/api/coderai/wss` and `[prefix]/api/u/<name>/coderai/wss`; a query
/// after the path is ignored, so the raw request target can be passed as it is.
BrokerPath parsePath(QByteArrayView target);

/// Everything the server decides identity from: the four values read query first, then header.
/// `target` is the raw request target (path and query); header names must be lower case.
HandshakeRecord describe(const QByteArray &target, const QHash<QByteArray, QByteArray> &headers);

} // namespace coderai::demo::handshake
