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

// Customer is a client of the company: the head of everything. ent reserves
// the name Client for its own client type, so the schema says Customer and
// the GraphQL API says Client.
type Customer struct{ ent.Schema }

// Mixin of Customer.
func (Customer) Mixin() []ent.Mixin {
	return []ent.Mixin{Versioned{}, Timestamped{}, Searchable{Sources: []string{"name"}}}
}

// Fields of Customer.
func (Customer) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Validate(line(200)).Unique().Annotations(entgql.OrderField("NAME")),
		field.String("industry").Default("").Validate(optionalLine(100)).Annotations(entgql.OrderField("INDUSTRY")),
		field.String("country").Validate(country).Annotations(entgql.OrderField("COUNTRY")),
		field.String("city").Validate(line(100)).Annotations(entgql.OrderField("CITY")),
		field.Enum("status").GoType(enum.ClientStatus("")).Default(string(enum.ClientProspect)).Annotations(entgql.Type("ClientStatus")).
			Annotations(entgql.OrderField("STATUS")),
		field.Int("account_manager_id").Optional().Nillable(),
		field.Int("operations_manager_id").Optional().Nillable(),
	}
}

// Edges of Customer.
func (Customer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("audit_entries", AuditEntry.Type).
			Comment("The audit trail of the client's records: read through Client.history, which applies the rules.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("moved_audit_entries", AuditEntry.Type).
			Comment("Entries of records moved away from the client: read through Client.history too.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("account_manager", Manager.Type).Ref("account_clients").Field("account_manager_id").Unique().
			Comment("The account manager of the matrix pair: sales, tenders, the executive relationship."),
		edge.From("operations_manager", Manager.Type).Ref("operations_clients").Field("operations_manager_id").Unique().
			Comment("The operations manager of the matrix pair: every promise kept, day to day."),
		edge.To("contacts", Contact.Type).Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("tenders", Tender.Type).Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("shipments", Shipment.Type).Annotations(entgql.RelayConnection(), skipInputs),
		edge.To("feedbacks", Feedback.Type).Annotations(entgql.RelayConnection(), skipInputs),
	}
}

// Indexes of Customer.
func (Customer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_manager_id"),
		index.Fields("operations_manager_id"),
		index.Fields("status"),
		index.Fields("country", "city"),
	}
}

// Annotations of Customer.
func (Customer) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Type("Client"),
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField("clients"),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Contact is a person at a client.
type Contact struct{ ent.Schema }

// Mixin of Contact.
func (Contact) Mixin() []ent.Mixin { return []ent.Mixin{Versioned{}, Timestamped{}} }

// Fields of Contact.
func (Contact) Fields() []ent.Field {
	return []ent.Field{
		field.Int("client_id").Immutable().Comment("A contact is a person at one client."),
		field.String("name").Validate(line(200)).Annotations(entgql.OrderField("NAME")),
		field.String("position").Default("").Validate(optionalLine(200)),
		field.String("email").Default("").Validate(email),
		field.String("phone").Default("").Validate(optionalLine(40)),
	}
}

// Edges of Contact.
func (Contact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("client", Customer.Type).Ref("contacts").Field("client_id").Unique().Required().Immutable(),
	}
}

// Indexes of Contact.
func (Contact) Indexes() []ent.Index { return []ent.Index{index.Fields("client_id")} }

// Annotations of Contact.
func (Contact) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
