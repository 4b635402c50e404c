# Web stage: the pages (web/), built with Node (the Maven image has none recent enough for Vite).
FROM node:22-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# Build stage: the same Maven build as the README, tests left to CI, the pages taken from above.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY catalog/pom.xml catalog/
COPY archiver/pom.xml archiver/
COPY web/pom.xml web/
COPY api/pom.xml api/
COPY bench/pom.xml bench/
RUN mvn -B -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
COPY --from=web /src/web/target/classes/scouter-web web/target/classes/scouter-web
RUN mvn -B -DskipTests -Dscouter.web.prebuilt=true -pl api -am package

# Run stage: a JRE and the service jar, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system scouter && useradd --system --gid scouter --home-dir /var/lib/scouter --create-home scouter
WORKDIR /var/lib/scouter
COPY --from=build /src/api/target/scouter-archive.jar /opt/scouter/scouter-archive.jar
COPY --from=build /src/config.yml /opt/scouter/config.yml
USER scouter
EXPOSE 8080 8081
# With DATABASE_URI unset the embedded PostgreSQL keeps its data in /var/lib/scouter/scouter-data.
VOLUME ["/var/lib/scouter"]
ENTRYPOINT ["java", "-jar", "/opt/scouter/scouter-archive.jar"]
CMD ["server", "/opt/scouter/config.yml"]
