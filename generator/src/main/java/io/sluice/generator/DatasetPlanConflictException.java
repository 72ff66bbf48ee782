package io.sluice.generator;

import io.sluice.schema.event.DatasetPlanned;

import static java.util.Objects.requireNonNull;

/**
 * A run asked for a dataset with other tables or parts than its first plan in Kafka. Nothing was generated: the
 * new plan's chunks would land beside the first plan's, and the sinks would hold rows twice.
 */
public final class DatasetPlanConflictException
        extends RuntimeException
{
    public DatasetPlanConflictException(DatasetPlanned first, DatasetPlanned asked)
    {
        super("%s was planned with tables %s in %d parts; this run asks for tables %s in %d parts. A dataset keeps its first plan: ask for that one, or generate into a Kafka that does not hold the dataset yet"
                .formatted(requireNonNull(first, "first is null").dataset(), first.tables(), first.parts(), requireNonNull(asked, "asked is null").tables(), asked.parts()));
    }
}
