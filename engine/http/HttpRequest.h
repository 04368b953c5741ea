#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace gatehouse {

// One parsed HTTP/1.1 request. Header names are stored lower-case; repeated headers are
// joined with ", " as RFC 9110 allows for list-valued fields.
struct HttpRequest
{
    QByteArray method;
    QByteArray target;
    QString path;
    QList<QPair<QString, QString>> query;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;
    QHostAddress peer;
    bool keepAlive = true;
    bool encrypted = false; // arrived over TLS

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    bool hasQuery(const QString &key) const;
    QString queryValue(const QString &key, const QString &fallback = {}) const;
};
} // namespace gatehouse
