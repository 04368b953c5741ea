#include "RecordChoices.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>

#include "client/GatehouseClient.h"

namespace gatehouse {

void RecordChoices::load(GatehouseClient *client, QObject *context, const QString &path, QComboBox *combo,
                         const QString &noneText, qint64 selectId, std::function<void(bool)> done)
{
    // Choices are names for a person to pick from; 1000 is far more than a combo box can serve.
    client->send("GET", path + QStringLiteral("?fields=id,name&order=name&limit=1000"), QJsonValue(), context,
                 [combo, noneText, selectId, done = std::move(done)](const ApiReply &reply) {
                     combo->clear();
                     if (!noneText.isEmpty())
                         combo->addItem(noneText, qint64(0));
                     for (const QJsonValue &row :
                          reply.body.toObject().value(QLatin1String("resource")).toArray()) {
                         const QJsonObject record = row.toObject();
                         combo->addItem(record.value(QLatin1String("name")).toString(),
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
