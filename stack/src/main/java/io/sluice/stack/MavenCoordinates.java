package io.sluice.stack;

import static java.util.Objects.requireNonNull;

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
        if (parts.length < 3 || parts.length > 5 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
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

    /** A throw-away POM whose only dependency is this artifact, for Maven to resolve. */
    String resolverPom(boolean transitive) {
        String exclusions = transitive ? "" : """
                      <exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion></exclusions>
                """;
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.sluice.fetch</groupId>
                  <artifactId>fetch</artifactId>
                  <version>0</version>
                  <packaging>pom</packaging>
                  <dependencies>
                    <dependency>
                      <groupId>%s</groupId>
                      <artifactId>%s</artifactId>
                      <version>%s</version>
                      <type>%s</type>
                %s%s    </dependency>
                  </dependencies>
                </project>
                """.formatted(group, artifact, version, type,
                classifier.map(value -> "          <classifier>" + value + "</classifier>\n").orElse(""), exclusions);
    }

    @Override
    public String toString() {
        return String.join(":", group, artifact, version, type) + classifier.map(value -> ":" + value).orElse("");
    }
}
