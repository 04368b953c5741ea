#pragma once

#include <QString>
#include <QStringList>

#include "RoutineCall.h"
#include "core/Json.h"

namespace gatehouse {

// DF's response shapes for `_proc`/`_func` calls (reference §2.7).
class RoutineResult
{
public:
    struct Options
    {
        QString wrapper;  // `wrapper=name`
        QString returns;  // `returns=<type>`: non-TABLE means "first value, cast"
        Json columnTypes; // `schema={"col":"type"}`: casts of result columns
    };

    // - no OUT values: one result set -> array of rows, several -> array of arrays,
    //   `wrapper` wraps it in {"<wrapper>": ...};
    // - OUT/INOUT values: merged at the top level next to {"<wrapper or resource>": rows},
    //   or alone when there are no rows;
    // - a one-row result set whose columns are all OUT parameter names is taken as the
    //   OUT values (drivers that return OUT parameters that way);
    // - `returns` other than TABLE, or a scalar function: the first value of the first row.
    // `outNames` are the routine's OUT/INOUT parameter names.
    static Json shape(RoutineOutcome outcome, const QStringList &outNames, const Options &options,
                      bool unwrapSingleRow = false);

    // Casts a JSON value to a DF type name (integer, double, boolean, string...).
    static Json cast(const Json &value, const QString &type);
};
} // namespace gatehouse
