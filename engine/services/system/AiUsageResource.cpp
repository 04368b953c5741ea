#include "AiUsageResource.h"

namespace gatehouse {

AiUsageResource::AiUsageResource(SystemStore &store)
    : LogRecordResource(store, QStringLiteral("ai_usage"), QStringLiteral("ai_usage_log"),
                        {
                            {QStringLiteral("id"), FieldType::Integer, false},
                            {QStringLiteral("created_date"), FieldType::Date, false},
                            {QStringLiteral("request_id"), FieldType::String, false},
                            {QStringLiteral("service_id"), FieldType::Integer, false},
                            {QStringLiteral("service_name"), FieldType::String, false},
                            {QStringLiteral("provider"), FieldType::String, false},
                            {QStringLiteral("model"), FieldType::String, false},
                            {QStringLiteral("user_id"), FieldType::Integer, false},
                            {QStringLiteral("role_id"), FieldType::Integer, false},
                            {QStringLiteral("app_id"), FieldType::Integer, false},
                            {QStringLiteral("endpoint"), FieldType::String, false},
                            {QStringLiteral("stream"), FieldType::Boolean, false},
                            {QStringLiteral("input_tokens"), FieldType::Integer, false},
                            {QStringLiteral("output_tokens"), FieldType::Integer, false},
                            {QStringLiteral("cached_input_tokens"), FieldType::Integer, false},
                            {QStringLiteral("reasoning_tokens"), FieldType::Integer, false},
                            {QStringLiteral("cost"), FieldType::Number, false},
                            {QStringLiteral("estimated"), FieldType::Boolean, false},
                            {QStringLiteral("latency_ms"), FieldType::Integer, false},
                            {QStringLiteral("ttft_ms"), FieldType::Integer, false},
                            {QStringLiteral("status"), FieldType::String, false},
                            {QStringLiteral("http_status"), FieldType::Integer, false},
                            {QStringLiteral("error_message"), FieldType::Text, false},
                            {QStringLiteral("fallback_index"), FieldType::Integer, false},
                            {QStringLiteral("attempt"), FieldType::Integer, false},
                        },
                        {QStringLiteral("The AI usage log is read-only; records are pruned by retention "
                                        "(ai_usage_retention_days)."),
                         false})
{
}
} // namespace gatehouse
