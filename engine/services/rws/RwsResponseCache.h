#pragma once

#include <list>
#include <string>
#include <unordered_map>

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QPair>

namespace gatehouse {

// The GET response cache of one remote HTTP service: 2xx, fully buffered responses only, kept
// for the service's cache_ttl. Keys are sha256 digests the service builds from everything that
// shapes the upstream request (verb, URL with its query, every header value sent), so a
// response fetched with one caller's injected credentials is never served to a caller whose
// request would have differed. Bounded in entries and bytes (least recently used goes first).
// Event loop thread only.
class RwsResponseCache
{
public:
    struct Entry
    {
        int status = 200;
        QByteArray contentType;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
    };

    RwsResponseCache(int maxEntries = 256, qint64 maxBytes = 16 * 1024 * 1024);

    const Entry *find(const QByteArray &key);
    void insert(const QByteArray &key, Entry entry, int ttlSeconds);
    // Largest body worth keeping.
    qint64 maxEntryBytes() const { return m_maxBytes / 8; }
    int size() const { return int(m_map.size()); }

private:
    struct Slot
    {
        QByteArray key;
        Entry entry;
        QDeadlineTimer expires;
        qint64 bytes = 0;
    };
    void evict(std::list<Slot>::iterator it);

    int m_maxEntries;
    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    std::list<Slot> m_lru; // most recently used first
    std::unordered_map<std::string, std::list<Slot>::iterator> m_map;
};
} // namespace gatehouse
