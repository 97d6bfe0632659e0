// Package rule holds the business rules of the domain, each in one place:
// ent hooks that every write passes through (registered by Register), and the
// domain's own moves (moving a tender, assigning a carrier, recording a
// tracking event). The API layer only maps their errors to codes.
package rule

import (
	"errors"
	"fmt"
)

// Code is the stable machine-readable kind of a refusal, served as
// extensions.code in GraphQL errors.
type Code string

// The codes a caller can act on.
const (
	CodeBadInput Code = "BAD_USER_INPUT"
	CodeNotFound Code = "NOT_FOUND"
	CodeConflict Code = "CONFLICT"
	// CodeUnauthenticated: nobody is signed in, or the session or token
	// no longer opens anything.
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	// CodeForbidden: the viewer's role in the matrix does not allow it.
	CodeForbidden Code = "FORBIDDEN"
)

// Error is a refusal a person can act on: what was wrong, and where.
type Error struct {
	Code    Code
	Field   string // the input field at fault, if one is
	Message string
	// Retryable says that the same request, sent again unchanged a moment
	// later, may well succeed (extensions.retryable)
	Retryable bool
	// Reason names this refusal for the app, Params what it is about
	// (reason.go); empty for refusals the app says by their code alone
	Reason Reason
	Params map[string]any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Invalid refuses input: field names the input field at fault.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeBadInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound says that no record of kind noun has the given ID.
func NotFound(noun string, id int) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf("no %s with ID %d", noun, id)}
}

// Conflict refuses a write that lost a race or breaks a uniqueness rule.
func Conflict(format string, args ...any) *Error {
	return &Error{Code: CodeConflict, Message: fmt.Sprintf(format, args...)}
}

// Forbidden refuses what the viewer's role does not allow, saying who may.
func Forbidden(format string, args ...any) *Error {
	return &Error{Code: CodeForbidden, Message: fmt.Sprintf(format, args...)}
}

// ErrSignIn refuses to act for nobody.
var ErrSignIn = &Error{Code: CodeUnauthenticated, Message: "sign in first: nobody is signed in"}

// As returns the rule error inside err, if there is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
