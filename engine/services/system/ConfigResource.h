#pragma once

#include <memory>

#include "services/Service.h"

namespace gatehouse {

class ServiceManager;
class SystemStore;
struct Config;

// GET/PATCH /system/config: the engine's effective settings for the console's Settings page.
// GET answers what the engine runs with (never a secret: no passwords, keys or credentials in
// URLs), the secret store's active backend, the data folder and the config file, plus the
// settings saved in the file that differ from the running ones (they wait for a restart).
// PATCH validates a subset of editable keys and writes them into the config file, keeping its
// comments and other lines; the engine reads its config only at start, so every saved change
// is listed in "restart_required". File work runs on the store's worker, off the event loop.
class ConfigResource
{
public:
    ConfigResource(SystemStore &store, const ServiceManager &services);

    void handle(std::shared_ptr<const RequestContext> context, const QStringList &path,
                Service::Completion done) const;

    // The editable keys and how they are named in the ini file (listen_address + port share
    // "listen").
    static const QStringList &editableKeys();

private:
    Json describe(const Json &saved) const;
    void patch(const Json &body, Service::Completion done) const;

    SystemStore &m_store;
    const ServiceManager &m_services;
};
} // namespace gatehouse
