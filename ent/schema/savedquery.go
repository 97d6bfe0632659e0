package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SavedQuery is a GraphQL query a manager keeps under a name in the
// explorer. It is personal, like an API token: nobody else reads it, and it
// is not a business record, so the audit trail leaves it out.
type SavedQuery struct{ ent.Schema }

// Mixin of SavedQuery.
func (SavedQuery) Mixin() []ent.Mixin { return []ent.Mixin{Timestamped{}} }

// Fields of SavedQuery.
func (SavedQuery) Fields() []ent.Field {
	return []ent.Field{
		field.Int("owner_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("name").Validate(line(100)),
		field.Text("query").Validate(document).Comment("The GraphQL document, as written."),
		field.Text("variables").Default("").Validate(maxChars(100_000)).Comment("Its variables as JSON text; empty for none."),
	}
}

// Edges of SavedQuery.
func (SavedQuery) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("owner", Manager.Type).Ref("saved_queries").Field("owner_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of SavedQuery: a name is one query per manager.
func (SavedQuery) Indexes() []ent.Index {
	return []ent.Index{index.Fields("owner_id", "name").Unique()}
}

// Annotations of SavedQuery: written only through saveQuery and
// deleteSavedQuery (graph/explorer.graphql), which name the owner.
func (SavedQuery) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)}
}
