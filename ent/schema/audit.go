package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/freightgraph/freightgraph/ent/audit"
	"github.com/freightgraph/freightgraph/ent/enum"
)

// AuditEntry is one change to one record: who made it, through which
// operation, when, and each changed field before and after. It is written by
// ent/rule in the transaction of the change itself and is never changed or
// deleted.
type AuditEntry struct{ ent.Schema }

// Fields of AuditEntry.
func (AuditEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(now).Immutable().Annotations(entgql.OrderField("AT")),
		field.Int("actor_id").Optional().Nillable().Immutable().
			Comment("The manager who made the change; empty for the server's own commands."),
		field.String("operation").Immutable().
			Comment("The GraphQL mutation (such as moveTender) or command (such as cli:create-manager) that made it."),
		field.Enum("action").GoType(enum.AuditAction("")).Immutable().
			Annotations(entgql.Type("AuditAction"), entgql.OrderField("ACTION")),
		field.String("record_type").Immutable().Comment("The GraphQL type of the record, such as Tender.").
			Annotations(entgql.OrderField("RECORD_TYPE")),
		field.Int("record_id").Immutable().Annotations(entgql.Type("ID")).
			Comment("The record's global ID: node(id:) loads it."),
		field.Int("client_id").Optional().Nillable().Immutable().
			Comment("The client the record belongs to, if any; that client's pair may read the entry."),
		field.Int("former_client_id").Optional().Nillable().Immutable().
			Comment("The client the record belonged to before this change moved it to clientID; that client's pair may read the entry too."),
		field.JSON("changes", []audit.Change{}).Immutable().
			Annotations(entgql.Type("[AuditChange!]")),
		field.String("request_id").Default("").Immutable().
			Comment("The request's correlation id, as in the server log and the X-Request-ID header."),
	}
}

// Edges of AuditEntry.
func (AuditEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("actor", Manager.Type).Ref("audit_entries").Field("actor_id").Unique().Immutable(),
		edge.From("client", Customer.Type).Ref("audit_entries").Field("client_id").Unique().Immutable(),
		edge.From("former_client", Customer.Type).Ref("moved_audit_entries").Field("former_client_id").Unique().Immutable(),
	}
}

// Indexes of AuditEntry.
func (AuditEntry) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("at"),
		index.Fields("record_id", "at"),
		index.Fields("client_id", "at"),
		index.Fields("former_client_id"),
		index.Fields("actor_id", "at"),
	}
}

// Annotations of AuditEntry.
func (AuditEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.QueryField("auditTrail").Description("The audit trail, newest first unless ordered otherwise. ADMIN and ANALYST read all of it; account and operations managers read the entries of their clients' records, and operations managers, who keep the carriers, those of the carriers."),
	}
}
