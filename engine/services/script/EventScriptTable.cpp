#include "EventScriptTable.h"

#include <algorithm>
#include <spdlog/spdlog.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "core/ApiError.h"

namespace gatehouse {

void EventScriptTable::insert(EventScript script)
{
    const QString service = script.name.section(QLatin1Char('.'), 0, 0);
    const QString name = script.name;
    m_byService[service].insert(name, std::make_shared<const EventScript>(std::move(script)));
}

void EventScriptTable::applyConfig(EventScript &script, const Json &config)
{
    script.config = config.is_object() ? config : Json::object();
    if (const auto hosts = script.config.find("allowed_hosts");
        hosts != script.config.end() && hosts->is_array())
        for (const Json &host : *hosts)
            if (host.is_string())
                script.allowedHosts << QString::fromStdString(host.get<std::string>()).trimmed();
    if (const auto cpu = script.config.find("cpu_limit_ms");
        cpu != script.config.end() && cpu->is_number_integer())
        script.cpuLimitMs = int(std::clamp<qint64>(cpu->get<qint64>(), 0, 3600000));
    if (const auto memory = script.config.find("memory_limit_mb");
        memory != script.config.end() && memory->is_number_integer())
        script.memoryLimitBytes = std::clamp<qint64>(memory->get<qint64>(), 0, 65536) * 1024 * 1024;
}

std::shared_ptr<const EventScriptTable> EventScriptTable::load(QSqlDatabase &db)
{
    auto table = std::make_shared<EventScriptTable>();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT name, content, config, allow_event_modification FROM event_script "
                                   "WHERE is_active = 1"))) {
        spdlog::error("system database: loading event scripts failed: {}",
                      query.lastError().text().toStdString());
        throw ApiError::internal(QStringLiteral("The system database could not be read."));
    }
    while (query.next()) {
        EventScript script;
        script.name = query.value(0).toString();
        script.content = query.value(1).toString();
        applyConfig(script, parseJsonOrDiscarded(query.value(2).toString().toUtf8()));
        script.allowModification = query.value(3).toInt() != 0;
        table->insert(std::move(script));
    }
    return table;
}
} // namespace gatehouse
