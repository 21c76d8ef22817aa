#pragma once

#include <QtGlobal>

namespace coderai::test {

/// A loopback port nothing listens on, held bound for the rest of the test process so that no
/// parallel test can take it, for "connection refused" cases; 0 if no port could be had.
quint16 closedPort();

} // namespace coderai::test
