#include "RwsResponseCache.h"

namespace gatehouse {

RwsResponseCache::RwsResponseCache(int maxEntries, qint64 maxBytes)
    : m_maxEntries(maxEntries)
    , m_maxBytes(maxBytes)
{
}

const RwsResponseCache::Entry *RwsResponseCache::find(const QByteArray &key)
{
    const auto it = m_map.find(key.toStdString());
    if (it == m_map.end())
        return nullptr;
    if (it->second->expires.hasExpired()) {
        evict(it->second);
        return nullptr;
    }
    m_lru.splice(m_lru.begin(), m_lru, it->second);
    return &m_lru.front().entry;
}

void RwsResponseCache::insert(const QByteArray &key, Entry entry, int ttlSeconds)
{
    if (ttlSeconds <= 0 || entry.body.size() > maxEntryBytes())
        return;
    if (const auto it = m_map.find(key.toStdString()); it != m_map.end())
        evict(it->second);
    qint64 bytes = entry.body.size() + entry.contentType.size();
    for (const auto &header : entry.headers)
        bytes += header.first.size() + header.second.size();
    Slot slot;
    slot.key = key;
    slot.entry = std::move(entry);
    slot.expires = QDeadlineTimer(qint64(ttlSeconds) * 1000);
    slot.bytes = bytes;
    m_lru.push_front(std::move(slot));
    m_map[key.toStdString()] = m_lru.begin();
    m_bytes += bytes;
    while (!m_lru.empty() && (int(m_map.size()) > m_maxEntries || m_bytes > m_maxBytes))
        evict(std::prev(m_lru.end()));
}

void RwsResponseCache::evict(std::list<Slot>::iterator it)
{
    m_bytes -= it->bytes;
    m_map.erase(it->key.toStdString());
    m_lru.erase(it);
}
} // namespace gatehouse
