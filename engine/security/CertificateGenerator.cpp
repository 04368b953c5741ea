#include "CertificateGenerator.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>

namespace gatehouse {
namespace {

template <typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BigNumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

void freeNames(GENERAL_NAMES *names)
{
    GENERAL_NAMES_free(names);
}
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, freeNames>>;

QString opensslError(const char *what)
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char text[256] = {};
    if (code)
        ERR_error_string_n(code, text, sizeof text);
    return code ? QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(text))
                : QLatin1String(what);
}

QByteArray bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(size));
}

bool addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const char *value)
{
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    return extension && X509_add_ext(cert, extension.get(), -1) == 1;
}

bool addAltNames(X509 *cert, const QStringList &hosts)
{
    NamesPtr names(sk_GENERAL_NAME_new_null());
    if (!names)
        return false;
    for (const QString &host : hosts) {
        GENERAL_NAME *name = GENERAL_NAME_new();
        if (!name)
            return false;
        if (QHostAddress(host).isNull()) {
            const QByteArray dns = host.toLower().toLatin1();
            ASN1_IA5STRING *value = ASN1_IA5STRING_new();
            if (!value || ASN1_STRING_set(value, dns.constData(), int(dns.size())) != 1) {
                ASN1_IA5STRING_free(value);
                GENERAL_NAME_free(name);
                return false;
            }
            GENERAL_NAME_set0_value(name, GEN_DNS, value);
        } else {
            ASN1_OCTET_STRING *value = a2i_IPADDRESS(host.toLatin1().constData());
            if (!value) {
                GENERAL_NAME_free(name);
                return false;
            }
            GENERAL_NAME_set0_value(name, GEN_IPADD, value);
        }
        if (!sk_GENERAL_NAME_push(names.get(), name)) {
            GENERAL_NAME_free(name);
            return false;
        }
    }
    return X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT) == 1;
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
               bool overwrite, QString *error)
{
    if (QFile::exists(path)) {
        if (!overwrite) {
            *error = QStringLiteral("%1 exists (use --force to replace it)").arg(path);
            return false;
        }
        if (!QFile::remove(path)) {
            *error = QStringLiteral("cannot replace %1").arg(path);
            return false;
        }
    }
    // NewOnly with explicit permissions creates the file with that mode atomically.
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions)) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.write(data) != data.size() || !file.flush()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        file.close();
        QFile::remove(path);
        return false;
    }
    file.close();
    return true;
}
} // namespace

bool CertificateGenerator::isValidHost(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    if (!QHostAddress(host).isNull())
        return true;
    static const QRegularExpression dns(
        QStringLiteral("^(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{"
                       "0,61}[A-Za-z0-9])?)*$"));
    return dns.match(host).hasMatch();
}

bool CertificateGenerator::generate(const Options &options, Result *result, QString *error)
{
    if (options.hosts.isEmpty()) {
        *error = QStringLiteral("at least one host name is needed");
        return false;
    }
    for (const QString &host : options.hosts) {
        if (!isValidHost(host)) {
            *error = QStringLiteral("'%1' is not a valid host name or IP address").arg(host);
            return false;
        }
    }
    if (options.days < 1 || options.days > 3650) {
        *error = QStringLiteral("days must be between 1 and 3650");
        return false;
    }
    ERR_clear_error();

    KeyPtr key(options.keyType == KeyType::Rsa2048 ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256"));
    if (!key) {
        *error = opensslError("cannot generate the key");
        return false;
    }
    CertPtr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1) {
        *error = opensslError("cannot create the certificate");
        return false;
    }
    // A random positive 127-bit serial: a re-generated certificate never repeats one that a
    // client may have cached.
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof serial) != 1) {
        *error = opensslError("no random numbers");
        return false;
    }
    serial[0] &= 0x7f;
    BigNumPtr serialNumber(BN_bin2bn(serial, sizeof serial, nullptr));
    if (!serialNumber || !BN_to_ASN1_INTEGER(serialNumber.get(), X509_get_serialNumber(cert.get()))) {
        *error = opensslError("cannot set the serial number");
        return false;
    }
    // Valid from an hour ago, so clients with a slightly slow clock accept it at once.
    if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_time_adj_ex(X509_getm_notAfter(cert.get()), options.days, 0, nullptr) ||
        X509_set_pubkey(cert.get(), key.get()) != 1) {
        *error = opensslError("cannot set the validity or public key");
        return false;
    }
    X509_NAME *subject = X509_get_subject_name(cert.get());
    const QByteArray commonName = options.hosts.first().left(64).toUtf8();
    if (X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>("Gatehouse"), -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char *>(commonName.constData()), -1, -1,
                                   0) != 1 ||
        X509_set_issuer_name(cert.get(), subject) != 1) {
        *error = opensslError("cannot set the subject");
        return false;
    }

    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
    // No keyUsage extension: one without keyCertSign makes OpenSSL stop treating the
    // certificate as self-issued (so it could not serve as its own trust anchor), and
    // keyCertSign on a non-CA certificate is invalid (RFC 5280). extendedKeyUsage still limits
    // it to TLS servers.
    if (!addExtension(cert.get(), &context, NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), &context, NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), &context, NID_subject_key_identifier, "hash") ||
        !addAltNames(cert.get(), options.hosts)) {
        *error = opensslError("cannot add the certificate extensions");
        return false;
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
        *error = opensslError("cannot sign the certificate");
        return false;
    }

    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        *error = opensslError("cannot encode the certificate");
        return false;
    }
    result->certificatePem = bioText(certBio.get());
    result->privateKeyPem = bioText(keyBio.get());
    return true;
}

bool CertificateGenerator::keyMatchesCertificate(const QByteArray &certificatePem,
                                                 const QByteArray &privateKeyPem, QString *error)
{
    ERR_clear_error();
    BioPtr certBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    BioPtr keyBio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())));
    CertPtr cert(certBio ? PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) {
        *error = opensslError("the certificate is not PEM");
        return false;
    }
    // An empty passphrase callback: an encrypted key fails here instead of prompting on a tty.
    KeyPtr key(keyBio ? PEM_read_bio_PrivateKey(
                            keyBio.get(), nullptr, [](char *, int, int, void *) { return 0; }, nullptr)
                      : nullptr);
    if (!key) {
        *error = opensslError("the private key is not an unencrypted PEM key");
        return false;
    }
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        *error = QStringLiteral("the private key does not belong to the certificate");
        return false;
    }
    return true;
}

bool CertificateGenerator::writeFiles(const Result &result, const QString &dir, bool overwrite,
                                      QString *certPath, QString *keyPath, QString *error)
{
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    const QDir folder(dir);
    *certPath = folder.absoluteFilePath(QStringLiteral("tls-cert.pem"));
    *keyPath = folder.absoluteFilePath(QStringLiteral("tls-key.pem"));
    if (!overwrite) {
        // Checked up front so a refusal leaves neither file half-replaced.
        for (const QString *path : {certPath, keyPath}) {
            if (QFile::exists(*path)) {
                *error = QStringLiteral("%1 exists (use --force to replace it)").arg(*path);
                return false;
            }
        }
    }
    return writeFile(*keyPath, result.privateKeyPem, QFileDevice::ReadOwner | QFileDevice::WriteOwner,
                     overwrite, error) &&
           writeFile(*certPath, result.certificatePem,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                         QFileDevice::ReadOther,
                     overwrite, error);
}
} // namespace gatehouse
