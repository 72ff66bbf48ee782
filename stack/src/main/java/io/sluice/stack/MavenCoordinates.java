package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code group:artifact:version[:type[:classifier]]}. */
record MavenCoordinates(String group, String artifact, String version, String type, Optional<String> classifier) {
    MavenCoordinates {
        requireNonNull(group, "group");
        requireNonNull(artifact, "artifact");
        requireNonNull(version, "version");
        requireNonNull(type, "type");
        requireNonNull(classifier, "classifier");
    }

    static MavenCoordinates parse(String coordinates) {
        requireNonNull(coordinates, "coordinates");
        String[] parts = coordinates.split(":", -1);
        if (parts.length < 3 || parts.length > 5 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(
                    "Maven coordinates must be group:artifact:version[:type[:classifier]], got: " + coordinates);
        }
        return new MavenCoordinates(parts[0], parts[1], parts[2],
                parts.length > 3 ? parts[3] : "jar",
                parts.length > 4 ? Optional.of(parts[4]) : Optional.empty());
    }

    /** Whether a resolved file is this artifact (rather than one of its dependencies). */
    boolean matchesFileName(String fileName) {
        return fileName.equals(artifact + "-" + version + classifier.map(value -> "-" + value).orElse("") + "." + type);
    }

    /** This artifact's folder in a local Maven repository: {@code group/as/folders/artifact/version}. */
    Path repositoryFolder(Path repository) {
        return repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
    }

    /** A throw-away POM whose only dependencies are the given artifacts, for Maven to resolve. */
    static String resolverPom(List<MavenCoordinates> artifacts, boolean transitive) {
        StringBuilder dependencies = new StringBuilder();
        for (MavenCoordinates artifact : artifacts) {
            dependencies.append(artifact.dependencyElement(transitive));
        }
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.sluice.fetch</groupId>
                  <artifactId>fetch</artifactId>
                  <version>0</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(dependencies);
    }

    private String dependencyElement(boolean transitive) {
        return """
                    <dependency>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                      <type>%s</type>
                %s%s    </dependency>
                """.formatted(group, artifact, version, type,
                classifier.map(value -> "      <classifier>" + value + "</classifier>\n").orElse(""),
                transitive ? "" : "      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>\n");
    }

    @Override
    public String toString() {
        return String.join(":", group, artifact, version, type) + classifier.map(value -> ":" + value).orElse("");
    }
}
