#include "FakeIdentityTypes.h"

#include <QTimer>

#include "core/ApiError.h"
#include "services/IdentityProvider.h"
#include "services/ServiceManager.h"

namespace gatehouse::test {
namespace {
QString text(const Json &config, const char *key)
{
    const auto it = config.find(key);
    return it != config.end() && it->is_string() ? it->get<QString>() : QString();
}

class FakeIdentityService : public Service, public IdentityProvider
{
public:
    FakeIdentityService(ServiceInfo info, QString kind)
        : Service(std::move(info))
        , m_kind(std::move(kind))
    {
        try {
            m_roleMap = IdentityRoleMap::fromConfig(this->info().config);
        } catch (const ApiError &) {
        }
    }

    QStringList accessComponents() const override { return {}; }
    void handle(std::shared_ptr<const RequestContext>, Completion done) override
    {
        done(HttpResponse::fromError(ApiError::badRequest(QStringLiteral("Identity services have no API."))));
    }
    IdentityProvider *identityProvider() override { return this; }

    QString signInKind() const override { return m_kind; }
    const IdentityRoleMap &roleMap() const override { return m_roleMap; }

    void signInWithPassword(const QString &, const QString &, OnIdentity, OnError onError) override
    {
        if (m_kind == QLatin1String("oidc")) {
            IdentityProvider::signInWithPassword({}, {}, {}, std::move(onError));
            return;
        }
        const Json &config = info().config;
        const QString message = QStringLiteral("The directory server at %1:%2 cannot be reached.")
                                    .arg(text(config, "host"))
                                    .arg(config.value("port", 389));
        QTimer::singleShot(0, [onError = std::move(onError), message] {
            onError(HttpResponse::fromError(ApiError(504, message)));
        });
    }

    void beginBrowserSignIn(std::shared_ptr<const RequestContext>,
                            std::function<void(HttpResponse)> done) override
    {
        HttpResponse response;
        response.status = 302;
        response.setHeader("Location",
                           (text(info().config, "issuer") + QStringLiteral("/authorize")).toUtf8());
        QTimer::singleShot(0, [done = std::move(done), response]() mutable { done(std::move(response)); });
    }

private:
    QString m_kind;
    IdentityRoleMap m_roleMap;
};

ServiceType fakeType(const QString &name)
{
    const bool oidc = name == QLatin1String("oidc");
    ServiceType type;
    type.name = name;
    type.label = oidc ? QStringLiteral("OpenID Connect (test)") : QStringLiteral("LDAP (test)");
    type.group = QStringLiteral("LDAP");
    type.description = QStringLiteral("A stand-in identity service for tests.");
    type.secretFields = {oidc ? QStringLiteral("client_secret") : QStringLiteral("bind_password")};
    type.create = [name](const ServiceInfo &info, const ServiceEnvironment &) {
        return std::make_shared<FakeIdentityService>(info, name);
    };
    type.validate = [oidc](const ServiceInfo &info, const ServiceEnvironment &) -> QString {
        if (text(info.config, oidc ? "issuer" : "host").isEmpty())
            return oidc ? QStringLiteral("Field 'config.issuer' is required.")
                        : QStringLiteral("Field 'config.host' is required.");
        try {
            IdentityRoleMap::fromConfig(info.config);
        } catch (const ApiError &error) {
            return error.message();
        }
        return QString();
    };
    type.probe = [oidc](const ServiceInfo &info, const ServiceEnvironment &, std::function<void(Json)> done) {
        FakeIdentityTypes::probedConfigs().append(info.config);
        const QString where = text(info.config, oidc ? "issuer" : "host");
        const bool secretOk = text(info.config, oidc ? "client_secret" : "bind_password") ==
                              QLatin1String(FakeIdentityTypes::kProbeSecret);
        Json steps = Json::array();
        steps.push_back(Json{{"name", "connect"},
                             {"success", !where.isEmpty()},
                             {"detail", where.isEmpty() ? QStringLiteral("Nothing to connect to.")
                                                        : QStringLiteral("Reached %1.").arg(where)}});
        steps.push_back(Json{{"name", oidc ? "discovery" : "bind"},
                             {"success", secretOk},
                             {"detail", secretOk ? QStringLiteral("Accepted the credentials.")
                                                 : QStringLiteral("The credentials were refused.")}});
        Json result{{"success", !where.isEmpty() && secretOk}, {"steps", steps}};
        QTimer::singleShot(0, [done = std::move(done), result] { done(result); });
    };
    return type;
}
} // namespace

void FakeIdentityTypes::install(ServiceManager &services)
{
    for (const char *name : {"ldap", "adldap", "oidc"}) {
        ServiceType type = fakeType(QLatin1String(name));
        // The real type's form: the console builds its editor from it.
        if (const ServiceType *real = services.type(type.name))
            type.configSchema = real->configSchema;
        services.registerType(std::move(type));
    }
}

QList<Json> &FakeIdentityTypes::probedConfigs()
{
    static QList<Json> configs;
    return configs;
}
} // namespace gatehouse::test
