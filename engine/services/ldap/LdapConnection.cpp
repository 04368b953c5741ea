#include "LdapConnection.h"

#include <ldap.h>

#include <QFile>
#include <QTemporaryFile>

namespace gatehouse {
namespace {
QString diagnostic(LDAP *ld)
{
    if (!ld)
        return QString();
    char *message = nullptr;
    if (ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) != LDAP_OPT_SUCCESS || !message)
        return QString();
    const QString text = QString::fromUtf8(message).trimmed();
    ldap_memfree(message);
    return text;
}

LdapConnection::Failure classify(int code)
{
    switch (code) {
    case LDAP_SUCCESS:
        return LdapConnection::Failure::None;
    case LDAP_INVALID_CREDENTIALS:
        return LdapConnection::Failure::InvalidCredentials;
    case LDAP_SERVER_DOWN:
    case LDAP_CONNECT_ERROR:
    case LDAP_UNAVAILABLE:
    case LDAP_BUSY:
        return LdapConnection::Failure::Unavailable;
    case LDAP_TIMEOUT:
    case LDAP_TIMELIMIT_EXCEEDED:
        return LdapConnection::Failure::Timeout;
    default:
        return LdapConnection::Failure::Refused;
    }
}

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}
} // namespace

LdapConnection::LdapConnection(const LdapConfig &config)
    : m_config(config)
{
}

LdapConnection::~LdapConnection()
{
    if (m_ld)
        ldap_unbind_ext_s(m_ld, nullptr, nullptr);
}

bool LdapConnection::fail(int code, const QString &what)
{
    m_code = code;
    m_failure = classify(code);
    if (m_failure == Failure::None)
        m_failure = Failure::Refused;
    QString text = what + QStringLiteral(": ") + QString::fromUtf8(ldap_err2string(code));
    const QString diag = diagnostic(m_ld);
    if (!diag.isEmpty() && !text.contains(diag) && diag != QLatin1String("(unknown error code)"))
        text += QStringLiteral(" (") + diag + QLatin1Char(')');
    if (m_config.tls() && m_failure == Failure::Unavailable)
        text += QStringLiteral(". If the directory is up, its TLS certificate was not accepted: it must "
                               "be issued for %1 by a CA the gateway trusts (see ca_certificate).")
                    .arg(m_config.host);
    m_error = text;
    return false;
}

bool LdapConnection::open()
{
    const QByteArray url = utf8(m_config.url());
    int rc = ldap_initialize(&m_ld, url.constData());
    if (rc != LDAP_SUCCESS || !m_ld) {
        m_ld = nullptr;
        return fail(rc == LDAP_SUCCESS ? LDAP_PARAM_ERROR : rc,
                    QStringLiteral("The directory address %1 is not usable").arg(m_config.url()));
    }
    const int version = LDAP_VERSION3;
    ldap_set_option(m_ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    // Referrals would send the user's password to whichever server the referral names.
    ldap_set_option(m_ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    struct timeval timeout;
    timeout.tv_sec = m_config.timeoutSeconds;
    timeout.tv_usec = 0;
    ldap_set_option(m_ld, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
    ldap_set_option(m_ld, LDAP_OPT_TIMEOUT, &timeout);

    if (m_config.tls()) {
        // Per handle, so one service's CA never leaks into another's trust.
        const int hard = LDAP_OPT_X_TLS_HARD;
        ldap_set_option(m_ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &hard);
        const int minimum = LDAP_OPT_X_TLS_PROTOCOL_TLS1_2;
        ldap_set_option(m_ld, LDAP_OPT_X_TLS_PROTOCOL_MIN, &minimum);
        QString caPath;
        if (!m_config.caCertificateFile.isEmpty()) {
            caPath = m_config.caCertificateFile;
        } else if (!m_config.caCertificatePem.isEmpty()) {
            // GnuTLS-built libldap reads CAs from files only (LDAP_OPT_X_TLS_CACERT is OpenSSL's).
            m_caFile = std::make_unique<QTemporaryFile>();
            if (!m_caFile->open() || m_caFile->write(m_config.caCertificatePem.toUtf8()) < 0 ||
                !m_caFile->flush()) {
                m_error = QStringLiteral("The CA certificate could not be written to a temporary file.");
                m_failure = Failure::Unavailable;
                m_code = LDAP_LOCAL_ERROR;
                return false;
            }
            caPath = m_caFile->fileName();
        } else if (QFile::exists(QStringLiteral("/etc/ssl/certs/ca-certificates.crt"))) {
            caPath = QStringLiteral("/etc/ssl/certs/ca-certificates.crt");
        }
        if (!caPath.isEmpty()) {
            const QByteArray path = caPath.toLocal8Bit();
            ldap_set_option(m_ld, LDAP_OPT_X_TLS_CACERTFILE, path.constData());
        }
        const int client = 0;
        rc = ldap_set_option(m_ld, LDAP_OPT_X_TLS_NEWCTX, &client);
        if (rc != LDAP_OPT_SUCCESS)
            return fail(rc, QStringLiteral("The TLS settings for %1 are not usable").arg(m_config.address()));
    }

    rc = ldap_connect(m_ld);
    if (rc != LDAP_SUCCESS)
        return fail(rc, QStringLiteral("Could not connect to the directory at %1").arg(m_config.address()));
    if (m_config.encryption == LdapConfig::Encryption::StartTls) {
        rc = ldap_start_tls_s(m_ld, nullptr, nullptr);
        if (rc != LDAP_SUCCESS)
            return fail(rc,
                        QStringLiteral("StartTLS with the directory at %1 failed").arg(m_config.address()));
    }
    return true;
}

bool LdapConnection::bind(const QString &dn, const QString &password)
{
    if (!m_ld)
        return fail(LDAP_PARAM_ERROR, QStringLiteral("Not connected"));
    if (!dn.isEmpty() && password.isEmpty()) {
        // Never sent: RFC 4513 §5.1.2 unauthenticated bind.
        m_code = LDAP_INVALID_CREDENTIALS;
        m_failure = Failure::InvalidCredentials;
        m_error = QStringLiteral("An empty password is not accepted.");
        return false;
    }
    const QByteArray dnBytes = utf8(dn);
    QByteArray secret = utf8(password);
    struct berval credentials;
    credentials.bv_val = secret.data();
    credentials.bv_len = ber_len_t(secret.size());
    const int rc = ldap_sasl_bind_s(m_ld, dn.isEmpty() ? nullptr : dnBytes.constData(), LDAP_SASL_SIMPLE,
                                    &credentials, nullptr, nullptr, nullptr);
    secret.fill('\0');
    if (rc != LDAP_SUCCESS)
        return fail(rc, dn.isEmpty() ? QStringLiteral("The anonymous bind failed")
                                     : QStringLiteral("The bind as %1 failed").arg(dn));
    return true;
}

bool LdapConnection::bindServiceAccount()
{
    return bind(m_config.bindDn, m_config.bindPassword);
}

std::optional<QList<LdapEntry>> LdapConnection::search(const QString &base, bool baseScope,
                                                       const QString &filter, const QStringList &attributes,
                                                       int sizeLimit, bool *truncated)
{
    if (truncated)
        *truncated = false;
    if (!m_ld) {
        fail(LDAP_PARAM_ERROR, QStringLiteral("Not connected"));
        return std::nullopt;
    }
    QList<QByteArray> attrBytes;
    for (const QString &a : attributes)
        attrBytes << utf8(a);
    std::vector<char *> attrs;
    for (QByteArray &a : attrBytes)
        attrs.push_back(a.data());
    if (attrs.empty())
        attrs.push_back(const_cast<char *>(LDAP_NO_ATTRS));
    attrs.push_back(nullptr);

    const QByteArray baseBytes = utf8(base);
    const QByteArray filterBytes = utf8(filter);
    struct timeval timeout;
    timeout.tv_sec = m_config.timeoutSeconds;
    timeout.tv_usec = 0;
    LDAPMessage *result = nullptr;
    const int rc = ldap_search_ext_s(
        m_ld, baseBytes.constData(), baseScope ? LDAP_SCOPE_BASE : LDAP_SCOPE_SUBTREE,
        filterBytes.constData(), attrs.data(), 0, nullptr, nullptr, &timeout, sizeLimit, &result);
    const std::unique_ptr<LDAPMessage, int (*)(LDAPMessage *)> guard(result, ldap_msgfree);
    if (rc == LDAP_SIZELIMIT_EXCEEDED) {
        if (truncated)
            *truncated = true;
    } else if (rc == LDAP_NO_SUCH_OBJECT && baseScope) {
        return QList<LdapEntry>();
    } else if (rc != LDAP_SUCCESS) {
        fail(rc, QStringLiteral("The search under %1 failed").arg(base));
        return std::nullopt;
    }
    QList<LdapEntry> entries;
    for (LDAPMessage *e = ldap_first_entry(m_ld, result); e; e = ldap_next_entry(m_ld, e)) {
        LdapEntry entry;
        if (char *dn = ldap_get_dn(m_ld, e)) {
            entry.dn = QString::fromUtf8(dn);
            ldap_memfree(dn);
        }
        BerElement *ber = nullptr;
        for (char *attr = ldap_first_attribute(m_ld, e, &ber); attr;
             attr = ldap_next_attribute(m_ld, e, ber)) {
            QStringList values;
            if (struct berval **vals = ldap_get_values_len(m_ld, e, attr)) {
                for (int i = 0; vals[i]; ++i)
                    values << QString::fromUtf8(vals[i]->bv_val, qsizetype(vals[i]->bv_len));
                ldap_value_free_len(vals);
            }
            entry.values.insert(QString::fromUtf8(attr).toLower(), values);
            ldap_memfree(attr);
        }
        if (ber)
            ber_free(ber, 0);
        entries << entry;
    }
    return entries;
}
} // namespace gatehouse
