#pragma once

#include <string>

#include <QString>

namespace gatehouse {

// The request a thread is working for, so that every log line written on its behalf carries
// its id (`[req 1a2b…]`), whichever component writes it. The gate sets it for the synchronous
// part of a request; DbExecutor carries it to the worker that runs the request's job and back
// to the completion on the event loop.
class LogContext
{
public:
    // Empty when the thread is not working for a request.
    static const std::string &requestId();

    // Sets the current request id for the scope's lifetime, then restores the previous one.
    class Scope
    {
    public:
        explicit Scope(const QString &requestId);
        explicit Scope(std::string requestId);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        std::string m_previous;
    };
};
} // namespace gatehouse
