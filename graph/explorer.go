package graph

import (
	"entgo.io/contrib/entgql"

	"github.com/freightgraph/freightgraph/ent"
)

// byName is the order of the viewer's saved queries.
var byName = &ent.SavedQueryOrder{Field: ent.SavedQueryOrderFieldName, Direction: entgql.OrderDirectionAsc}
