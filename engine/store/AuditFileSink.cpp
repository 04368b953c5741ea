#include "AuditFileSink.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace gatehouse {

struct AuditFileSink::State
{
    QString path;
    qint64 maxBytes = 0;
    int keep = 0;
    std::atomic<qint64> pendingBytes{0};
    qint64 refused = 0; // only touched on the event loop
    // Only touched by the pool's single thread.
    std::unique_ptr<QFile> file;
    qint64 size = 0; // of the open file, tracked so QFile's buffer need not be flushed to know
    bool failing = false;

    bool open()
    {
        if (file && file->isOpen())
            return true;
        QDir().mkpath(QFileInfo(path).absolutePath());
        file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Append,
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            if (!failing)
                spdlog::error("audit file {}: cannot open: {}", path.toStdString(),
                              file->errorString().toStdString());
            failing = true;
            file.reset();
            return false;
        }
        failing = false;
        size = file->size();
        return true;
    }

    void rotate()
    {
        file.reset();
        if (keep <= 0) {
            QFile::remove(path);
            return;
        }
        QFile::remove(QStringLiteral("%1.%2").arg(path).arg(keep));
        for (int i = keep - 1; i >= 1; --i)
            QFile::rename(QStringLiteral("%1.%2").arg(path).arg(i),
                          QStringLiteral("%1.%2").arg(path).arg(i + 1));
        if (!QFile::rename(path, path + QStringLiteral(".1")))
            spdlog::error("audit file {}: cannot rotate", path.toStdString());
    }

    void append(const QByteArray &chunk)
    {
        if (!open())
            return;
        // Rotate before a write that would cross the limit, so that no file grows past it
        // (unless one chunk alone is bigger).
        if (maxBytes > 0 && size > 0 && size + chunk.size() > maxBytes) {
            rotate();
            if (!open())
                return;
        }
        size += chunk.size();
        if (file->write(chunk) != chunk.size())
            spdlog::error("audit file {}: write failed: {}", path.toStdString(),
                          file->errorString().toStdString());
    }
};

AuditFileSink::AuditFileSink(QString path, qint64 maxBytes, int keep)
    : m_path(std::move(path))
    , m_state(std::make_shared<State>())
{
    m_state->path = m_path;
    m_state->maxBytes = maxBytes;
    m_state->keep = keep;
    // One thread: lines are written in the order they were handed over.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

AuditFileSink::~AuditFileSink()
{
    m_pool.waitForDone();
}

void AuditFileSink::write(QByteArrayList lines)
{
    if (lines.isEmpty())
        return;
    qint64 bytes = 0;
    for (const QByteArray &line : lines)
        bytes += line.size() + 1;
    if (m_state->pendingBytes.load() + bytes > maxPendingBytes) {
        m_state->refused += lines.size();
        spdlog::error("audit file {}: the disk is not keeping up; {} records not written to the file so far",
                      m_path.toStdString(), m_state->refused);
        return;
    }
    m_state->pendingBytes += bytes;
    std::shared_ptr<State> state = m_state;
    m_pool.start([state, lines = std::move(lines), bytes] {
        // Line by line (QFile buffers), so that rotation never splits a record.
        for (const QByteArray &line : lines)
            state->append(line + '\n');
        if (state->file && !state->file->flush())
            spdlog::error("audit file {}: write failed: {}", state->path.toStdString(),
                          state->file->errorString().toStdString());
        state->pendingBytes -= bytes;
    });
}

void AuditFileSink::waitForWritten()
{
    m_pool.waitForDone();
}
} // namespace gatehouse
