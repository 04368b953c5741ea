#include "RoutineResource.h"

#include <spdlog/spdlog.h>

#include <QMap>
#include <QRegularExpression>

#include "NamedQuery.h"
#include "RoutineArguments.h"
#include "RoutineResult.h"
#include "RowFilter.h"
#include "SchemaJson.h"
#include "SqlRunner.h"
#include "core/ApiError.h"
#include "security/FieldMasker.h"
#include "security/Rbac.h"

namespace gatehouse {
namespace {

struct Target
{
    bool isFunction = false;
    QString prefix; // "_proc" or "_func"
    QString kindName;
    QString kindTitle;
};

Target targetFor(const QString &part)
{
    Target t;
    t.isFunction = part == QLatin1String("_func");
    t.prefix = part;
    t.kindName = t.isFunction ? QStringLiteral("function") : QStringLiteral("procedure");
    t.kindTitle = t.isFunction ? QStringLiteral("Function") : QStringLiteral("Procedure");
    return t;
}

const QHash<QString, RoutineSchema> &routinesOf(const SqlCall &call, const Target &target)
{
    return target.isFunction ? call.schema->functions : call.schema->procedures;
}

ApiError notFound(const Target &target, const QString &name)
{
    return ApiError::notFound(
        QStringLiteral("%1 \"%2\" does not exist in the database.").arg(target.kindTitle, name));
}

HttpResponse listResponse(const SqlCall &call, Json items)
{
    if (call.ctx.hasParam(QStringLiteral("wrap")) && !call.ctx.boolParam(QStringLiteral("wrap")))
        return HttpResponse::json(items);
    return HttpResponse::json(Json{{"resource", std::move(items)}});
}

HttpResponse list(SqlCall &call, const Target &target)
{
    const RequestContext &ctx = call.ctx;
    // Named queries first: a named query hides a database procedure of the same name.
    QMap<QString, Json> describes; // lower-case name -> describe (without access)
    QMap<QString, QString> names;
    for (const RoutineSchema &routine : routinesOf(call, target)) {
        names.insert(routine.name.toLower(), routine.name);
        describes.insert(routine.name.toLower(), SchemaJson::routine(routine));
    }
    if (!target.isFunction) {
        for (const NamedQuery &query : NamedQuery::fromConfig(call.config)) {
            names.insert(query.name.toLower(), query.name);
            describes.insert(query.name.toLower(), query.describe());
        }
    }
    const auto access = [&](const QString &name) {
        return ctx.allowedVerbs(call.serviceId, target.prefix + QLatin1Char('/') + name);
    };

    const QString ids = ctx.paramAny({"ids", "names"});
    if (!ids.isEmpty()) {
        Json items = Json::array();
        for (const QString &rawId : ids.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString id = rawId.trimmed();
            const auto it = describes.constFind(id.toLower());
            if (it == describes.constEnd())
                throw notFound(target, id);
            const QString name = names.value(id.toLower());
            const int mask = access(name);
            if (mask == 0)
                throw ApiError::forbidden(
                    QStringLiteral("Access Forbidden. GET access to component '%1/%2' of service "
                                   "'%3' is not allowed by this user's role.")
                        .arg(target.prefix, name, ctx.serviceName));
            Json item = it.value();
            item["access"] = verbNames(mask);
            items.push_back(std::move(item));
        }
        return listResponse(call, std::move(items));
    }

    const bool asList = ctx.boolParam(QStringLiteral("as_list"));
    const bool full = ctx.paramAny({"fields", "select"}) == QLatin1String("*");
    const bool includeAccess = ctx.boolParam(QStringLiteral("include_access")) || full;
    Json items = Json::array();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it) {
        const int mask = access(it.value());
        if (mask == 0)
            continue;
        if (asList) {
            items.push_back(it.value());
            continue;
        }
        Json item = full ? describes.value(it.key()) : Json{{"name", it.value()}};
        if (includeAccess)
            item["access"] = verbNames(mask);
        items.push_back(std::move(item));
    }
    return listResponse(call, std::move(items));
}

RoutineResult::Options resultOptions(const RequestContext &ctx)
{
    RoutineResult::Options options;
    options.wrapper = ctx.param(QStringLiteral("wrapper")).trimmed();
    options.returns = ctx.param(QStringLiteral("returns")).trimmed();
    if (ctx.body.is_object() && ctx.body.contains("schema") && ctx.body["schema"].is_object()) {
        options.columnTypes = ctx.body["schema"];
    } else if (ctx.request.hasQuery(QStringLiteral("schema"))) {
        options.columnTypes = parseJsonOrDiscarded(ctx.request.queryValue(QStringLiteral("schema")).toUtf8());
        if (!options.columnTypes.is_object())
            throw ApiError::badRequest(QStringLiteral("'schema' must be a JSON object of column types."));
    }
    return options;
}

// A named query or procedure runs SQL the row filters of the role's tables do not reach. A role
// with table filters on this service may call one only when a rule names it exactly
// (`_proc/{name}`), i.e. an admin decided this query is fit for the role; that rule's own
// filters then apply to the result rows.
void requireRoutineGrant(const SqlCall &call, const QString &component, const QString &title)
{
    const Session &session = call.ctx.session;
    if (session.isSysAdmin() || !session.role)
        return;
    if (!Rbac::hasTableFilters(*session.role, call.serviceId))
        return;
    if (Rbac::grantsExactly(*session.role, call.serviceId, component, call.ctx.verb, call.ctx.requestor))
        return;
    throw ApiError::forbidden(
        QStringLiteral("Access Forbidden. %1 is not available to this role: the role has row filters on "
                       "tables of service '%2' that it could bypass. An access rule naming '%3' itself "
                       "is needed.")
            .arg(title, call.ctx.serviceName, component));
}

void maskOutcome(const SqlCall &call, RoutineOutcome &outcome)
{
    const FieldMasker masker = FieldMasker::forService(call.ctx.session, call.serviceId);
    if (masker.isEmpty())
        return;
    for (Json &set : outcome.resultSets)
        masker.maskRows(set);
    masker.maskRecord(outcome.outParams);
}

HttpResponse callNamedQuery(SqlCall &call, const NamedQuery &query, const RoutineArguments &arguments)
{
    const SqlDialect::Kind kind = call.dialect.kind();
    QString sql;
    QStringList placeholders;
    QString error;
    const QString misconfigured = QStringLiteral("Named query '%1' is misconfigured.").arg(query.name);
    if (!NamedQuery::toPositional(query.sql, kind, &sql, &placeholders, &error)) {
        spdlog::error("named query '{}': {}", query.name.toStdString(), error.toStdString());
        throw ApiError::internal(misconfigured);
    }
    const QHash<QString, QVariant> values = query.bindValues(arguments, kind);
    QVariantList binds;
    for (const QString &placeholder : std::as_const(placeholders)) {
        const auto it = values.constFind(placeholder.toLower());
        if (it == values.constEnd()) {
            spdlog::error("named query '{}' uses :{} but does not declare it", query.name.toStdString(),
                          placeholder.toStdString());
            throw ApiError::internal(misconfigured);
        }
        binds << it.value();
    }
    const QString component = QStringLiteral("_proc/") + query.name;
    requireRoutineGrant(call, component, QStringLiteral("Named query '%1'").arg(query.name));
    const RowFilter filter = RowFilter::forComponent(call.ctx, call.serviceId, component, call.ctx.verb);
    if (filter.isActive()) {
        // The rule's filters apply to the result rows: the query becomes a subquery, so the
        // database filters with its own semantics and every value stays bound.
        static const QRegularExpression returnsRows(QStringLiteral("^\\s*(SELECT|WITH)\\b"),
                                                    QRegularExpression::CaseInsensitiveOption);
        if (!returnsRows.match(sql).hasMatch())
            throw ApiError::forbidden(
                QStringLiteral("Access Forbidden. The role's row filter on '%1' can only "
                               "apply to a named query that returns rows.")
                    .arg(component));
        const SqlFragment condition = filter.sqlForResult(call.dialect);
        sql = QStringLiteral("SELECT * FROM (") + sql + QStringLiteral(") ") +
              call.dialect.quoteIdentifier(QStringLiteral("gh_nq")) + QStringLiteral(" WHERE ") +
              condition.sql;
        binds += condition.binds;
    }
    QSqlQuery q = SqlRunner::run(call.db, call.dialect, sql, binds,
                                 QStringLiteral("Failed to call procedure '%1'.").arg(query.name));
    RoutineOutcome outcome;
    if (q.isSelect())
        outcome.resultSets.append(SqlRunner::readRows(q));
    else
        outcome.outParams["affected_rows"] = q.numRowsAffected();
    maskOutcome(call, outcome);
    return HttpResponse::json(RoutineResult::shape(std::move(outcome), {}, resultOptions(call.ctx)));
}

// Matches the call's arguments to the routine's parameters. Returns false when a named
// argument matches no parameter (the cached signature may be stale).
bool matchArguments(const RoutineSchema &routine, const RoutineArguments &arguments, SqlDialect::Kind kind,
                    const Target &target, QList<RoutineArgument> *out, QString *unknown)
{
    out->clear();
    QList<const RoutineParam *> inputs;
    for (const RoutineParam &param : routine.params)
        if (param.paramType != QLatin1String("OUT"))
            inputs << &param;
    if (arguments.isPositional() && arguments.values().size() > inputs.size())
        throw ApiError::badRequest(QStringLiteral("Too many parameters for %1 '%2': it takes %3.")
                                       .arg(target.kindName, routine.name)
                                       .arg(inputs.size()));
    if (arguments.source() == RoutineArguments::Source::Body) {
        for (const QString &name : arguments.names()) {
            const bool known =
                std::any_of(routine.params.begin(), routine.params.end(), [&name](const RoutineParam &p) {
                    return p.name.compare(name, Qt::CaseInsensitive) == 0;
                });
            if (!known) {
                *unknown = name;
                return false;
            }
        }
    }
    for (const RoutineParam &param : routine.params) {
        RoutineArgument argument;
        argument.param = param;
        if (param.paramType != QLatin1String("OUT")) {
            const Json *given = nullptr;
            if (arguments.isPositional()) {
                const qsizetype index = inputs.indexOf(&param);
                if (index >= 0 && index < arguments.values().size())
                    given = &arguments.values()[index];
            } else if (!param.name.isEmpty()) {
                given = arguments.named(param.name);
            }
            if (given) {
                argument.provided = true;
                argument.value = RoutineArguments::convert(
                    *given, param.type, param.name.isEmpty() ? routine.name : param.name, kind);
            }
        }
        out->append(argument);
    }
    return true;
}

HttpResponse callRoutine(SqlCall &call, const Target &target, const QString &name,
                         const RoutineArguments &arguments)
{
    const auto find = [&]() -> const RoutineSchema * {
        const auto &routines = routinesOf(call, target);
        const auto it = routines.constFind(name.toLower());
        return it == routines.constEnd() ? nullptr : &it.value();
    };
    const RoutineSchema *routine = find();
    if (!routine)
        throw notFound(target, name);

    QList<RoutineArgument> matched;
    QString unknown;
    if (!matchArguments(*routine, arguments, call.dialect.kind(), target, &matched, &unknown)) {
        // DF answered stale-cache mismatches with empty results; re-read the signature once.
        if (call.reloadSchema)
            call.schema = call.reloadSchema();
        routine = find();
        if (!routine)
            throw notFound(target, name);
        if (!matchArguments(*routine, arguments, call.dialect.kind(), target, &matched, &unknown))
            throw ApiError::badRequest(QStringLiteral("Unknown parameter '%1' for %2 '%3'.")
                                           .arg(unknown, target.kindName, routine->name));
    }

    const QString component = target.prefix + QLatin1Char('/') + routine->name;
    requireRoutineGrant(call, component, QStringLiteral("%1 '%2'").arg(target.kindTitle, routine->name));
    const RowFilter filter = RowFilter::forComponent(call.ctx, call.serviceId, component, call.ctx.verb);

    const RoutineSchema current = *routine; // the schema may be replaced while the call runs
    RoutineOutcome outcome = call.dialect.callRoutine(call.db, current, matched);
    if (filter.isActive()) {
        // A procedure's result cannot be wrapped in SQL; its rows are filtered here instead,
        // and a row without the filtered field is left out.
        for (Json &set : outcome.resultSets) {
            Json kept = Json::array();
            for (Json &row : set)
                if (filter.matchesRow(row))
                    kept.push_back(std::move(row));
            set = std::move(kept);
        }
    }
    maskOutcome(call, outcome);
    QStringList outNames;
    for (const RoutineParam &param : current.params)
        if (param.paramType != QLatin1String("IN"))
            outNames << param.name;
    const bool unwrapRow = target.isFunction && current.returnType == QLatin1String("row");
    return HttpResponse::json(
        RoutineResult::shape(std::move(outcome), outNames, resultOptions(call.ctx), unwrapRow));
}
} // namespace

HttpResponse RoutineResource::handle(SqlCall &call)
{
    const RequestContext &ctx = call.ctx;
    QStringList parts = ctx.resourceParts;
    while (!parts.isEmpty() && parts.last().isEmpty())
        parts.removeLast();
    if (parts.isEmpty() ||
        (parts.first() != QLatin1String("_proc") && parts.first() != QLatin1String("_func")))
        throw ApiError::notFound(
            QStringLiteral("Resource '%1' not found for service '%2'.").arg(ctx.resource, ctx.serviceName));
    const Target target = targetFor(parts.first());
    // ?refresh=true is handled by SqlService, which hands over a freshly read schema.

    const QByteArray &method = ctx.method;
    if (parts.size() == 1) {
        if (method == "GET" || method == "HEAD")
            return list(call, target);
        if (method == "POST")
            throw ApiError::badRequest(
                QStringLiteral("Name the %1 to call: %2/{name}.").arg(target.kindName, target.prefix));
        throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb for this resource."));
    }
    if (method != "GET" && method != "POST" && method != "HEAD")
        throw ApiError::methodNotAllowed(QStringLiteral("Invalid or unsupported verb for this resource."));

    // "name(1,abc)": inline positional arguments. The path may have been split inside them.
    const QString component = parts.mid(1).join(QLatin1Char('/'));
    QString name = component;
    QString inlineArgs;
    bool hasInline = false;
    const qsizetype open = component.indexOf(QLatin1Char('('));
    if (open > 0) {
        const qsizetype close = component.lastIndexOf(QLatin1Char(')'));
        if (close < open)
            throw ApiError::badRequest(
                QStringLiteral("Unbalanced parentheses in the %1 call.").arg(target.kindName));
        name = component.left(open).trimmed();
        inlineArgs = component.mid(open + 1, close - open - 1);
        hasInline = true;
    }
    if (name.contains(QLatin1Char('/')))
        throw notFound(target, name);
    const RoutineArguments arguments = RoutineArguments::fromRequest(ctx, inlineArgs, hasInline);

    if (!target.isFunction)
        if (const auto query = NamedQuery::find(call.config, name))
            return callNamedQuery(call, *query, arguments);
    return callRoutine(call, target, name, arguments);
}
} // namespace gatehouse
