package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/text"
	"github.com/freightgraph/freightgraph/ent/version"
)

// now is the clock for stored times: always UTC, to the microsecond, which is
// what PostgreSQL keeps, so both databases return the same instant.
func now() time.Time { return calendar.Now().UTC().Truncate(time.Microsecond) }

// skipInputs keeps a field or edge out of the generic create and update
// inputs: only the domain's own moves (ent/rule) may change it.
var skipInputs = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)

// Versioned gives a mutable record its version, incremented by every update.
type Versioned struct{ mixin.Schema }

// Fields of the mixin.
func (Versioned) Fields() []ent.Field {
	return []ent.Field{
		field.Int(version.Field).Default(1).
			Comment("Incremented by every update; pass it back as expectedVersion to refuse lost updates.").
			Annotations(skipInputs),
	}
}

// Hooks of the mixin.
func (Versioned) Hooks() []ent.Hook { return []ent.Hook{version.Hook()} }

// Timestamped records when a record was created and last updated, in UTC.
type Timestamped struct{ mixin.Schema }

// Fields of the mixin.
func (Timestamped) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(now).Immutable().
			Annotations(skipInputs, entgql.OrderField("CREATED_AT")),
		field.Time("updated_at").Default(now).UpdateDefault(now).
			Annotations(skipInputs, entgql.OrderField("UPDATED_AT")),
	}
}

// Indexes of the mixin.
func (Timestamped) Indexes() []ent.Index {
	return []ent.Index{index.Fields("created_at")}
}

// Searchable keeps a search key beside the fields a record is found by
// (text.SearchKey: lower case, Cyrillic in Latin letters, ё as е), set by
// a hook on every write of them and indexed. It is not in the API: the
// WhereInputs' `matches` and the root `search` read it.
type Searchable struct {
	mixin.Schema
	Sources []string
}

// Fields of the mixin.
func (Searchable) Fields() []ent.Field {
	return []ent.Field{
		field.String("search_key").Default("").
			Comment("The record's name(s) as searched by: text.SearchKey, kept by a hook.").
			Annotations(entgql.Skip()),
	}
}

// Indexes of the mixin: on PostgreSQL with the pattern operator class,
// which serves a prefix (LIKE 'x%') under any collation.
func (Searchable) Indexes() []ent.Index {
	return []ent.Index{index.Fields("search_key").Annotations(entsql.OpClass("text_pattern_ops"))}
}

// Hooks of the mixin.
func (s Searchable) Hooks() []ent.Hook {
	return []ent.Hook{text.SearchHook("search_key", s.Sources...)}
}
