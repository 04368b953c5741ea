#include "LogTailResource.h"

#include <QDateTime>
#include <QTimeZone>

#include "core/ApiError.h"
#include "core/LogTail.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {
qint64 integerParam(const RequestContext &context, const QString &key, qint64 fallback, qint64 min,
                    qint64 max)
{
    if (!context.hasParam(key))
        return fallback;
    bool ok = false;
    const qint64 value = context.param(key).trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        throw ApiError::badRequest(QStringLiteral("Parameter '%1' must be a whole number from %2 to %3.")
                                       .arg(key)
                                       .arg(min)
                                       .arg(max));
    return value;
}
} // namespace

LogTailResource::LogTailResource()
{
    // The engine may run without Logging::setup (tests, embedding); the tail still fills.
    LogTail::install();
}

void LogTailResource::handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                             Service::Completion done) const
{
    if (context->verb != VerbGet)
        throw ApiError::methodNotAllowed(QStringLiteral("The log is read-only; use GET."));
    if (!path.isEmpty())
        throw ApiError::notFound(QStringLiteral("Resource 'log/%1' not found for service 'system'.")
                                     .arg(path.join(QLatin1Char('/'))));
    if (!context->session.isSysAdmin())
        throw ApiError::forbidden(QStringLiteral("Access Forbidden. Only system admins may read the log."));
    const qint64 after =
        integerParam(*context, QStringLiteral("after"), 0, 0, std::numeric_limits<qint64>::max());
    const int limit =
        static_cast<int>(integerParam(*context, QStringLiteral("limit"), kDefaultLimit, 1, kMaxLimit));
    const LogTail::Page page = LogTail::instance().after(static_cast<quint64>(after), limit);
    Json lines = Json::array();
    for (const LogTail::Line &line : page.lines)
        lines.push_back(
            Json{{"seq", line.seq},
                 {"time",
                  QDateTime::fromMSecsSinceEpoch(line.timeMs, QTimeZone::utc()).toString(Qt::ISODateWithMs)},
                 {"level", line.level},
                 {"line", line.text}});
    done(HttpResponse::json(Json{{"resource", std::move(lines)},
                                 {"first_seq", page.firstSeq},
                                 {"last_seq", page.lastSeq},
                                 {"truncated", page.truncated}}));
}
} // namespace gatehouse
