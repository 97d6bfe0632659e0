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
		field.String("name").Validate(line(100)).Annotations(entgql.OrderField("NAME")),
		field.Text("query").Validate(document).Comment("The GraphQL document, as written (at most 10,000 bytes)."),
		field.Text("variables").Default("").Validate(savedText).Comment("Its variables as JSON text; empty for none (at most 10,000 bytes)."),
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
// deleteSavedQuery (graph/explorer.graphql), which name the owner; listed a
// page at a time.
func (SavedQuery) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// MaxSavedQueryBytes bounds a saved query's document and its variables,
// in UTF-8 bytes: a hand-written query of some 250 lines. With control
// characters refused (a GraphQL document never holds them, and JSON writes
// each as six bytes), a saved query is at most 40 KB in an answer, and
// what one person keeps (rule.MaxSavedQueries) at most 8 MB: 1,005 saved
// queries of 200 KB once took a server from 104 to 887 MB when listed.
const MaxSavedQueryBytes = 10_000
