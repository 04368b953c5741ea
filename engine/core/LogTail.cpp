#include "LogTail.h"

#include <algorithm>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <vector>

#include "Logging.h"

namespace gatehouse {
namespace {

class LogTailSink : public spdlog::sinks::base_sink<std::mutex>
{
protected:
    void sink_it_(const spdlog::details::log_msg &message) override
    {
        spdlog::memory_buf_t formatted;
        formatter_->format(message, formatted);
        QString text = QString::fromUtf8(formatted.data(), static_cast<qsizetype>(formatted.size()));
        while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
            text.chop(1);
        // A bounded ring needs bounded lines: a huge message (a driver dump) keeps its start.
        if (text.size() > LogTail::kMaxLineLength)
            text = text.left(LogTail::kMaxLineLength) + QStringLiteral(" …");
        const auto level = spdlog::level::to_string_view(message.level);
        LogTail::Line line;
        line.timeMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(message.time.time_since_epoch()).count();
        line.level = QString::fromUtf8(level.data(), static_cast<qsizetype>(level.size()));
        line.text = std::move(text);
        LogTail::instance().append(std::move(line));
    }
    void flush_() override {}
};

std::shared_ptr<LogTailSink> &sink()
{
    static auto instance = [] {
        auto created = std::make_shared<LogTailSink>();
        created->set_formatter(Logging::formatter());
        return created;
    }();
    return instance;
}
} // namespace

LogTail &LogTail::instance()
{
    static LogTail tail;
    return tail;
}

void LogTail::install()
{
    static std::mutex installing;
    const std::lock_guard lock(installing);
    auto current = spdlog::default_logger();
    if (!current)
        return;
    const auto &sinks = current->sinks();
    if (std::find(sinks.begin(), sinks.end(), sink()) != sinks.end())
        return;
    // Other threads may be logging through the current logger, so its sink list is not
    // changed in place: a copy with the ring's sink replaces it as the default. The old one is
    // kept alive for callers still holding its raw pointer.
    static std::vector<std::shared_ptr<spdlog::logger>> retired;
    retired.push_back(current);
    std::vector<spdlog::sink_ptr> withTail(sinks.begin(), sinks.end());
    withTail.push_back(sink());
    auto replacement = std::make_shared<spdlog::logger>(current->name(), withTail.begin(), withTail.end());
    replacement->set_level(current->level());
    replacement->flush_on(current->flush_level());
    spdlog::set_default_logger(replacement);
}

void LogTail::append(Line line)
{
    const std::lock_guard lock(m_mutex);
    line.seq = m_nextSeq++;
    m_lines.push_back(std::move(line));
    while (m_lines.size() > static_cast<size_t>(kCapacity))
        m_lines.pop_front();
}

LogTail::Page LogTail::after(quint64 after, int limit) const
{
    const std::lock_guard lock(m_mutex);
    Page page;
    if (m_lines.empty())
        return page;
    page.firstSeq = m_lines.front().seq;
    page.lastSeq = m_lines.back().seq;
    page.truncated = after + 1 < page.firstSeq;
    // Sequence numbers are consecutive, so the first wanted line's index is arithmetic.
    size_t index = after < page.firstSeq ? 0 : static_cast<size_t>(after - page.firstSeq + 1);
    for (; index < m_lines.size() && page.lines.size() < limit; ++index)
        page.lines.append(m_lines[index]);
    return page;
}
} // namespace gatehouse
