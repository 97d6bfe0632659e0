// Package guard bounds what one GraphQL operation may ask of the database,
// before any resolver runs: page sizes, a depth limit, and a complexity limit
// that multiplies by page size. One walk over the operation does all three,
// so the numbers a caller is refused by are the numbers the server then uses.
package guard

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/freightgraph/freightgraph/ent/text"
)

// Limits are the bounds of one operation.
type Limits struct {
	DefaultPage   int // page size of a connection asked for without first or last
	MaxPage       int // the largest first or last, and the most IDs nodes takes
	MaxDepth      int // the deepest nesting of fields accepted
	MaxComplexity int // the largest cost accepted (see field)
	MaxLists      int // the most connections and node lookups in one operation
	MaxFilterJoin int // the deepest nesting of has...With filters
	MaxInputDepth int // the deepest nesting of objects and lists in an argument
	MaxAliases    int // the most aliased fields in one operation
	MaxTokens     int // the most lexical tokens in one document
	MaxFields     int // the most field selections written in one document
}

// Defaults are the limits the server runs with. Each list field is at least
// one SQL statement and each has...With filter a correlated subquery, which
// is what MaxLists and MaxFilterJoin bound; depth and cost bound the rows.
var Defaults = Limits{DefaultPage: 50, MaxPage: 1000, MaxDepth: 15, MaxComplexity: 250_000, MaxLists: 100, MaxFilterJoin: 2, MaxInputDepth: 10, MaxAliases: 100, MaxTokens: 10_000, MaxFields: 500}

// Codes of the refusals, served as extensions.code.
const (
	CodeBadInput   = "BAD_USER_INPUT"
	CodeTooDeep    = "QUERY_TOO_DEEP"
	CodeTooComplex = "QUERY_TOO_COMPLEX"
)

// Extension applies Limits to every operation.
type Extension struct {
	Limits
	// Schema tells the filters' edges to one record from those to many
	// (filter.go); without it every edge counts as one to many.
	Schema *ast.Schema
	// Sizes tells how large the tables are, which a filter's work grows
	// with (filter.go); without it every table counts as 100,000 rows.
	Sizes Sizes
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = Extension{}

// ExtensionName names the extension for gqlgen.
func (Extension) ExtensionName() string { return "FreightgraphGuard" }

// Validate is required by gqlgen; there is nothing to check.
func (Extension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext sets the default page size on connections asked for
// without one (in the operation itself, so that eager loading and the
// resolvers see the same page), then measures depth and cost.
func (e Extension) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	w := walker{limits: e.Limits, filters: filters{schema: e.Schema, sizes: e.Sizes}, vars: oc.Variables, fragments: oc.Doc.Fragments}
	fields := w.selections(oc.Operation.SelectionSet, 1)
	filters := mul(filterCost{work: w.filter}.units(), FilterUnit)
	cost := add(fields, filters)
	if w.err != nil {
		return w.err
	}
	if len(w.defaults) > 0 {
		withDefaultPages(oc, w.defaults, e.DefaultPage)
	}
	if w.depth > e.MaxDepth {
		return refuse(CodeTooDeep, "the query nests %d levels deep; at most %d are allowed", w.depth, e.MaxDepth)
	}
	if w.lists > e.MaxLists {
		return refuse(CodeTooComplex, "the query asks for %d lists or node lookups; at most %d are allowed in one operation", w.lists, e.MaxLists)
	}
	if w.aliases > e.MaxAliases {
		return refuse(CodeTooComplex, "the query uses %d aliases; at most %d are allowed in one operation", w.aliases, e.MaxAliases)
	}
	if cost > e.MaxComplexity && filters > e.MaxComplexity/2 {
		return refuse(CodeTooComplex, "the query would cost %d, %d of it for its filters (each term counts by the work it makes the database do over the rows of the table it tests: over 100,000 rows a comparison %d, text matching %d, a filter through an edge to many records %d and more); at most %d is allowed: use fewer terms, fewer text matches and fewer has...With filters, or filter on fewer rows",
			cost, filters, compareWork*FilterUnit, textWork*FilterUnit, edgeToManyWork*FilterUnit, e.MaxComplexity)
	}
	if cost > e.MaxComplexity {
		return refuse(CodeTooComplex, "the query would cost %d (each field counts once per row a page may hold, each filter by the work it makes the database do); at most %d is allowed: ask for smaller pages or fewer nested connections", cost, e.MaxComplexity)
	}
	return nil
}

func refuse(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	err.Extensions = map[string]any{"code": code}
	return err
}

type walker struct {
	limits    Limits
	filters   filters
	vars      map[string]any
	fragments ast.FragmentDefinitionList
	depth     int
	lists     int
	aliases   int
	// filter is the work of the operation's filters (filter.go): each is
	// one statement however deep it sits, so it counts once, not per row
	// of the pages around it
	filter float64
	err    *gqlerror.Error
	// defaults are the connections asked for without a page size
	defaults []*ast.Field
	// spread holds what each fragment adds wherever it is spread, walked
	// once: fragments spreading others twice over would otherwise make the
	// walk exponential in the length of the document.
	spread map[string]summary
}

// summary is what a fragment adds: its cost, how many levels below the
// spread it reaches, its lists and aliases, and its filters' work.
type summary struct {
	cost, depth, lists, aliases int
	filter                      float64
}

// selections returns the cost of a selection set at the given depth.
func (w *walker) selections(set ast.SelectionSet, depth int) int {
	cost := 0
	for _, sel := range set {
		if w.err != nil {
			return cost
		}
		switch s := sel.(type) {
		case *ast.Field:
			cost = add(cost, w.field(s, depth))
		case *ast.InlineFragment:
			cost = add(cost, w.selections(s.SelectionSet, depth))
		case *ast.FragmentSpread:
			f := w.fragment(s.Name)
			cost = add(cost, f.cost)
			w.depth = max(w.depth, depth+f.depth)
			w.lists = add(w.lists, f.lists)
			w.aliases = add(w.aliases, f.aliases)
			w.filter += f.filter
		}
	}
	return cost
}

// fragment walks the fragment called name once and returns its summary.
// Validation has refused cycles and unknown fragments before the walk.
func (w *walker) fragment(name string) summary {
	if f, ok := w.spread[name]; ok {
		return f
	}
	def := w.fragments.ForName(name)
	if def == nil {
		return summary{}
	}
	if w.spread == nil {
		w.spread = map[string]summary{}
	}
	w.spread[name] = summary{} // a cycle, were there one, would add nothing
	outer := summary{depth: w.depth, lists: w.lists, aliases: w.aliases, filter: w.filter}
	w.depth, w.lists, w.aliases, w.filter = 0, 0, 0, 0
	f := summary{cost: w.selections(def.SelectionSet, 0)}
	f.depth, f.lists, f.aliases, f.filter = w.depth, w.lists, w.aliases, w.filter
	w.depth, w.lists, w.aliases, w.filter = outer.depth, outer.lists, outer.aliases, outer.filter
	w.spread[name] = f
	return f
}

// field costs 1 plus its children, times the rows a connection page may
// hold, the IDs asked of nodes, or the rows a list of objects may hold
// (lists.go).
func (w *walker) field(f *ast.Field, depth int) int {
	w.depth = max(w.depth, depth)
	if f.Alias != "" && f.Alias != f.Name {
		w.aliases++
	}
	if w.err == nil {
		w.inputs(f)
	}
	children := w.selections(f.SelectionSet, depth+1)
	return add(1, mul(children, w.rows(f)))
}

// rows is how many rows the field may return, after setting the default page.
func (w *walker) rows(f *ast.Field) int {
	if f.Definition == nil {
		return 1
	}
	if f.Name == "node" && f.Definition.Arguments.ForName("id") != nil {
		w.lists++
		return 1
	}
	if f.Name == "nodes" && f.Definition.Arguments.ForName("ids") != nil {
		w.lists++
		ids, _ := w.args(f)["ids"].([]any) // at most MaxPage: see inputs
		return max(len(ids), 1)
	}
	if !isConnection(f.Definition) {
		if n := objectListRows(f); n > 0 {
			w.lists++
			return n
		}
		return 1
	}
	w.lists++
	args := w.args(f)
	first, hasFirst := w.size(f, args, "first")
	last, hasLast := w.size(f, args, "last")
	switch {
	case w.err != nil:
		return 1
	case hasFirst:
		return max(first, 1)
	case hasLast:
		return max(last, 1)
	}
	// the default page, given to the field after the walk (pages.go)
	w.defaults = append(w.defaults, f)
	return w.limits.DefaultPage
}

// figureStatements are the figures that run their filter in more than one
// statement: the scorecard reads the shipments, then their exceptions.
var figureStatements = map[string]int{"Query.carrierScorecard": 2}

// statements is how many statements run a field's filter: a connection's
// count (totalCount) and its page (edges, pageInfo) are one each.
func (w *walker) statements(f *ast.Field) int {
	if f.ObjectDefinition != nil {
		if n, ok := figureStatements[f.ObjectDefinition.Name+"."+f.Name]; ok {
			return n
		}
	}
	if f.Definition == nil || !isConnection(f.Definition) {
		return 1
	}
	asked := w.selected(f.SelectionSet, map[string]bool{})
	n := 0
	if asked["totalCount"] {
		n++
	}
	if asked["edges"] || asked["pageInfo"] {
		n++
	}
	return max(n, 1)
}

// selected adds the names of the fields set selects, through its
// fragments, to names.
func (w *walker) selected(set ast.SelectionSet, names map[string]bool) map[string]bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			names[s.Name] = true
		case *ast.InlineFragment:
			w.selected(s.SelectionSet, names)
		case *ast.FragmentSpread:
			if def := w.fragments.ForName(s.Name); def != nil && !names["…"+s.Name] {
				names["…"+s.Name] = true // a fragment spread in itself is walked once
				w.selected(def.SelectionSet, names)
			}
		}
	}
	return names
}

// args are the field's arguments with the variables' values in, every list
// a []any and every object a map[string]any whatever the validation made
// of them: a single object given for a list of them (GraphQL allows it)
// comes from validation as a typed slice, which the walks below must see
// into as they see into any other list.
func (w *walker) args(f *ast.Field) map[string]any {
	args := f.ArgumentMap(w.vars)
	for k, v := range args {
		args[k] = plain(v)
	}
	return args
}

// plain is v with its lists as []any and its objects as map[string]any.
func plain(v any) any {
	switch t := v.(type) {
	case nil, string, bool, int64, float64, json.Number:
		return v
	case []any:
		out := make([]any, len(t))
		for i, c := range t {
			out[i] = plain(c)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, c := range t {
			out[k] = plain(c)
		}
		return out
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = plain(rv.Index(i).Interface())
		}
		return out
	case reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			return v
		}
		out := make(map[string]any, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			out[it.Key().String()] = plain(it.Value().Interface())
		}
		return out
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
		return plain(rv.Elem().Interface())
	}
	return v
}

// size reads and checks a page size argument.
func (w *walker) size(f *ast.Field, args map[string]any, name string) (int, bool) {
	v, ok := args[name].(int64)
	if !ok {
		return 0, false
	}
	switch {
	case v < 0:
		w.err = refuse(CodeBadInput, "%s of %s must not be negative", name, f.Alias)
	case v > int64(w.limits.MaxPage):
		w.err = refuse(CodeBadInput, "%s of %s is %d; a page holds at most %d: page through with after or before", name, f.Alias, v, w.limits.MaxPage)
	}
	return int(v), true
}

func isConnection(def *ast.FieldDefinition) bool {
	return def.Type != nil && strings.HasSuffix(def.Type.Name(), "Connection") &&
		def.Arguments.ForName("first") != nil && def.Arguments.ForName("last") != nil
}

// add and mul saturate, so that a hostile query cannot wrap the count round.
func add(a, b int) int {
	if a > 1<<40 || b > 1<<40 {
		return 1 << 40
	}
	return a + b
}

func mul(a, b int) int {
	if a != 0 && b > (1<<40)/a {
		return 1 << 40
	}
	return a * b
}

// inputs checks the shape of a field's arguments: how deep their objects and
// lists nest, and how many has...With filters sit inside each other.
func (w *walker) inputs(f *ast.Field) {
	for name, v := range w.args(f) {
		depth, joins := shape(v)
		longest, bad, why := values(v, name)
		switch {
		case bad != "":
			w.err = refuse(CodeBadInput, "argument %s of %s holds %s", bad, f.Alias, why)
			w.err.Extensions["field"] = bad[strings.LastIndexAny(bad, ".")+1:]
		case longest > w.limits.MaxPage:
			w.err = refuse(CodeBadInput, "argument %s of %s holds a list of %d values; at most %d are allowed", name, f.Alias, longest, w.limits.MaxPage)
		case depth > w.limits.MaxInputDepth:
			w.err = refuse(CodeBadInput, "argument %s of %s nests %d levels deep; at most %d are allowed", name, f.Alias, depth, w.limits.MaxInputDepth)
		case joins > w.limits.MaxFilterJoin:
			w.err = refuse(CodeTooComplex, "argument %s of %s nests %d has...With filters inside each other; at most %d are allowed", name, f.Alias, joins, w.limits.MaxFilterJoin)
		}
		if w.err != nil {
			return
		}
		if f.Definition == nil {
			continue
		}
		if arg := f.Definition.Arguments.ForName(name); isFilter(arg) {
			typ := arg.Type.Name()
			c := w.filters.cost(typ, v, w.filters.scale(typ))
			c.work *= float64(w.statements(f))
			switch {
			case c.terms > MaxFilterTerms:
				w.err = refuse(CodeTooComplex, "argument %s of %s holds %d terms; a filter holds at most %d: narrow it another way, or split it", name, f.Alias, c.terms, MaxFilterTerms)
			case c.values > MaxFilterValues:
				w.err = refuse(CodeTooComplex, "argument %s of %s holds %d values in its lists; a filter holds at most %d", name, f.Alias, c.values, MaxFilterValues)
			}
			w.filter += c.work
		}
	}
}

// shape returns how deep v nests and the most has...With keys on one path.
func shape(v any) (depth, joins int) {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			d, j := shape(child)
			if strings.HasPrefix(k, "has") && strings.HasSuffix(k, "With") {
				j++
			}
			depth, joins = max(depth, d), max(joins, j)
		}
		return depth + 1, joins
	case []any:
		for _, child := range t {
			d, j := shape(child)
			depth, joins = max(depth, d), max(joins, j)
		}
		return depth + 1, joins
	}
	return 0, 0
}

// values returns the longest list in v, and the path of a string in it
// that no text here may hold: one with a NUL (PostgreSQL cannot compare
// text with NUL) or one that is not valid Unicode (invalid UTF-8, or the
// U+FFFD a decoder left for half of a surrogate pair in the document's own
// string literals), with what is wrong with it. Every list value is one
// SQL parameter.
func values(v any, path string) (longest int, bad, why string) {
	switch t := v.(type) {
	case string:
		switch {
		case strings.ContainsRune(t, 0):
			return 0, path, "a NUL character, which no text here may contain"
		case !text.Valid(t):
			return 0, path, "text that is not valid Unicode (bytes that are not UTF-8, or half of a surrogate pair): send it as UTF-8"
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			l, b, w := values(t[k], strings.TrimPrefix(path+"."+k, "."))
			longest = max(longest, l)
			if bad == "" && b != "" {
				bad, why = b, w
			}
		}
	case []any:
		longest = len(t)
		for i, child := range t {
			l, b, w := values(child, fmt.Sprintf("%s[%d]", path, i))
			longest = max(longest, l)
			if bad == "" && b != "" {
				bad, why = b, w
			}
		}
	}
	return longest, bad, why
}
