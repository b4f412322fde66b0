# Build the single runnable jar, then run it on a JRE with the data directory on a volume.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY ontology ontology
COPY data data
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/hikb.jar /app/hikb.jar
VOLUME /data
EXPOSE 7070
ENV HIKB_HOST=0.0.0.0 \
    HIKB_DATA=/data
ENTRYPOINT ["java", "-jar", "/app/hikb.jar"]
CMD ["serve"]
