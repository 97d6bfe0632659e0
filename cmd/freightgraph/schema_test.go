package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The printed schema is a valid SDL of the API without the server's code
// generation directives: what the app's code generator and analysts' tools read.
func TestSchemaCommand(t *testing.T) {
	var out bytes.Buffer
	if err := schemaCmd(nil, &out); err != nil {
		t.Fatal(err)
	}
	sdl := out.String()
	if strings.Contains(sdl, "@go") || strings.Contains(sdl, "goModel") {
		t.Error("the printed schema carries gqlgen's directives")
	}
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: sdl})
	if err != nil {
		t.Fatalf("the printed schema does not load: %v", err)
	}
	for _, f := range []string{"tenders", "tenderTotals", "viewer", "node"} {
		if s.Query.Fields.ForName(f) == nil {
			t.Errorf("Query.%s is missing", f)
		}
	}
	if s.Types["Client"] == nil || s.Types["Customer"] != nil {
		t.Error("the API's type is Client, never ent's Customer")
	}
}
