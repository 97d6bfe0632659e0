// Package audit holds the shape of one changed field in the audit trail. The
// hook that writes the trail is in ent/rule, with the other rules.
package audit

// Change is one field of a record before and after a mutation, each written
// as text (times in RFC 3339 UTC, money as a decimal). Before is empty for a
// created record, After for a cleared field. Secrets are never written: a
// changed password shows as Redacted on both sides.
type Change struct {
	Field  string  `json:"field"`
	Before *string `json:"before,omitempty"`
	After  *string `json:"after,omitempty"`
}

// Redacted stands in for a secret's value.
const Redacted = "[redacted]"
