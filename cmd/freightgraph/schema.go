package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/freightgraph/freightgraph/graph/generated"
)

// schemaCmd prints the GraphQL schema as SDL: for analysts' tools, and for
// the app's code generator (frontend/schema.graphql, written by go generate).
// The server's own directives (goModel and the like) are code generation
// instructions, not part of the API, so they are left out.
func schemaCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	out := fs.String("o", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// a copy: the executable schema is the server's own, shared by every
	// request, and is not to be changed here
	var sdl bytes.Buffer
	formatter.NewFormatter(&sdl).FormatSchema(generated.NewExecutableSchema(generated.Config{}).Schema())
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: sdl.String()})
	if err != nil {
		return fmt.Errorf("reading the schema back: %w", err)
	}
	for name := range s.Directives {
		if !standardDirectives[name] {
			delete(s.Directives, name)
		}
	}
	for _, def := range s.Types {
		def.Directives = withoutServerDirectives(def.Directives)
		for _, f := range def.Fields {
			f.Directives = withoutServerDirectives(f.Directives)
		}
		for _, v := range def.EnumValues {
			v.Directives = withoutServerDirectives(v.Directives)
		}
	}
	for _, def := range s.Types {
		for _, f := range def.Fields {
			for _, a := range f.Arguments {
				a.Directives = withoutServerDirectives(a.Directives)
			}
		}
	}
	var b bytes.Buffer
	b.WriteString("# The GraphQL schema of freightgraph, printed by `freightgraph schema`. Do not edit.\n\n")
	formatter.NewFormatter(&b).FormatSchema(s)
	if *out == "" {
		_, err := stdout.Write(b.Bytes())
		return err
	}
	if err := os.WriteFile(*out, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing the schema: %w", err)
	}
	return nil
}

// standardDirectives are the directives of the GraphQL specification.
var standardDirectives = map[string]bool{"include": true, "skip": true, "deprecated": true, "specifiedBy": true, "oneOf": true}

func withoutServerDirectives(list ast.DirectiveList) ast.DirectiveList {
	var kept ast.DirectiveList
	for _, d := range list {
		if standardDirectives[d.Name] {
			kept = append(kept, d)
		}
	}
	return kept
}
