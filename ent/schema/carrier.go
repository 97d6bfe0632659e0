package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/freightgraph/freightgraph/ent/enum"
)

// Carrier is a company that physically moves the cargo.
type Carrier struct{ ent.Schema }

// Mixin of Carrier.
func (Carrier) Mixin() []ent.Mixin {
	return []ent.Mixin{Versioned{}, Timestamped{}, Searchable{Sources: []string{"name"}}}
}

// Fields of Carrier.
func (Carrier) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Validate(line(200)).Unique().Annotations(entgql.OrderField("NAME")),
		field.JSON("modes", []enum.TransportMode{}).
			Comment("The transport modes this carrier serves.").
			Annotations(entgql.Type("[TransportMode!]")),
		field.String("country").Validate(country).Annotations(entgql.OrderField("COUNTRY")),
		field.Bool("active").Default(true).Comment("Only active carriers can be assigned."),
		field.String("contact_name").Default("").Validate(optionalLine(200)),
		field.String("contact_email").Default("").Validate(email),
		field.String("contact_phone").Default("").Validate(optionalLine(40)),
	}
}

// Edges of Carrier.
func (Carrier) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("shipments", Shipment.Type).Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("events", ShipmentEvent.Type).Annotations(entgql.RelayConnection(), skipInputs),
		// the assignments that replaced this carrier: read from the event
		edge.To("replaced_in", ShipmentEvent.Type).Annotations(entgql.Skip()),
	}
}

// Indexes of Carrier.
func (Carrier) Indexes() []ent.Index { return []ent.Index{index.Fields("active")} }

// Annotations of Carrier. The root field is hand-written (graph/carrier.graphql)
// because it filters by mode, which lives in a JSON column.
func (Carrier) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
