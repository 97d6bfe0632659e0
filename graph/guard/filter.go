package guard

import (
	"strings"
	"unicode"

	"github.com/vektah/gqlparser/v2/ast"
)

// What a filter costs. A page's fields cost by the rows they return; a
// filter (a where argument) costs by the rows the database must test to
// find them, which is most of a table however small the page, and by what
// each test takes. Each term of a filter counts in units of work, one unit
// being a plain comparison over a whole table, and a unit counts
// FilterUnit in the operation's cost. The weights were measured on this
// project's own data (100,000 shipments, 400,000 events; the slower of
// SQLite and PostgreSQL per term, README "Limits"):
//
//	a comparison (status: PLANNED, priceGT)             1   (1.6 ms a term)
//	a list of values (statusIn, idIn)                   1 + 1 per 50 values
//	text matching (…Contains, …ContainsFold, …HasPrefix,
//	  …HasSuffix, …EqualFold): no index serves it      15   (25 ms)
//	whether an edge exists (hasCarrier: false)          5
//	through an edge to one record (hasClientWith)      20 + 3 × its inner terms (35 to 100 ms)
//	through an edge to many (hasEventsWith)           100 + 3 × its inner terms (164 to 340 ms)
//
// and, or and not add their terms up. The weights are those of the
// largest table, the shipments: a filter on clients costs the same units
// for less work, and the inner terms of an edge count three times, which
// is about their cost where the edge leads from shipments to their events
// (some four a shipment) and more than it where it leads from a small
// table to a large one (a client's shipments). At the default limit a
// filter may hold some 500 comparisons, 33 text matches or 4 filters
// through an edge to many: the 300-term edge filter that once ran for
// 80 s costs 43,500 units and is refused before it runs. A bound on the terms also
// keeps every accepted filter inside what both databases execute (SQLite
// refuses an expression nested 1,000 deep, so an or of 1,000 terms).
const (
	// FilterUnit is what one unit of filter work counts in the cost.
	FilterUnit = 500

	compareWork     = 1
	valuesPerWork   = 50
	textWork        = 15
	edgeExistsWork  = 5
	edgeToOneWork   = 20
	edgeToOneInner  = 3
	edgeToManyWork  = 100
	edgeToManyInner = 3
)

// textSuffixes are the where-input fields that match text: no index serves
// them, each row's text is read and compared (folded, on SQLite, by a
// function of ours per row).
var textSuffixes = []string{"ContainsFold", "Contains", "HasPrefix", "HasSuffix", "EqualFold"}

// filterWork is the work of the filter v, a value of the where-input type
// typ (ShipmentWhereInput). Without the schema every edge counts as one to
// many.
func filterWork(schema *ast.Schema, typ string, v any) int {
	switch t := v.(type) {
	case []any:
		work := 0
		for _, child := range t {
			work = add(work, filterWork(schema, typ, child))
		}
		return work
	case map[string]any:
		work := 0
		for k, child := range t {
			work = add(work, termWork(schema, typ, k, child))
		}
		return work
	}
	return 0
}

// termWork is the work of one field of a where input.
func termWork(schema *ast.Schema, typ, k string, v any) int {
	switch {
	case k == "and" || k == "or" || k == "not":
		return filterWork(schema, typ, v)
	case isEdgeFilter(k):
		inner := filterWork(schema, innerType(schema, typ, k), v)
		if toMany(schema, typ, k) {
			return add(edgeToManyWork, mul(edgeToManyInner, inner))
		}
		return add(edgeToOneWork, mul(edgeToOneInner, inner))
	case isEdgeExists(schema, typ, k):
		return edgeExistsWork
	}
	for _, s := range textSuffixes {
		if strings.HasSuffix(k, s) {
			return textWork
		}
	}
	if list, ok := v.([]any); ok {
		return compareWork + len(list)/valuesPerWork
	}
	return compareWork
}

// isEdgeFilter reports whether k filters through an edge: hasEventsWith.
func isEdgeFilter(k string) bool {
	return len(k) > len("hasWith") && strings.HasPrefix(k, "has") && strings.HasSuffix(k, "With") && unicode.IsUpper(rune(k[3]))
}

// isEdgeExists reports whether k asks whether an edge exists: hasCarrier.
func isEdgeExists(schema *ast.Schema, typ, k string) bool {
	if len(k) <= len("has") || !strings.HasPrefix(k, "has") || !unicode.IsUpper(rune(k[3])) {
		return false
	}
	if f := inputField(schema, typ, k); f != nil {
		return f.Type.Name() == "Boolean"
	}
	return true
}

// edgeName is the field of the record an edge filter goes through:
// hasEventsWith → events.
func edgeName(k string) string {
	e := strings.TrimSuffix(strings.TrimPrefix(k, "has"), "With")
	return strings.ToLower(e[:1]) + e[1:]
}

func inputField(schema *ast.Schema, typ, k string) *ast.FieldDefinition {
	if schema == nil {
		return nil
	}
	def := schema.Types[typ]
	if def == nil {
		return nil
	}
	return def.Fields.ForName(k)
}

// innerType is the where-input type inside the edge filter k of typ.
func innerType(schema *ast.Schema, typ, k string) string {
	if f := inputField(schema, typ, k); f != nil {
		return f.Type.Name()
	}
	return ""
}

// toMany reports whether the edge filter k of typ leads to many records: the
// record's field of that name is a list or a connection. An edge the
// schema does not describe counts as one to many.
func toMany(schema *ast.Schema, typ, k string) bool {
	if schema == nil {
		return true
	}
	obj := schema.Types[strings.TrimSuffix(typ, "WhereInput")]
	if obj == nil {
		return true
	}
	f := obj.Fields.ForName(edgeName(k))
	if f == nil {
		return true
	}
	return f.Type.Elem != nil || strings.HasSuffix(f.Type.Name(), "Connection")
}

// isFilter reports whether the argument arg is a filter: a where input.
func isFilter(arg *ast.ArgumentDefinition) bool {
	return arg != nil && arg.Type != nil && strings.HasSuffix(arg.Type.Name(), "WhereInput")
}
