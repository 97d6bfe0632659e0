package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"github.com/freightgraph/freightgraph/ent/calendar"
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
