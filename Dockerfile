# Build the single runnable jar, then run it on a JRE, as a user of its own, with the data directory on a volume.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY ontology ontology
COPY data data
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN groupadd --system hikb && useradd --system --gid hikb --home-dir /app --shell /usr/sbin/nologin hikb \
    && mkdir -p /data && chown hikb:hikb /data
WORKDIR /app
COPY --from=build /src/target/hikb.jar /app/hikb.jar
VOLUME /data
EXPOSE 7070
ENV HIKB_HOST=0.0.0.0 \
    HIKB_DATA=/data
USER hikb
# The first start imports the health-and-care records (about a minute); /health answers once the server serves.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-cp", "/app/hikb.jar", "org.w3id.hikb.cli.HealthProbe", "http://127.0.0.1:7070/health"]
ENTRYPOINT ["java", "-jar", "/app/hikb.jar"]
CMD ["serve"]
