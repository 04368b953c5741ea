#include "EventScriptNames.h"

#include <algorithm>

#include <QRegularExpression>
#include <QSet>

#include "services/RequestContext.h"

namespace gatehouse {
namespace {

const char *const kVerbs[] = {"get", "post", "put", "patch", "delete"};

QString join(const QString &service, const QStringList &segments, const QString &verb, const QString &phase)
{
    QStringList all{service};
    all << segments << verb << phase;
    return all.join(QLatin1Char('.'));
}

bool isNumeric(const QString &text)
{
    bool ok = false;
    text.toLongLong(&ok);
    return ok;
}
} // namespace

QString EventScriptNames::phaseName(Phase phase)
{
    return phase == Phase::PreProcess ? QStringLiteral("pre_process") : QStringLiteral("post_process");
}

QString EventScriptNames::placeholderFor(const QString &container)
{
    if (container == QLatin1String("_table") || container == QLatin1String("_schema"))
        return QStringLiteral("{table_name}");
    if (container == QLatin1String("_proc"))
        return QStringLiteral("{procedure_name}");
    if (container == QLatin1String("_func"))
        return QStringLiteral("{function_name}");
    return QString();
}

EventScriptNames::Candidates EventScriptNames::forRequest(const RequestContext &context, Phase phase)
{
    return forRequest(context.serviceName, context.resourceParts, context.method, phase);
}

EventScriptNames::Candidates EventScriptNames::forRequest(const QString &service,
                                                          const QStringList &resourceParts,
                                                          const QByteArray &method, Phase phase)
{
    Candidates out;
    QStringList parts;
    for (const QString &part : resourceParts)
        if (!part.isEmpty())
            parts << part;
    const QString verb = QString::fromLatin1(method).toLower();
    const QString suffix = phaseName(phase);
    switch (parts.size()) {
    case 0:
        out.names << join(service, {}, verb, suffix);
        break;
    case 1:
        out.names << join(service, parts, verb, suffix);
        out.resource = parts.first();
        break;
    case 2:
    case 3: {
        const QString placeholder = placeholderFor(parts.first());
        if (!placeholder.isEmpty()) {
            // db._table.{table_name}[.{id}] then db._table.orders[.{id}]
            QStringList generic{parts.first(), placeholder};
            QStringList specific{parts.first(), parts.at(1)};
            if (parts.size() == 3) {
                const QString leaf = parts.first() == QLatin1String("_schema")
                                         ? QStringLiteral("{field_name}")
                                         : QStringLiteral("{id}");
                generic << leaf;
                specific << leaf;
                out.resource = parts.at(2);
            } else {
                out.resource = parts.at(1);
            }
            out.names << join(service, generic, verb, suffix) << join(service, specific, verb, suffix);
        } else if (parts.size() == 2) {
            // system.user.{id}; named sub-resources (system.admin.session) keep their name.
            if (isNumeric(parts.at(1))) {
                out.names << join(service, {parts.first(), QStringLiteral("{id}")}, verb, suffix);
                out.resource = parts.at(1);
            } else {
                out.names << join(service, parts, verb, suffix);
                out.resource = parts.join(QLatin1Char('/'));
            }
        }
        break;
    }
    default:
        break; // deeper paths fire no event
    }
    return out;
}

QStringList EventScriptNames::forComponents(const QString &service, const QStringList &components)
{
    QSet<QString> paths; // dotted paths below the service ("" for the root)
    for (const QString &component : components) {
        if (component == QLatin1String("*"))
            continue;
        const QStringList parts = component.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.isEmpty()) {
            paths.insert(QString());
            continue;
        }
        const QString container = parts.first();
        const QString placeholder = placeholderFor(container);
        const bool templated = parts.size() == 2 && parts.at(1) == QLatin1String("*");
        if (parts.size() == 1) {
            paths.insert(container);
        } else if (parts.size() == 2) {
            if (placeholder.isEmpty()) {
                if (templated)
                    paths.insert(container + QStringLiteral(".{id}"));
                else
                    paths.insert(container + QLatin1Char('.') + parts.at(1));
                continue;
            }
            const QString item = container + QLatin1Char('.') + (templated ? placeholder : parts.at(1));
            paths.insert(item);
            if (container == QLatin1String("_table"))
                paths.insert(item + QStringLiteral(".{id}"));
        }
    }
    QStringList names;
    for (const QString &path : paths)
        for (const char *verb : kVerbs)
            for (Phase phase : {Phase::PreProcess, Phase::PostProcess})
                names << join(service, path.isEmpty() ? QStringList() : QStringList{path},
                              QLatin1String(verb), phaseName(phase));
    std::sort(names.begin(), names.end());
    return names;
}

bool EventScriptNames::isValid(const QString &name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[_0-9a-z\\-]+(\\.[^./"
                       "\\s]{1,255}){0,3}\\.(get|post|put|patch|delete)\\.(pre_process|post_process)$"));
    return name.size() <= 512 && pattern.match(name).hasMatch();
}
} // namespace gatehouse
