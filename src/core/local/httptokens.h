#pragma once

#include <QByteArrayView>

namespace coderai::http {

/// True when a comma-separated header value (Connection, Expect, …) lists \a token, ignoring
/// case and the blanks around each item. Shared by the response parser and the demo's request
/// parser, which read the same HTTP/1.1 rule from both sides.
bool listsToken(QByteArrayView value, QByteArrayView token);

} // namespace coderai::http
