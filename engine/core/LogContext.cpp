#include "LogContext.h"

namespace gatehouse {
namespace {
thread_local std::string t_requestId;
}

const std::string &LogContext::requestId()
{
    return t_requestId;
}

LogContext::Scope::Scope(const QString &requestId)
    : Scope(requestId.toStdString())
{
}

LogContext::Scope::Scope(std::string requestId)
    : m_previous(std::move(t_requestId))
{
    t_requestId = std::move(requestId);
}

LogContext::Scope::~Scope()
{
    t_requestId = std::move(m_previous);
}
} // namespace gatehouse
