#include "soakchildren.h"

#include "demo/demomodelserver.h"
#include "processes.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

// A real model server paces its tokens; 10 ms keeps a chat short but lets a stream have chunks.
constexpr auto kTokenInterval = std::chrono::milliseconds(10);
constexpr auto kOpenPoll = std::chrono::milliseconds(20);

} // namespace

int soakModel(const QStringList &arguments)
{
    const auto port = quint16(intArgument(arguments, u"--port"_s, 0));
    demo::DemoModelServerOptions options;
    options.tokenInterval = kTokenInterval;
    demo::DemoModelServer server(options);
    server.setRecording(false); // the soak sends thousands of requests
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "soak model server: cannot listen on port %u\n", unsigned(port));
        return 1;
    }
    std::printf("PORT %u\nOPEN 0\n", unsigned(server.port()));
    std::fflush(stdout);

    // Polled rather than signalled: the server has no signal for a finished response, and the
    // driver only needs to see the count settle, not every step.
    int reported = 0;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &server, [&server, &reported] {
        const int open = server.openRequests();
        if (open == reported)
            return;
        reported = open;
        std::printf("OPEN %d\n", open);
        std::fflush(stdout);
    });
    poll.start(kOpenPoll);

    watchStdin(&server);
    return QCoreApplication::exec();
}

} // namespace coderai::bench
