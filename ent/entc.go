//go:build ignore

// This program generates the ent code and the GraphQL schema of the ent types
// (graph/ent.graphql). It runs from the repository root, where gqlgen.yml is,
// through generate.go.
package main

import (
	"bytes"
	"go/format"
	"log"
	"os"
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("./gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("./graph/ent.graphql"),
		entgql.WithWhereInputs(true),
		entgql.WithNodeDescriptor(false),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeatureGlobalID,
			gen.FeatureModifier,
			gen.FeatureExecQuery,
			gen.FeatureLock, // FOR UPDATE / FOR SHARE on PostgreSQL (ent/rule/lock.go)
		},
	}, entc.Extensions(ex))
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
	if err := dropClientAlias("./ent/gql_pagination.go"); err != nil {
		log.Fatalf("renaming Customer to Client: %v", err)
	}
}

// dropClientAlias lets the GraphQL type of Customer be called Client. entgql
// declares "type Client = Customer" for a renamed type, which clashes with
// ent's own Client; in that one file every *Client means the alias, so it is
// spelled *Customer instead. It fails loudly if entgql changes what it writes.
func dropClientAlias(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	alias := []byte("// Client is the type alias for Customer.\ntype Client = Customer\n")
	if !bytes.Contains(src, alias) {
		return os.ErrNotExist
	}
	src = bytes.Replace(src, alias, nil, 1)
	src = regexp.MustCompile(`\*Client\b`).ReplaceAll(src, []byte("*Customer"))
	if src, err = format.Source(src); err != nil {
		return err
	}
	return os.WriteFile(path, src, 0o644)
}
