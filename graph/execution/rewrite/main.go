// Command rewrite points gqlgen's generated executor at package execution:
// lists of objects through execution.MarshalSlice, each object's deferred
// group through execution.DeferredGroup, each object's fields written by
// execution.Object, leaf fields straight to their marshaller
// (execution.Leaves). generate.go runs it right after
// gqlgen. It fails when gqlgen's output no longer has the shapes it
// replaces, so that a gqlgen upgrade cannot silently undo the change.
package main

import (
	"fmt"
	"go/format"
	"os"
	"regexp"
	"strings"
)

const importPath = `"github.com/freightgraph/freightgraph/graph/execution"`

// rewrites replace from by to; done is what a file already rewritten holds.
var rewrites = []struct {
	from     *regexp.Regexp
	to, done string
}{
	{regexp.MustCompile(`graphql\.MarshalSliceConcurrently\(ctx, len\(v\), \d+, (?:true|false), func`), `execution.MarshalSlice(ctx, sel, len(v), func`, `execution.MarshalSlice(`},
	{regexp.MustCompile(`graphql\.NewDeferredGroup\(ctx\)`), `execution.DeferredGroup(ctx, fields)`, `execution.DeferredGroup(`},
	{regexp.MustCompile(`(ec\.ProcessDeferredGroup\(deferred\)\n\t\}\n\n\t)return out\n`), "${1}return execution.Object(fields, out, deferred)\n", `execution.Object(`},
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rewrite graph/generated/generated.go")
		os.Exit(2)
	}
	if err := rewrite(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "rewrite:", err)
		os.Exit(1)
	}
}

func rewrite(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	src := string(raw)
	for _, r := range rewrites {
		if !r.from.MatchString(src) && !strings.Contains(src, r.done) {
			return fmt.Errorf("%s: gqlgen's output has no %s any more: check package execution against this gqlgen", path, r.from)
		}
		src = r.from.ReplaceAllString(src, r.to)
	}
	src, n, err := leaves(src)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if n == 0 && !strings.Contains(src, "execution.Leaves.Load()") {
		return fmt.Errorf("%s: no leaf field has gqlgen's shape any more: check execution.Leaves against this gqlgen", path)
	}
	if !strings.Contains(src, importPath) {
		src = strings.Replace(src, "import (\n", "import (\n\t"+importPath+"\n", 1)
	}
	out, err := format.Source([]byte(src))
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}
