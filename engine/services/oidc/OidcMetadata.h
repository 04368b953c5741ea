#pragma once

#include <QString>
#include <QStringList>

#include "core/Json.h"

namespace gatehouse {

// The parts of an OpenID provider's discovery document (OpenID Connect Discovery 1.0) that
// Gatehouse uses.
struct OidcMetadata
{
    QString issuer;
    QString authorizationEndpoint;
    QString tokenEndpoint;
    QString jwksUri;
    QString userinfoEndpoint;
    QStringList tokenEndpointAuthMethods; // empty: the spec's default, client_secret_basic
    QStringList codeChallengeMethods;

    // Checks the document: its `issuer` must equal `expectedIssuer` exactly (Discovery §4.3:
    // otherwise a document could vouch for someone else's tokens), endpoints must be https (or
    // http on loopback). Empty string: usable; otherwise what is wrong.
    static QString parse(const Json &document, const QString &expectedIssuer, OidcMetadata *out);
    static QString discoveryUrl(const QString &issuer);
};
} // namespace gatehouse
