#include "SqlRunner.h"

#include <QSqlError>
#include <QSqlRecord>

#include "SqlDialect.h"
#include "SqlErrors.h"

namespace gatehouse {

QSqlQuery SqlRunner::run(QSqlDatabase &db, const SqlDialect &dialect, const QString &sql,
                         const QVariantList &binds, const QString &failMessage, const TableSchema *table)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        throw SqlErrors::toApiError(dialect, query.lastError(), failMessage, table);
    for (const QVariant &value : binds)
        query.addBindValue(value);
    if (!query.exec())
        throw SqlErrors::toApiError(dialect, query.lastError(), failMessage, table);
    return query;
}

QSqlQuery SqlRunner::runDirect(QSqlDatabase &db, const SqlDialect &dialect, const QString &sql,
                               const QString &failMessage, const TableSchema *table)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        throw SqlErrors::toApiError(dialect, query.lastError(), failMessage, table);
    return query;
}

Json SqlRunner::readRows(QSqlQuery &query)
{
    Json rows = Json::array();
    if (!query.isSelect())
        return rows;
    const QSqlRecord record = query.record();
    const int count = record.count();
    std::vector<std::string> names;
    names.reserve(size_t(count));
    for (int i = 0; i < count; ++i)
        names.push_back(record.fieldName(i).toStdString());
    while (query.next()) {
        Json row = Json::object();
        for (int i = 0; i < count; ++i)
            row[names[size_t(i)]] = variantToJson(query.value(i));
        rows.push_back(std::move(row));
    }
    return rows;
}

QString SqlRunner::text(const QSqlQuery &query, int column)
{
    return query.value(column).toString().trimmed();
}
} // namespace gatehouse
