#include "MockProvider.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>

#include "ChildProcess.h"

namespace gatehouse::test {

QString MockProvider::nodeProgram()
{
    const QString fromEnv = qEnvironmentVariable("GATEHOUSE_NODE");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString fromBuild = QStringLiteral(GATEHOUSE_NODE_PATH);
    if (!fromBuild.isEmpty() && !fromBuild.endsWith(QLatin1String("NOTFOUND")))
        return fromBuild;
    return QStandardPaths::findExecutable(QStringLiteral("node"));
}

MockProvider::~MockProvider()
{
    stop();
}

bool MockProvider::start()
{
    const QString node = nodeProgram();
    if (node.isEmpty()) {
        m_error = QStringLiteral("node not found (install nodejs or set GATEHOUSE_NODE)");
        return false;
    }
    // The mock's own diagnostics belong in the test log.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(
        node, {QStringLiteral(GATEHOUSE_MOCK_LLM_SCRIPT), QStringLiteral("--port"), QStringLiteral("0")});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("could not start %1: %2").arg(node, m_process.errorString());
        return false;
    }
    QByteArray out;
    if (const auto port = ChildProcess::waitForLine(m_process, "MOCK_LLM_PORT=", 15000, &out))
        m_port = port->toUShort();
    if (m_port == 0) {
        m_error = QStringLiteral("the mock did not report its port; output: %1").arg(QString::fromUtf8(out));
        stop();
        return false;
    }
    return true;
}

void MockProvider::stop()
{
    ChildProcess::stop(m_process);
    m_port = 0;
}

QString MockProvider::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

bool MockProvider::script(const Json &steps)
{
    return control("POST", QStringLiteral("/__mock/script"), steps).is_object();
}

bool MockProvider::script(const QString &path, const Json &steps)
{
    return control("POST", QStringLiteral("/__mock/script"),
                   Json{{"path", path.toStdString()}, {"steps", steps}})
        .is_object();
}

bool MockProvider::configure(const Json &config)
{
    return control("POST", QStringLiteral("/__mock/config"), config).is_object();
}

Json MockProvider::requests(const QString &path)
{
    QString target = QStringLiteral("/__mock/requests");
    if (!path.isEmpty())
        target += QStringLiteral("?path=") + QString::fromUtf8(QUrl::toPercentEncoding(path));
    Json list = control("GET", target);
    return list.is_array() ? list : Json::array();
}

bool MockProvider::reset()
{
    return control("POST", QStringLiteral("/__mock/reset"), Json{{"config", true}}).is_object();
}

Json MockProvider::control(const QByteArray &method, const QString &path, const Json &body)
{
    if (m_port == 0)
        return nullptr;
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(baseUrl() + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QByteArray payload = body.is_null() ? QByteArray() : QByteArray::fromStdString(body.dump());
    QNetworkReply *reply = manager.sendCustomRequest(request, method, payload);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    Json result = nullptr;
    if (reply->isFinished() && reply->error() == QNetworkReply::NoError)
        result = Json::parse(reply->readAll().toStdString(), nullptr, false);
    else
        reply->abort();
    reply->deleteLater();
    return result.is_discarded() ? Json(nullptr) : result;
}

int MockProvider::runOpenAiInterop(const QString &openAiBaseUrl, const QString &apiKey,
                                   const QString &chatModel, const QString &embeddingModel,
                                   QByteArray *output, int timeoutMs)
{
    const QString dir = QStringLiteral(GATEHOUSE_INTEROP_DIR);
    if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/openai/package.json")))
        return kNotInstalled;
    const QString node = nodeProgram();
    if (node.isEmpty() || m_port == 0)
        return -1;
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("INTEROP_BASE_URL"), openAiBaseUrl);
    env.insert(QStringLiteral("GATEHOUSE_URL"), openAiBaseUrl);
    env.insert(QStringLiteral("GATEHOUSE_API_KEY"), apiKey);
    env.insert(QStringLiteral("MOCK_LLM_URL"), baseUrl());
    process.setProcessEnvironment(env);
    // An event loop, not waitForFinished: the gateway under test may live on this thread.
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(node, {dir + QStringLiteral("/openai-dropin.mjs"), chatModel, embeddingModel});
    loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        if (output)
            *output = process.readAll() + "\n(interop script timed out)";
        return -1;
    }
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace gatehouse::test
