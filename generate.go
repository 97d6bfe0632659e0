// Package freightgraph is the root of the module; it holds only the one
// go:generate entry point. The ent step runs first (it writes
// graph/ent.graphql), then gqlgen reads every graph/*.graphql.
package freightgraph

//go:generate go run -mod=mod ./ent/entc.go
//go:generate go tool gqlgen generate
