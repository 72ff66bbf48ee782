package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MavenCoordinatesTest {
    @Test
    void parsesTypeAndClassifier() {
        MavenCoordinates coordinates = MavenCoordinates.parse("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies");

        assertThat(coordinates).isEqualTo(new MavenCoordinates("org.gaul", "s3proxy", "4.1.0", "jar", Optional.of("jar-with-dependencies")));
        assertThat(coordinates.matchesFileName("s3proxy-4.1.0-jar-with-dependencies.jar")).isTrue();
        assertThat(coordinates.matchesFileName("s3proxy-4.1.0.jar")).isFalse();
    }

    @Test
    void defaultsToAJar() {
        MavenCoordinates coordinates = MavenCoordinates.parse("io.trino:trino-server:476:tar.gz");

        assertThat(coordinates.matchesFileName("trino-server-476.tar.gz")).isTrue();
        assertThat(MavenCoordinates.parse("a:b:1").type()).isEqualTo("jar");
    }

    @Test
    void rejectsIncompleteCoordinates() {
        assertThatThrownBy(() -> MavenCoordinates.parse("org.gaul:s3proxy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group:artifact:version");
        assertThatThrownBy(() -> MavenCoordinates.parse("a::1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolverPomExcludesDependenciesOnlyForSingleFiles() {
        List<MavenCoordinates> artifacts = List.of(MavenCoordinates.parse("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies"));

        assertThat(MavenCoordinates.resolverPom(artifacts, false))
                .contains("<classifier>jar-with-dependencies</classifier>")
                .contains("<exclusion><groupId>*</groupId>");
        assertThat(MavenCoordinates.resolverPom(artifacts, true)).doesNotContain("<exclusion>");
    }
}
