#include "SqlTestFixture.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include "TestDatabases.h"
#include "store/DbExecutor.h"

namespace gatehouse::test {

std::string str(const QString &value)
{
    return value.toStdString();
}

QString enc(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString message(const TestResponse &r)
{
    if (r.json.is_object() && r.json.contains("error") && r.json["error"].contains("message"))
        return QString::fromStdString(r.json["error"]["message"].get<std::string>());
    return {};
}

QList<std::pair<QString, QString>> SqlTestFixture::engines()
{
    QList<std::pair<QString, QString>> out{{QStringLiteral("sqlite"), QString()}};
    if (!TestDatabases::pgsqlUrl().isEmpty())
        out.append({QStringLiteral("pgsql"), TestDatabases::pgsqlUrl()});
    if (!TestDatabases::mysqlUrl().isEmpty())
        out.append({QStringLiteral("mysql"), TestDatabases::mysqlUrl()});
    return out;
}

QString SqlTestFixture::tablePrefix(const char *stem)
{
    return QStringLiteral("%1%2_").arg(QLatin1String(stem)).arg(QCoreApplication::applicationPid() % 100000);
}

std::unique_ptr<TestServer> SqlTestFixture::startServer(QString *error)
{
    auto server = std::make_unique<TestServer>(TestServer::Options());
    if (!server->start()) {
        *error = server->errorString();
        return nullptr;
    }
    if (server->adminToken().isEmpty()) {
        *error = QStringLiteral("the admin could not sign in");
        return nullptr;
    }
    return server;
}

Json SqlTestFixture::serviceConfig(const QString &kind, const QString &url, const QString &sqliteFile,
                                   ConnectionSpec &spec)
{
    if (kind == QLatin1String("sqlite")) {
        spec.driver = QStringLiteral("QSQLITE");
        spec.database = sqliteFile;
        return {{"database", spec.database.toStdString()}};
    }
    QString error;
    spec = ConnectionSpec::fromUrl(url, &error);
    return {{"host", spec.host.toStdString()},
            {"port", spec.port},
            {"database", spec.database.toStdString()},
            {"username", spec.username.toStdString()},
            {"password", spec.password.toStdString()}};
}

QSqlDatabase SqlTestFixture::directDb(const ConnectionSpec &spec, const QString &name)
{
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return db;
    }
    QString error;
    QSqlDatabase db = DbExecutor::openConnection(spec, name, &error);
    if (!error.isEmpty())
        qWarning("direct connection failed: %s", qPrintable(error));
    return db;
}

bool SqlTestFixture::exec(QSqlDatabase db, const QString &statement)
{
    QSqlQuery q(db);
    if (!q.exec(statement)) {
        qWarning("fixture SQL failed: %s\n%s", qPrintable(q.lastError().text()), qPrintable(statement));
        return false;
    }
    return true;
}

qint64 SqlTestFixture::scalar(QSqlDatabase db, const QString &statement)
{
    QSqlQuery q(db);
    if (!q.exec(statement) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void SqlTestFixture::dropTables(QSqlDatabase db, const QString &kind, const QStringList &tables)
{
    const bool pg = kind == QLatin1String("pgsql");
    for (const QString &table : tables)
        exec(db, QStringLiteral("DROP TABLE IF EXISTS %1%2")
                     .arg(table, pg ? QStringLiteral(" CASCADE") : QString()));
}
} // namespace gatehouse::test
