// bench_wakeup_floor: what relaying one small message costs a process on this machine when it
// sleeps between messages, against the same relay fed back to back (the baseline, same run).
//
// The relay is the least a seller can do for a stream event: poll() on a loopback TCP socket,
// read() what came, write() it to a second loopback TCP socket. A source process sends messages
// of the yardstick's event size at the yardstick's pace (four streams, one event each 5 ms), a
// sink reads them. The relay's CPU (its own getrusage) divided by the messages is the floor of
// "seller CPU per stream event" for any program that sleeps between events here: no parsing,
// no framing, no event loop. Plain POSIX on purpose: Qt is what is being compared against.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

struct Options
{
    int messages = 4000;
    int messageBytes = 300;  // an SSE chat chunk, about
    long intervalUs = 1250;  // four streams, 5 ms apart each
};

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "bench_wakeup_floor: %s: %s\n", what, std::strerror(errno));
    std::exit(2);
}

// A connected pair of loopback TCP sockets, both ends in this process, Nagle off as Qt's are.
void tcpPair(int *a, int *b)
{
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, reinterpret_cast<sockaddr *>(&address), length) != 0 || listen(listener, 1) != 0
        || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        die("listen");
    *a = socket(AF_INET, SOCK_STREAM, 0);
    if (*a < 0 || connect(*a, reinterpret_cast<sockaddr *>(&address), length) != 0)
        die("connect");
    *b = accept(listener, nullptr, nullptr);
    if (*b < 0)
        die("accept");
    close(listener);
    const int one = 1;
    setsockopt(*a, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(*b, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

double cpuSeconds(const rusage &usage)
{
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct RelayResult
{
    double cpuUs = 0;   // relay CPU per message
    double reads = 0;   // read() calls per message
    double wakeups = 0; // voluntary context switches per message
};

// Relays total bytes from in to out; reports its CPU through the pipe.
void relay(int in, int out, long total, int report)
{
    std::vector<char> buffer(64 * 1024);
    long moved = 0;
    long reads = 0;
    while (moved < total) {
        pollfd wait{in, POLLIN, 0};
        if (poll(&wait, 1, -1) < 0 && errno != EINTR)
            die("poll");
        const ssize_t got = read(in, buffer.data(), buffer.size());
        if (got <= 0)
            die("read");
        ++reads;
        for (ssize_t sent = 0; sent < got;) {
            const ssize_t n = write(out, buffer.data() + sent, size_t(got - sent));
            if (n <= 0)
                die("write");
            sent += n;
        }
        moved += got;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double values[3] = {cpuSeconds(usage), double(reads), double(usage.ru_nvcsw)};
    if (write(report, values, sizeof values) != sizeof values)
        die("report");
}

RelayResult run(const Options &options, bool paced)
{
    int sourceEnd = -1, relayIn = -1, relayOut = -1, sinkEnd = -1, report[2];
    tcpPair(&sourceEnd, &relayIn);
    tcpPair(&relayOut, &sinkEnd);
    if (pipe(report) != 0)
        die("pipe");
    const long total = long(options.messages) * options.messageBytes;

    std::fflush(stdout); // a child that fails must not print the parent's buffered lines again
    const pid_t relayPid = fork();
    if (relayPid == 0) {
        relay(relayIn, relayOut, total, report[1]);
        _exit(0);
    }
    const pid_t sinkPid = fork();
    if (sinkPid == 0) {
        std::vector<char> buffer(64 * 1024);
        for (long got = 0; got < total;) {
            const ssize_t n = read(sinkEnd, buffer.data(), buffer.size());
            if (n <= 0)
                _exit(1);
            got += n;
        }
        _exit(0);
    }
    // The source: one message per interval on an absolute clock, or all at once.
    const std::string message(size_t(options.messageBytes), 'x');
    timespec next{};
    clock_gettime(CLOCK_MONOTONIC, &next);
    for (int i = 0; i < options.messages; ++i) {
        if (paced) {
            next.tv_nsec += options.intervalUs * 1000;
            while (next.tv_nsec >= 1000000000) {
                next.tv_nsec -= 1000000000;
                ++next.tv_sec;
            }
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
        }
        if (write(sourceEnd, message.data(), message.size()) != ssize_t(message.size()))
            die("source write");
    }
    double values[3] = {};
    if (read(report[0], values, sizeof values) != sizeof values)
        die("relay report");
    waitpid(relayPid, nullptr, 0);
    waitpid(sinkPid, nullptr, 0);
    for (const int fd : {sourceEnd, relayIn, relayOut, sinkEnd, report[0], report[1]})
        close(fd);
    return {values[0] * 1e6 / options.messages, values[1] / options.messages, values[2] / options.messages};
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        const long value = std::strtol(argv[i + 1], nullptr, 10);
        if (name == "--messages")
            options.messages = int(value);
        else if (name == "--bytes")
            options.messageBytes = int(value);
        else if (name == "--interval-us")
            options.intervalUs = value;
    }
    if (options.messages <= 0 || options.messageBytes <= 0 || options.intervalUs <= 0) {
        std::fprintf(stderr, "usage: bench_wakeup_floor [--messages N] [--bytes B] [--interval-us U]\n");
        return 2;
    }
    std::printf("minimal relay (poll, read, write on loopback TCP), %d messages of %d bytes\n", options.messages,
                options.messageBytes);
    const RelayResult burst = run(options, false);
    const RelayResult paced = run(options, true);
    std::printf("%-34s %10s %12s %14s\n", "", "CPU us/msg", "reads/msg", "sleeps/msg");
    std::printf("%-34s %10.1f %12.2f %14.2f\n", "back to back (baseline)", burst.cpuUs, burst.reads, burst.wakeups);
    char label[64];
    std::snprintf(label, sizeof label, "paced, one per %ld us", options.intervalUs);
    std::printf("%-34s %10.1f %12.2f %14.2f\n", label, paced.cpuUs, paced.reads, paced.wakeups);
    std::printf("paced / back to back: %.1fx CPU per message\n", burst.cpuUs > 0 ? paced.cpuUs / burst.cpuUs : 0.0);
    return 0;
}
