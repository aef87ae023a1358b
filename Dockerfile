# Citizen Vault: container image.
#
# Three stages: `build` compiles the server (tsc) and the web app (Vite) with all dependencies;
# `prod-deps` installs only the runtime dependencies; `runtime` holds dist/, those dependencies and
# package.json (which says "type": "module"), and nothing else: no sources, no compilers, no dev
# tools. `npm start` is not used here because it rebuilds; the image runs the built entry point.
#
# Debian (glibc), not Alpine: better-sqlite3 is a native addon with prebuilt glibc binaries. The
# toolchain in `base` is only the fallback for when no prebuilt binary matches (node-gyp).

FROM node:20-bookworm-slim AS base
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./

# The data directory belongs to the unprivileged `node` user (uid 1000) that ships with the image.
# A named volume mounted here starts with this ownership.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

# Inside a container, listening on loopback would be unreachable: bind all interfaces.
# VAULT_MODE stays unset (development) unless the deployment sets it: see docs/configuration.md.
ENV VAULT_DATA_DIR=/data \
  VAULT_HOST=0.0.0.0 \
  VAULT_PORT=8080

USER node
EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.VAULT_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/server/src/main.js"]
