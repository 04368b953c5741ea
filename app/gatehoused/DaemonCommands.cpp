#include "DaemonCommands.h"

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QSqlQuery>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include "Engine.h"
#include "core/Config.h"
#include "core/DataPaths.h"
#include "core/Logging.h"
#include "core/Version.h"
#include "security/CertificateGenerator.h"
#include "security/SecretStore.h"
#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"
#include "store/LogRetention.h"

namespace gatehouse {
namespace {

int g_signalFds[2] = {-1, -1};
// A stop asked for before the main event loop runs (during start-up, whose nested waits also
// deliver the signal) must not be lost: QCoreApplication::quit() before exec() does nothing.
bool g_stopRequested = false;
bool g_serving = false;

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}

// SIGINT/SIGTERM end the event loop so that the engine shuts down cleanly (flushing queues).
void installSignalHandlers(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
        char byte;
        [[maybe_unused]] const auto r = ::read(g_signalFds[1], &byte, 1);
        g_stopRequested = true;
        if (g_serving)
            QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void print(const QString &text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}
} // namespace

int DaemonCommands::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Gatehouse headless gateway.\n\nCommands:\n  serve   run the gateway (default)\n"
        "  check   print the configuration, data folder, database and listener status\n"
        "  gen-cert  write a self-signed TLS certificate and key (tls-cert.pem, tls-key.pem)\n"
        "  prune-audit-logs [--older-than-days N]   delete audit records older than N days "
        "(default: audit_retention_days)\n"
        "  prune-usage-logs [--older-than-days N]   delete AI usage rows older than N days "
        "(default: ai_usage_retention_days)\n"
        "  prune-prompt-logs [--older-than-days N]  delete AI prompt log rows older than N days "
        "(default: ai_prompt_retention_days)"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Data folder (default: $GATEHOUSE_DATA_DIR or %1).").arg(DataPaths::defaultDataDir()),
        QStringLiteral("path"));
    const QCommandLineOption configFile(QStringLiteral("config"),
                                        QStringLiteral("Config file (default: <data folder>/gatehouse.ini)."),
                                        QStringLiteral("file"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address to listen on (default 127.0.0.1:8080)."),
                                    QStringLiteral("host:port"));
    const QCommandLineOption noDemo(QStringLiteral("no-demo"),
                                    QStringLiteral("Do not mount the demo database."));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("trace, debug, info, warn, error or off."),
                                      QStringLiteral("level"));
    parser.addOptions({dataDir, configFile, listen, noDemo, logLevel});
    const QCommandLineOption loginMaxFailures(
        QStringLiteral("login-max-failures"),
        QStringLiteral("Failed sign-ins per account before a lockout (default 5)."), QStringLiteral("n"));
    const QCommandLineOption loginLockoutSeconds(QStringLiteral("login-lockout-seconds"),
                                                 QStringLiteral("Length of a sign-in lockout (default 900)."),
                                                 QStringLiteral("seconds"));
    parser.addOption(loginMaxFailures);
    parser.addOption(loginLockoutSeconds);
    const QCommandLineOption certOutDir(
        QStringLiteral("out-dir"), QStringLiteral("gen-cert: folder for the files (default: data folder)."),
        QStringLiteral("path"));
    const QCommandLineOption certHost(
        QStringLiteral("host"),
        QStringLiteral("gen-cert: host name or IP for subjectAltName; repeatable (default: localhost, "
                       "127.0.0.1, ::1)."),
        QStringLiteral("name"));
    const QCommandLineOption certDays(
        QStringLiteral("days"), QStringLiteral("gen-cert: validity in days (default 365, at most 3650)."),
        QStringLiteral("n"));
    const QCommandLineOption certRsa(QStringLiteral("rsa"),
                                     QStringLiteral("gen-cert: RSA 2048 key instead of EC P-256."));
    const QCommandLineOption certForce(QStringLiteral("force"),
                                       QStringLiteral("gen-cert: replace existing files."));
    parser.addOptions({certOutDir, certHost, certDays, certRsa, certForce});
    const QCommandLineOption olderThanDays(
        QStringLiteral("older-than-days"),
        QStringLiteral(
            "prune-audit-logs, prune-usage-logs, prune-prompt-logs: delete records older than this many "
            "days (default: audit_retention_days, ai_usage_retention_days, ai_prompt_retention_days)."),
        QStringLiteral("days"));
    parser.addOption(olderThanDays);
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QStringLiteral("serve (default), check, gen-cert, prune-audit-logs, prune-usage-logs or "
                       "prune-prompt-logs"),
        QStringLiteral("[command]"));
    parser.process(arguments);

    QHash<QString, QString> overrides;
    if (parser.isSet(listen))
        overrides.insert(QStringLiteral("listen"), parser.value(listen));
    if (parser.isSet(noDemo))
        overrides.insert(QStringLiteral("demo"), QStringLiteral("false"));
    if (parser.isSet(logLevel))
        overrides.insert(QStringLiteral("log_level"), parser.value(logLevel));
    if (parser.isSet(loginMaxFailures))
        overrides.insert(QStringLiteral("login_max_failures"), parser.value(loginMaxFailures));
    if (parser.isSet(loginLockoutSeconds))
        overrides.insert(QStringLiteral("login_lockout_seconds"), parser.value(loginLockoutSeconds));

    QString error;
    const Config config = Config::load(parser.value(dataDir), parser.value(configFile), overrides, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "gatehoused: %s\n", qPrintable(error));
        return 2;
    }
    Logging::setup(config.logLevel);

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0, QStringLiteral("serve"));
    if (positional.size() > 1) {
        std::fprintf(stderr, "gatehoused: unexpected argument '%s'\n", qPrintable(positional.at(1)));
        return 2;
    }
    if (command == QLatin1String("serve"))
        return serve(config);
    if (command == QLatin1String("check"))
        return check(config);
    if (command == QLatin1String("gen-cert"))
        return genCert(config, parser.value(certOutDir), parser.values(certHost), parser.value(certDays),
                       parser.isSet(certRsa), parser.isSet(certForce));
    if (command == QLatin1String("prune-audit-logs")) {
        int days = config.auditRetentionDays;
        if (parser.isSet(olderThanDays)) {
            bool ok = false;
            days = parser.value(olderThanDays).toInt(&ok);
            if (!ok || days < 0) {
                std::fprintf(stderr, "gatehoused: --older-than-days must be a number of days (0 or more)\n");
                return 2;
            }
        } else if (days <= 0) {
            std::fprintf(stderr,
                         "gatehoused: audit_retention_days is 0 (keep forever); pass --older-than-days\n");
            return 2;
        }
        return pruneAuditLogs(config, days);
    }
    if (command == QLatin1String("prune-usage-logs") || command == QLatin1String("prune-prompt-logs")) {
        const bool usage = command == QLatin1String("prune-usage-logs");
        int days = usage ? config.aiUsageRetentionDays : config.aiPromptRetentionDays;
        if (parser.isSet(olderThanDays)) {
            bool ok = false;
            days = parser.value(olderThanDays).toInt(&ok);
            if (!ok || days < 0) {
                std::fprintf(stderr, "gatehoused: --older-than-days must be a number of days (0 or more)\n");
                return 2;
            }
        } else if (days <= 0) {
            std::fprintf(stderr, "gatehoused: %s is 0 (keep forever); pass --older-than-days\n",
                         usage ? "ai_usage_retention_days" : "ai_prompt_retention_days");
            return 2;
        }
        return pruneAiLogs(config, usage, days);
    }
    std::fprintf(stderr, "gatehoused: unknown command '%s' (see --help)\n", qPrintable(command));
    return 2;
}

int DaemonCommands::serve(const Config &config)
{
    auto *app = QCoreApplication::instance();
    installSignalHandlers(*static_cast<QCoreApplication *>(app));
    Engine engine(config);
    QString error;
    if (!engine.start(&error)) {
        std::fprintf(stderr, "gatehoused: %s\n", qPrintable(error));
        return 1;
    }
    print(QStringLiteral("Gatehouse %1 listening on %2://%3 (data folder %4)")
              .arg(QLatin1String(kVersion),
                   config.tlsEnabled() ? QStringLiteral("https") : QStringLiteral("http"),
                   config.listenText(), config.dataDir));
    if (!engine.generatedAdminPassword().isEmpty()) {
        // Shown once: only its Argon2id hash is stored.
        print(QStringLiteral("First admin created: %1 / %2  (shown once; change it after signing in)")
                  .arg(config.adminEmail.isEmpty() ? QStringLiteral("admin@gatehouse.local")
                                                   : config.adminEmail,
                       engine.generatedAdminPassword()));
    }
    if (g_stopRequested) {
        engine.stop();
        return 0;
    }
    g_serving = true;
    // A signal that arrived between the check above and exec() is acted on once the loop runs.
    QTimer::singleShot(0, app, [] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    const int rc = QCoreApplication::exec();
    engine.stop();
    return rc;
}

int DaemonCommands::check(const Config &config)
{
    int problems = 0;
    print(QStringLiteral("Gatehouse %1").arg(QLatin1String(kVersion)));
    print(QStringLiteral("configuration:"));
    print(QString::fromStdString(config.describe().dump(2)));

    const QFileInfo dir(config.dataDir);
    QString dataStatus =
        dir.exists() ? (dir.isWritable() ? QStringLiteral("ok (writable)") : QStringLiteral("NOT WRITABLE"))
                     : QStringLiteral("missing (created on first start)");
    if (dir.exists() && !dir.isWritable())
        ++problems;
    print(QStringLiteral("data folder: %1 — %2").arg(config.dataDir, dataStatus));

    ConnectionSpec spec;
    QString specError;
    if (config.systemDb.isEmpty()) {
        spec.driver = QStringLiteral("QSQLITE");
        spec.database = QDir(config.dataDir).filePath(QStringLiteral("system.db"));
    } else {
        spec = ConnectionSpec::fromUrl(config.systemDb, &specError);
    }
    QString dbStatus;
    if (!specError.isEmpty()) {
        dbStatus = QStringLiteral("INVALID URL: %1").arg(specError);
        ++problems;
    } else if (spec.driver == QLatin1String("QSQLITE") && !QFileInfo::exists(spec.database)) {
        dbStatus = QStringLiteral("not created yet (created on first start)");
    } else {
        QString openError;
        {
            QSqlDatabase db = DbExecutor::openConnection(spec, QStringLiteral("check"), &openError);
            if (openError.isEmpty()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) && q.next())
                    dbStatus = QStringLiteral("ok (schema version %1)").arg(q.value(0).toInt());
                else
                    dbStatus = QStringLiteral("reachable, not initialised yet");
            } else {
                dbStatus = QStringLiteral("UNREACHABLE: %1").arg(openError);
                ++problems;
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }
    print(QStringLiteral("system database: %1").arg(dbStatus));

    // Which backend would hold secrets on this host (a keychain probe: write, read, delete).
    SecretStore::Options secretOptions;
    const auto mode = SecretStore::parseMode(config.secretStore);
    secretOptions.mode = mode.value_or(SecretStore::Mode::Auto);
    secretOptions.sharedSystemDb = spec.driver == QLatin1String("QPSQL");
    secretOptions.timeoutMs = 5000;
    QString secretReason;
    const QString backend = SecretStore::detect(secretOptions, &secretReason);
    if (backend == QLatin1String("unavailable"))
        ++problems;
    print(QStringLiteral("secret store (%1): %2 — %3").arg(config.secretStore, backend, secretReason));

    QString listenStatus;
    QTcpServer probe;
    if (probe.listen(config.listenAddress, config.port)) {
        listenStatus = QStringLiteral("free (gatehoused is not running there)");
        probe.close();
    } else {
        QSslSocket socket;
        QByteArray answer;
        bool connected = false;
        if (config.tlsEnabled()) {
            // Only whether a Gatehouse answers matters here, not who it claims to be.
            socket.setPeerVerifyMode(QSslSocket::VerifyNone);
            socket.connectToHostEncrypted(config.listenAddress.toString(), config.port);
            connected = socket.waitForEncrypted(3000);
        } else {
            socket.connectToHost(config.listenAddress, config.port);
            connected = socket.waitForConnected(2000);
        }
        // A Host the allow-list accepts: the first configured entry, else localhost.
        QString probeHost = config.allowedHosts.section(QLatin1Char(','), 0, 0).trimmed();
        if (probeHost.isEmpty() || probeHost.contains(QLatin1Char('*')) ||
            probeHost.startsWith(QLatin1Char('.')))
            probeHost = QStringLiteral("localhost");
        if (connected) {
            socket.write("GET /status HTTP/1.1\r\nHost: " + probeHost.toLatin1() +
                         "\r\nConnection: close\r\n\r\n");
            while (socket.waitForReadyRead(2000))
                answer += socket.readAll();
        }
        if (answer.contains("\"status\":\"ok\"")) {
            listenStatus = QStringLiteral("a Gatehouse is answering there");
        } else if (answer.contains("accepts HTTPS only")) {
            listenStatus =
                QStringLiteral("a Gatehouse is answering there over HTTPS (tls_cert/tls_key are not "
                               "set in this configuration)");
        } else {
            listenStatus = QStringLiteral("IN USE by another program (%1)").arg(probe.errorString());
            ++problems;
        }
    }
    print(QStringLiteral("listener %1: %2").arg(config.listenText(), listenStatus));
    print(problems == 0 ? QStringLiteral("check: ok") : QStringLiteral("check: %1 problem(s)").arg(problems));
    return problems == 0 ? 0 : 1;
}

int DaemonCommands::genCert(const Config &config, const QString &outDir, const QStringList &hosts,
                            const QString &days, bool rsa, bool force)
{
    CertificateGenerator::Options options;
    if (!hosts.isEmpty()) {
        options.hosts.clear();
        for (const QString &host : hosts)
            for (const QString &part : host.split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!options.hosts.contains(part.trimmed()))
                    options.hosts << part.trimmed();
    }
    if (!days.isEmpty()) {
        bool ok = false;
        options.days = days.toInt(&ok);
        if (!ok) {
            std::fprintf(stderr, "gatehoused: --days must be a number\n");
            return 2;
        }
    }
    if (rsa)
        options.keyType = CertificateGenerator::KeyType::Rsa2048;
    QString error;
    const QString dir = outDir.isEmpty() ? config.dataDir : outDir;
    if (outDir.isEmpty() && !DataPaths::ensureDataDir(dir, &error)) {
        std::fprintf(stderr, "gatehoused: %s\n", qPrintable(error));
        return 1;
    }
    CertificateGenerator::Result result;
    if (!CertificateGenerator::generate(options, &result, &error)) {
        std::fprintf(stderr, "gatehoused: %s\n", qPrintable(error));
        return 2;
    }
    QString certPath;
    QString keyPath;
    if (!CertificateGenerator::writeFiles(result, dir, force, &certPath, &keyPath, &error)) {
        std::fprintf(stderr, "gatehoused: %s\n", qPrintable(error));
        return 1;
    }
    print(QStringLiteral("certificate: %1 (hosts: %2; %3 days)")
              .arg(certPath, options.hosts.join(QStringLiteral(", ")))
              .arg(options.days));
    print(QStringLiteral("private key: %1 (mode 0600)").arg(keyPath));
    print(QStringLiteral(
              "To serve HTTPS, add to gatehouse.ini under [gatehouse]:\n  tls_cert=%1\n  tls_key=%2\n"
              "Clients trust this self-signed certificate by adding %1 as a trusted CA file.")
              .arg(certPath, keyPath));
    return 0;
}

int DaemonCommands::pruneAuditLogs(const Config &config, int olderThanDays)
{
    return pruneLogTable(config, QStringLiteral("prune-audit-logs"), QStringLiteral("audit_log"),
                         QStringLiteral("audit records"), olderThanDays);
}

int DaemonCommands::pruneAiLogs(const Config &config, bool usage, int olderThanDays)
{
    return usage ? pruneLogTable(config, QStringLiteral("prune-usage-logs"), QStringLiteral("ai_usage_log"),
                                 QStringLiteral("AI usage rows"), olderThanDays)
                 : pruneLogTable(config, QStringLiteral("prune-prompt-logs"), QStringLiteral("ai_prompt_log"),
                                 QStringLiteral("AI prompt log rows"), olderThanDays);
}

int DaemonCommands::pruneLogTable(const Config &config, const QString &command, const QString &table,
                                  const QString &noun, int olderThanDays)
{
    // Works on the configured system database directly, so it can run from cron while the
    // gateway serves (SQLite's busy timeout and the chunked deletes keep both going).
    ConnectionSpec spec;
    QString problem;
    if (config.systemDb.isEmpty()) {
        spec.driver = QStringLiteral("QSQLITE");
        spec.database = QDir(config.dataDir).filePath(QStringLiteral("system.db"));
        if (!QFileInfo::exists(spec.database)) {
            std::fprintf(stderr, "gatehoused: no system database at %s\n", qPrintable(spec.database));
            return 1;
        }
    } else {
        spec = ConnectionSpec::fromUrl(config.systemDb, &problem);
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "gatehoused: system_db: %s\n", qPrintable(problem));
            return 2;
        }
    }
    spec.statementTimeoutMs = qMax(config.dbStatementTimeoutMs, 600000);
    qint64 deleted = -1;
    {
        QSqlDatabase db = DbExecutor::openConnection(spec, command, &problem);
        if (problem.isEmpty()) {
            if (!db.tables().contains(table))
                problem = QStringLiteral("the system database has no %1 table yet (start gatehoused once to "
                                         "upgrade it)")
                              .arg(table);
            else
                deleted = LogRetention::prune(db, table, olderThanDays, &problem);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(command);
    if (deleted < 0) {
        std::fprintf(stderr, "gatehoused: %s failed: %s\n", qPrintable(command), qPrintable(problem));
        return 1;
    }
    print(QStringLiteral("pruned %1 %2 older than %3 days").arg(deleted).arg(noun).arg(olderThanDays));
    return 0;
}
} // namespace gatehouse
