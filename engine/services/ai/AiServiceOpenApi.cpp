// AiService's OpenAPI description lives apart from the service so endpoints can be added to
// docs/AiServiceDocs (a table of operations) without touching the service itself.
#include "AiService.h"
#include "services/docs/AiServiceDocs.h"

namespace gatehouse {

Json AiService::openApi(const RequestContext &caller, bool expand) const
{
    Q_UNUSED(caller);
    Q_UNUSED(expand);
    return AiServiceDocs::openApi(*this);
}
} // namespace gatehouse
