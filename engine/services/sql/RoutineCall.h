#pragma once

#include <QList>
#include <QVariant>

#include "DbSchema.h"
#include "core/Json.h"

namespace gatehouse {

// One argument of a routine call, matched to its declared parameter.
struct RoutineArgument
{
    RoutineParam param;
    QVariant value;        // converted to the parameter type; null QVariant = SQL NULL
    bool provided = false; // false: not given by the caller (OUT, or left to the default)
};

// What a routine returned, before the DF response shaping (RoutineResult).
struct RoutineOutcome
{
    QList<Json> resultSets;          // each a JSON array of row objects, in order
    Json outParams = Json::object(); // OUT/INOUT values by parameter name
    bool scalar = false;             // a function returning a single value (resultSets[0][0])
};
} // namespace gatehouse
