# syntax=docker/dockerfile:1
# One container for Cloud Run. The builder has the pinned Rust toolchain and the Leptos tools at
# the versions scripts/setup installs; dependencies are compiled in their own layer (cargo-chef),
# so a source change rebuilds only the app. The runtime is distroless, non-root, and holds only
# the server binary, its asset-hash file and the site folder: no source, no secrets, no .env.

ARG RUST_VERSION=1.95.0
# Node's current LTS line (26, Active LTS since October 2026), for wasm-opt (binaryen from npm)
# and the precompression script. Only node and npm are taken from the official image.
ARG NODE_VERSION=26.7.0

FROM node:${NODE_VERSION}-bookworm-slim AS node

FROM rust:${RUST_VERSION}-bookworm AS tools
ARG CARGO_CHEF_VERSION=0.1.78
ARG CARGO_LEPTOS_VERSION=0.3.10
ARG WASM_BINDGEN_VERSION=0.2.130
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN rustup target add wasm32-unknown-unknown \
 && cargo install cargo-chef --version "${CARGO_CHEF_VERSION}" --locked \
 && cargo install cargo-leptos --version "${CARGO_LEPTOS_VERSION}" --locked \
 && cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
# wasm-opt comes from npm (binaryen 132); Debian's binaryen is too old for this wasm. npm's
# launchers are links into its package, made again here rather than copied as files.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /build
COPY tools/package.json tools/package-lock.json tools/
RUN npm ci --prefix tools --no-audit --no-fund
ENV PATH=/build/tools/node_modules/.bin:$PATH

FROM tools AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM tools AS builder
COPY --from=planner /build/recipe.json recipe.json
RUN cargo chef cook --release --no-default-features --features ssr --recipe-path recipe.json \
 && cargo chef cook --profile wasm-release --target wasm32-unknown-unknown \
      --no-default-features --features hydrate --target-dir target/front --recipe-path recipe.json
COPY . .
RUN scripts/build-release

FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
WORKDIR /app
COPY --from=builder /build/target/release/jira-sso-auth /build/target/release/hash.txt /app/
COPY --from=builder /build/target/site /app/site
ENV LEPTOS_SITE_ROOT=/app/site \
    LEPTOS_SITE_PKG_DIR=pkg \
    LEPTOS_OUTPUT_NAME=jira-sso-auth \
    LEPTOS_ENV=PROD \
    MIMALLOC_ARENA_EAGER_COMMIT=0 \
    PORT=8080
EXPOSE 8080
USER 65532:65532
ENTRYPOINT ["/app/jira-sso-auth"]
