#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// The gatehoused binary as an operator meets it: command line, first start, config precedence.
class TestDaemon : public QObject
{
    Q_OBJECT

    QString m_binary = qEnvironmentVariable("GATEHOUSED");

    static QProcessEnvironment cleanEnvironment()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys())
            if (key.startsWith(QLatin1String("GATEHOUSE_")))
                env.remove(key);
        return env;
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run run(const QStringList &args, const QProcessEnvironment &env = cleanEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(m_binary, args);
        p.waitForFinished(30000);
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    static QByteArray httpPost(quint16 port, const QString &path, const QByteArray &body, int *status)
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = nam.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        delete reply;
        return answer;
    }

    // Starts `gatehoused serve` and waits until it says it is listening.
    bool startDaemon(QProcess &p, const QStringList &args, const QProcessEnvironment &env,
                     QString *firstLines)
    {
        p.setProcessEnvironment(env);
        p.start(m_binary, args);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            p.waitForReadyRead(200);
            *firstLines += QString::fromUtf8(p.readAllStandardOutput());
            if (firstLines->contains(QLatin1String("listening on")))
                break;
            if (p.state() == QProcess::NotRunning)
                return false;
        }
        // The generated-password line follows the listening line.
        p.waitForReadyRead(300);
        *firstLines += QString::fromUtf8(p.readAllStandardOutput());
        return firstLines->contains(QLatin1String("listening on"));
    }

    static bool stopDaemon(QProcess &p)
    {
        p.terminate();
        return p.waitForFinished(20000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(m_binary), "GATEHOUSED must point at the built daemon");
    }

    void versionAndHelp()
    {
        const Run version = run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.contains(QRegularExpression(QStringLiteral("^gatehoused \\d+\\.\\d+\\.\\d+"))),
                 qPrintable(version.out));
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *word : {"check", "--data-dir", "--listen", "--no-demo", "--config"})
            QVERIFY2(help.out.contains(QLatin1String(word)), word);
    }

    void badArgumentsAreClearErrors()
    {
        QTemporaryDir dir;
        const Run badListen = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                                   QStringLiteral("nonsense"), QStringLiteral("check")});
        QCOMPARE(badListen.exitCode, 2);
        QVERIFY2(badListen.err.contains(QLatin1String("listen must be HOST:PORT")),
                 qPrintable(badListen.err));
        const Run badCommand = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("frobnicate")});
        QCOMPARE(badCommand.exitCode, 2);
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("GATEHOUSE_JWT_TTL"), QStringLiteral("-5"));
        const Run badEnv = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("check")}, env);
        QCOMPARE(badEnv.exitCode, 2);
        QVERIFY(badEnv.err.contains(QLatin1String("jwt_ttl")));
    }

    void configPrecedence()
    {
        QTemporaryDir dir;
        QFile ini(dir.filePath(QStringLiteral("gatehouse.ini")));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[gatehouse]\nlisten = 127.0.0.1:1111\nmax_records = 77\n");
        ini.close();
        QProcessEnvironment env = cleanEnvironment();
        const QStringList check = {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("check")};
        QVERIFY(run(check, env).out.contains(QLatin1String("127.0.0.1:1111")));
        QVERIFY(run(check, env).out.contains(QLatin1String("\"max_records\": 77")));
        env.insert(QStringLiteral("GATEHOUSE_LISTEN"), QStringLiteral("127.0.0.1:2222"));
        QVERIFY(run(check, env).out.contains(QLatin1String("127.0.0.1:2222")));
        const Run cli = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                             QStringLiteral("127.0.0.1:3333"), QStringLiteral("check")},
                            env);
        QVERIFY2(cli.out.contains(QLatin1String("127.0.0.1:3333")), qPrintable(cli.out));
        QVERIFY(!cli.out.contains(QLatin1String("2222")));
        // The data folder can come from the environment too.
        QProcessEnvironment envDir = cleanEnvironment();
        envDir.insert(QStringLiteral("GATEHOUSE_DATA_DIR"), dir.path());
        QVERIFY(run({QStringLiteral("check")}, envDir).out.contains(QLatin1String("127.0.0.1:1111")));
    }

    void firstStartCheckAndRestart()
    {
        QTemporaryDir dir;
        const quint16 port = freePort();
        const QStringList args = {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                                  QStringLiteral("127.0.0.1:%1").arg(port)};

        const Run before = run(args + QStringList{QStringLiteral("check")});
        QCOMPARE(before.exitCode, 0);
        QVERIFY2(before.out.contains(QLatin1String("not created yet")), qPrintable(before.out));
        QVERIFY(before.out.contains(QLatin1String("free")));

        QProcess daemon;
        QString output;
        QVERIFY2(startDaemon(daemon, args, cleanEnvironment(), &output), qPrintable(output));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("First admin created: (\\S+) / (\\S+)")).match(output);
        QVERIFY2(m.hasMatch(), qPrintable(output));
        QCOMPARE(m.captured(1), QStringLiteral("admin@gatehouse.local"));
        const QString password = m.captured(2);
        QVERIFY(password.size() >= 16);

        int status = 0;
        const QByteArray login = httpPost(port, QStringLiteral("/api/v2/system/admin/session"),
                                          QJsonDocument(QJsonObject{{QStringLiteral("email"), m.captured(1)},
                                                                    {QStringLiteral("password"), password}})
                                              .toJson(),
                                          &status);
        QVERIFY2(status == 200, login.constData());
        QVERIFY(login.contains("session_token"));

        const Run during = run(args + QStringList{QStringLiteral("check")});
        QVERIFY2(during.out.contains(QLatin1String("schema version")), qPrintable(during.out));
        QVERIFY2(during.out.contains(QLatin1String("a Gatehouse is answering there")),
                 qPrintable(during.out));
        QVERIFY(stopDaemon(daemon));

        // The generated password is shown once: not on the next start, and it still works.
        QProcess again;
        QString secondOutput;
        QVERIFY2(startDaemon(again, args, cleanEnvironment(), &secondOutput), qPrintable(secondOutput));
        QVERIFY2(!secondOutput.contains(QLatin1String("First admin")), qPrintable(secondOutput));
        const QByteArray relogin =
            httpPost(port, QStringLiteral("/api/v2/system/admin/session"),
                     QJsonDocument(QJsonObject{{QStringLiteral("email"), m.captured(1)},
                                               {QStringLiteral("password"), password}})
                         .toJson(),
                     &status);
        QVERIFY2(status == 200, relogin.constData());
        QVERIFY(stopDaemon(again));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("demo.db"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("master.key"))));
        QCOMPARE(QFileInfo(dir.filePath(QStringLiteral("master.key"))).permissions() &
                     (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
    }

    void listenerInUseIsReported()
    {
        QTemporaryDir dir;
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        const QStringList args = {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--listen"),
                                  QStringLiteral("127.0.0.1:%1").arg(blocker.serverPort())};
        const Run check = run(args + QStringList{QStringLiteral("check")});
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.out.contains(QLatin1String("IN USE")), qPrintable(check.out));
        const Run serve = run(args + QStringList{QStringLiteral("--no-demo")});
        QCOMPARE(serve.exitCode, 1);
        QVERIFY2(serve.err.contains(QLatin1String("cannot listen")), qPrintable(serve.err));
    }
};

QTEST_GUILESS_MAIN(TestDaemon)
#include "tst_daemon.moc"
