#include "LdapService.h"

#include <future>
#include <spdlog/spdlog.h>

#include <QMetaObject>
#include <QObject>
#include <QThread>
#include <QThreadPool>

#include "LdapDirectory.h"
#include "core/ApiError.h"
#include "services/ServiceManager.h"
#include "store/SystemStore.h"

namespace gatehouse {
namespace {
// A QObject on the calling (event loop) thread that outcomes are posted to. The last owner may
// be a worker, so it is deleted through the event loop, never directly.
std::shared_ptr<QObject> makeReceiver()
{
    return std::shared_ptr<QObject>(new QObject, [](QObject *object) { object->deleteLater(); });
}

// Runs `work` on the LDAP pool and `deliver(result)` on the receiver's thread afterwards.
template <typename Work, typename Deliver>
void runOnPool(std::shared_ptr<QObject> receiver, Work work, Deliver deliver)
{
    LdapService::pool().start(
        [receiver = std::move(receiver), work = std::move(work), deliver = std::move(deliver)]() mutable {
            auto result = work();
            QObject *target = receiver.get();
            // The functor owns `receiver`, so the target lives until the functor has run.
            QMetaObject::invokeMethod(
                target,
                [receiver = std::move(receiver), deliver = std::move(deliver),
                 result = std::move(result)]() mutable { deliver(std::move(result)); },
                Qt::QueuedConnection);
        });
}

// The snapshot, read on the store's (event loop) thread: validation runs on a worker. If the
// event loop does not answer in time (shutting down), ids are checked for shape only.
std::shared_ptr<const AccessSnapshot> snapshotFor(const ServiceEnvironment &env)
{
    if (!env.store)
        return nullptr;
    if (QThread::currentThread() == env.store->thread())
        return env.store->snapshot();
    auto promise = std::make_shared<std::promise<std::shared_ptr<const AccessSnapshot>>>();
    auto future = promise->get_future();
    SystemStore *store = env.store;
    QMetaObject::invokeMethod(
        store, [store, promise] { promise->set_value(store->snapshot()); }, Qt::QueuedConnection);
    if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready)
        return nullptr;
    return future.get();
}

QString validateConfig(const ServiceInfo &info, const ServiceEnvironment &env, LdapConfig::Kind kind)
{
    try {
        LdapConfig::fromConfig(info.config, kind);
        const auto snapshot = snapshotFor(env);
        IdentityRoleMap::fromConfig(info.config, snapshot.get());
    } catch (const ApiError &e) {
        return e.message();
    }
    return QString();
}

void registerKind(ServiceManager &manager, LdapConfig::Kind kind)
{
    const bool ad = kind == LdapConfig::Kind::ActiveDirectory;
    ServiceType type;
    type.name = ad ? QStringLiteral("adldap") : QStringLiteral("ldap");
    type.label = ad ? QStringLiteral("Active Directory") : QStringLiteral("LDAP");
    type.group = QStringLiteral("LDAP");
    type.description =
        ad ? QStringLiteral(
                 "Sign-in with Active Directory accounts (sAMAccountName, memberOf groups, disabled "
                 "accounts refused); groups map to roles.")
           : QStringLiteral(
                 "Sign-in with accounts of an LDAP directory (OpenLDAP and others); groups map to roles "
                 "and directory attributes become lookups.");
    type.configSchema = LdapConfig::configSchema(kind);
    type.create = [kind](const ServiceInfo &info, const ServiceEnvironment &) -> std::shared_ptr<Service> {
        return std::make_shared<LdapService>(info, kind);
    };
    type.validate = [kind](const ServiceInfo &info, const ServiceEnvironment &env) {
        return validateConfig(info, env, kind);
    };
    type.probe = [kind](const ServiceInfo &info, const ServiceEnvironment &, std::function<void(Json)> done) {
        std::shared_ptr<const LdapConfig> config;
        try {
            config = std::make_shared<const LdapConfig>(LdapConfig::fromConfig(info.config, kind));
        } catch (const ApiError &e) {
            Json steps = Json::array();
            steps.push_back(
                Json{{"name", "config"}, {"success", false}, {"detail", e.message().toStdString()}});
            // Asynchronous like every other answer.
            auto receiver = makeReceiver();
            QObject *target = receiver.get();
            QMetaObject::invokeMethod(
                target,
                [receiver, done, steps] {
                    done(Json{{"success", false}, {"steps", steps}});
                },
                Qt::QueuedConnection);
            return;
        }
        runOnPool(
            makeReceiver(), [config] { return LdapDirectory::probe(*config); },
            [done = std::move(done)](Json result) { done(std::move(result)); });
    };
    manager.registerType(std::move(type));
}
} // namespace

LdapService::LdapService(const ServiceInfo &info, LdapConfig::Kind kind)
    : Service(info)
    , m_kind(kind)
    , m_receiver(makeReceiver())
{
    try {
        m_config = std::make_shared<const LdapConfig>(LdapConfig::fromConfig(this->info().config, kind));
        m_roleMap = IdentityRoleMap::fromConfig(this->info().config);
    } catch (const ApiError &e) {
        // Stored before validation existed, or edited in the database: sign-ins get the reason.
        m_config.reset();
        m_configError = e.message();
        spdlog::error("LDAP service '{}' is misconfigured: {}", info.name.toStdString(),
                      e.message().toStdString());
    }
}

LdapService::~LdapService() = default;

void LdapService::registerTypes(ServiceManager &manager)
{
    registerKind(manager, LdapConfig::Kind::Ldap);
    registerKind(manager, LdapConfig::Kind::ActiveDirectory);
}

QThreadPool &LdapService::pool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(4);
        p->setExpiryTimeout(60000);
        p->setObjectName(QStringLiteral("ldap"));
        return p;
    }();
    // Never destroyed: at exit a job still waiting on a slow directory must not hold up the
    // process for its timeout.
    return *pool;
}

QStringList LdapService::accessComponents() const
{
    return {QString()};
}

void LdapService::handle(std::shared_ptr<const RequestContext>, Completion done)
{
    done(HttpResponse::fromError(ApiError::notFound(
        QStringLiteral("Service '%1' has no API of its own: sign in through /api/v2/user/session with "
                       "{\"service\": \"%1\", \"username\": ..., \"password\": ...}.")
            .arg(info().name))));
}

QString LdapService::signInKind() const
{
    return m_kind == LdapConfig::Kind::ActiveDirectory ? QStringLiteral("adldap") : QStringLiteral("ldap");
}

void LdapService::signInWithPassword(const QString &username, const QString &password, OnIdentity onIdentity,
                                     OnError onError)
{
    const qint64 serviceId = info().id;
    const QString serviceName = info().name;
    if (!m_config) {
        const QString message =
            QStringLiteral("The sign-in service '%1' is misconfigured: %2").arg(serviceName, m_configError);
        QMetaObject::invokeMethod(
            m_receiver.get(),
            [onError = std::move(onError), message] {
                onError(HttpResponse::fromError(ApiError(503, message)));
            },
            Qt::QueuedConnection);
        return;
    }
    runOnPool(
        m_receiver,
        [config = m_config, username, password] {
            return LdapDirectory::signIn(*config, username, password);
        },
        [serviceId, serviceName, onIdentity = std::move(onIdentity),
         onError = std::move(onError)](LdapDirectory::Outcome outcome) {
            if (!outcome.identity) {
                if (outcome.status >= 500)
                    spdlog::warn("LDAP service '{}': {}", serviceName.toStdString(),
                                 outcome.message.toStdString());
                onError(HttpResponse::fromError(ApiError(outcome.status, outcome.message)));
                return;
            }
            ExternalIdentity identity = std::move(*outcome.identity);
            identity.serviceId = serviceId;
            identity.serviceName = serviceName;
            onIdentity(std::move(identity));
        });
}
} // namespace gatehouse
