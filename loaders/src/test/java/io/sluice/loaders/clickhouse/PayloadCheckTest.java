package io.sluice.loaders.clickhouse;

import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadCheckTest
{
    @Test
    void passesEveryGeneratedRowOfTablesWithAndWithoutNulls()
    {
        for (DatasetId dataset : new DatasetId[] {DatasetId.parse("tpch.sf0_01"), DatasetId.parse("tpcds.sf0_01")}) {
            String table = dataset.benchmark().tables().getFirst();
            PayloadCheck check = new PayloadCheck(TableSchemas.schema(dataset.benchmark(), table));
            GeneratedRows.of(dataset, table).payloads().forEach(payload -> {
                int position = payload.position();
                check.check(payload);
                assertThat(payload.position()).isEqualTo(position);
            });
        }
    }

    @Test
    void refusesTruncatedPaddedAndForeignRows()
    {
        DatasetId tpch = DatasetId.parse("tpch.sf0_01");
        PayloadCheck nation = new PayloadCheck(TableSchemas.schema(tpch.benchmark(), "nation"));
        ByteBuffer row = GeneratedRows.of(tpch, "nation").payloads().getFirst();
        byte[] bytes = new byte[row.remaining()];
        row.duplicate().get(bytes);

        assertThatThrownBy(() -> nation.check(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 1))))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(UndecodableMessageException.Reason.TRUNCATED));
        assertThatThrownBy(() -> nation.check(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length + 1))))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(UndecodableMessageException.Reason.MALFORMED_PAYLOAD))
                .hasMessageContaining("1 bytes left over");
        ByteBuffer region = GeneratedRows.of(tpch, "region").payloads().getFirst();
        assertThatThrownBy(() -> nation.check(region)).isInstanceOf(UndecodableMessageException.class);
    }

    @Test
    void refusesAUnionBranchTheSchemaDoesNotHave()
    {
        PayloadCheck reason = new PayloadCheck(TableSchemas.schema(DatasetId.parse("tpcds.sf1").benchmark(), "reason"));
        // r_reason_sk = 1, then r_reason_id with branch index 2 (zig-zag 4)
        assertThatThrownBy(() -> reason.check(ByteBuffer.wrap(new byte[] {2, 4, 0, 0})))
                .hasMessageContaining("union branch 2 of 2");
    }
}
