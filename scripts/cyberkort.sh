#!/usr/bin/env bash
# The project's one entry point (npm scripts call it). It first makes sure a recent Node.js
# and the npm packages are there (scripts/env.sh), then runs the task.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$CYBERKORT_ROOT"

task="${1:-}"
shift || true

ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" = "0" ]; then
    echo "› installing Debian's chromium for the browser tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium: run 'sudo apt-get install -y chromium'." >&2
    exit 1
  fi
}

# How the server's process runs with the embedded search engine (README, "Memory"; the Dockerfile,
# beside Meilisearch, takes the malloc settings only): two malloc
# arenas (glibc's default, eight per core, kept another 30 MiB of native memory); blocks of 1 MiB
# and more mapped on their own, so freeing them gives the memory back (glibc kept about 70 MiB of
# the search index build's freed buffers); V8 tuned for size, which also sets a 1 MiB semi-space
# (V8 ignores --max-semi-space-size beside it).
serve_node() {
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-1048576}" \
    exec node --optimize-for-size --import tsx src/server.ts
}

case "$task" in
  start)
    npx astro build --silent
    serve_node ;;
  build) exec npx astro build "$@" ;;
  serve) serve_node ;;
  test)
    ensure_chromium
    npx biome check .
    npx tsc --noEmit -p tsconfig.json
    exec npx vitest run "$@" ;;
  test:unit) exec npx vitest run --project unit "$@" ;;
  check) exec npx biome check "$@" . ;;
  seed) exec npx tsx scripts/seed.ts "$@" ;;
  reindex) exec npx tsx scripts/reindex.ts "$@" ;;
  import) exec npx tsx scripts/import.ts "$@" ;;
  reminders) exec npx tsx scripts/reminders.ts "$@" ;;
  rollup) exec npx tsx scripts/rollup.ts "$@" ;;
  export) exec npx tsx scripts/export.ts "$@" ;;
  snapshot) exec npx tsx scripts/snapshot.ts "$@" ;;
  backup) exec npx tsx scripts/backup.ts "$@" ;;
  restore) exec npx tsx scripts/restore.ts "$@" ;;
  neo4j) exec npx tsx scripts/neo4j.ts "$@" ;;
  schema:print) exec npx tsx scripts/print-schema.ts "$@" ;;
  bench:seed) exec npx tsx scripts/bench-seed.ts "$@" ;;
  bench:search) exec npx tsx scripts/bench-search.ts "$@" ;;
  bench:relevance) exec npx tsx scripts/bench-relevance.ts "$@" ;;
  # As production runs the server: GraphQL.js checks types more slowly outside NODE_ENV=production.
  bench:graphql) NODE_ENV=production exec npx tsx scripts/bench-graphql.ts "$@" ;;
  bench:match) exec npx tsx scripts/bench-match.ts "$@" ;;
  bench:backup) exec npx tsx scripts/bench-backup.ts "$@" ;;
  bench:load) exec npx tsx scripts/bench-load.ts "$@" ;;
  bench:moderation) exec npx tsx scripts/bench-moderation.ts "$@" ;;
  bench:import) exec npx tsx scripts/bench-import.ts "$@" ;;
  bench:analytics) exec npx tsx scripts/bench-analytics.ts "$@" ;;
  bench:lighthouse)
    ensure_chromium
    exec npx tsx scripts/bench-lighthouse.ts "$@" ;;
  *)
    echo "usage: scripts/cyberkort.sh start|build|serve|test|test:unit|check|seed|reindex|import|reminders|rollup|export|snapshot|backup|restore|neo4j|schema:print|bench:*" >&2
    exit 2 ;;
esac
