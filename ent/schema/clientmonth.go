package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ClientMonth is a month in which a client had shipments (cancelled ones
// aside): the rollup the regular clients and the clients' margins are
// counted from. Like
// ShipmentTotal it is written only by ent/report, in the transaction of the
// shipment that changes it, and is not part of the graph.
type ClientMonth struct{ ent.Schema }

// Fields of ClientMonth.
func (ClientMonth) Fields() []ent.Field {
	return []ent.Field{
		field.Int("client_id"),
		field.Int("month").Comment("The pickup month (ent/calendar)."),
		field.Int("shipments"),
		field.Int("margin_ratio_count").Default(0).Comment("Shipments with a known cost and a price above 0."),
		field.Float("margin_ratio_sum").Default(0).Comment("Their margins as shares of their prices, added up."),
	}
}

// Indexes of ClientMonth.
func (ClientMonth) Indexes() []ent.Index {
	return []ent.Index{index.Fields("client_id", "month").Unique(), index.Fields("month", "client_id")}
}

// Annotations of ClientMonth.
func (ClientMonth) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
