#include "TlsListener.h"

#include <spdlog/spdlog.h>

#include <QFile>
#include <QSslCipher>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

#include "HttpResponse.h"
#include "core/ApiError.h"
#include "security/CertificateGenerator.h"

namespace gatehouse {
namespace {

constexpr char kTlsHandshakeRecord = 0x16;

bool readFile(const QString &path, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

QList<QSslCipher> strongCiphers()
{
    // TLS 1.3 suites are all AEAD with ephemeral keys; from TLS 1.2 keep only (EC)DHE with
    // GCM or ChaCha20-Poly1305.
    QList<QSslCipher> strong;
    for (const QSslCipher &cipher : QSslConfiguration::supportedCiphers()) {
        const QString name = cipher.name();
        if (cipher.protocol() == QSsl::TlsV1_3 ||
            ((name.startsWith(QLatin1String("ECDHE-")) || name.startsWith(QLatin1String("DHE-"))) &&
             (name.contains(QLatin1String("GCM")) || name.contains(QLatin1String("CHACHA20")))))
            strong << cipher;
    }
    return strong;
}
} // namespace

TlsListener::TlsListener(QSslConfiguration configuration, int handshakeTimeoutMs, QObject *parent)
    : QTcpServer(parent)
    , m_configuration(std::move(configuration))
    , m_timeoutMs(handshakeTimeoutMs)
{
}

bool TlsListener::loadConfiguration(const QString &certPath, const QString &keyPath, QSslConfiguration *out,
                                    QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is configured but Qt's OpenSSL TLS backend is not available "
                                "(install libssl3; Debian ships the backend in libqt6network6)");
        return false;
    }
    QByteArray certPem;
    QByteArray keyPem;
    if (!readFile(certPath, &certPem, error) || !readFile(keyPath, &keyPem, error))
        return false;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(certPath);
        return false;
    }
    QString pairError;
    if (!CertificateGenerator::keyMatchesCertificate(certPem, keyPem, &pairError)) {
        *error = QStringLiteral("%1 / %2: %3").arg(certPath, keyPath, pairError);
        return false;
    }
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error =
            QStringLiteral("%1: the private key cannot be loaded (EC or RSA, unencrypted PEM)").arg(keyPath);
        return false;
    }
    if (chain.first().expiryDate() < QDateTime::currentDateTimeUtc())
        spdlog::warn("the TLS certificate {} expired on {}", certPath.toStdString(),
                     chain.first().expiryDate().toString(Qt::ISODate).toStdString());
    if (QFile::permissions(keyPath) & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        spdlog::warn("the TLS key {} is readable by other users; chmod 600 it", keyPath.toStdString());

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    const QList<QSslCipher> ciphers = strongCiphers();
    if (!ciphers.isEmpty())
        configuration.setCiphers(ciphers);
    *out = configuration;
    return true;
}

void TlsListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_handshakes >= kMaxHandshakes) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    ++m_handshakes;
    socket->setSslConfiguration(m_configuration);

    // Everything tied to the handshake hangs off this object: deleting it (on success or
    // failure) disconnects every handshake-time handler at once.
    auto *handshake = new QObject(socket);
    auto *timer = new QTimer(handshake);
    const auto end = [this, socket, handshake, timer] {
        // Only once: afterwards nothing is connected to `handshake` any more.
        timer->stop();
        QObject::disconnect(socket, nullptr, handshake, nullptr);
        QObject::disconnect(timer, nullptr, handshake, nullptr);
        handshake->deleteLater();
        --m_handshakes;
    };
    const auto drop = [socket, end] {
        end();
        socket->abort();
        socket->deleteLater();
    };
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, handshake, drop);
    timer->start(m_timeoutMs);

    connect(socket, &QSslSocket::readyRead, handshake,
            [this, socket, handshake] { sniff(socket, handshake); });
    connect(socket, &QSslSocket::encrypted, handshake, [this, socket, end] {
        end();
        addPendingConnection(socket);
        emit encryptedConnectionReady();
    });
    connect(socket, &QAbstractSocket::errorOccurred, handshake, [socket, drop](QAbstractSocket::SocketError) {
        spdlog::debug("TLS handshake with {} failed: {}", socket->peerAddress().toString().toStdString(),
                      socket->errorString().toStdString());
        drop();
    });
    connect(socket, &QSslSocket::sslErrors, handshake, drop);
    connect(socket, &QAbstractSocket::disconnected, handshake, drop);
}

void TlsListener::sniff(QSslSocket *socket, QObject *handshake)
{
    if (socket->mode() != QSslSocket::UnencryptedMode)
        return;
    char first = 0;
    // In unencrypted mode peek() leaves the bytes in the plain socket, so the TLS engine
    // still reads the whole ClientHello once the server handshake starts.
    if (socket->peek(&first, 1) != 1)
        return;
    if (first == kTlsHandshakeRecord) {
        socket->startServerEncryption();
        return;
    }
    const bool looksLikeHttp = (first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z');
    if (!looksLikeHttp) {
        socket->abort();
        return; // errorOccurred/disconnected do the rest
    }
    // From here the connection only has to say "use https" and close; it stays counted until
    // it is gone, and the handshake timer still bounds it.
    QObject::disconnect(socket, &QSslSocket::readyRead, handshake, nullptr);
    connect(socket, &QSslSocket::readyRead, handshake, [socket] { socket->readAll(); });
    refusePlainHttp(socket);
}

void TlsListener::refusePlainHttp(QSslSocket *socket)
{
    socket->readAll();
    const HttpResponse refusal = HttpResponse::fromError(
        ApiError(400, QStringLiteral("This port accepts HTTPS only. Use an https:// URL.")));
    QByteArray out = "HTTP/1.1 400 Bad Request\r\nContent-Type: ";
    out += refusal.contentType;
    out += "\r\nContent-Length: ";
    out += QByteArray::number(refusal.body.size());
    out += "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n";
    out += refusal.body;
    socket->write(out);
    socket->disconnectFromHost();
}
} // namespace gatehouse
