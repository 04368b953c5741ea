#include "SqliteRows.h"

#include <sqlite3.h>
#include <unordered_map>

#include "DbExecutor.h"

namespace gatehouse {
namespace {

constexpr size_t kStatementsPerConnection = 64;

// Before any connection opens (static initialisation): SQLite's allocation statistics, which
// nothing here reads, cost a process-wide mutex round trip on every allocation of every worker.
const bool g_memoryStatisticsOff = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;

// Per worker thread, by connection handle, by SQL text. Each worker owns its connection, so
// no lock is needed.
thread_local std::unordered_map<sqlite3 *, std::unordered_map<QString, sqlite3_stmt *>> t_statements;

sqlite3 *handleOf(const QSqlDatabase &db)
{
    if (db.driverName() != QLatin1String("QSQLITE") || !db.isOpen())
        return nullptr;
    return static_cast<sqlite3 *>(DbExecutor::nativeHandle(db));
}

void finalizeAll(std::unordered_map<QString, sqlite3_stmt *> &statements)
{
    for (auto &entry : statements)
        sqlite3_finalize(entry.second);
    statements.clear();
}

// Binds as QSQLite does; false for a type it would turn into text some other way (dates,
// times, `long`, ...): those requests take the QtSql path.
bool bindAll(sqlite3_stmt *statement, const QVariantList &binds)
{
    if (sqlite3_bind_parameter_count(statement) != binds.size())
        return false;
    for (int i = 0; i < int(binds.size()); ++i) {
        const QVariant &value = binds.at(i);
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(statement, i + 1);
        } else {
            switch (value.typeId()) {
            case QMetaType::Bool:
            case QMetaType::Int:
                rc = sqlite3_bind_int(statement, i + 1, value.toInt());
                break;
            case QMetaType::UInt:
            case QMetaType::LongLong:
                rc = sqlite3_bind_int64(statement, i + 1, value.toLongLong());
                break;
            case QMetaType::Double:
                rc = sqlite3_bind_double(statement, i + 1, value.toDouble());
                break;
            case QMetaType::QString: {
                const QByteArray text = value.toString().toUtf8();
                rc =
                    sqlite3_bind_text(statement, i + 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QByteArray: {
                const QByteArray bytes = value.toByteArray();
                rc = sqlite3_bind_blob(statement, i + 1, bytes.constData(), int(bytes.size()),
                                       SQLITE_TRANSIENT);
                break;
            }
            default:
                return false;
            }
        }
        if (rc != SQLITE_OK)
            return false;
    }
    return true;
}
} // namespace

SqliteRows::SqliteRows(sqlite3_stmt *statement)
    : m_statement(statement)
{
}

SqliteRows::SqliteRows(SqliteRows &&other) noexcept
    : m_statement(std::exchange(other.m_statement, nullptr))
    , m_failed(other.m_failed)
{
}

SqliteRows::~SqliteRows()
{
    if (m_statement) {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
}

std::optional<SqliteRows> SqliteRows::open(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    sqlite3 *handle = handleOf(db);
    if (!handle)
        return std::nullopt;
    std::unordered_map<QString, sqlite3_stmt *> &statements = t_statements[handle];
    auto it = statements.find(sql);
    if (it == statements.end()) {
        if (statements.size() >= kStatementsPerConnection)
            finalizeAll(statements); // only a stream of one-off query shapes gets here
        const QByteArray text = sql.toUtf8();
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v3(handle, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT,
                               &statement, nullptr) != SQLITE_OK ||
            !statement) {
            sqlite3_finalize(statement);
            return std::nullopt;
        }
        it = statements.emplace(sql, statement).first;
    }
    if (!bindAll(it->second, binds)) {
        sqlite3_clear_bindings(it->second);
        return std::nullopt;
    }
    return SqliteRows(it->second);
}

void SqliteRows::release(QSqlDatabase &db)
{
    sqlite3 *handle = handleOf(db);
    if (!handle)
        return;
    const auto it = t_statements.find(handle);
    if (it == t_statements.end())
        return;
    finalizeAll(it->second);
    t_statements.erase(it);
}

bool SqliteRows::next()
{
    if (m_failed)
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    m_failed = rc != SQLITE_DONE;
    return false;
}

bool SqliteRows::isNull(int i) const
{
    return sqlite3_column_type(m_statement, i) == SQLITE_NULL;
}

bool SqliteRows::isInteger(int i) const
{
    return sqlite3_column_type(m_statement, i) == SQLITE_INTEGER;
}

bool SqliteRows::isText(int i) const
{
    return sqlite3_column_type(m_statement, i) == SQLITE_TEXT;
}

qint64 SqliteRows::integer(int i) const
{
    return sqlite3_column_int64(m_statement, i);
}

QByteArrayView SqliteRows::text(int i) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, i));
    return QByteArrayView(data, sqlite3_column_bytes(m_statement, i));
}

QVariant SqliteRows::value(int i) const
{
    switch (sqlite3_column_type(m_statement, i)) {
    case SQLITE_INTEGER:
        return qlonglong(sqlite3_column_int64(m_statement, i));
    case SQLITE_FLOAT:
        return sqlite3_column_double(m_statement, i);
    case SQLITE_NULL:
        return QVariant(QMetaType::fromType<QString>());
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char *>(sqlite3_column_blob(m_statement, i)),
                          sqlite3_column_bytes(m_statement, i));
    default: {
        const QByteArrayView utf8 = text(i);
        return QString::fromUtf8(utf8.data(), utf8.size());
    }
    }
}
} // namespace gatehouse
