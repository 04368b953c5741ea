#include "AuditResource.h"

namespace gatehouse {

AuditResource::AuditResource(SystemStore &store)
    : LogRecordResource(store, QStringLiteral("audit"), QStringLiteral("audit_log"),
                        {
                            {QStringLiteral("id"), FieldType::Integer, false},
                            {QStringLiteral("created_date"), FieldType::Date, false},
                            {QStringLiteral("event"), FieldType::String, false},
                            {QStringLiteral("request_id"), FieldType::String, false},
                            {QStringLiteral("client_ip"), FieldType::String, false},
                            {QStringLiteral("user_id"), FieldType::Integer, false},
                            {QStringLiteral("user_email"), FieldType::String, false},
                            {QStringLiteral("app_id"), FieldType::Integer, false},
                            {QStringLiteral("app_name"), FieldType::String, false},
                            {QStringLiteral("role_id"), FieldType::Integer, false},
                            {QStringLiteral("role_name"), FieldType::String, false},
                            {QStringLiteral("service"), FieldType::String, false},
                            {QStringLiteral("component"), FieldType::String, false},
                            {QStringLiteral("verb"), FieldType::String, false},
                            {QStringLiteral("path"), FieldType::String, false},
                            {QStringLiteral("status"), FieldType::Integer, false},
                            {QStringLiteral("duration_ms"), FieldType::Integer, false},
                            {QStringLiteral("bytes_in"), FieldType::Integer, false},
                            {QStringLiteral("bytes_out"), FieldType::Integer, false},
                            {QStringLiteral("params"), FieldType::Json, false},
                            {QStringLiteral("user_agent"), FieldType::String, false},
                            {QStringLiteral("error_message"), FieldType::Text, false},
                        },
                        {QStringLiteral("The audit log is read-only; records are pruned by retention "
                                        "(audit_retention_days) or `gatehoused prune-audit-logs`."),
                         false})
{
}
} // namespace gatehouse
