package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/freightgraph/freightgraph/ent/enum"
)

// Manager is an employee: an account manager, an operations manager, an
// analyst or an administrator.
type Manager struct{ ent.Schema }

// Mixin of Manager.
func (Manager) Mixin() []ent.Mixin { return []ent.Mixin{Versioned{}, Timestamped{}} }

// Fields of Manager.
func (Manager) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Validate(line(200)).Annotations(entgql.OrderField("NAME")),
		field.String("email").Validate(requiredEmail).Unique().Annotations(entgql.OrderField("EMAIL")).
			Comment("Unique, stored in lower case; the sign-in name."),
		field.Enum("role").GoType(enum.ManagerRole("")).Annotations(entgql.Type("ManagerRole"), entgql.OrderField("ROLE")),
		field.String("password_hash").Optional().Sensitive().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("argon2id hash (ent/secret); empty until a password is set, and then no sign-in is possible."),
		field.Bool("active").Default(true).Comment("False once the manager has left; their clients then show as a gap in the matrix."),
	}
}

// Edges of Manager.
func (Manager) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account_clients", Customer.Type).
			Comment("Clients whose account manager this is.").
			Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("operations_clients", Customer.Type).
			Comment("Clients whose operations manager this is.").
			Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("tenders", Tender.Type).
			Comment("Tenders this account manager owns.").
			Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("shipments", Shipment.Type).
			Comment("Shipments this operations manager runs.").
			Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("sessions", Session.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("api_tokens", APIToken.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("saved_queries", SavedQuery.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("audit_entries", AuditEntry.Type).
			Comment("Changes made by this manager: read through auditTrail, which applies the rules.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("stage_changes", TenderStageChange.Type).
			Comment("Tender moves made by this manager.").
			Annotations(entgql.RelayConnection(), skipInputs),
	}
}

// Indexes of Manager.
func (Manager) Indexes() []ent.Index {
	return []ent.Index{index.Fields("role", "active"), index.Fields("name")}
}

// Annotations of Manager.
func (Manager) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
