# syntax=docker/dockerfile:1
# Build the release binary with the Swift toolchain, run it on a slim Debian with libpq.
# The toolchain the project builds and tests with (Swift 6.3).
FROM swift:6.3-bookworm AS build
# libpq for PostgreSQL; libcurl's header for webhooks (issue 16). cairo and Pango (the PDF,
# issue 13) are loaded by name when first used, so the build needs neither.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq-dev pkg-config libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
RUN swift package resolve
COPY Sources ./Sources
RUN swift build -c release --product appraise --static-swift-stdlib \
    && install -D .build/release/appraise /out/appraise

# Swagger UI for /docs (issue 16 §6), from its PyPI package; never kept in the repository.
FROM python:3.12-slim AS docs
WORKDIR /src
COPY scripts/docs-assets.sh ./scripts/
RUN bash scripts/docs-assets.sh /out/swagger-ui

FROM debian:bookworm-slim
# libpangocairo and libcurl are not in the binary's NEEDED list: the server opens them on the
# first PDF or delivery (Sources/CPangoCairo, Sources/CCurl), so they must be here all the same.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 libcairo2 libpangocairo-1.0-0 libcurl4 fonts-dejavu-core \
       ca-certificates tzdata curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app appraise
WORKDIR /app
COPY --from=build /out/appraise /usr/local/bin/appraise
COPY migrations ./migrations
COPY openapi.yaml ./openapi.yaml
COPY --from=docs /out/swagger-ui ./swagger-ui
USER appraise
ENV APPRAISE_HOST=0.0.0.0 APPRAISE_PORT=8080 APPRAISE_MIGRATIONS_DIR=/app/migrations APPRAISE_OPENAPI_PATH=/app/openapi.yaml \
    APPRAISE_DOCS_DIR=/app/swagger-ui
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["appraise"]
CMD ["serve"]
