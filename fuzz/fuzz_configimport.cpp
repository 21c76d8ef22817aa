// The CoderAI config import (src/core/config/coderaiconfigimport.h): a file the seller may be
// pointed at, so its bytes are not trusted. Besides the sanitizers: the import never throws, the
// overlay it returns applies to a default configuration and validates without failing, and no
// problem text repeats the registration token (the header promises it never does, even when
// the token was pasted into another field as well). Tokens shorter than 8 characters are not
// checked: they may be part of the message's own words or of the mask that replaces them.
#include "fuzzsupport.h"

#include "config/coderaiconfigimport.h"

using namespace coderai;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input = fuzz::bytes(data, size);
    const CoderAiImport imported = importCoderAiConfig(input);

    SellerConfig config;
    imported.overlay.applyTo(config);
    const QList<ConfigProblem> problems = validate(config);
    for (const ConfigProblem &problem : problems)
        FUZZ_CHECK(!problem.message.isEmpty(), "a validation problem without a message");

    const QByteArray token = imported.token.toUtf8();
    if (token.size() >= 8) {
        for (const ConfigProblem &problem : imported.problems) {
            FUZZ_CHECK(!problem.message.contains(imported.token) && !problem.field.contains(imported.token),
                       "a problem repeats the token");
        }
    }
    for (const ConfigProblem &problem : imported.problems)
        FUZZ_CHECK(!problem.message.isEmpty(), "an import problem without a message");
    return 0;
}
