#pragma once

#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

/// The query string a `proxy` envelope sends to the local server (PROTOCOL.md §5, "Proxy
/// safety"): what a buyer's endpoint_path carried after its first '?', merged with the
/// envelope's query_params. Pure functions, no state; checkPath() calls encodedQuery().
namespace coderai::proxy {

/// The part of an endpoint_path after its first '?' (any "#…" already cut off), as percent-encoded
/// ASCII: the buyer's own escapes kept as sent, '+' kept (servers that read forms take it for a
/// space), other bytes a query may not hold escaped. Returns a null string and sets *error when
/// the query holds a malformed escape ("%zz", a lone '%').
QString encodedQuery(QStringView rawQuery, QString *error);

/// The local request's query. The endpoint_path's items come first, in their order, then
/// query_params' (an array value gives one item per element; strings, numbers and booleans are
/// written out, other values are dropped).
///
/// On a key present in both, query_params wins and every item of the path's query with that key
/// is dropped: AISBF fills query_params on purpose, while a query inside the path is at best a
/// buyer's `%3F` decoded on the way. Keys compare fully decoded. Repeated keys within one source
/// are all kept ("a=1&a=2", {"a":[1,2]}). Empty items ("&&", a bare '?') are dropped.
/// \a pathQuery is what encodedQuery() returned (PathCheck::query).
QUrlQuery localQuery(const QString &pathQuery, const QJsonObject &queryParams);

} // namespace coderai::proxy
