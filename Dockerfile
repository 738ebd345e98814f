# duban (督办) bot image: the same image runs the whole bot, or `bot` / `worker` roles later.
FROM node:20-bookworm-slim

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
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server.js"]
