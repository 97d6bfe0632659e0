package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/freightgraph/freightgraph/ent/enum"
)

// ShipmentTotal is the monthly rollup of the shipments that share a month,
// carrier, operations manager, mode, status, currency and lane: what the
// figures over a million shipments read instead of the shipments. It is
// written only by ent/report (kept in step by deltas from a hook on every
// shipment and exception written, rebuilt whole by the seed and on open when
// empty), never by the API, and is not part of the graph. An exception
// counts in the row of the carrier that held the shipment when it happened,
// so a row may hold a former carrier's exceptions and no shipments.
type ShipmentTotal struct{ ent.Schema }

// Fields of ShipmentTotal.
func (ShipmentTotal) Fields() []ent.Field {
	return []ent.Field{
		field.Int("month").Comment("The pickup month (ent/calendar)."),
		field.Int("carrier_id").Comment("0 for shipments without a carrier."),
		field.Int("operations_manager_id"),
		field.Enum("mode").GoType(enum.TransportMode("")),
		field.Enum("status").GoType(enum.ShipmentStatus("")),
		field.Enum("currency").GoType(enum.Currency("")),
		field.String("origin"),
		field.String("destination"),
		field.Int("shipments"),
		// A sum of amounts is kept in two parts, so that no number of
		// shipments at the largest price overflows it (money.Sum): the
		// sum of each amount's part below money.Split, and the sum of its
		// part above, in units of money.Split. The exact sum is high ×
		// money.Split + low. A row written before the split keeps its
		// whole sum in the low part, high 0: still exact.
		field.Int64("price_sum"),
		field.Int64("price_sum_high").Default(0).Comment("price_sum_high × 10^9 + price_sum is the exact sum of the prices."),
		field.Int64("price_min").Optional().Nillable().Comment("NULL in a row that holds only exceptions."),
		field.Int64("price_max").Optional().Nillable(),
		field.Int("cost_count").Comment("Shipments with a known cost, over which cost and margin are summed."),
		field.Int64("cost_sum"),
		field.Int64("cost_sum_high").Default(0),
		field.Int64("cost_min").Optional().Nillable(),
		field.Int64("cost_max").Optional().Nillable(),
		field.Int64("margin_sum"),
		field.Int64("margin_sum_high").Default(0),
		field.Int64("margin_min").Optional().Nillable(),
		field.Int64("margin_max").Optional().Nillable(),
		field.Int("margin_ratio_count").Comment("Shipments with a known cost and a price above 0."),
		field.Float("margin_ratio_sum").Comment("Their margins as shares of their prices, added up."),
		field.Int("delivered"),
		field.Int("on_time"),
		field.Float("delay_hours").Comment("Hours late of the delivered ones, on-time deliveries counting 0."),
		field.Int("exceptions").Comment("EXCEPTION events recorded while this row's carrier held its shipments, wherever those shipments are now: a row may hold exceptions and no shipments."),
	}
}

// Indexes of ShipmentTotal: one row per group.
func (ShipmentTotal) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("month", "carrier_id", "operations_manager_id", "mode", "status", "currency", "origin", "destination").Unique(),
		index.Fields("operations_manager_id", "month"),
	}
}

// Annotations of ShipmentTotal.
func (ShipmentTotal) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
