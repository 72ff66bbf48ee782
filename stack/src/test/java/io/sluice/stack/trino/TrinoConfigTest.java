package io.sluice.stack.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TrinoConfigTest {
    private final TrinoConfig config = new TrinoConfig(18080, Path.of("/run/trino"), Path.of("/cache/trino/plugin"),
            new TrinoConfig.S3Store("http://127.0.0.1:9000", "us-east-1", "lake"));

    @Test
    void everyCatalogUsesAPluginTheDistributionKeeps() throws IOException {
        for (String catalog : config.catalogs().values()) {
            assertThat(TrinoDistribution.PLUGINS).contains(properties(catalog).getProperty("connector.name"));
        }
    }

    @Test
    void hiveCatalogTakesItsCredentialsFromTheEnvironment() throws IOException {
        Properties hive = properties(config.catalogs().get("hive"));
        var environment = TrinoConfig.environment("AK", "SK");

        assertThat(hive.getProperty("s3.aws-access-key")).isEqualTo("${ENV:" + TrinoConfig.ACCESS_KEY_VARIABLE + "}");
        assertThat(hive.getProperty("s3.aws-secret-key")).isEqualTo("${ENV:" + TrinoConfig.SECRET_KEY_VARIABLE + "}");
        assertThat(environment).containsEntry(TrinoConfig.ACCESS_KEY_VARIABLE, "AK").containsEntry(TrinoConfig.SECRET_KEY_VARIABLE, "SK");
        assertThat(config.jvmOptions()).noneMatch(option -> option.contains("SK"));
    }

    @Test
    void keepsTheMetastoreInTheBucket() throws IOException {
        assertThat(properties(config.catalogs().get("hive")).getProperty("hive.metastore.catalog.dir")).isEqualTo("s3://lake/trino-metastore");
    }

    @Test
    void exchangeSpoolsToTheBucketWithTheHiveCatalogsEndpointAndCredentials() throws IOException {
        Properties exchange = properties(config.exchangeManagerProperties());
        Properties hive = properties(config.catalogs().get("hive"));

        assertThat(exchange.getProperty("exchange-manager.name")).isEqualTo("filesystem");
        assertThat(exchange.getProperty("exchange.base-directories")).isEqualTo("s3://lake/trino-exchange");
        assertThat(exchange.getProperty("exchange.s3.endpoint")).isEqualTo(hive.getProperty("s3.endpoint"));
        assertThat(exchange.getProperty("exchange.s3.region")).isEqualTo(hive.getProperty("s3.region"));
        assertThat(exchange.getProperty("exchange.s3.path-style-access")).isEqualTo("true");
        assertThat(exchange.getProperty("exchange.s3.aws-access-key")).isEqualTo(hive.getProperty("s3.aws-access-key"));
        assertThat(exchange.getProperty("exchange.s3.aws-secret-key")).isEqualTo(hive.getProperty("s3.aws-secret-key"));
        assertThat(config.exchangeManagerFile()).isEqualTo(Path.of("/run/trino/etc/exchange-manager.properties"));
    }

    @Test
    void bindsToLoopbackOnTheGivenPort() throws IOException {
        Properties server = properties(config.configProperties());
        assertThat(server.getProperty("node.bind-ip")).isEqualTo("127.0.0.1");
        assertThat(server.getProperty("http-server.http.port")).isEqualTo("18080");
        assertThat(config.url()).isEqualTo("http://127.0.0.1:18080");
        assertThat(server.getProperty("query.client.timeout")).isEqualTo("30s");
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }
}
