// The CoderAI config import (src/core/config/coderaiconfigimport.h): a file the seller may be
// pointed at, so its bytes are not trusted. Besides the sanitizers: the import never throws, the
// overlay it returns applies to a default configuration and validates without failing, and no
// problem text repeats the registration token (the header promises it never does, even when
// the token was pasted into another field as well). Only tokens that cannot be spelled by the
// importer's own words are checked: 8 characters or more, with one that is neither a letter,
// a digit, a space nor ordinary punctuation (a token "transport " is found in the import's
// "transport" messages without leaking anything).
#include "fuzzsupport.h"

#include "config/coderaiconfigimport.h"

#include <algorithm>

using namespace coderai;

namespace {

bool unmistakable(const QString &token)
{
    if (token.size() < 8)
        return false;
    return std::any_of(token.cbegin(), token.cend(), [](QChar c) {
        return c.unicode() > 0x7f || QStringView(u"#%&*+=?@^~|$!").contains(c);
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input = fuzz::bytes(data, size);
    const CoderAiImport imported = importCoderAiConfig(input);

    SellerConfig config;
    imported.overlay.applyTo(config);
    const QList<ConfigProblem> problems = validate(config);
    for (const ConfigProblem &problem : problems)
        FUZZ_CHECK(!problem.message.isEmpty(), "a validation problem without a message");

    if (unmistakable(imported.token)) {
        for (const ConfigProblem &problem : imported.problems) {
            FUZZ_CHECK(!problem.message.contains(imported.token) && !problem.field.contains(imported.token),
                       "a problem repeats the token");
        }
    }
    for (const ConfigProblem &problem : imported.problems)
        FUZZ_CHECK(!problem.message.isEmpty(), "an import problem without a message");
    return 0;
}
