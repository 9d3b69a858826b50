# Multi-stage build: compile TypeScript, then a slim runtime with production dependencies only
# (no TypeScript, tsx or esbuild: the image runs the compiled build).
# Node 24 is the current LTS; package.json's engines says which versions CI tests (.ci/run).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:24-slim AS runtime
ENV NODE_ENV=production DATA_DIR=/data PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
# `jamf-sync` on the PATH: bin/jamf-sync.cjs runs the compiled build when tsx is not installed.
RUN ln -s /app/bin/jamf-sync.cjs /usr/local/bin/jamf-sync \
  && mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `serve` drains on SIGTERM within SHUTDOWN_TIMEOUT_MS (default 8000 ms), inside the 10 s Docker
# waits before SIGKILL. To give it longer, raise both: SHUTDOWN_TIMEOUT_MS and `docker stop -t`
# (compose: `stop_grace_period`; Kubernetes: `terminationGracePeriodSeconds`), the latter ~2 s more.
STOPSIGNAL SIGTERM
# The exec form makes node PID 1, so it receives the SIGTERM itself.
CMD ["jamf-sync", "serve"]
