#include "Service.h"

#include "docs/OpenApiBuilder.h"

namespace gatehouse {

Json Service::openApi(const RequestContext &caller, bool expand) const
{
    Q_UNUSED(caller);
    Q_UNUSED(expand);
    return Json{{"paths", OpenApiBuilder::genericPaths(*this)}};
}
} // namespace gatehouse
