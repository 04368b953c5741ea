#pragma once

#include "LogRecordResource.h"

namespace gatehouse {

// /system/ai_prompt: the prompts and responses of LLM calls (when prompt logging is on),
// read-only, filtered and paged like /system/audit. The content is sensitive (it can hold
// whatever users typed and the data the model saw), so only system admins may read it, even
// when a role grants `ai_prompt`.
class AiPromptResource : public LogRecordResource
{
public:
    explicit AiPromptResource(SystemStore &store);
};
} // namespace gatehouse
