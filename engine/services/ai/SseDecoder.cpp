#include "SseDecoder.h"

namespace gatehouse {

void SseDecoder::feed(const QByteArray &bytes, std::vector<SseEvent> &events)
{
    const char *p = bytes.constData();
    const qsizetype n = bytes.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (c != '\n' && c != '\r')
            continue;
        if (c == '\n' && m_afterCr && i == start && m_line.isEmpty()) {
            // The LF of a CRLF whose CR ended the previous line.
            m_afterCr = false;
            start = i + 1;
            continue;
        }
        m_line.append(p + start, i - start);
        line(m_line, events);
        m_line.clear();
        m_afterCr = c == '\r';
        start = i + 1;
    }
    if (start < n) {
        m_afterCr = false;
        if (m_line.size() < kMaxLine)
            m_line.append(p + start, qMin(n - start, kMaxLine - m_line.size()));
    }
}

void SseDecoder::finish(std::vector<SseEvent> &events)
{
    if (!m_line.isEmpty()) {
        line(m_line, events);
        m_line.clear();
    }
    dispatch(events);
    m_afterCr = false;
}

void SseDecoder::line(const QByteArray &text, std::vector<SseEvent> &events)
{
    if (text.isEmpty()) {
        dispatch(events);
        return;
    }
    if (text.startsWith(':'))
        return;
    const qsizetype colon = text.indexOf(':');
    const QByteArray field = colon < 0 ? text : text.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : text.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_pending.data.append('\n');
        m_pending.data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_pending.event = value;
    } else if (field == "id") {
        m_pending.id = value;
    }
}

void SseDecoder::dispatch(std::vector<SseEvent> &events)
{
    // Per the SSE specification an event without data is not dispatched.
    if (m_hasData)
        events.push_back(std::move(m_pending));
    m_pending = SseEvent();
    m_hasData = false;
}
} // namespace gatehouse
