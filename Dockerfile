# syntax=docker/dockerfile:1
# One container for Cloud Run: a builder with the pinned Rust toolchain and Leptos tools, and a
# minimal non-root runtime holding only the server binary and the site folder.

FROM rust:1.95-bookworm AS builder
ARG CARGO_LEPTOS_VERSION=0.3.10
ARG WASM_BINDGEN_VERSION=0.2.130
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN rustup target add wasm32-unknown-unknown \
 && cargo install cargo-leptos --version "${CARGO_LEPTOS_VERSION}" --locked \
 && cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs=18.* npm=9.* \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build/tools
COPY tools/package.json tools/package-lock.json ./
RUN npm ci --no-audit --no-fund
WORKDIR /build
ENV PATH=/build/tools/node_modules/.bin:$PATH
COPY . .
RUN cargo leptos build --release

FROM gcr.io/distroless/cc-debian12:nonroot
WORKDIR /app
COPY --from=builder /build/target/release/jira-sso-auth /app/jira-sso-auth
COPY --from=builder /build/target/site /app/site
ENV LEPTOS_SITE_ROOT=/app/site \
    LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_OUTPUT_NAME=jira-sso-auth \
    LEPTOS_ENV=PROD \
    PORT=8080
EXPOSE 8080
USER nonroot
ENTRYPOINT ["/app/jira-sso-auth"]
