package enum

import "io"

// AuditAction is what a mutation did to a record.
type AuditAction string

// Audit actions. Records are never deleted through the API, so DELETE is
// there for the commands and for completeness of the trail.
const (
	AuditCreate AuditAction = "CREATE"
	AuditUpdate AuditAction = "UPDATE"
	AuditDelete AuditAction = "DELETE"
)

var auditActions = []AuditAction{AuditCreate, AuditUpdate, AuditDelete}

// Values lists the actions for ent.
func (AuditAction) Values() []string { return strs(auditActions) }

// MarshalGQL writes the action as a GraphQL enum value.
func (a AuditAction) MarshalGQL(w io.Writer) { write(w, a) }

// UnmarshalGQL reads a GraphQL enum value.
func (a *AuditAction) UnmarshalGQL(v any) (err error) {
	*a, err = parse("AuditAction", v, auditActions)
	return err
}
