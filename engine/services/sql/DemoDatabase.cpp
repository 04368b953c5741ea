#include "DemoDatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace gatehouse {
namespace {

bool isOnlyComments(const QString &block)
{
    for (const QString &line : block.split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty() && !t.startsWith(QLatin1String("--")))
            return false;
    }
    return true;
}
} // namespace

bool DemoDatabase::ensureFile(const QString &path, QString *error)
{
    if (QFileInfo::exists(path))
        return true;
    QFile script(QStringLiteral(":/gatehouse/demo/demo.sql"));
    if (!script.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the demo script is missing from the build");
        return false;
    }
    const QString sql = QString::fromUtf8(script.readAll());
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    const QString connection = QStringLiteral("demo-install");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(partial);
        if (!db.open()) {
            *error = QStringLiteral("cannot create %1: %2").arg(partial, db.lastError().text());
            ok = false;
        } else {
            QSqlQuery q(db);
            db.transaction();
            // The script keeps one statement per ";\n"-terminated block (see resources/demo/demo.sql).
            for (const QString &statement : sql.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
                const QString trimmed = statement.trimmed();
                if (isOnlyComments(trimmed))
                    continue;
                if (!q.exec(trimmed)) {
                    *error = QStringLiteral("demo script failed: %1").arg(q.lastError().text());
                    ok = false;
                    break;
                }
            }
            ok = ok && db.commit();
            // WAL lets readers proceed while a write commits and makes each read cheaper (fewer
            // locking system calls); the mode is stored in the file, so every connection gets it.
            ok = ok && q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    if (!ok) {
        QFile::remove(partial);
        return false;
    }
    if (!QFile::rename(partial, path)) {
        *error = QStringLiteral("cannot move the demo database into place at %1").arg(path);
        return false;
    }
    return true;
}

Json DemoDatabase::serviceDefinition(const QString &path)
{
    QFile file(QStringLiteral(":/gatehouse/demo/demo-service.json"));
    Json definition = Json::object();
    if (file.open(QIODevice::ReadOnly))
        definition = parseJsonOrDiscarded(file.readAll());
    if (!definition.is_object())
        definition = Json::object();
    definition["config"]["database"] = path;
    return definition;
}

Json DemoDatabase::aiServiceDefinition()
{
    QFile file(QStringLiteral(":/gatehouse/demo/demo-ai-service.json"));
    Json definition = Json::object();
    if (file.open(QIODevice::ReadOnly))
        definition = parseJsonOrDiscarded(file.readAll());
    return definition.is_object() ? definition : Json::object();
}
} // namespace gatehouse
