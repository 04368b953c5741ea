#pragma once

#include <memory>

#include <QByteArray>
#include <QList>
#include <QPair>

#include "core/Json.h"

namespace gatehouse {

class ApiError;
class ResponseStream;

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Set for a streamed body (chunked transfer encoding); `body` is then unused.
    std::shared_ptr<ResponseStream> stream;

    static HttpResponse json(const Json &value, int status = 200);
    static HttpResponse fromError(const ApiError &error);
    void setHeader(const QByteArray &name, const QByteArray &value);
};

const char *reasonPhrase(int status);
} // namespace gatehouse
