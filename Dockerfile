# duban (督办) bot image: the same image runs the whole bot, or `bot` / `worker` roles later.
# Node 22 LTS (the code and tests also run on Node 20: package.json engines stays >=20.11).
FROM node:22-bookworm-slim

# tini as PID 1 for clean signal handling (the cards' CJK font comes with npm install).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# npm ci can fail on mirrors that lack optional platform packages: install from the lockfile.
# With the compiler for now (the build below), without it in the final image.
RUN npm install --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY config ./config
# Compile to dist/ (the bot then starts without a TypeScript loader) and make the embedded
# database's empty-cluster template (a new store needs no initdb), then drop the dev packages.
RUN node scripts/postinstall.mjs && test -f dist/server.js \
 && npm prune --omit=dev --no-audit --no-fund && npm cache clean --force

ENV NODE_ENV=production \
    DATA_DIR=/data \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8787 \
    DISTRICT_CONFIG=/app/config/district.example.yaml
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 8787
# /healthz answers 200 when Redis, the store and the chat are ready, 503 otherwise. Node's own fetch: the
# slim image has no curl. The server listens on HTTP_HOST (0.0.0.0 here), so loopback reaches it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8787)+'/healthz',{signal:AbortSignal.timeout(4000)}).then((r)=>process.exit(r.ok?0:1),()=>process.exit(1))"]
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server.js"]
