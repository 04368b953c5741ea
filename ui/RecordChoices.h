#pragma once

#include <functional>

#include <QtGlobal>

class QComboBox;
class QObject;
class QString;

namespace gatehouse {

class GatehouseClient;

// Fills a combo box with the records of a system resource (`system/role`, `system/app` …) as
// "name" items (users: "name <email>") carrying the id (Qt::UserRole), e.g. for a default role or a per-app
// role. The first item is `noneText` with id 0 when it is not empty. `selectId` is chosen once loaded.
class RecordChoices
{
public:
    static void load(GatehouseClient *client, QObject *context, const QString &path, QComboBox *combo,
                     const QString &noneText, qint64 selectId, std::function<void(bool ok)> done = {});
    static void select(QComboBox *combo, qint64 id);
    static qint64 selectedId(const QComboBox *combo);
};
} // namespace gatehouse
