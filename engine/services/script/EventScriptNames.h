#pragma once

#include <QString>
#include <QStringList>

namespace gatehouse {

struct RequestContext;

// DreamFactory's event names, `{service}.{path with / as .}.{verb}.{pre_process|post_process}`:
// a table-level call has a generic name (`db._table.{table_name}.get.pre_process`) and a
// specific one (`db._table.orders.get.pre_process`); a by-id call uses the literal `{id}`
// placeholder (`db._table.orders.{id}.get.pre_process`), the real id going to event.resource.
class EventScriptNames
{
public:
    enum class Phase
    {
        PreProcess,
        PostProcess
    };

    // What a request may fire in `phase`, in the order scripts run (generic, then specific), and
    // the value the placeholders stand for (event.resource). Empty for paths with no event (more
    // than three segments below the service).
    struct Candidates
    {
        QStringList names;
        QString resource;
    };
    static Candidates forRequest(const RequestContext &context, Phase phase);
    static Candidates forRequest(const QString &service, const QStringList &resourceParts,
                                 const QByteArray &method, Phase phase);

    // Every name a script may hook on `service`, from its RBAC components (Service::
    // accessComponents): both phases, every verb. Sorted.
    static QStringList forComponents(const QString &service, const QStringList &components);

    // A well-formed name: a service, at most three path segments, a verb and a phase.
    static bool isValid(const QString &name);
    static QString phaseName(Phase phase);
    // "{table_name}" below _table and _schema, "{procedure_name}" below _proc,
    // "{function_name}" below _func; empty for other resources (their sub-path is an {id}).
    static QString placeholderFor(const QString &container);
};
} // namespace gatehouse
