#pragma once

#include "ledger/ledgertypes.h"

#include <QDateTime>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace coderai {

class LedgerReader;

/// \brief Writes ledger rows and sums as CSV or JSON: `--ledger` and the window's "Export CSV…".
///
/// CSV follows RFC 4180: UTF-8, one header row, CRLF line ends, a field quoted when it holds a
/// comma, a quote, CR or LF, quotes inside doubled. Times are ISO 8601 UTC with milliseconds.
class LedgerExport final
{
public:
    enum class Format { Csv, Json };

    explicit LedgerExport(QIODevice *out, Format format = Format::Csv);

    /// Every row in [from, to) (open ends when invalid). False if reading or writing failed.
    bool writeRows(LedgerReader &reader, const QDateTime &from, const QDateTime &to);
    bool writeDays(const QList<LedgerDay> &days);
    bool writeModels(const QList<LedgerModelTotals> &models);

    /// One RFC 4180 field.
    static QString csvField(const QString &text);

private:
    using Cells = QList<std::pair<QString, QVariant>>;
    void begin();
    void writeRecord(const Cells &cells);
    bool end();

    QIODevice *m_out;
    Format m_format;
    bool m_first = true;
    bool m_failed = false;
};

} // namespace coderai
