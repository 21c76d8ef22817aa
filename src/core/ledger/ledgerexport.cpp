#include "ledger/ledgerexport.h"

#include "ledger/ledgerreader.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QJsonArray>
#include <QVariant>

namespace coderai {
namespace {

using Cells = QList<std::pair<QString, QVariant>>;

void appendTotals(Cells &cells, const LedgerTotals &totals)
{
    cells += {{QStringLiteral("requests"), totals.requests},
              {QStringLiteral("served"), totals.served},
              {QStringLiteral("failed"), totals.failed},
              {QStringLiteral("cancelled"), totals.cancelled},
              {QStringLiteral("refused"), totals.refused},
              {QStringLiteral("prompt_tokens"), totals.promptTokens},
              {QStringLiteral("completion_tokens"), totals.completionTokens},
              {QStringLiteral("served_prompt_tokens"), totals.servedPromptTokens},
              {QStringLiteral("served_completion_tokens"), totals.servedCompletionTokens},
              {QStringLiteral("estimated_requests"), totals.estimatedRequests},
              {QStringLiteral("latency_ms_total"), totals.latencyMsSum},
              {QStringLiteral("bytes_in"), totals.bytesIn},
              {QStringLiteral("bytes_out"), totals.bytesOut}};
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

LedgerExport::LedgerExport(QIODevice *out, Format format)
    : m_out(out)
    , m_format(format)
{
}

QString LedgerExport::csvField(const QString &text)
{
    static const QString special = QStringLiteral(",\"\r\n");
    if (std::none_of(text.cbegin(), text.cend(), [](QChar c) { return special.contains(c); }))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1StringView("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

void LedgerExport::begin()
{
    m_first = true;
    m_failed = false;
    if (m_format == Format::Json && m_out->write("[") < 0)
        m_failed = true;
}

void LedgerExport::writeRecord(const Cells &cells)
{
    QByteArray line;
    if (m_format == Format::Csv) {
        if (m_first) {
            QStringList header;
            for (const auto &[name, value] : cells)
                header.append(csvField(name));
            line = header.join(QLatin1Char(',')).toUtf8() + "\r\n";
        }
        QStringList fields;
        for (const auto &[name, value] : cells)
            fields.append(csvField(value.toString()));
        line += fields.join(QLatin1Char(',')).toUtf8() + "\r\n";
    } else {
        // By hand rather than through QJsonObject, which would sort the keys: the columns keep
        // the CSV's order.
        line = m_first ? "\n{" : ",\n{";
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const QByteArray pair = QJsonDocument(QJsonArray{cells[i].first, QJsonValue::fromVariant(cells[i].second)})
                                        .toJson(QJsonDocument::Compact);
            // ["name",value] → "name":value
            const qsizetype comma = pair.indexOf("\",") + 1;
            line += (i ? "," : "") + pair.mid(1, comma - 1) + ':' + pair.mid(comma + 1, pair.size() - comma - 2);
        }
        line += '}';
    }
    m_first = false;
    if (!m_failed && m_out->write(line) < 0)
        m_failed = true;
}

bool LedgerExport::end()
{
    if (m_format == Format::Json && m_out->write("\n]\n") < 0)
        m_failed = true;
    return !m_failed;
}

bool LedgerExport::writeRows(LedgerReader &reader, const QDateTime &from, const QDateTime &to)
{
    begin();
    Cells cells;
    const bool read = reader.forEachRow(from, to, [this, &cells](const RequestRecord &row) {
        cells = {{QStringLiteral("finished_at"), isoUtc(row.finishedAt)},
                 {QStringLiteral("op"), row.op},
                 {QStringLiteral("model"), row.model},
                 {QStringLiteral("outcome"), ledgerOutcomeName(row.outcome)},
                 {QStringLiteral("error_code"), row.errorCode},
                 {QStringLiteral("stream"), row.stream},
                 {QStringLiteral("prompt_tokens"), row.promptTokens},
                 {QStringLiteral("completion_tokens"), row.completionTokens},
                 {QStringLiteral("tokens_estimated"), row.tokensEstimated},
                 {QStringLiteral("latency_ms"), qint64(row.latency.count())},
                 {QStringLiteral("bytes_in"), row.bytesIn},
                 {QStringLiteral("bytes_out"), row.bytesOut}};
        writeRecord(cells);
    });
    if (m_format == Format::Csv && m_first && read) {
        // No rows: the header alone still tells a spreadsheet what the columns are.
        m_out->write("finished_at,op,model,outcome,error_code,stream,prompt_tokens,completion_tokens,"
                     "tokens_estimated,latency_ms,bytes_in,bytes_out\r\n");
    }
    return end() && read;
}

bool LedgerExport::writeDays(const QList<LedgerDay> &days)
{
    begin();
    for (const LedgerDay &day : days) {
        Cells cells{{QStringLiteral("date"), day.date.toString(Qt::ISODate)}};
        appendTotals(cells, day.totals);
        writeRecord(cells);
    }
    return end();
}

bool LedgerExport::writeModels(const QList<LedgerModelTotals> &models)
{
    begin();
    for (const LedgerModelTotals &model : models) {
        Cells cells{{QStringLiteral("model"), model.model}};
        appendTotals(cells, model.totals);
        writeRecord(cells);
    }
    return end();
}

} // namespace coderai
