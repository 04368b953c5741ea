#include "Rbac.h"

#include <QRegularExpression>

namespace gatehouse {
namespace {

enum class Level
{
    None,
    AllServices,
    ServiceWide,
    Wildcard,
    Exact
};

Level matchLevel(const AccessRule &rule, qint64 serviceId, const QString &component)
{
    const QString ruleComponent = rule.component.toLower();
    if (!rule.serviceId)
        return ruleComponent == QLatin1String("*") || (ruleComponent.isEmpty() && component.isEmpty())
                   ? Level::AllServices
                   : Level::None;
    if (*rule.serviceId != serviceId)
        return Level::None;
    if (ruleComponent == component)
        return Level::Exact;
    if (ruleComponent == QLatin1String("*"))
        return Level::ServiceWide;
    const qsizetype star = ruleComponent.indexOf(QLatin1Char('*'));
    if (star > 0) {
        const QString prefix = ruleComponent.left(star);
        if (QString(component + QLatin1Char('/')).startsWith(prefix))
            return Level::Wildcard;
    }
    return Level::None;
}

// Calls `visit` with every rule at the most specific level that matches, and nothing else.
template <typename Visit>
void forMostSpecific(const Role &role, qint64 serviceId, const QString &component, int requestor, Visit visit)
{
    const QString normalized = Rbac::normalizeComponent(component);
    Level best = Level::None;
    for (const AccessRule &rule : role.rules) {
        if (!(rule.requestorMask & requestor))
            continue;
        best = std::max(best, matchLevel(rule, serviceId, normalized));
    }
    if (best == Level::None)
        return;
    for (const AccessRule &rule : role.rules) {
        if ((rule.requestorMask & requestor) && matchLevel(rule, serviceId, normalized) == best)
            if (!visit(rule))
                return;
    }
}
} // namespace

QString Rbac::normalizeComponent(const QString &component)
{
    static const QRegularExpression inlineArgs(QStringLiteral("\\([^)]*\\)"));
    QString c = component.toLower();
    if (c.contains(QLatin1Char('(')))
        c.remove(inlineArgs);
    while (c.endsWith(QLatin1Char('/')))
        c.chop(1);
    return c;
}

int Rbac::allowedVerbs(const Role &role, qint64 serviceId, const QString &component, int requestor)
{
    if (!role.isActive)
        return 0;
    int mask = 0;
    forMostSpecific(role, serviceId, component, requestor, [&mask](const AccessRule &rule) {
        mask |= rule.verbMask;
        return true;
    });
    return mask;
}

bool Rbac::isAllowed(const Session &session, qint64 serviceId, const QString &component, int verb,
                     int requestor)
{
    if (session.isSysAdmin())
        return true;
    if (!session.role)
        return false;
    return (allowedVerbs(*session.role, serviceId, component, requestor) & verb) != 0;
}

const AccessRule *Rbac::ruleFor(const Role &role, qint64 serviceId, const QString &component, int verb,
                                int requestor)
{
    const AccessRule *found = nullptr;
    forMostSpecific(role, serviceId, component, requestor, [&found, verb](const AccessRule &rule) {
        if (rule.verbMask & verb) {
            found = &rule;
            return false;
        }
        return true;
    });
    return found;
}

const AccessRule *Rbac::filterRule(const Session &session, qint64 serviceId, const QString &component,
                                   int verb, int requestor)
{
    if (session.isSysAdmin() || !session.role)
        return nullptr;
    const AccessRule *rule = ruleFor(*session.role, serviceId, component, verb, requestor);
    if (!rule || !rule->serviceId || !rule->filters.is_array() || rule->filters.empty())
        return nullptr;
    return rule;
}

bool Rbac::grantsExactly(const Role &role, qint64 serviceId, const QString &component, int verb,
                         int requestor)
{
    if (!role.isActive)
        return false;
    const QString normalized = normalizeComponent(component);
    for (const AccessRule &rule : role.rules)
        if ((rule.requestorMask & requestor) && (rule.verbMask & verb) &&
            matchLevel(rule, serviceId, normalized) == Level::Exact)
            return true;
    return false;
}

bool Rbac::hasTableFilters(const Role &role, qint64 serviceId)
{
    for (const AccessRule &rule : role.rules) {
        if (!rule.serviceId || *rule.serviceId != serviceId || !rule.filters.is_array() ||
            rule.filters.empty())
            continue;
        const QString component = rule.component.toLower();
        if (component == QLatin1String("*") || component.startsWith(QLatin1String("_table")))
            return true;
    }
    return false;
}
} // namespace gatehouse
