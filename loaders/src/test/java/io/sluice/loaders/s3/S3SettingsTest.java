package io.sluice.loaders.s3;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3SettingsTest
{
    private static final Map<String, String> KEYS = Map.of("SLUICE_S3_ACCESS_KEY", "AKIATEST", "SLUICE_S3_SECRET_KEY", "s3cr3t-value");

    @Test
    void defaultsForEverythingButTheKeys()
    {
        S3Settings settings = S3Settings.fromEnvironment(KEYS);

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.bucket()).isEqualTo("sluice");
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.accessKey()).isEqualTo("AKIATEST");
        assertThat(settings.secretKey()).isEqualTo("s3cr3t-value");
        assertThat(settings.createBucket()).isTrue();
    }

    @Test
    void readsEveryVariable()
    {
        S3Settings settings = S3Settings.fromEnvironment(Map.of(
                "SLUICE_S3_ENDPOINT", "https://store.example:9443",
                "SLUICE_S3_BUCKET", "landed.data",
                "SLUICE_S3_REGION", "eu-west-3",
                "SLUICE_S3_ACCESS_KEY", " AKIA2 ",
                "SLUICE_S3_SECRET_KEY", "other",
                "SLUICE_S3_CREATE_BUCKET", "FALSE"));

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://store.example:9443"));
        assertThat(settings.bucket()).isEqualTo("landed.data");
        assertThat(settings.region()).isEqualTo("eu-west-3");
        assertThat(settings.accessKey()).isEqualTo("AKIA2");
        assertThat(settings.secretKey()).isEqualTo("other");
        assertThat(settings.createBucket()).isFalse();
    }

    @Test
    void toStringHidesTheKeys()
    {
        assertThat(S3Settings.fromEnvironment(KEYS).toString()).doesNotContain("AKIATEST").doesNotContain("s3cr3t-value").contains("bucket=sluice");
    }

    @Test
    void badValuesAreNamed()
    {
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("SLUICE_S3_SECRET_KEY", "x")))
                .hasMessage("SLUICE_S3_ACCESS_KEY is not set; give the S3 store's access key");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(Map.of("SLUICE_S3_ACCESS_KEY", "x")))
                .hasMessage("SLUICE_S3_SECRET_KEY is not set; give the S3 store's secret key");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(with("SLUICE_S3_ENDPOINT", "ftp://host:21")))
                .hasMessage("SLUICE_S3_ENDPOINT 'ftp://host:21' is not an http(s)://host:port URL");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(with("SLUICE_S3_ENDPOINT", "http://bad host")))
                .hasMessageStartingWith("SLUICE_S3_ENDPOINT 'http://bad host' is not a URL: ");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(with("SLUICE_S3_BUCKET", "Upper_Case")))
                .hasMessage("SLUICE_S3_BUCKET 'Upper_Case' is not a valid bucket name (3-63 of a-z 0-9 . -)");
        assertThatThrownBy(() -> S3Settings.fromEnvironment(with("SLUICE_S3_CREATE_BUCKET", "yes")))
                .hasMessage("SLUICE_S3_CREATE_BUCKET 'yes' must be true or false");
    }

    private static Map<String, String> with(String name, String value)
    {
        return Map.of("SLUICE_S3_ACCESS_KEY", "AKIATEST", "SLUICE_S3_SECRET_KEY", "s3cr3t-value", name, value);
    }
}
