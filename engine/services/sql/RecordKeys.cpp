#include "RecordKeys.h"

#include "ResultReader.h"
#include "core/ApiError.h"

namespace gatehouse {

RecordKeys::RecordKeys(const SqlCall &call, const TableSchema &table)
    : m_call(call)
    , m_table(table)
{
    const QString idField = call.ctx.param(QStringLiteral("id_field")).trimmed();
    if (!idField.isEmpty()) {
        const QStringList names = idField.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &name : names) {
            const ColumnSchema *column = table.column(name.trimmed());
            if (!column)
                throw ApiError::badRequest(
                    QStringLiteral("Invalid id_field: '%1' is not a field of table '%2'.")
                        .arg(name.trimmed(), table.name));
            if (!m_columns.contains(column))
                m_columns << column;
        }
        // id_type only matters to DF when it cannot see the schema; here the columns are known.
        return;
    }
    for (const QString &name : table.primaryKey)
        if (const ColumnSchema *column = table.column(name))
            m_columns << column;
}

void RecordKeys::requireAny() const
{
    if (m_columns.isEmpty())
        throw ApiError::badRequest(
            QStringLiteral("Table '%1' has no primary key; name the identifier field(s) with id_field.")
                .arg(m_table.name));
}

void RecordKeys::requireSingle() const
{
    requireAny();
    if (m_columns.size() > 1)
        throw ApiError::badRequest(
            QStringLiteral(
                "Table '%1' has a composite identifier; send records with every key field in the body.")
                .arg(m_table.name));
}

RecordKey RecordKeys::parse(const QString &text) const
{
    requireSingle();
    return {m_call.dialect.castValue(*m_columns.first(), text)};
}

QList<RecordKey> RecordKeys::parseList(const QString &ids, int maxCount) const
{
    requireSingle();
    QList<RecordKey> keys;
    qsizetype count = 0;
    for (const QChar c : ids)
        if (c == QLatin1Char(','))
            ++count;
    if (count + 1 > maxCount)
        throw ApiError::badRequest(QStringLiteral("Too many ids in one request: %1 (the limit is %2).")
                                       .arg(count + 1)
                                       .arg(maxCount));
    const QStringList parts = ids.split(QLatin1Char(','));
    keys.reserve(parts.size());
    for (const QString &part : parts) {
        const QString id = part.trimmed();
        if (id.isEmpty())
            continue;
        keys << RecordKey{m_call.dialect.castValue(*m_columns.first(), id)};
    }
    if (keys.isEmpty())
        throw ApiError::badRequest(QStringLiteral("No valid identifiers given in 'ids'."));
    return keys;
}

bool RecordKeys::fromRecord(const Json &record, RecordKey &key) const
{
    key.clear();
    if (m_columns.isEmpty())
        return false;
    if (!record.is_object()) {
        if (m_columns.size() != 1 || record.is_null() || record.is_structured())
            return false;
        key << m_call.dialect.castValue(*m_columns.first(), jsonToVariant(record));
        return true;
    }
    for (const ColumnSchema *column : m_columns) {
        // Field names are case-insensitive, as everywhere else in the API.
        const Json *value = nullptr;
        for (auto it = record.begin(); it != record.end(); ++it) {
            if (QString::fromStdString(it.key()).compare(column->name, Qt::CaseInsensitive) == 0) {
                value = &it.value();
                break;
            }
        }
        if (!value || value->is_null())
            return false;
        key << m_call.dialect.castValue(*column, jsonToVariant(*value));
    }
    return true;
}

Json RecordKeys::idList(const Json &records) const
{
    if (m_columns.isEmpty())
        throw ApiError::badRequest(
            QStringLiteral("as_list needs an identifier: table '%1' has no primary key; use id_field.")
                .arg(m_table.name));
    Json out = Json::array();
    for (const Json &record : records) {
        if (m_columns.size() == 1) {
            const auto it = record.find(m_columns.first()->name.toStdString());
            out.push_back(it == record.end() ? Json(nullptr) : *it);
            continue;
        }
        QStringList parts;
        for (const ColumnSchema *column : m_columns) {
            const auto it = record.find(column->name.toStdString());
            parts << (it == record.end() || it->is_null() ? QString()
                      : it->is_string()                   ? QString::fromStdString(it->get<std::string>())
                                                          : QString::fromStdString(it->dump()));
        }
        out.push_back(QString(QLatin1Char('(') + parts.join(QLatin1Char(',')) + QLatin1Char(')')));
    }
    return out;
}

Json RecordKeys::toObject(const RecordKey &key) const
{
    Json object = Json::object();
    for (qsizetype i = 0; i < m_columns.size() && i < key.size(); ++i)
        object[m_columns.at(i)->name.toStdString()] = ResultReader::toJson(m_columns.at(i), key.at(i));
    return object;
}

QString RecordKeys::toText(const RecordKey &key)
{
    QStringList parts;
    for (const QVariant &value : key)
        parts << value.toString();
    return parts.join(QLatin1Char(','));
}

QString RecordKeys::canonical(const RecordKey &key) const
{
    QString out;
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (i > 0)
            out += QChar(0x1f);
        out += canonical(ResultReader::toJson(m_columns.value(i), key.at(i)));
    }
    return out;
}

QString RecordKeys::canonicalFromRecord(const Json &record) const
{
    QString out;
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            out += QChar(0x1f);
        const auto it = record.find(m_columns.at(i)->name.toStdString());
        out += canonical(it == record.end() ? Json(nullptr) : *it);
    }
    return out;
}

QString RecordKeys::canonical(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_null())
        return QStringLiteral("\x01null");
    if (value.is_boolean())
        return value.get<bool>() ? QStringLiteral("1") : QStringLiteral("0");
    return QString::fromStdString(value.dump());
}
} // namespace gatehouse
