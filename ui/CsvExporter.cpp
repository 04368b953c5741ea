#include "CsvExporter.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include "JsonTableModel.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

CsvExporter::CsvExporter(GatehouseClient *client, LogQuery query, QStringList fields, QIODevice *out,
                         QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_query(std::move(query))
    , m_fields(std::move(fields))
    , m_out(out)
{
}

CsvExporter::~CsvExporter() = default;

QString CsvExporter::quote(const QString &field)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool needs = false;
    for (const QChar c : field)
        if (special.contains(c)) {
            needs = true;
            break;
        }
    if (!needs)
        return field;
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString CsvExporter::cellText(const QJsonValue &value)
{
    // Machine-readable booleans: the table's "yes"/"no" are translated.
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return JsonTableModel::displayText(value);
}

bool CsvExporter::writeLine(const QStringList &cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString &cell : cells)
        quoted << quote(cell);
    const QByteArray line = (quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n")).toUtf8();
    return m_out->write(line) == line.size();
}

void CsvExporter::start()
{
    if (!m_out || !m_out->isWritable()) {
        finish(false, tr("The file is not open for writing."));
        return;
    }
    if (!writeLine(m_fields)) {
        finish(false, tr("The file could not be written: %1").arg(m_out->errorString()));
        return;
    }
    fetchNext();
}

void CsvExporter::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_call.reset(); // aborts the transfer; its callback never runs
    // Asynchronously, so a caller reacting to finished() is never re-entered from cancel().
    QTimer::singleShot(0, this, [this] { finish(false, {}); });
}

void CsvExporter::fetchNext()
{
    m_call = std::make_unique<QObject>();
    const bool first = !m_cursor.has_value() && m_written == 0;
    QStringList fields = m_fields;
    if (!fields.contains(QStringLiteral("id")))
        fields << QStringLiteral("id"); // the cursor of the next page
    m_client->send("GET", m_query.pagePath(m_pageSize, m_cursor, first, fields), QJsonValue(), m_call.get(),
                   [this, first](const ApiReply &reply) {
                       if (m_cancelled || m_done)
                           return;
                       if (!reply.ok()) {
                           finish(false, reply.describeError());
                           return;
                       }
                       const QJsonObject body = reply.body.toObject();
                       if (first)
                           m_total = body.value(QStringLiteral("meta"))
                                         .toObject()
                                         .value(QStringLiteral("count"))
                                         .toInteger(-1);
                       const QJsonArray rows = body.value(QStringLiteral("resource")).toArray();
                       for (const QJsonValue &row : rows) {
                           const QJsonObject record = row.toObject();
                           QStringList cells;
                           cells.reserve(m_fields.size());
                           for (const QString &field : m_fields)
                               cells << cellText(record.value(field));
                           if (!writeLine(cells)) {
                               finish(false,
                                      tr("The file could not be written: %1").arg(m_out->errorString()));
                               return;
                           }
                           ++m_written;
                           m_cursor = record.value(QStringLiteral("id")).toInteger();
                       }
                       emit progress(m_written, m_total);
                       if (rows.size() < m_pageSize) {
                           finish(true, {});
                           return;
                       }
                       // Next page from the event loop: this callback's call object is still live.
                       QTimer::singleShot(0, this, [this] {
                           if (!m_cancelled && !m_done)
                               fetchNext();
                       });
                   });
}

void CsvExporter::finish(bool ok, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    emit finished(ok, error);
}
} // namespace gatehouse
