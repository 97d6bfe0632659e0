package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Who may act: sign-in sessions and personal API tokens. Both are stored only
// as a SHA-256 hash of the secret the caller holds, so a copy of the database
// opens no door. Neither is part of the generic graph; ent/rule decides who
// sees and changes them.

// Session is one browser sign-in, carried by an HttpOnly cookie.
type Session struct{ ent.Schema }

// Fields of Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("token_hash").Unique().Immutable().Sensitive(),
		field.Int("manager_id").Immutable(),
		field.Time("created_at").Default(now).Immutable(),
		field.Time("expires_at").Immutable().Comment("Sessions end at a fixed time; signing in again starts a new one."),
		field.String("address").Default("").Immutable().Comment("The address it was opened from, for the owner's own review."),
	}
}

// Edges of Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("manager", Manager.Type).Ref("sessions").Field("manager_id").Unique().Required().Immutable(),
	}
}

// Indexes of Session.
func (Session) Indexes() []ent.Index {
	return []ent.Index{index.Fields("manager_id"), index.Fields("expires_at")}
}

// Annotations of Session.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// APIToken is a personal token for scripts and analysts' tools, sent as
// "Authorization: Bearer". Its secret is shown once, when it is created.
type APIToken struct{ ent.Schema }

// Fields of APIToken.
func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Validate(line(100)).Immutable().Comment("What the owner uses it for."),
		field.String("token_hash").Unique().Immutable().Sensitive().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("prefix").Immutable().Comment("The token's first characters, to tell tokens apart."),
		field.Int("owner_id").Immutable(),
		field.Time("created_at").Default(now).Immutable(),
		field.Time("expires_at").Optional().Nillable().Immutable().Comment("Empty for a token that does not expire."),
		field.Time("last_used_at").Optional().Nillable().Comment("Updated at most every few minutes."),
		field.Time("revoked_at").Optional().Nillable().Comment("Set when the owner revokes it; a revoked token opens nothing."),
	}
}

// Edges of APIToken.
func (APIToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("owner", Manager.Type).Ref("api_tokens").Field("owner_id").Unique().Required().Immutable(),
	}
}

// Indexes of APIToken.
func (APIToken) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_id")}
}

// Annotations of APIToken.
func (APIToken) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Type("APIToken"), entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}
