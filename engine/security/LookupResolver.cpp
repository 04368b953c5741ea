#include "LookupResolver.h"

#include <QRegularExpression>

#include "AccessSnapshot.h"
#include "LookupSecrets.h"
#include "core/Version.h"

namespace gatehouse {
namespace {
// Modifiers nest at most this deep; deeper is refused as bad syntax rather than recursed into.
constexpr int kMaxModifierDepth = 8;

thread_local const LookupResolver *t_current = nullptr;

// `{expression}` where expression is a dotted key, optionally wrapped in modifiers; a lookup
// in single quotes ('{user.id}') is matched with its quotes so bind() can replace the whole
// SQL literal.
const QRegularExpression &lookupPattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        "'\\{(\\s*[A-Za-z_][A-Za-z0-9_.()\\s]*)\\}'|\\{(\\s*[A-Za-z_][A-Za-z0-9_.()\\s]*)\\}"));
    return pattern;
}

QString boolText(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}

// PHP 8's case functions change ASCII letters only; so do these, for identical results.
QChar asciiUpper(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ? QChar(c.unicode() - 32) : c;
}
QChar asciiLower(QChar c)
{
    return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ? QChar(c.unicode() + 32) : c;
}

bool isPhpTrimmed(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\r') || c == QChar(0) || c == QChar(0x0B);
}

QString urlEncode(const QString &text, bool raw)
{
    const QByteArray bytes = text.toUtf8();
    QByteArray out;
    static const char hex[] = "0123456789ABCDEF";
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '-' || c == '_' || c == '.' || (raw && c == '~');
        if (plain) {
            out += char(c);
        } else if (!raw && c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return QString::fromLatin1(out);
}

QString urlDecode(const QString &text, bool raw)
{
    QByteArray bytes = text.toUtf8();
    if (!raw)
        bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}
} // namespace

LookupResolver::LookupResolver(const Session &session, const LookupSecrets *secrets)
    : m_session(session)
    , m_secrets(secrets)
{
}

QStringList LookupResolver::modifiers()
{
    static const QStringList list{
        QStringLiteral("strtoupper"),    QStringLiteral("strtolower"),    QStringLiteral("ucfirst"),
        QStringLiteral("lcfirst"),       QStringLiteral("ucwords"),       QStringLiteral("urlencode"),
        QStringLiteral("urldecode"),     QStringLiteral("rawurlencode"),  QStringLiteral("rawurldecode"),
        QStringLiteral("base64_encode"), QStringLiteral("base64_decode"), QStringLiteral("trim")};
    return list;
}

std::optional<QString> LookupResolver::applyModifier(const QString &modifierIn, const QString &value)
{
    const QString modifier = modifierIn.toLower();
    QString out = value;
    if (modifier == QLatin1String("strtoupper")) {
        for (QChar &c : out)
            c = asciiUpper(c);
    } else if (modifier == QLatin1String("strtolower")) {
        for (QChar &c : out)
            c = asciiLower(c);
    } else if (modifier == QLatin1String("ucfirst")) {
        if (!out.isEmpty())
            out[0] = asciiUpper(out[0]);
    } else if (modifier == QLatin1String("lcfirst")) {
        if (!out.isEmpty())
            out[0] = asciiLower(out[0]);
    } else if (modifier == QLatin1String("ucwords")) {
        // PHP's default delimiters: space, tab, CR, LF, form feed, vertical tab.
        bool start = true;
        for (QChar &c : out) {
            if (start)
                c = asciiUpper(c);
            start = c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') ||
                    c == QLatin1Char('\n') || c == QLatin1Char('\f') || c == QLatin1Char('\v');
        }
    } else if (modifier == QLatin1String("urlencode")) {
        out = urlEncode(value, false);
    } else if (modifier == QLatin1String("rawurlencode")) {
        out = urlEncode(value, true);
    } else if (modifier == QLatin1String("urldecode")) {
        out = urlDecode(value, false);
    } else if (modifier == QLatin1String("rawurldecode")) {
        out = urlDecode(value, true);
    } else if (modifier == QLatin1String("base64_encode")) {
        out = QString::fromLatin1(value.toUtf8().toBase64());
    } else if (modifier == QLatin1String("base64_decode")) {
        // Like PHP's non-strict base64_decode, characters outside the alphabet are skipped.
        out = QString::fromUtf8(QByteArray::fromBase64(value.toLatin1()));
    } else if (modifier == QLatin1String("trim")) {
        qsizetype begin = 0;
        qsizetype end = out.size();
        while (begin < end && isPhpTrimmed(out.at(begin)))
            ++begin;
        while (end > begin && isPhpTrimmed(out.at(end - 1)))
            --end;
        out = out.mid(begin, end - begin);
    } else {
        return std::nullopt;
    }
    return out;
}

bool LookupResolver::isReservedName(const QString &name)
{
    for (const char *prefix : {"user.", "role.", "app.", "session.", "df."})
        if (name.startsWith(QLatin1String(prefix), Qt::CaseInsensitive))
            return true;
    return false;
}

bool LookupResolver::isValidName(const QString &name)
{
    // [A-Za-z_][A-Za-z0-9_.]*, by hand: row filters check every value of every request.
    const auto letter = [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_');
    };
    if (name.isEmpty() || !letter(name.front()))
        return false;
    for (const QChar c : name)
        if (!letter(c) && !(c >= QLatin1Char('0') && c <= QLatin1Char('9')) && c != QLatin1Char('.'))
            return false;
    return true;
}

const LookupResolver *LookupResolver::current()
{
    return t_current;
}

LookupResolver::RequestScope::RequestScope(const LookupResolver *resolver)
    : m_previous(t_current)
{
    t_current = resolver;
}

LookupResolver::RequestScope::~RequestScope()
{
    t_current = m_previous;
}

bool LookupResolver::isBuiltInUserKey(const QString &key)
{
    // Every key builtIn() answers for `user.` before it looks at directory attributes.
    static const QStringList keys{QStringLiteral("id"),
                                  QStringLiteral("email"),
                                  QStringLiteral("username"),
                                  QStringLiteral("name"),
                                  QStringLiteral("display_name"),
                                  QStringLiteral("first_name"),
                                  QStringLiteral("last_name"),
                                  QStringLiteral("is_sys_admin"),
                                  QStringLiteral("is_admin"),
                                  QStringLiteral("last_login_date"),
                                  QStringLiteral("ldap_username"),
                                  QStringLiteral("groups")};
    return keys.contains(key);
}

std::optional<QString> LookupResolver::builtIn(const QString &name) const
{
    const std::optional<User> &user = m_session.user;
    if (name.startsWith(QLatin1String("user."))) {
        if (!user)
            return std::nullopt;
        const QString key = name.mid(5);
        if (key == QLatin1String("id"))
            return QString::number(user->id);
        if (key == QLatin1String("email") || key == QLatin1String("username"))
            return user->email;
        if (key == QLatin1String("name") || key == QLatin1String("display_name"))
            return user->name;
        if (key == QLatin1String("first_name"))
            return user->firstName;
        if (key == QLatin1String("last_name"))
            return user->lastName;
        if (key == QLatin1String("is_sys_admin") || key == QLatin1String("is_admin"))
            return boolText(user->isSysAdmin);
        if (key == QLatin1String("last_login_date") && m_session.snapshot)
            return m_session.snapshot->lastLoginDates.value(user->id);
        // Directory and identity-provider users (ExternalIdentity): their sign-in name, groups
        // (comma-separated, as the source named them) and mapped attributes.
        if (key == QLatin1String("ldap_username"))
            return user->identityServiceId ? std::optional<QString>(user->directoryUsername) : std::nullopt;
        if (key == QLatin1String("groups"))
            return user->identityServiceId ? std::optional<QString>(user->groups.join(QLatin1Char(',')))
                                           : std::nullopt;
        if (const auto it = user->directoryAttributes.constFind(key);
            it != user->directoryAttributes.constEnd())
            return it.value();
        return std::nullopt;
    }
    if (name.startsWith(QLatin1String("role."))) {
        if (!m_session.role)
            return std::nullopt;
        if (name == QLatin1String("role.id"))
            return QString::number(m_session.role->id);
        if (name == QLatin1String("role.name"))
            return m_session.role->name;
        return std::nullopt;
    }
    if (name.startsWith(QLatin1String("app."))) {
        if (!m_session.app)
            return std::nullopt;
        if (name == QLatin1String("app.id"))
            return QString::number(m_session.app->id);
        if (name == QLatin1String("app.name"))
            return m_session.app->name;
        return std::nullopt;
    }
    if (name == QLatin1String("session.id"))
        return m_session.tokenId.isEmpty() ? std::nullopt : std::optional<QString>(m_session.tokenId);
    if (name == QLatin1String("df.name"))
        return QStringLiteral("Gatehouse");
    if (name == QLatin1String("df.version"))
        return QString::fromLatin1(kVersion);
    if (name == QLatin1String("df.api_version"))
        return QStringLiteral("2.0");
    return std::nullopt;
}

LookupResolver::Result LookupResolver::key(const QString &name, bool allowPrivate) const
{
    if (isReservedName(name)) {
        const std::optional<QString> value = builtIn(name);
        return value ? Result{Outcome::Resolved, *value} : Result{};
    }
    if (!m_session.snapshot)
        return {};
    std::optional<qint64> userId;
    std::optional<qint64> roleId;
    std::optional<qint64> appId;
    if (m_session.user)
        userId = m_session.user->id;
    if (m_session.role)
        roleId = m_session.role->id;
    if (m_session.app)
        appId = m_session.app->id;
    const LookupEntry *entry = m_session.snapshot->lookups.find(name, userId, roleId, appId);
    if (!entry)
        return {};
    if (!entry->isPrivate)
        return {Outcome::Resolved, entry->value};
    if (!allowPrivate || !m_secrets)
        return {Outcome::Private, QString()};
    const std::optional<QString> plain = m_secrets->open(entry->value);
    // A value sealed under another master key cannot be used; it is not passed on sealed.
    return plain ? Result{Outcome::Resolved, *plain} : Result{};
}

LookupResolver::Result LookupResolver::resolve(const QString &expressionIn, bool allowPrivate) const
{
    QString expression = expressionIn.trimmed();
    QStringList chain; // modifiers, outermost first
    while (expression.contains(QLatin1Char('('))) {
        const qsizetype open = expression.indexOf(QLatin1Char('('));
        if (chain.size() >= kMaxModifierDepth || !expression.endsWith(QLatin1Char(')')))
            return {Outcome::BadSyntax, QString()};
        const QString modifier = expression.left(open).trimmed();
        if (!modifiers().contains(modifier.toLower()))
            return {Outcome::BadSyntax, QString()};
        chain << modifier;
        expression = expression.mid(open + 1, expression.size() - open - 2).trimmed();
    }
    if (expression.contains(QLatin1Char(')')) || !isValidName(expression))
        return {Outcome::BadSyntax, QString()};
    Result result = key(expression, allowPrivate);
    if (!result.ok())
        return result;
    for (qsizetype i = chain.size() - 1; i >= 0; --i)
        result.value = *applyModifier(chain.at(i), result.value);
    return result;
}

std::optional<QString> LookupResolver::value(const QString &expression, bool allowPrivate) const
{
    const Result result = resolve(expression, allowPrivate);
    return result.ok() ? std::optional<QString>(result.value) : std::nullopt;
}

QString LookupResolver::substitute(const QString &text, bool allowPrivate) const
{
    if (!text.contains(QLatin1Char('{')))
        return text;
    QString out;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = lookupPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const bool quoted = match.capturedLength(1) > 0;
        const std::optional<QString> resolved = value(match.captured(quoted ? 1 : 2), allowPrivate);
        if (!resolved)
            continue;
        out += QStringView(text).mid(last, match.capturedStart() - last);
        out += quoted ? QLatin1Char('\'') + *resolved + QLatin1Char('\'') : *resolved;
        last = match.capturedEnd();
    }
    out += QStringView(text).mid(last);
    return out;
}

QString LookupResolver::bind(const QString &sql, QVariantList &binds, bool allowPrivate,
                             Unresolved unresolved) const
{
    if (!sql.contains(QLatin1Char('{')))
        return sql;
    QString out;
    qsizetype last = 0;
    // Whether the text before a match is inside a '...' literal. A lookup that is only part of a
    // literal ('id-{user.id}') cannot become a placeholder there, so it is left as written.
    bool inLiteral = false;
    qsizetype scanned = 0;
    QRegularExpressionMatchIterator it = lookupPattern().globalMatch(sql);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        for (; scanned < match.capturedStart(); ++scanned)
            if (sql.at(scanned) == QLatin1Char('\''))
                inLiteral = !inLiteral;
        scanned = match.capturedEnd();
        if (inLiteral)
            continue; // a quoted match holds two quotes, so the literal state is unchanged
        const bool quoted = match.capturedLength(1) > 0;
        const std::optional<QString> resolved = value(match.captured(quoted ? 1 : 2), allowPrivate);
        if (!resolved && unresolved == Unresolved::Keep)
            continue;
        out += QStringView(sql).mid(last, match.capturedStart() - last);
        out += QLatin1Char('?');
        // A null QString binds as SQL NULL; a resolved empty value must stay an empty string.
        binds.append(resolved ? QVariant(resolved->isNull() ? QString(QLatin1String("")) : *resolved)
                              : QVariant(QMetaType::fromType<QString>()));
        last = match.capturedEnd();
    }
    out += QStringView(sql).mid(last);
    return out;
}
} // namespace gatehouse
