#pragma once

#include "AccessTypes.h"

namespace gatehouse {

// DreamFactory's component matching: the verb masks of every rule at the most specific
// matching level are ORed, and that level's result is final (exact > wildcard prefix >
// service-wide "*" > all services).
class Rbac
{
public:
    // Lower-cases the component and removes inline "(args)" as DF does before matching.
    static QString normalizeComponent(const QString &component);

    static int allowedVerbs(const Role &role, qint64 serviceId, const QString &component, int requestor);
    static bool isAllowed(const Session &session, qint64 serviceId, const QString &component, int verb,
                          int requestor);

    // The rule whose filters apply: the most specific matching rule that grants this verb.
    static const AccessRule *ruleFor(const Role &role, qint64 serviceId, const QString &component, int verb,
                                     int requestor);

    // The access row whose row filters bind this request, or nullptr when none do: sys-admins,
    // no role, or no row at the most specific level grants `verb`. Filters exist only on rows
    // that name a service, so a row without filters also gives nullptr.
    static const AccessRule *filterRule(const Session &session, qint64 serviceId, const QString &component,
                                        int verb, int requestor);
    // Whether the most specific rule granting `verb` names `component` exactly (not through a
    // wildcard or service-wide row). Named queries and procedures that bypass table filters need
    // such an explicit grant.
    static bool grantsExactly(const Role &role, qint64 serviceId, const QString &component, int verb,
                              int requestor);
    // Whether any row of `role` for `serviceId` carries row filters on tables (component "*",
    // "_table..." ), i.e. the role is meant to see only part of this service's rows.
    static bool hasTableFilters(const Role &role, qint64 serviceId);
};
} // namespace gatehouse
