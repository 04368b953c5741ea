#pragma once

#include <QtGlobal>

namespace gatehouse {

// Bounds the HTTP layer enforces before any request reaches the gate.
struct HttpLimits
{
    qint64 maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 16 * 1024 * 1024;
    int headerTimeoutMs = 30'000;
    int idleTimeoutMs = 60'000;
    int tlsHandshakeTimeoutMs = 10'000; // from accept to a finished TLS handshake
};
} // namespace gatehouse
