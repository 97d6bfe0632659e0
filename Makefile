# The two commands of the README, and a few conveniences.

.PHONY: run test generate app bench

# Start the product on the embedded database with demo data.
run:
	go run ./cmd/freightgraph serve --demo

# Run every test: SQLite and PostgreSQL (started when it can be), race
# detector on, benchmarks once. See .ci/test.
test:
	bash .ci/test

# Regenerate ent and gqlgen code (and frontend/schema.graphql).
generate:
	go generate ./...

# Rebuild the app: GraphQL types from the schema, then the bundle in
# frontend/dist, which the binary embeds. Both are committed.
app:
	cd frontend && npm ci --no-audit --no-fund && npm run build

# The key-read benchmarks at 100k shipments on both databases (slow to seed).
bench:
	FREIGHTGRAPH_BENCH_SHIPMENTS=100000 go test -run '^$$' -bench KeyReads -benchtime 3s ./graph/server
