#include "Logging.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <QtGlobal>

#include "LogContext.h"
#include "LogTail.h"

namespace gatehouse {
namespace {

void qtToSpdlog(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const std::string text = message.toStdString();
    switch (type) {
    case QtDebugMsg:
        spdlog::debug("qt: {}", text);
        break;
    case QtInfoMsg:
        spdlog::info("qt: {}", text);
        break;
    case QtWarningMsg:
        spdlog::warn("qt: {}", text);
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        spdlog::error("qt: {}", text);
        break;
    }
}

// `%*`: "[req <id>] " while the logging thread works for a request (see LogContext).
class RequestIdFlag : public spdlog::custom_flag_formatter
{
public:
    void format(const spdlog::details::log_msg &, const std::tm &, spdlog::memory_buf_t &dest) override
    {
        const std::string &id = LogContext::requestId();
        if (id.empty())
            return;
        static constexpr std::string_view prefix = "[req ";
        dest.append(prefix.data(), prefix.data() + prefix.size());
        dest.append(id.data(), id.data() + id.size());
        dest.push_back(']');
        dest.push_back(' ');
    }
    std::unique_ptr<custom_flag_formatter> clone() const override
    {
        return std::make_unique<RequestIdFlag>();
    }
};
} // namespace

void Logging::setup(const QString &level)
{
    // Logs go to stderr so that stdout stays clean for command output (`check`, `--version`).
    static bool installed = false;
    if (!installed) {
        auto logger = spdlog::stderr_color_mt("gatehouse");
        spdlog::set_default_logger(logger);
        spdlog::set_formatter(formatter());
        qInstallMessageHandler(qtToSpdlog);
        LogTail::install(); // before other threads log: start-up lines reach the console's tail
        installed = true;
    }
    spdlog::set_level(spdlog::level::from_str(level.toStdString()));
}

std::unique_ptr<spdlog::formatter> Logging::formatter()
{
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    formatter->add_flag<RequestIdFlag>('*').set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %*%v");
    return formatter;
}
} // namespace gatehouse
