#pragma once

#include <optional>

#include <QSqlDatabase>
#include <QVariant>
#include <QVariantList>

struct sqlite3_stmt;

namespace gatehouse {

// The hot read path on SQLite, through SQLite's own API instead of QtSql. QSQLite hands every
// text value over as UTF-16 (SQLite converts each one) and keeps each row as a list of
// QVariants; the records API then converts the text back to UTF-8 for JSON. Read here, text
// goes from SQLite's UTF-8 page straight into the response.
//
// Statements are prepared once per connection and kept, like StatementCache's. They must be
// released (release()) before their connection is closed: QSQLite closes with sqlite3_close,
// which refuses while any statement is alive. DbExecutor does it for its workers' connections.
//
// open() gives nothing (and the caller takes the QtSql path, which reports errors in the usual
// way) for other drivers, for a bound value of a type QSQLite would convert differently, and
// when SQLite refuses the statement.
class SqliteRows
{
public:
    SqliteRows(SqliteRows &&other) noexcept;
    SqliteRows &operator=(SqliteRows &&) = delete;
    SqliteRows(const SqliteRows &) = delete;
    SqliteRows &operator=(const SqliteRows &) = delete;
    // Resets the statement: an SQLite statement left active would hold its read lock.
    ~SqliteRows();

    // Runs `sql` (positional '?' placeholders) with `binds` on `db`.
    static std::optional<SqliteRows> open(QSqlDatabase &db, const QString &sql, const QVariantList &binds);
    // Finalizes every statement kept for `db`; call before closing it.
    static void release(QSqlDatabase &db);

    // Steps to the next row; false at the end or on an error (see failed()).
    bool next();
    bool failed() const { return m_failed; }

    // The value of column `i` of the current row.
    bool isNull(int i) const;
    bool isInteger(int i) const;
    bool isText(int i) const;
    qint64 integer(int i) const;
    // The text of a text column: SQLite's UTF-8 (as stored; may be invalid UTF-8).
    QByteArrayView text(int i) const;
    // As QSQLite would give it: qlonglong, double, QString, QByteArray, or a null QString.
    QVariant value(int i) const;

private:
    explicit SqliteRows(sqlite3_stmt *statement);

    sqlite3_stmt *m_statement = nullptr;
    bool m_failed = false;
};
} // namespace gatehouse
