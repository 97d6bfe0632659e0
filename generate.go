// Package freightgraph is the root of the module; it holds only the one
// go:generate entry point. The ent step runs first (it writes
// graph/ent.graphql), then gqlgen reads every graph/*.graphql, and its
// executor is pointed at graph/execution for lists and deferred groups
// (graph/execution/rewrite); last, the schema is printed for the app's code
// generator (frontend/schema.graphql), with the reasons the server gives
// its refusals (frontend/src/i18n/reasons.json).
package freightgraph

//go:generate go run -mod=mod ./ent/entc.go
//go:generate go tool gqlgen generate
//go:generate go run ./graph/execution/rewrite graph/generated/generated.go
//go:generate go run ./cmd/freightgraph schema -o frontend/schema.graphql
//go:generate go run ./ent/rule/reasons frontend/src/i18n/reasons.json
