#include "SessionTokenStore.h"

#include <QCoreApplication>
#include <QPointer>

#ifdef GATEHOUSE_HAVE_KEYCHAIN
#include "security/KeychainJobs.h"
#endif

namespace gatehouse {
namespace {
#ifdef GATEHOUSE_HAVE_KEYCHAIN
const QString kService = QStringLiteral("gatehouse-console");

QString keyFor(const QUrl &server)
{
    return server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo).toString();
}
#endif

#ifndef GATEHOUSE_HAVE_KEYCHAIN
const char *kUnavailable =
    QT_TRANSLATE_NOOP("SessionTokenStore", "This build keeps no secrets in a keychain.");
#endif
} // namespace

bool SessionTokenStore::isAvailable()
{
#ifdef GATEHOUSE_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

#ifdef GATEHOUSE_HAVE_KEYCHAIN
namespace {
// Runs a job and hands its outcome from the keychain thread to the main thread.
void startJob(KeychainJobs::Operation operation, const QUrl &server, const QByteArray &data, QObject *context,
              std::function<void(const KeychainJobs::Outcome &)> done)
{
    QPointer<QObject> guard(context);
    KeychainJobs::start(operation, kService, keyFor(server), data,
                        [guard, done = std::move(done)](KeychainJobs::Outcome outcome) {
                            QMetaObject::invokeMethod(
                                QCoreApplication::instance(),
                                [guard, done, outcome = std::move(outcome)] {
                                    if (guard)
                                        done(outcome);
                                },
                                Qt::QueuedConnection);
                        });
}
} // namespace
#endif

void SessionTokenStore::save(const QUrl &server, const QString &token, QObject *context, Done done)
{
#ifdef GATEHOUSE_HAVE_KEYCHAIN
    startJob(
        KeychainJobs::Operation::Write, server, token.toUtf8(), context,
        [done = std::move(done)](const KeychainJobs::Outcome &outcome) { done(outcome.ok, outcome.error); });
#else
    Q_UNUSED(server)
    Q_UNUSED(token)
    Q_UNUSED(context)
    done(false, QCoreApplication::translate("SessionTokenStore", kUnavailable));
#endif
}

void SessionTokenStore::load(const QUrl &server, QObject *context, Loaded done)
{
#ifdef GATEHOUSE_HAVE_KEYCHAIN
    startJob(KeychainJobs::Operation::Read, server, {}, context,
             [done = std::move(done)](const KeychainJobs::Outcome &outcome) {
                 if (outcome.ok)
                     done(QString::fromUtf8(outcome.data), QString());
                 else
                     done(QString(), outcome.notFound ? QString() : outcome.error);
             });
#else
    Q_UNUSED(server)
    Q_UNUSED(context)
    done(QString(), QCoreApplication::translate("SessionTokenStore", kUnavailable));
#endif
}

void SessionTokenStore::remove(const QUrl &server, QObject *context, Done done)
{
#ifdef GATEHOUSE_HAVE_KEYCHAIN
    startJob(KeychainJobs::Operation::Delete, server, {}, context,
             [done = std::move(done)](const KeychainJobs::Outcome &outcome) {
                 done(outcome.ok || outcome.notFound, outcome.error);
             });
#else
    Q_UNUSED(server)
    Q_UNUSED(context)
    done(true, QString());
#endif
}
} // namespace gatehouse
