# The image of every Sluice service: the CLI fat jar on a Java 25 runtime. The Helm chart (helm/sluice) runs each
# service as this image with its own arguments, e.g. `ingest parquet --metrics-port 9400`.
#
# Build the jar first, then the image (the jar is built by Maven outside Docker so the image build needs no
# Maven, no dependency download and no build cache of its own):
#   ./mvnw -pl cli -am package -DskipTests
#   docker build -t sluice:dev .
FROM eclipse-temurin:25-jre

# A fixed non-root user: the chart's pod security context runs as 10001 and checks runAsNonRoot.
RUN groupadd --system --gid 10001 sluice \
    && useradd --system --uid 10001 --gid sluice --home-dir /var/lib/sluice --no-create-home --shell /usr/sbin/nologin sluice \
    && mkdir -p /opt/sluice /var/lib/sluice \
    && chown sluice:sluice /var/lib/sluice

COPY cli/target/sluice.jar /opt/sluice/sluice.jar

USER 10001:10001
WORKDIR /var/lib/sluice
# Metrics (/metrics) and health (/health/live, /health/ready) of the long-running services.
EXPOSE 9400

# zstd-jni and the ClickHouse/Parquet native code need native access on JDK 25; the heap follows the container's
# memory limit instead of the node's, on transparent huge pages where the node offers them (the generator reads the
# TPC-H text pool at random; without THP the JVM logs one warning and uses normal pages).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-XX:+UseTransparentHugePages", "-jar", "/opt/sluice/sluice.jar"]
CMD ["--help"]
