package io.sluice.stack;

import io.sluice.stack.clickhouse.ClickHouseServerKind;
import io.sluice.stack.kafka.KafkaControllerServerKind;
import io.sluice.stack.kafka.KafkaServerKind;
import io.sluice.stack.s3.S3ServerKind;
import io.sluice.stack.trino.TrinoServerKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The kinds of server the stack can run, in start order. */
public final class ServerKinds {
    private ServerKinds() {}

    /** Every kind, in the order they start: a kind comes after those it {@link ServerKind#requires() requires}. */
    public static List<ServerKind> all() {
        return List.of(new KafkaControllerServerKind(), new KafkaServerKind(), new S3ServerKind(), new ClickHouseServerKind(), new TrinoServerKind());
    }

    public static Optional<ServerKind> byName(String name) {
        return all().stream().filter(kind -> kind.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(ServerKind::name).toList();
    }

    /**
     * The requested kinds and what they require, in start order.
     *
     * @throws StackException naming the choices when a name is no kind's
     */
    public static List<ServerKind> withRequirements(Collection<String> servers) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(servers);
        while (!pending.isEmpty()) {
            String name = pending.removeLast();
            if (wanted.add(name)) {
                ServerKind kind = byName(name).orElseThrow(() -> new StackException(
                        "unknown server '%s'; choose from %s".formatted(name, String.join(", ", names()))));
                pending.addAll(kind.requires());
            }
        }
        return all().stream().filter(kind -> wanted.contains(kind.name())).toList();
    }
}
