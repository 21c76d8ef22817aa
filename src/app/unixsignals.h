#pragma once

#include <QObject>

class QSocketNotifier;

namespace coderai {

/// \brief Turns SIGINT/SIGTERM into a Qt signal, through a socket pair (the only safe way out of
/// a POSIX signal handler into the event loop).
class UnixSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignals)

public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace coderai
