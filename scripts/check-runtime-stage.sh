#!/usr/bin/env bash
# Plays the Dockerfile's runtime stage without Docker (CI has no daemon and cannot pull base
# images): the compiled build, bin/ and `npm ci --omit=dev` in an empty folder, then checks that no
# dev tooling came with it and that `jamf-sync` on the PATH runs --help, the simulator and the
# whole demo (which starts `jamf-sync serve` itself) from the compiled build.
#
#   scripts/check-runtime-stage.sh            # with the node on the PATH
#   NODE_BIN=/path/to/node24 scripts/check-runtime-stage.sh
set -euo pipefail
cd "$(dirname "$0")/.."

node_bin="${NODE_BIN:-$(command -v node)}"
stage="$(mktemp -d "${TMPDIR:-/tmp}/jamf-sync-runtime-stage-XXXXXX")"
simulator_pid=""
cleanup() {
  if [ -n "$simulator_pid" ]; then kill "$simulator_pid" 2>/dev/null || true; fi
  rm -rf "$stage"
}
trap cleanup EXIT

echo "== runtime stage in $stage (node $("$node_bin" --version))"
npm run build >/dev/null
cp package.json package-lock.json "$stage/"
cp -r dist bin "$stage/"
# As the image's npm (from its node) would: the same lock, runtime dependencies only.
(cd "$stage" && PATH="$(dirname "$node_bin"):$PATH" npm ci --omit=dev --no-audit --no-fund --loglevel=error)

for tool in tsx esbuild typescript jest ts-jest dependency-cruiser drizzle-kit; do
  if [ -e "$stage/node_modules/$tool" ]; then
    echo "dev tooling in the runtime stage: node_modules/$tool" >&2
    exit 1
  fi
done

# As the Dockerfile links it: `jamf-sync` on the PATH, and the stage's node first.
mkdir "$stage/path"
ln -s "$stage/bin/jamf-sync.cjs" "$stage/path/jamf-sync"
ln -s "$node_bin" "$stage/path/node"
export PATH="$stage/path:$PATH"
cd "$stage"

jamf-sync --help | grep -q 'serve' || { echo "jamf-sync --help does not list serve" >&2; exit 1; }
echo "== jamf-sync --help: ok"

jamf-sync simulator --port 0 --computers 3 --mobiles 0 >"$stage/simulator.out" 2>&1 &
simulator_pid=$!
url=""
for _ in $(seq 1 120); do
  url="$(grep -o 'listening on http://[^ ]*' "$stage/simulator.out" | head -n 1 | sed 's/listening on //' || true)"
  [ -n "$url" ] && break
  sleep 0.5
done
[ -n "$url" ] || { echo "the simulator did not start:" >&2; cat "$stage/simulator.out" >&2; exit 1; }
"$node_bin" -e "fetch(process.argv[1] + '/api/v1/jamf-pro-version').then(r => process.exit(r.status < 500 ? 0 : 1), () => process.exit(1))" "$url"
kill "$simulator_pid"
simulator_pid=""
echo "== jamf-sync simulator: ok ($url)"

jamf-sync demo --exit --computers 5 --mobiles 5 >"$stage/demo.out" 2>&1 || { echo "jamf-sync demo failed:" >&2; tail -n 40 "$stage/demo.out" >&2; exit 1; }
grep -Eq 'run [0-9a-f-]{36}: succeeded' "$stage/demo.out" || { echo "the demo's sync did not succeed:" >&2; tail -n 40 "$stage/demo.out" >&2; exit 1; }
echo "== jamf-sync demo: ok (sync and webhooks from the compiled build, no tsx)"
