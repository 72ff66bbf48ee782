package io.sluice.generator.rows;

import io.trino.tpch.Customer;
import io.trino.tpch.LineItem;
import io.trino.tpch.Nation;
import io.trino.tpch.Order;
import io.trino.tpch.Part;
import io.trino.tpch.PartSupplier;
import io.trino.tpch.Region;
import io.trino.tpch.Supplier;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

/**
 * One TPC-H table's columns in schema order, read through the entity's own accessors. Going through the
 * library's {@code TpchColumn}s instead costs an interface call per column, each column being a class of its
 * own (megamorphic, never inlined): half of the encoder's time. What each accessor means for a column is the
 * library's (its {@code *Column.getIdentifier}, {@code getDate}, {@code getString}); money is in hundredths, and
 * the encoder's tests check every row of every table against {@code RowCodec}.
 */
@FunctionalInterface
interface TpchFields<E extends TpchEntity>
{
    void write(E row, TpchRowEncoder<E> out);

    @SuppressWarnings("unchecked")
    static <E extends TpchEntity> TpchFields<E> of(TpchTable<E> table)
    {
        TpchFields<?> fields = switch (table.getTableName()) {
            case "lineitem" -> (TpchFields<LineItem>) TpchFields::lineItem;
            case "orders" -> (TpchFields<Order>) TpchFields::order;
            case "customer" -> (TpchFields<Customer>) TpchFields::customer;
            case "part" -> (TpchFields<Part>) TpchFields::part;
            case "partsupp" -> (TpchFields<PartSupplier>) TpchFields::partSupplier;
            case "supplier" -> (TpchFields<Supplier>) TpchFields::supplier;
            case "nation" -> (TpchFields<Nation>) TpchFields::nation;
            case "region" -> (TpchFields<Region>) TpchFields::region;
            default -> throw new IllegalArgumentException("no TPC-H table " + table.getTableName());
        };
        return (TpchFields<E>) fields;
    }

    private static void lineItem(LineItem row, TpchRowEncoder<LineItem> out)
    {
        out.writeLong(row.orderKey());
        out.writeLong(row.partKey());
        out.writeLong(row.supplierKey());
        out.writeLong(row.lineNumber());
        // the library keeps whole units; its column reports hundredths like every other money column
        out.writeDecimal(row.quantity() * 100);
        out.writeDecimal(row.extendedPriceInCents());
        out.writeDecimal(row.discountPercent());
        out.writeDecimal(row.taxPercent());
        out.writeString(row.returnFlag());
        out.writeString(row.status());
        out.writeLong(row.shipDate());
        out.writeLong(row.commitDate());
        out.writeLong(row.receiptDate());
        out.writeString(row.shipInstructions());
        out.writeString(row.shipMode());
        out.writeString(row.comment());
    }

    private static void order(Order row, TpchRowEncoder<Order> out)
    {
        out.writeLong(row.orderKey());
        out.writeLong(row.customerKey());
        out.writeChar(row.orderStatus());
        out.writeDecimal(row.totalPriceInCents());
        out.writeLong(row.orderDate());
        out.writeString(row.orderPriority());
        out.writeString(row.clerk());
        out.writeLong(row.shipPriority());
        out.writeString(row.comment());
    }

    private static void customer(Customer row, TpchRowEncoder<Customer> out)
    {
        out.writeLong(row.customerKey());
        out.writeString(row.name());
        out.writeString(row.address());
        out.writeLong(row.nationKey());
        out.writeString(row.phone());
        out.writeDecimal(row.accountBalanceInCents());
        out.writeString(row.marketSegment());
        out.writeString(row.comment());
    }

    private static void part(Part row, TpchRowEncoder<Part> out)
    {
        out.writeLong(row.partKey());
        out.writeString(row.name());
        out.writeString(row.manufacturer());
        out.writeString(row.brand());
        out.writeString(row.type());
        out.writeLong(row.size());
        out.writeString(row.container());
        out.writeDecimal(row.retailPriceInCents());
        out.writeString(row.comment());
    }

    private static void partSupplier(PartSupplier row, TpchRowEncoder<PartSupplier> out)
    {
        out.writeLong(row.partKey());
        out.writeLong(row.supplierKey());
        out.writeLong(row.availableQuantity());
        out.writeDecimal(row.supplyCostInCents());
        out.writeString(row.comment());
    }

    private static void supplier(Supplier row, TpchRowEncoder<Supplier> out)
    {
        out.writeLong(row.supplierKey());
        out.writeString(row.name());
        out.writeString(row.address());
        out.writeLong(row.nationKey());
        out.writeString(row.phone());
        out.writeDecimal(row.accountBalanceInCents());
        out.writeString(row.comment());
    }

    private static void nation(Nation row, TpchRowEncoder<Nation> out)
    {
        out.writeLong(row.nationKey());
        out.writeString(row.name());
        out.writeLong(row.regionKey());
        out.writeString(row.comment());
    }

    private static void region(Region row, TpchRowEncoder<Region> out)
    {
        out.writeLong(row.regionKey());
        out.writeString(row.name());
        out.writeString(row.comment());
    }
}
