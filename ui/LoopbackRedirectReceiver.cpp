#include "LoopbackRedirectReceiver.h"

#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace gatehouse {
namespace {
// A redirect is one short GET; anything bigger is not one.
constexpr qsizetype kMaxRequest = 16 * 1024;

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}
} // namespace

LoopbackRedirectReceiver::LoopbackRedirectReceiver(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackRedirectReceiver::accept);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        stop();
        Q_EMIT failed(tr("The sign-in was not completed in time. Try again."));
    });
}

LoopbackRedirectReceiver::~LoopbackRedirectReceiver() = default;

QString LoopbackRedirectReceiver::newState()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool LoopbackRedirectReceiver::start(const QString &expectedState, int timeoutMs)
{
    stop();
    m_state = expectedState;
    m_error.clear();
    if (m_state.isEmpty()) {
        m_error = tr("A sign-in needs a state to check the answer against.");
        return false;
    }
    // Loopback only: the code must never be reachable from the network.
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        m_error = m_server->errorString();
        return false;
    }
    m_timeout->start(timeoutMs);
    return true;
}

void LoopbackRedirectReceiver::cancel()
{
    if (!isListening())
        return;
    stop();
    Q_EMIT failed(tr("The sign-in was cancelled."));
}

bool LoopbackRedirectReceiver::isListening() const
{
    return m_server->isListening();
}

QUrl LoopbackRedirectReceiver::redirectUri() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/callback").arg(m_server->serverPort()));
}

void LoopbackRedirectReceiver::stop()
{
    m_timeout->stop();
    m_server->close();
}

void LoopbackRedirectReceiver::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        // The page must reach the browser even when the dialog drops the receiver right after
        // the code arrived: the socket lives until it is closed (or a few seconds at most).
        socket->setParent(nullptr);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(10000, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readRequest(socket); });
    }
}

void LoopbackRedirectReceiver::readRequest(QTcpSocket *socket)
{
    if (socket->property("answered").toBool())
        return;
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    if (buffer.size() > kMaxRequest) {
        answer(socket, 400, tr("Sign-in failed"), tr("The request is too large."));
        return;
    }
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        socket->setProperty("buffer", buffer);
        return;
    }
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        answer(socket, 405, tr("Sign-in failed"), tr("Only the browser's redirect is expected here."));
        return;
    }
    const QUrl target(QStringLiteral("http://127.0.0.1") + QString::fromLatin1(requestLine.at(1)));
    if (target.path() != QLatin1String("/callback")) {
        answer(socket, 404, tr("Not found"), tr("Nothing here."));
        return;
    }
    // Form encoding: '+' is a space (a literal plus arrives as %2B).
    const QUrlQuery query(target.query(QUrl::FullyEncoded).replace(QLatin1Char('+'), QLatin1String("%20")));
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (!isListening() || state != m_state) {
        // Not the answer to this sign-in: refused, and the real one is still awaited.
        answer(socket, 400, tr("Sign-in failed"),
               tr("This answer does not belong to the sign-in the console started."));
        return;
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    stop();
    if (code.isEmpty()) {
        QString message = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded);
        if (message.isEmpty())
            message = error.isEmpty() ? tr("The identity provider sent no sign-in code.")
                                      : tr("The identity provider refused the sign-in (%1).").arg(error);
        answer(socket, 200, tr("Sign-in failed"),
               message + QLatin1Char(' ') + tr("You can close this window."));
        Q_EMIT failed(message);
        return;
    }
    answer(socket, 200, tr("Signed in"),
           tr("Gatehouse received your sign-in. You can close this window and return to the console."));
    Q_EMIT codeReceived(code);
}

void LoopbackRedirectReceiver::answer(QTcpSocket *socket, int status, const QString &title,
                                      const QString &text)
{
    socket->setProperty("answered", true);
    const QByteArray body =
        QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                       "</head><body><h1>%1</h1><p>%2</p></body></html>")
            .arg(escaped(title), escaped(text))
            .toUtf8();
    const char *reason = status == 200   ? "OK"
                         : status == 404 ? "Not Found"
                         : status == 405 ? "Method Not Allowed"
                                         : "Bad Request";
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    // The page holds nothing worth caching, and the code must not linger in a referrer.
    response += "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n";
    response += body;
    socket->write(response);
    socket->disconnectFromHost();
}
} // namespace gatehouse
