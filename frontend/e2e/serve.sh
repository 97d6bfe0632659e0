#!/bin/sh
# Builds the binary from this checkout and serves it on a fresh database
# with the demo data, for the end-to-end run (playwright.config.ts).
set -e
port=$1
out=e2e-results
rm -rf "$out/data" "$out/screenshots"
mkdir -p "$out/data"
go build -o "$out/freightgraph" ../cmd/freightgraph
echo "the server's log: frontend/$out/server.log"
# under .ci/clock, the server's clock starts where the browser's (faketime's) is now
if [ -n "${FREIGHTGRAPH_NOW:-}" ]; then FREIGHTGRAPH_NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ); export FREIGHTGRAPH_NOW; fi
exec "./$out/freightgraph" serve --demo --data-dir "$out/data" --addr "127.0.0.1:$port" 2> "$out/server.log"
