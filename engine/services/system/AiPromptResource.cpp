#include "AiPromptResource.h"

namespace gatehouse {

AiPromptResource::AiPromptResource(SystemStore &store)
    : LogRecordResource(store, QStringLiteral("ai_prompt"), QStringLiteral("ai_prompt_log"),
                        {
                            {QStringLiteral("id"), FieldType::Integer, false},
                            {QStringLiteral("created_date"), FieldType::Date, false},
                            {QStringLiteral("request_id"), FieldType::String, false},
                            {QStringLiteral("service_id"), FieldType::Integer, false},
                            {QStringLiteral("user_id"), FieldType::Integer, false},
                            {QStringLiteral("model"), FieldType::String, false},
                            {QStringLiteral("prompt"), FieldType::Text, false},
                            {QStringLiteral("response"), FieldType::Text, false},
                        },
                        {QStringLiteral("The AI prompt log is read-only; records are pruned by retention "
                                        "(ai_prompt_retention_days)."),
                         true})
{
}
} // namespace gatehouse
