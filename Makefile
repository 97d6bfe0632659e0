# The two commands of the README, and a few conveniences.

.PHONY: run test generate bench

# Start the product on the embedded database with demo data.
run:
	go run ./cmd/freightgraph serve --demo

# Run every test: SQLite and PostgreSQL (started when it can be), race
# detector on, benchmarks once. See .ci/test.
test:
	bash .ci/test

# Regenerate ent and gqlgen code.
generate:
	go generate ./...

# The key-read benchmarks at 100k shipments on both databases (slow to seed).
bench:
	FREIGHTGRAPH_BENCH_SHIPMENTS=100000 go test -run '^$$' -bench KeyReads -benchtime 3s ./graph/server
