package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Feedback is a client's satisfaction score: the manual counts an unhappy
// client as a bad deal, whatever the margin.
type Feedback struct{ ent.Schema }

// Mixin of Feedback.
func (Feedback) Mixin() []ent.Mixin { return []ent.Mixin{Versioned{}, Timestamped{}} }

// Fields of Feedback.
func (Feedback) Fields() []ent.Field {
	return []ent.Field{
		field.Int("client_id").Immutable().Comment("Whose feedback it is, for good."),
		field.Int("shipment_id").Optional().Nillable().Comment("The shipment it is about, if any."),
		field.Int("score").Validate(between(1, 5)).Comment("Satisfaction, 1 (very unhappy) to 5 (very happy).").
			Annotations(entgql.OrderField("SCORE")),
		field.String("comment").Default("").Validate(optionalLine(4000)),
		field.Time("received_at").Comment("When the client gave it.").
			Annotations(entgql.OrderField("RECEIVED_AT")),
	}
}

// Edges of Feedback.
func (Feedback) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("client", Customer.Type).Ref("feedbacks").Field("client_id").Unique().Required().Immutable(),
		edge.From("shipment", Shipment.Type).Ref("feedbacks").Field("shipment_id").Unique(),
	}
}

// Indexes of Feedback.
func (Feedback) Indexes() []ent.Index {
	return []ent.Index{index.Fields("client_id", "received_at"), index.Fields("shipment_id"), index.Fields("received_at")}
}

// Annotations of Feedback.
func (Feedback) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
