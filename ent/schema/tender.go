package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/money"
)

// Nullable fields are not offered as orderBy fields (see Shipment).

// Tender is a client's call for bids on a set of lanes, tracked through the
// account manager's pipeline. Its stage and stamped times move only through
// moveTender (ent/rule), never through the generic update.
type Tender struct{ ent.Schema }

// Mixin of Tender.
func (Tender) Mixin() []ent.Mixin {
	return []ent.Mixin{Versioned{}, Timestamped{}, Searchable{Sources: []string{"reference", "title"}}}
}

// Fields of Tender.
func (Tender) Fields() []ent.Field {
	return []ent.Field{
		// empty on creation: the server numbers it (ent/rule/reference.go)
		field.String("reference").Validate(line(40)).Unique().Annotations(entgql.OrderField("REFERENCE")).
			Comment("The tender's reference, unique. Send it empty when creating a tender and the server numbers it: T-<year>-<number>, the year's next (T-2026-0137)."),
		field.String("title").Validate(line(300)).Annotations(entgql.OrderField("TITLE")),
		field.Int("client_id"),
		field.Int("owner_id").Comment("The account manager who owns the tender."),
		field.Enum("stage").GoType(enum.TenderStage("")).Default(string(enum.StageIdentified)).Annotations(entgql.Type("TenderStage")).
			Annotations(skipInputs, entgql.OrderField("STAGE")),
		field.Int64("estimated_value").GoType(money.Amount(0)).Validate(nonNegative).
			Comment("Estimated value of the contract, in currency.").
			Annotations(entgql.Type("Decimal"), entgql.OrderField("ESTIMATED_VALUE")),
		field.Enum("currency").GoType(enum.Currency("")).Annotations(entgql.Type("Currency")),
		field.Int("win_probability").Validate(between(0, 100)).Default(10).
			Comment("Percent, 0 to 100.").
			Annotations(entgql.OrderField("WIN_PROBABILITY")),
		field.Time("submission_deadline").
			Comment("When bids are due: a call for bids always names one.").
			Annotations(entgql.OrderField("SUBMISSION_DEADLINE")),
		field.Time("submitted_at").Optional().Nillable().
			Comment("Stamped when the tender moves to SUBMITTED.").
			Annotations(skipInputs),
		field.Time("decided_at").Optional().Nillable().
			Comment("Stamped when the tender is won, lost or withdrawn.").
			Annotations(skipInputs),
		field.String("lost_reason").Optional().Nillable().
			Annotations(skipInputs),
	}
}

// Edges of Tender.
func (Tender) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("client", Customer.Type).Ref("tenders").Field("client_id").Unique().Required(),
		edge.From("owner", Manager.Type).Ref("tenders").Field("owner_id").Unique().Required(),
		edge.To("lanes", Lane.Type).Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("stage_history", TenderStageChange.Type).
			Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("shipments", Shipment.Type).
			Comment("Shipments run under the contract this tender won.").
			Annotations(entgql.RelayConnection(), skipInputs),
	}
}

// Indexes of Tender.
func (Tender) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("client_id"),
		index.Fields("owner_id"),
		index.Fields("stage", "submission_deadline"),
		index.Fields("submission_deadline"),
		index.Fields("decided_at"),
		index.Fields("estimated_value"),
	}
}

// Annotations of Tender.
func (Tender) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Lane is an origin–destination pair inside a tender, with its mode, volume
// and the rates: the client's target and ours.
type Lane struct{ ent.Schema }

// Mixin of Lane.
func (Lane) Mixin() []ent.Mixin { return []ent.Mixin{Versioned{}, Timestamped{}} }

// Fields of Lane.
func (Lane) Fields() []ent.Field {
	return []ent.Field{
		field.Int("tender_id").Immutable().Comment("A lane belongs to one tender for good."),
		field.String("origin").Validate(line(200)).Annotations(entgql.OrderField("ORIGIN")),
		field.String("destination").Validate(line(200)).Annotations(entgql.OrderField("DESTINATION")),
		field.Enum("mode").GoType(enum.TransportMode("")).Annotations(entgql.Type("TransportMode"), entgql.OrderField("MODE")),
		field.Int("yearly_volume").Validate(between(0, 1_000_000_000)).Default(0).Annotations(entgql.OrderField("YEARLY_VOLUME")),
		field.Enum("volume_unit").GoType(enum.VolumeUnit("")).Default(string(enum.UnitLoad)).Annotations(entgql.Type("VolumeUnit")),
		field.Enum("currency").GoType(enum.Currency("")).Comment("Currency of both rates.").Annotations(entgql.Type("Currency")),
		field.Int64("target_rate").GoType(money.Amount(0)).Validate(nonNegative).Optional().Nillable().
			Comment("The client's target rate per volume unit.").
			Annotations(entgql.Type("Decimal")),
		field.Int64("offered_rate").GoType(money.Amount(0)).Validate(nonNegative).Optional().Nillable().
			Comment("Our offered rate per volume unit.").
			Annotations(entgql.Type("Decimal")),
	}
}

// Edges of Lane.
func (Lane) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tender", Tender.Type).Ref("lanes").Field("tender_id").Unique().Required().Immutable(),
	}
}

// Indexes of Lane.
func (Lane) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tender_id"), index.Fields("origin", "destination")}
}

// Annotations of Lane.
func (Lane) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// TenderStageChange is one move of a tender through the pipeline. It is
// written by moveTender and never changed.
type TenderStageChange struct{ ent.Schema }

// Fields of TenderStageChange.
func (TenderStageChange) Fields() []ent.Field {
	return []ent.Field{
		field.Int("tender_id").Immutable(),
		field.Enum("from").GoType(enum.TenderStage("")).Optional().Nillable().Immutable().Annotations(entgql.Type("TenderStage")).
			Comment("Empty for the stage a tender was created in."),
		field.Enum("to").GoType(enum.TenderStage("")).Immutable().Annotations(entgql.Type("TenderStage")),
		field.Time("at").Default(now).Immutable().Annotations(entgql.OrderField("AT")),
		field.Int("moved_by_id").Optional().Nillable().Immutable().
			Comment("Who moved it; empty for moves made by the server's own commands and for history from before sign-in existed."),
		field.String("note").Optional().Nillable().Immutable().Comment("The lost reason, for a move to LOST."),
	}
}

// Edges of TenderStageChange.
func (TenderStageChange) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tender", Tender.Type).Ref("stage_history").Field("tender_id").Unique().Required().Immutable(),
		edge.From("moved_by", Manager.Type).Ref("stage_changes").Field("moved_by_id").Unique().Immutable(),
	}
}

// Indexes of TenderStageChange.
func (TenderStageChange) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tender_id", "at"), index.Fields("moved_by_id"), index.Fields("at")}
}

// Annotations of TenderStageChange.
func (TenderStageChange) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.MultiOrder(), entgql.QueryField()}
}
