# The two commands of the README, and a few conveniences.

.PHONY: run test test-clock generate app bench bench-live

# Start the product on the embedded database with demo data.
run:
	go run ./cmd/freightgraph serve --demo

# Run every test: SQLite and PostgreSQL (started when it can be), benchmarks
# once, the race detector where goroutines meet, the app's tests. See .ci/test.
test:
	bash .ci/test

# Run every test as if it were the last minutes of a month, of a year and
# of 29 February (faketime and FREIGHTGRAPH_NOW). See .ci/clock.
test-clock:
	bash .ci/clock

# Regenerate ent and gqlgen code (and frontend/schema.graphql).
generate:
	go generate ./...

# Rebuild the app: GraphQL types from the schema, then the bundle in
# frontend/dist, which the binary embeds. Both are committed.
app:
	cd frontend && npm ci --no-audit --no-fund && npm run build

# The key-read benchmarks and the reads against the one-statement floor, at
# 100k shipments on both databases (slow to seed).
bench:
	FREIGHTGRAPH_BENCH_SHIPMENTS=100000 go test -run '^$$' -bench 'KeyReads|AgainstTheFloor' -benchtime 3s ./graph/server

# Two server processes on one PostgreSQL, 200 subscriptions spread over
# them, 100 writes through both: what arrived, how fast, and the memory of
# a subscription (cmd/freightgraph/livebench.go). DATABASE_URL names an
# empty database or one holding the demo.
bench-live:
	go run ./cmd/freightgraph livebench --db "$$DATABASE_URL" --subscribers 200 --writes 100 --rate 5
