#include "OidcIdentityMapper.h"

#include <QRegularExpression>

#include "OidcSettings.h"

namespace gatehouse {
namespace {
constexpr qsizetype kMaxValue = 1024;
constexpr qsizetype kMaxGroups = 500;

QString stringClaim(const Json &claims, const char *name)
{
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? it->get<QString>().left(kMaxValue) : QString();
}

QString asText(const Json &value)
{
    if (value.is_string())
        return value.get<QString>();
    if (value.is_array()) {
        QStringList parts;
        for (const Json &item : value)
            parts.append(item.is_string() ? item.get<QString>() : QString::fromStdString(item.dump()));
        return parts.join(QLatin1Char(','));
    }
    if (value.is_null())
        return QString();
    return QString::fromStdString(value.dump());
}
} // namespace

const Json *OidcIdentityMapper::claim(const Json &claims, const QString &name)
{
    if (!claims.is_object() || name.isEmpty())
        return nullptr;
    const std::string key = name.toStdString();
    if (const auto it = claims.find(key); it != claims.end())
        return &*it;
    if (!name.contains(QLatin1Char('.')))
        return nullptr;
    const Json *node = &claims;
    for (const QString &part : name.split(QLatin1Char('.'))) {
        if (!node->is_object())
            return nullptr;
        const auto it = node->find(part.toStdString());
        if (it == node->end())
            return nullptr;
        node = &*it;
    }
    return node;
}

QStringList OidcIdentityMapper::stringList(const Json *value)
{
    QStringList list;
    if (!value)
        return list;
    if (value->is_string()) {
        static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
        list = value->get<QString>().split(separators, Qt::SkipEmptyParts);
    } else if (value->is_array()) {
        for (const Json &item : *value) {
            if (item.is_string())
                list.append(item.get<QString>());
            else if (item.is_number())
                list.append(QString::fromStdString(item.dump()));
        }
    }
    for (QString &item : list)
        item = item.trimmed().left(kMaxValue);
    list.removeAll(QString());
    list.removeDuplicates();
    if (list.size() > kMaxGroups)
        list = list.mid(0, kMaxGroups);
    return list;
}

ExternalIdentity OidcIdentityMapper::map(const Json &claims, const OidcSettings &settings)
{
    ExternalIdentity identity;
    identity.subject = stringClaim(claims, "sub");

    const auto verified = claims.find("email_verified");
    const bool unverified =
        verified != claims.end() && ((verified->is_boolean() && !verified->get<bool>()) ||
                                     (verified->is_string() && verified->get<std::string>() == "false"));
    if (!unverified)
        identity.email = stringClaim(claims, "email");

    if (const Json *username = claim(claims, settings.usernameClaim); username && username->is_string())
        identity.username = username->get<QString>().left(kMaxValue);
    if (identity.username.isEmpty())
        identity.username = identity.email.isEmpty() ? identity.subject : identity.email;

    identity.name = stringClaim(claims, "name");
    identity.firstName = stringClaim(claims, "given_name");
    identity.lastName = stringClaim(claims, "family_name");
    identity.groups = stringList(claim(claims, settings.groupsClaim));

    for (auto it = settings.claims.constBegin(); it != settings.claims.constEnd(); ++it)
        if (const Json *value = claim(claims, it.value()))
            identity.attributes.insert(it.key(), asText(*value).left(kMaxValue));

    if (const auto scope = claims.find("scope"); scope != claims.end())
        identity.scopes = stringList(&*scope);
    else if (const auto scp = claims.find("scp"); scp != claims.end())
        identity.scopes = stringList(&*scp);
    return identity;
}
} // namespace gatehouse
