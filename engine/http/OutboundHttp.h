#pragma once

#include <functional>
#include <memory>

#include <QObject>

#include "EgressPolicy.h"
#include "HttpClient.h"

namespace gatehouse {

// Outbound calls on someone's behalf, through the egress policy: the URL is checked (and
// resolved) first, redirects (301/302/303/307/308, at most `maxRedirects`) are followed by
// OutboundHttp itself and every target is checked again; a 303, or a 301/302 after POST,
// becomes a GET without body. A refused URL or redirect ends the call with an Egress error
// whose message names the refused host. Built on HttpClient: no thread is held while waiting,
// and bodies stream through `handlers.data` as they arrive. Lives on the event loop thread.
struct OutboundRequest
{
    HttpClientRequest http;
    EgressPolicy policy;
    int maxRedirects = 5;
};

struct OutboundError
{
    enum Kind
    {
        Egress,  // refused by the policy (the request or a redirect target)
        Network, // HttpClientError (connect, timeout, tls, protocol)
        TooManyRedirects,
    };
    Kind kind = Network;
    HttpClientError::Kind networkKind = HttpClientError::Connect; // for Network
    QString message; // for the client and logs; never contains request headers
};

struct OutboundHandlers
{
    std::function<void(const HttpClientResponseHead &)> head; // the final response's head
    std::function<void(const QByteArray &)> data;
    std::function<void(const OutboundError *)> done; // nullptr when the body ended normally
};

class OutboundHttp : public QObject
{
    Q_OBJECT
public:
    using CallId = quint64;

    explicit OutboundHttp(HttpClient *client, QObject *parent = nullptr);
    ~OutboundHttp() override;

    CallId start(OutboundRequest request, OutboundHandlers handlers);
    // No callback runs afterwards.
    void abort(CallId id);

private:
    class Private;
    std::unique_ptr<Private> d;
};
} // namespace gatehouse
