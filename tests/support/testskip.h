#pragma once

#include <QByteArray>
#include <QTest>

namespace coderai::test {

/// The environment variable .ci/test sets: there every precondition of the suite is provided
/// (offscreen Qt, a private D-Bus session, an unlocked gnome-keyring, the tools CI installs).
inline constexpr char kRequireAllVariable[] = "CODERAI_TEST_REQUIRE_ALL";

/// True when kRequireAllVariable is set to a non-zero number: a skip is then a failure.
bool skipsAreFailures();

/// The failure text for a skip the run does not allow.
QByteArray skipFailure(const char *reason);

} // namespace coderai::test

/// Every skip in the test suite goes through this instead of QSKIP. A developer's run skips as
/// QSKIP does; under .ci/test the case fails instead, so a case that CI should run can never
/// pass there by not running.
#define CODERAI_SKIP(reason)                                                                                           \
    do {                                                                                                               \
        if (::coderai::test::skipsAreFailures())                                                                       \
            QFAIL(::coderai::test::skipFailure(reason).constData());                                                   \
        QSKIP(reason);                                                                                                 \
    } while (false)
