package io.sluice.schema.kafka;

import io.sluice.schema.settings.EnvironmentReader;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.utils.Utils;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How every Sluice service connects to Kafka, read from the same environment variables everywhere (the
 * Helm chart sets them): {@value #BOOTSTRAP_SERVERS_ENV}, {@value #SECURITY_PROTOCOL_ENV},
 * {@value #SASL_MECHANISM_ENV}, {@value #SASL_JAAS_CONFIG_ENV}, {@value #SSL_TRUSTSTORE_LOCATION_ENV},
 * {@value #SSL_TRUSTSTORE_PASSWORD_ENV}, {@value #SESSION_TIMEOUT_ENV}. {@link #toString()} never shows the JAAS
 * configuration or the password.
 *
 * <p>The session timeout is how long a consumer group waits for a member that stopped heartbeating (a killed pod, a
 * lost node) before it hands that member's partitions to the others; every row topic partition of a killed lander,
 * and every task of a killed tracker, waits that long. Kafka's default, 45 s, is made for fleets where a rebalance
 * is costly; here recovery is what fault runs measure, so the default is 10 s.
 */
public record KafkaClientSettings(
        String bootstrapServers,
        String securityProtocol,
        Optional<String> saslMechanism,
        Optional<String> saslJaasConfig,
        Optional<String> sslTruststoreLocation,
        Optional<String> sslTruststorePassword,
        Duration sessionTimeout)
{
    public static final String BOOTSTRAP_SERVERS_ENV = "SLUICE_KAFKA_BOOTSTRAP_SERVERS";
    public static final String SECURITY_PROTOCOL_ENV = "SLUICE_KAFKA_SECURITY_PROTOCOL";
    public static final String SASL_MECHANISM_ENV = "SLUICE_KAFKA_SASL_MECHANISM";
    public static final String SASL_JAAS_CONFIG_ENV = "SLUICE_KAFKA_SASL_JAAS_CONFIG";
    public static final String SSL_TRUSTSTORE_LOCATION_ENV = "SLUICE_KAFKA_SSL_TRUSTSTORE_LOCATION";
    public static final String SSL_TRUSTSTORE_PASSWORD_ENV = "SLUICE_KAFKA_SSL_TRUSTSTORE_PASSWORD";
    public static final String SESSION_TIMEOUT_ENV = "SLUICE_KAFKA_SESSION_TIMEOUT_MS";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_SECURITY_PROTOCOL = "PLAINTEXT";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    // the brokers' default group.min.session.timeout.ms and group.max.session.timeout.ms: a group refuses a member outside them
    static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);

    private static final List<String> SECURITY_PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public KafkaClientSettings
    {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        try {
            checkBootstrapServers(bootstrapServers);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS_ENV + ": " + e.getMessage(), e);
        }
        requireNonNull(securityProtocol, "securityProtocol is null");
        securityProtocol = securityProtocol.trim().toUpperCase(Locale.ROOT);
        if (!SECURITY_PROTOCOLS.contains(securityProtocol)) {
            throw new IllegalArgumentException("%s '%s' is not supported; allowed: %s".formatted(SECURITY_PROTOCOL_ENV, securityProtocol, String.join(", ", SECURITY_PROTOCOLS)));
        }
        requireNonNull(saslMechanism, "saslMechanism is null");
        requireNonNull(saslJaasConfig, "saslJaasConfig is null");
        requireNonNull(sslTruststoreLocation, "sslTruststoreLocation is null");
        requireNonNull(sslTruststorePassword, "sslTruststorePassword is null");
        boolean sasl = securityProtocol.startsWith("SASL_");
        if (!sasl && (saslMechanism.isPresent() || saslJaasConfig.isPresent())) {
            throw new IllegalArgumentException("%s and %s need %s SASL_PLAINTEXT or SASL_SSL, got %s".formatted(SASL_MECHANISM_ENV, SASL_JAAS_CONFIG_ENV, SECURITY_PROTOCOL_ENV, securityProtocol));
        }
        if (sslTruststorePassword.isPresent() && sslTruststoreLocation.isEmpty()) {
            throw new IllegalArgumentException(SSL_TRUSTSTORE_PASSWORD_ENV + " is set but " + SSL_TRUSTSTORE_LOCATION_ENV + " is not; set the truststore file too");
        }
        requireNonNull(sessionTimeout, "sessionTimeout is null");
        if (sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0 || sessionTimeout.compareTo(MAX_SESSION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("%s must be between %d and %d (the brokers' default group.min.session.timeout.ms and group.max.session.timeout.ms), got %d"
                    .formatted(SESSION_TIMEOUT_ENV, MIN_SESSION_TIMEOUT.toMillis(), MAX_SESSION_TIMEOUT.toMillis(), sessionTimeout.toMillis()));
        }
    }

    /**
     * Fails with what is wrong unless {@code bootstrapServers} is a list of host:port, which the Kafka clients would
     * otherwise refuse only when they are built, naming their own property.
     */
    public static void checkBootstrapServers(String bootstrapServers)
    {
        List<String> addresses = EnvironmentReader.splitList(bootstrapServers);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("empty; set host:port[,host:port…], e.g. " + DEFAULT_BOOTSTRAP_SERVERS);
        }
        for (String address : addresses) {
            Integer port = Utils.getPort(address);
            if (Utils.getHost(address) == null || port == null || port < 1 || port > 65535) {
                throw new IllegalArgumentException("'%s' is not host:port with a port in 1-65535 (in '%s'), e.g. %s".formatted(address, bootstrapServers, DEFAULT_BOOTSTRAP_SERVERS));
            }
        }
    }

    public static KafkaClientSettings plaintext(String bootstrapServers)
    {
        return new KafkaClientSettings(bootstrapServers, DEFAULT_SECURITY_PROTOCOL, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_SESSION_TIMEOUT);
    }

    /**
     * Reads the {@code SLUICE_KAFKA_*} variables; unset or blank ones take their defaults.
     */
    public static KafkaClientSettings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        return new KafkaClientSettings(
                env.string(BOOTSTRAP_SERVERS_ENV).orElse(DEFAULT_BOOTSTRAP_SERVERS),
                env.string(SECURITY_PROTOCOL_ENV).orElse(DEFAULT_SECURITY_PROTOCOL),
                env.string(SASL_MECHANISM_ENV),
                env.string(SASL_JAAS_CONFIG_ENV),
                env.string(SSL_TRUSTSTORE_LOCATION_ENV),
                env.string(SSL_TRUSTSTORE_PASSWORD_ENV),
                env.millis(SESSION_TIMEOUT_ENV).orElse(DEFAULT_SESSION_TIMEOUT));
    }

    /**
     * The client configuration for producers, consumers and admin clients.
     */
    public Map<String, Object> toClientProperties()
    {
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        saslMechanism.ifPresent(value -> properties.put(SaslConfigs.SASL_MECHANISM, value));
        saslJaasConfig.ifPresent(value -> properties.put(SaslConfigs.SASL_JAAS_CONFIG, value));
        sslTruststoreLocation.ifPresent(value -> properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, value));
        sslTruststorePassword.ifPresent(value -> properties.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, value));
        return properties;
    }

    /**
     * A member of consumer group {@code groupId} reading committed records, from the earliest offset where the group
     * has none; see the class comment for its liveness. Partitions are assigned cooperatively and sticky: spread evenly
     * over the members across all topics (the clients' default, range, deals out each topic on its own, so with a
     * topic per table of one or two partitions the first member got nearly all of them), and a rebalance moves only
     * the partitions that change owner while the members go on with the rest. Subscribing to a topic that does not
     * exist yet waits for it rather than creating it with the broker's defaults (its partition count and retention are
     * its creator's to choose: a query runner started before the first generator would otherwise make
     * {@code sluice.events} with the broker's default partition count).
     */
    public Map<String, Object> toGroupMemberProperties(String groupId)
    {
        Map<String, Object> properties = toClientProperties();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, requireNonNull(groupId, "groupId is null"));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.putAll(toLivenessProperties());
        return properties;
    }

    /**
     * The session timeout of a group member, with heartbeats three to a session (Kafka's ratio), for clients that
     * build their consumers themselves (Kafka Streams).
     */
    public Map<String, Object> toLivenessProperties()
    {
        return Map.of(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.dividedBy(3).toMillis());
    }

    /**
     * A consumer that reads committed records from positions it seeks itself: no group and no commits, and asking
     * for a topic that does not exist never creates it with the broker's defaults.
     */
    public Map<String, Object> toSeekingReaderProperties(String clientId)
    {
        Map<String, Object> properties = toClientProperties();
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, requireNonNull(clientId, "clientId is null"));
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return properties;
    }

    @Override
    public String toString()
    {
        return "KafkaClientSettings{bootstrapServers=%s, securityProtocol=%s, saslMechanism=%s, saslJaasConfig=%s, sslTruststoreLocation=%s, sslTruststorePassword=%s, sessionTimeout=%s}".formatted(
                bootstrapServers, securityProtocol, saslMechanism.orElse("-"), saslJaasConfig.map(_ -> "***").orElse("-"),
                sslTruststoreLocation.orElse("-"), sslTruststorePassword.map(_ -> "***").orElse("-"), sessionTimeout);
    }
}
