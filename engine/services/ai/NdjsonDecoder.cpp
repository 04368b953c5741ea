#include "NdjsonDecoder.h"

namespace gatehouse {

void NdjsonDecoder::feed(const QByteArray &bytes, std::vector<QByteArray> &lines)
{
    qsizetype start = 0;
    for (;;) {
        const qsizetype nl = bytes.indexOf('\n', start);
        if (nl < 0)
            break;
        m_line.append(bytes.constData() + start, nl - start);
        emitLine(lines);
        start = nl + 1;
    }
    if (start < bytes.size() && m_line.size() < kMaxLine)
        m_line.append(bytes.constData() + start, qMin(bytes.size() - start, kMaxLine - m_line.size()));
}

void NdjsonDecoder::finish(std::vector<QByteArray> &lines)
{
    emitLine(lines);
}

void NdjsonDecoder::emitLine(std::vector<QByteArray> &lines)
{
    QByteArray text = m_line.trimmed();
    m_line.clear();
    if (!text.isEmpty())
        lines.push_back(std::move(text));
}
} // namespace gatehouse
