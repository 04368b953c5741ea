#include "RecordChoices.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>

#include "client/GatehouseClient.h"

namespace gatehouse {

void RecordChoices::load(GatehouseClient *client, QObject *context, const QString &path, QComboBox *combo,
                         const QString &noneText, qint64 selectId, std::function<void(bool)> done)
{
    // Users are told apart by email (names repeat); everything else by name. Choices are for a
    // person to pick from: 1000 is far more than a combo box can serve.
    const bool users = path.endsWith(QLatin1String("/user"));
    const QString query = users ? QStringLiteral("?fields=id,name,email&order=email&limit=1000")
                                : QStringLiteral("?fields=id,name&order=name&limit=1000");
    client->send("GET", path + query, QJsonValue(), context,
                 [combo, noneText, selectId, users, done = std::move(done)](const ApiReply &reply) {
                     combo->clear();
                     if (!noneText.isEmpty())
                         combo->addItem(noneText, qint64(0));
                     for (const QJsonValue &row :
                          reply.body.toObject().value(QLatin1String("resource")).toArray()) {
                         const QJsonObject record = row.toObject();
                         const QString name = record.value(QLatin1String("name")).toString();
                         combo->addItem(users ? QStringLiteral("%1 <%2>").arg(
                                                    name, record.value(QLatin1String("email")).toString())
                                              : name,
                                        qint64(record.value(QLatin1String("id")).toDouble()));
                     }
                     select(combo, selectId);
                     if (done)
                         done(reply.ok());
                 });
}

void RecordChoices::select(QComboBox *combo, qint64 id)
{
    const int index = combo->findData(id);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

qint64 RecordChoices::selectedId(const QComboBox *combo)
{
    return combo->currentIndex() < 0 ? 0 : combo->currentData().toLongLong();
}
} // namespace gatehouse
