package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
)

// Nullable fields are not offered as orderBy fields: entgql's keyset cursors
// compare with NULL and would skip or repeat rows across pages.

// Shipment is one movement of a client's cargo by one carrier. Its status,
// carrier and actual times move only through assignCarrier and
// recordShipmentEvent (ent/rule).
type Shipment struct{ ent.Schema }

// Mixin of Shipment.
func (Shipment) Mixin() []ent.Mixin {
	return []ent.Mixin{Versioned{}, Timestamped{}, Searchable{Sources: []string{"reference"}}}
}

// Fields of Shipment.
func (Shipment) Fields() []ent.Field {
	return []ent.Field{
		field.String("reference").Validate(line(40)).Unique().Annotations(entgql.OrderField("REFERENCE")),
		field.Int("client_id"),
		field.Int("tender_id").Optional().Nillable().Comment("The tender whose contract this shipment executes."),
		field.Int("operations_manager_id"),
		field.Int("carrier_id").Optional().Nillable().Annotations(skipInputs),
		field.Enum("mode").GoType(enum.TransportMode("")).Annotations(entgql.Type("TransportMode"), entgql.OrderField("MODE")),
		field.String("origin").Validate(line(200)).Annotations(entgql.OrderField("ORIGIN")),
		field.String("destination").Validate(line(200)).Annotations(entgql.OrderField("DESTINATION")),
		field.Enum("status").GoType(enum.ShipmentStatus("")).Default(string(enum.ShipmentPlanned)).Annotations(entgql.Type("ShipmentStatus")).
			Annotations(skipInputs, entgql.OrderField("STATUS")),
		field.Time("planned_pickup").Annotations(entgql.OrderField("PLANNED_PICKUP")),
		field.Int("pickup_month").Default(0).
			Comment("The UTC month of planned_pickup (ent/calendar), kept by a hook: what the figures group and filter by.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("planned_delivery").Annotations(entgql.OrderField("PLANNED_DELIVERY")),
		field.Time("estimated_delivery").Optional().Nillable().
			Comment("The current estimate; revised by a DELAYED event.").
			Annotations(skipInputs),
		field.Time("actual_pickup").Optional().Nillable().
			Annotations(skipInputs),
		field.Time("actual_delivery").Optional().Nillable().
			Annotations(skipInputs),
		field.Enum("currency").GoType(enum.Currency("")).Comment("Currency of price and cost.").Annotations(entgql.Type("Currency")),
		field.Int64("price").GoType(money.Amount(0)).Validate(nonNegative).
			Comment("Price to the client.").
			Annotations(entgql.Type("Decimal"), entgql.OrderField("PRICE")),
		field.Int64("cost").GoType(money.Amount(0)).Validate(nonNegative).Optional().Nillable().
			Comment("Cost from the carrier; empty until agreed.").
			Annotations(entgql.Type("Decimal")),
		field.Float("weight_kg").Validate(weight).Default(0).Annotations(entgql.OrderField("WEIGHT_KG")),
	}
}

// Edges of Shipment.
func (Shipment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("client", Customer.Type).Ref("shipments").Field("client_id").Unique().Required(),
		edge.From("tender", Tender.Type).Ref("shipments").Field("tender_id").Unique(),
		edge.From("operations_manager", Manager.Type).Ref("shipments").Field("operations_manager_id").Unique().Required(),
		edge.From("carrier", Carrier.Type).Ref("shipments").Field("carrier_id").Unique().Annotations(skipInputs),
		edge.To("events", ShipmentEvent.Type).Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("feedbacks", Feedback.Type).Annotations(entgql.RelayConnection(), skipInputs),
	}
}

// Hooks of Shipment.
func (Shipment) Hooks() []ent.Hook {
	return []ent.Hook{calendar.Hook("planned_pickup", "pickup_month")}
}

// Indexes of Shipment: every foreign key, what the lists of operations
// managers filter and sort by (unassigned by pickup, late by delivery), and
// the months each client had shipments in, read from the index alone for
// the regular clients. The second is the monthly rollup's key whole: a
// write that takes a row's minimum or maximum away reads that row's
// shipments again through it, bounded by the row whatever the planner's
// statistics (with only its first three columns, a planner without
// statistics preferred the lane's index, every shipment of the lane).
func (Shipment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("pickup_month", "client_id", "status"),
		index.Fields("operations_manager_id", "pickup_month", "carrier_id", "mode", "status", "currency", "origin", "destination").
			StorageKey("shipment_rollup_key"),
		index.Fields("client_id", "planned_pickup"),
		index.Fields("tender_id"),
		index.Fields("operations_manager_id", "status"),
		index.Fields("carrier_id", "status"),
		index.Fields("status", "planned_pickup"),
		index.Fields("planned_pickup"),
		index.Fields("planned_delivery"),
		index.Fields("mode", "planned_pickup"),
		index.Fields("origin", "destination"),
		index.Fields("price"),
	}
}

// Annotations of Shipment.
func (Shipment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// ShipmentEvent is one tracking event of a shipment: written by the domain
// moves and never changed.
type ShipmentEvent struct{ ent.Schema }

// Fields of ShipmentEvent.
func (ShipmentEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("shipment_id").Immutable(),
		field.Enum("kind").GoType(enum.ShipmentEventKind("")).Immutable().Annotations(entgql.Type("ShipmentEventKind")),
		field.Time("at").Immutable().Comment("When it happened.").Annotations(entgql.OrderField("AT")),
		field.String("note").Default("").Immutable(),
		field.Time("estimated_delivery").Optional().Nillable().Immutable().
			Comment("The estimate this event set, if any."),
		field.Int("carrier_id").Optional().Nillable().Immutable().
			Comment("The carrier that held the shipment when it happened."),
		field.Int("replaced_carrier_id").Optional().Nillable().Immutable().
			Comment("For an assignment that replaced a carrier: the one replaced."),
		field.Time("recorded_at").Default(now).Immutable().Comment("When it was recorded here."),
	}
}

// Edges of ShipmentEvent.
func (ShipmentEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("shipment", Shipment.Type).Ref("events").Field("shipment_id").Unique().Required().Immutable(),
		edge.From("carrier", Carrier.Type).Ref("events").Field("carrier_id").Unique().Immutable(),
		edge.From("replaced_carrier", Carrier.Type).Ref("replaced_in").Field("replaced_carrier_id").Unique().Immutable(),
	}
}

// Indexes of ShipmentEvent.
func (ShipmentEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("shipment_id", "at"),
		index.Fields("shipment_id", "kind"),
		index.Fields("carrier_id", "kind"),
		index.Fields("kind", "at"),
		index.Fields("at"),
		// the exceptions alone (some 0.7 % of the events), with their
		// carrier: a scorecard over the shipments counts a window's
		// exceptions from this small index instead of fetching each from
		// wherever it lies among millions of events (at a million
		// shipments, a year's exceptions under a filter: 880 → 210 ms; the
		// scorecard from a day three months ago: 291 → 50 ms); only a
		// statement that names the kind as a literal can use it
		// (report.exceptionEvents)
		index.Fields("shipment_id", "carrier_id").StorageKey("shipment_event_exceptions").
			Annotations(entsql.IndexWhere("kind = 'EXCEPTION'")),
	}
}

// Annotations of ShipmentEvent.
func (ShipmentEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.MultiOrder(), entgql.QueryField()}
}
