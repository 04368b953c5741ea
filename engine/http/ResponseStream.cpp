#include "ResponseStream.h"

namespace gatehouse {

ResponseStream::ResponseStream(QObject *parent)
    : QObject(parent)
{
}

void ResponseStream::write(const QByteArray &bytes)
{
    // After end() or cancel() nobody reads the buffer any more: dropping the bytes keeps a
    // producer that has not yet noticed the cancellation from growing memory without bound.
    if (bytes.isEmpty() || m_ended || m_cancelled)
        return;
    m_buffer.append(bytes);
    m_bytesWritten += bytes.size();
    emit dataAvailable();
}

void ResponseStream::end()
{
    if (m_ended || m_cancelled)
        return;
    m_ended = true;
    emit dataAvailable();
}

QByteArray ResponseStream::takeBuffered()
{
    return std::exchange(m_buffer, QByteArray());
}

void ResponseStream::cancel()
{
    if (m_ended || m_cancelled)
        return;
    m_cancelled = true;
    m_buffer.clear();
    emit cancelled();
}
} // namespace gatehouse
