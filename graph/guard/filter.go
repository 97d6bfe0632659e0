package guard

import (
	"math"
	"strings"
	"unicode"

	"github.com/vektah/gqlparser/v2/ast"
)

// What a filter costs. A page's fields cost by the rows they return; a
// filter (a where argument) costs by the rows the database must test to
// find them, which is most of a table however small the page, and by what
// each test takes. So each term of a filter counts in units of work, a
// unit being a plain comparison over 100,000 rows (1.6 ms on SQLite here),
// times the size of the table it tests (Sizes; 100,000 rows count 1, a
// table of 5,000 rows 0.05, and no table less than that); a unit counts
// FilterUnit in the operation's cost. The weights were measured on this
// project's own data (100,000 shipments, 400,000 events; the slower of
// SQLite and PostgreSQL per term, README "Limits"):
//
//	a comparison (status: PLANNED, priceGT)              1   (1.6 ms a term)
//	a list of values (statusIn, idIn)                    1 + 1 per 50 values
//	text matching (…Contains, …ContainsFold, …HasPrefix,
//	  …HasSuffix, …EqualFold): no index serves it       15   (25 ms)
//	whether an edge exists (hasCarrier: false)           5
//	through an edge to one record (hasClientWith)       25, and twice its inner terms (35 to 100 ms)
//	through an edge to many (hasEventsWith)            100, and twice its inner terms (164 to 340 ms)
//
// and, or and not add their terms up. A term counts at the size of the
// table it tests: an edge's own lookup at the size of the table it leads
// from, its inner terms at the size of the table they test (the larger of
// the two for an edge to one record: once for each record of either).
// At the default limit a filter of 100,000 shipments (400,000 events) may
// hold 500 comparisons (MaxFilterTerms), 40 text matches, 5 filters
// through their events or 2 of those matching text; the 300-term filter
// through the events that once ran for 80 s costs 3,300 units on the
// demo's 5,000 shipments (some 5 s of SQLite's work) and is refused before
// it runs, while the pipeline's search over 200 tenders costs some 80 for
// all nine of its parts, counts and pages. A filter counts once for each
// statement it runs in (guard.go, statements).
//
// Whatever the tables' size, a filter holds at most MaxFilterTerms terms
// and MaxFilterValues values in its lists: SQLite refuses an expression
// nested 1,000 deep (an or of 998 terms was an internal error) and a
// statement of more than 32,766 parameters.
const (
	// FilterUnit is what one unit of filter work counts in the cost.
	FilterUnit = 400
	// MaxFilterTerms bounds the terms of one filter, and MaxFilterValues
	// the values of its lists, whatever they cost.
	MaxFilterTerms  = 500
	MaxFilterValues = 25_000

	compareWork     = 1
	valuesPerWork   = 50
	textWork        = 15
	edgeExistsWork  = 5
	edgeToOneWork   = 25
	edgeToManyWork  = 100
	edgeInnerFactor = 2

	// sizeUnit is the table size at which a term counts its weight, and
	// smallestScale the least a table counts however few its rows.
	sizeUnit      = 100_000
	smallestScale = 0.05
)

// Sizes tells how many rows the table of a GraphQL type holds (Shipment),
// roughly and recently, or -1 when it does not know; nil, or not knowing,
// counts a table as sizeUnit rows.
type Sizes func(typ string) int

// textSuffixes are the where-input fields that match text: no index serves
// them, each row's text is read and compared (folded, on SQLite, by a
// function of ours per row).
var textSuffixes = []string{"ContainsFold", "Contains", "HasPrefix", "HasSuffix", "EqualFold"}

// filterCost is what one filter makes the database do.
type filterCost struct {
	work   float64 // units (see above)
	terms  int
	values int
}

func (a filterCost) plus(b filterCost) filterCost {
	return filterCost{work: a.work + b.work, terms: a.terms + b.terms, values: a.values + b.values}
}

// units is the work rounded up to whole units, saturating.
func (a filterCost) units() int {
	if a.work >= 1<<40 {
		return 1 << 40
	}
	return int(math.Ceil(a.work))
}

// filters measures filters against a schema and the tables' sizes.
type filters struct {
	schema *ast.Schema
	sizes  Sizes
}

// scale is how a term on typ's table counts: its rows over sizeUnit, at
// least smallestScale.
func (f filters) scale(typ string) float64 {
	if f.sizes == nil {
		return 1
	}
	rows := f.sizes(strings.TrimSuffix(typ, "WhereInput"))
	if rows < 0 {
		return 1
	}
	return max(smallestScale, float64(rows)/sizeUnit)
}

// cost is the cost of the filter v, a value of the where-input type typ
// (ShipmentWhereInput), whose terms count at scale. Without the schema
// every edge counts as one to many.
func (f filters) cost(typ string, v any, scale float64) filterCost {
	var c filterCost
	switch t := v.(type) {
	case []any:
		for _, child := range t {
			c = c.plus(f.cost(typ, child, scale))
		}
	case map[string]any:
		for k, child := range t {
			c = c.plus(f.term(typ, k, child, scale))
		}
	}
	return c
}

// term is the cost of one field of a where input.
func (f filters) term(typ, k string, v any, scale float64) filterCost {
	switch {
	case k == "and" || k == "or" || k == "not":
		return f.cost(typ, v, scale)
	case isEdgeFilter(k):
		inner := innerType(f.schema, typ, k)
		if toMany(f.schema, typ, k) {
			in := f.cost(inner, v, f.scale(inner))
			return filterCost{work: edgeToManyWork*scale + edgeInnerFactor*in.work, terms: 1 + in.terms, values: in.values}
		}
		in := f.cost(inner, v, max(scale, f.scale(inner)))
		return filterCost{work: edgeToOneWork*scale + edgeInnerFactor*in.work, terms: 1 + in.terms, values: in.values}
	case isEdgeExists(f.schema, typ, k):
		return filterCost{work: edgeExistsWork * scale, terms: 1}
	}
	for _, s := range textSuffixes {
		if strings.HasSuffix(k, s) {
			return filterCost{work: textWork * scale, terms: 1}
		}
	}
	if list, ok := v.([]any); ok {
		return filterCost{work: (compareWork + float64(len(list))/valuesPerWork) * scale, terms: 1, values: len(list)}
	}
	return filterCost{work: compareWork * scale, terms: 1}
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
