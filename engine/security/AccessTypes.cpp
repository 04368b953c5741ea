#include "AccessTypes.h"

namespace gatehouse {

int verbBit(const QByteArray &method)
{
    if (method == "GET" || method == "HEAD")
        return VerbGet;
    if (method == "POST")
        return VerbPost;
    if (method == "PUT")
        return VerbPut;
    if (method == "PATCH")
        return VerbPatch;
    if (method == "DELETE")
        return VerbDelete;
    return 0;
}

QStringList verbNames(int mask)
{
    QStringList names;
    if (mask & VerbGet)
        names << QStringLiteral("GET");
    if (mask & VerbPost)
        names << QStringLiteral("POST");
    if (mask & VerbPut)
        names << QStringLiteral("PUT");
    if (mask & VerbPatch)
        names << QStringLiteral("PATCH");
    if (mask & VerbDelete)
        names << QStringLiteral("DELETE");
    return names;
}
} // namespace gatehouse
