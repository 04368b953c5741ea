#include "ExternalIdentity.h"

#include "AccessTypes.h"
#include "core/Json.h"

namespace gatehouse {

QString ExternalIdentity::storedAttributes() const
{
    Json attrs = Json::object();
    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
        attrs[it.key().toStdString()] = it.value();
    Json groupList = Json::array();
    for (const QString &group : groups)
        groupList.push_back(group);
    return QString::fromStdString(Json{{"groups", groupList}, {"attributes", attrs}}.dump());
}

void ExternalIdentity::applyStoredAttributes(User &user, const QString &stored)
{
    user.groups.clear();
    user.directoryAttributes.clear();
    const Json json = parseJsonOrDiscarded(stored.toUtf8());
    if (!json.is_object())
        return;
    if (const auto groups = json.find("groups"); groups != json.end() && groups->is_array())
        for (const Json &group : *groups)
            if (group.is_string())
                user.groups << group.get<QString>();
    if (const auto attrs = json.find("attributes"); attrs != json.end() && attrs->is_object())
        for (auto it = attrs->begin(); it != attrs->end(); ++it)
            if (it->is_string())
                user.directoryAttributes.insert(QString::fromStdString(it.key()), it->get<QString>());
}
} // namespace gatehouse
