#include "Logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <QtGlobal>

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
} // namespace

void Logging::setup(const QString &level)
{
    // Logs go to stderr so that stdout stays clean for command output (`check`, `--version`).
    static bool installed = false;
    if (!installed) {
        auto logger = spdlog::stderr_color_mt("gatehouse");
        spdlog::set_default_logger(logger);
        spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
        qInstallMessageHandler(qtToSpdlog);
        installed = true;
    }
    spdlog::set_level(spdlog::level::from_str(level.toStdString()));
}
} // namespace gatehouse
