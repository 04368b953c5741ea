#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace gatehouse {

// Makes a self-signed X.509 v3 server certificate and its private key with OpenSSL's libcrypto
// (Qt can read certificates but cannot create them). The certificate names every host in
// subjectAltName (DNS names and IP addresses), is not a CA (basicConstraints CA:FALSE, as
// browsers refuse CA certificates used as server certificates) and is valid for serverAuth.
// A client trusts it by adding the certificate itself as a trust anchor.
class CertificateGenerator
{
public:
    enum class KeyType
    {
        EcP256, // default: small, fast, supported by every TLS 1.2+ client
        Rsa2048 // for old clients without ECDSA
    };

    struct Options
    {
        QStringList hosts{QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
        int days = 365;
        KeyType keyType = KeyType::EcP256;
    };

    struct Result
    {
        QByteArray certificatePem;
        QByteArray privateKeyPem; // PKCS#8, unencrypted
    };

    // False with `error` set when a host name is invalid or libcrypto fails.
    static bool generate(const Options &options, Result *result, QString *error);

    // Writes `<dir>/tls-cert.pem` (0644) and `<dir>/tls-key.pem` (0600, created with that mode so
    // the key is never readable by others, even briefly). Existing files are kept unless
    // `overwrite`.
    static bool writeFiles(const Result &result, const QString &dir, bool overwrite, QString *certPath,
                           QString *keyPath, QString *error);

    // True when the first certificate in `certificatePem` carries the public half of
    // `privateKeyPem`; else false with `error` set. Lets the listener refuse a mismatched pair
    // at start-up instead of failing every handshake.
    static bool keyMatchesCertificate(const QByteArray &certificatePem, const QByteArray &privateKeyPem,
                                      QString *error);

    // A host as it may appear in subjectAltName: an IP literal, or a DNS name (optionally with a
    // leading "*." wildcard label).
    static bool isValidHost(const QString &host);
};
} // namespace gatehouse
