package enum

import "io"

// ClientStatus is where a client stands with us. Being "regular" is not a
// status: it is computed from shipments.
type ClientStatus string

// Client statuses: a prospect becomes active, and may turn dormant or be lost.
const (
	ClientProspect ClientStatus = "PROSPECT"
	ClientActive   ClientStatus = "ACTIVE"
	ClientDormant  ClientStatus = "DORMANT"
	ClientLost     ClientStatus = "LOST"
)

var clientStatuses = []ClientStatus{ClientProspect, ClientActive, ClientDormant, ClientLost}

// Values lists the statuses for ent.
func (ClientStatus) Values() []string { return strs(clientStatuses) }

// MarshalGQL writes the status as a GraphQL enum value.
func (s ClientStatus) MarshalGQL(w io.Writer) { write(w, s) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *ClientStatus) UnmarshalGQL(v any) (err error) {
	*s, err = parse("ClientStatus", v, clientStatuses)
	return err
}
