#pragma once

#include <optional>

#include <QString>
#include <QVariantList>

#include "core/Json.h"

namespace gatehouse {

// One audit record: who did what through the gateway, and what came of it. Every request gets
// exactly one, refusals included. Nothing in it is secret: credentials are redacted before a
// record is built (RequestAudit), and request bodies are never recorded, only their size.
struct AuditRecord
{
    // "request" for requests the gate answered, "transport" for those the HTTP layer refused
    // before the gate (413, 431, 408 …), "audit_gap" for the writer's own note that records were
    // refused because its queue was full.
    QString event = QStringLiteral("request");
    qint64 timeMs = 0; // when the request arrived, ms since the epoch
    QString requestId;
    QString clientIp;
    std::optional<qint64> userId;
    QString userEmail;
    std::optional<qint64> appId;
    QString appName;
    std::optional<qint64> roleId;
    QString roleName;
    QString service;
    QString component;
    QString verb;
    QString path;
    int status = 0;
    qint64 durationMs = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    Json params = Json::object(); // query parameters, redacted
    QString userAgent;
    QString errorMessage;

    // The audit_log table's columns, in the order toRow() gives the values.
    static const QStringList &columns();
    QVariantList toRow() const;
    // Elastic Common Schema document, for the NDJSON file and SIEM webhooks.
    Json toEcs() const;
    // "yyyy-MM-dd HH:mm:ss.zzz" UTC: sorts as text in time order and compares with the
    // "yyyy-MM-dd HH:mm:ss" dates of the other system tables.
    static QString timeText(qint64 ms);
};
} // namespace gatehouse
