#pragma once

#include "RecordResource.h"

namespace gatehouse {

// A read-only log table (audit_log, ai_usage_log, ai_prompt_log) with the system tables' list
// semantics: filter, fields, order, limit/offset, include_count, ids, by id. What the log
// resources share beyond RecordResource: every verb but GET is refused (405) with a message
// that says how the log is pruned, and a log may be closed to anyone but system admins even
// when a role grants the resource (prompt content is sensitive).
class LogRecordResource : public RecordResource
{
public:
    struct Options
    {
        QString readOnlyMessage; // the 405 text
        bool adminsOnly = false; // refuse non-admins even when a role grants the resource
    };

    LogRecordResource(SystemStore &store, QString name, QString table, QList<Field> fields, Options options);

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done);

private:
    Options m_options;
};
} // namespace gatehouse
