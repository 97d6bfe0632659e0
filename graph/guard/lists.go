package guard

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// The lists that are not connections, of objects the caller may ask more
// of (the figures' rows): each is a statement, and its rows multiply what
// is asked inside them as a page does. The figures' lists hold at most
// report.MaxGroups rows but count as a page of the largest size: counted at
// their ceiling, a dashboard's handful of figures would be refused, while a
// page of records under each of a thousand groups still is. A list not
// named here counts as defaultListRows rows.
var listRows = map[string]int{
	"Query.shipmentAggregates": largestPage,
	"Query.tenderAggregates":   largestPage,
	"Query.carrierScorecard":   largestPage,
	"Query.tenderWinRates":     largestPage,
	"Query.tenderLostReasons":  largestPage,
	"Query.regularClients":     120,
	"BadCompromises.clients":   largestPage,
}

const largestPage = 1000

const defaultListRows = 100

// objectListRows is how many rows a list of objects may hold, or 0 for a
// field that is not one.
func objectListRows(f *ast.Field) int {
	if f.Definition == nil || f.Definition.Type == nil || f.Definition.Type.Elem == nil || len(f.SelectionSet) == 0 {
		return 0
	}
	parent := ""
	if f.ObjectDefinition != nil {
		parent = f.ObjectDefinition.Name
	}
	switch {
	case strings.HasSuffix(parent, "Connection"):
		return 0 // a page's edges: the connection counted its rows
	case strings.HasPrefix(parent, "__") || strings.HasPrefix(f.Name, "__"):
		return 0 // introspection reads the schema, not the database
	}
	if n, ok := listRows[parent+"."+f.Name]; ok {
		return n
	}
	return defaultListRows
}
