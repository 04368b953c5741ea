#pragma once

#include <vector>

#include <QByteArray>

namespace gatehouse {

struct SseEvent
{
    QByteArray event; // "" when the event had no `event:` line
    QByteArray data;  // the data lines joined with "\n"
    QByteArray id;
};

// Reassembles Server-Sent Events from bytes split at any boundary. Lines end with LF, CRLF or a
// lone CR (a CRLF split across two feeds counts once); comments (":...") and unknown fields are
// skipped; several data lines join with "\n". finish() flushes an event that the upstream ended
// without the trailing blank line, as providers and proxies sometimes do.
class SseDecoder
{
public:
    // A single line longer than this is cut (memory stays bounded on a hostile upstream).
    static constexpr qsizetype kMaxLine = 16 * 1024 * 1024;

    void feed(const QByteArray &bytes, std::vector<SseEvent> &events);
    void finish(std::vector<SseEvent> &events);

private:
    void line(const QByteArray &text, std::vector<SseEvent> &events);
    void dispatch(std::vector<SseEvent> &events);

    QByteArray m_line;
    bool m_afterCr = false;
    SseEvent m_pending;
    bool m_hasData = false;
};
} // namespace gatehouse
