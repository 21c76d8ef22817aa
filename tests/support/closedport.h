#pragma once

#include <QtGlobal>

namespace coderai::test {

/// A loopback port nothing listens on (it was free a moment ago), for "connection refused"
/// cases; 0 if no port could be had.
quint16 closedPort();

} // namespace coderai::test
