package enum

import (
	"io"
	"slices"
)

// ShipmentStatus is where a shipment stands; only tracking events move it.
type ShipmentStatus string

// Shipment statuses.
const (
	ShipmentPlanned   ShipmentStatus = "PLANNED"
	ShipmentBooked    ShipmentStatus = "BOOKED"
	ShipmentInTransit ShipmentStatus = "IN_TRANSIT"
	ShipmentDelivered ShipmentStatus = "DELIVERED"
	ShipmentCancelled ShipmentStatus = "CANCELLED"
)

var shipmentStatuses = []ShipmentStatus{ShipmentPlanned, ShipmentBooked, ShipmentInTransit, ShipmentDelivered, ShipmentCancelled}

// Values lists the statuses for ent.
func (ShipmentStatus) Values() []string { return strs(shipmentStatuses) }

// FinalStatuses are those after which nothing more may happen to a shipment.
var FinalStatuses = []ShipmentStatus{ShipmentDelivered, ShipmentCancelled}

// Final reports whether nothing more may happen to the shipment.
func (s ShipmentStatus) Final() bool { return slices.Contains(FinalStatuses, s) }

// MarshalGQL writes the status as a GraphQL enum value.
func (s ShipmentStatus) MarshalGQL(w io.Writer) { write(w, s) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *ShipmentStatus) UnmarshalGQL(v any) (err error) {
	*s, err = parse("ShipmentStatus", v, shipmentStatuses)
	return err
}

// ShipmentEventKind is what a tracking event says happened.
type ShipmentEventKind string

// Tracking event kinds. CARRIER_ASSIGNED is written only by assignCarrier.
const (
	EventCarrierAssigned ShipmentEventKind = "CARRIER_ASSIGNED"
	EventBooked          ShipmentEventKind = "BOOKED"
	EventPickedUp        ShipmentEventKind = "PICKED_UP"
	EventCheckpoint      ShipmentEventKind = "CHECKPOINT"
	EventDelayed         ShipmentEventKind = "DELAYED"
	EventException       ShipmentEventKind = "EXCEPTION"
	EventDelivered       ShipmentEventKind = "DELIVERED"
	EventCancelled       ShipmentEventKind = "CANCELLED"
)

var shipmentEventKinds = []ShipmentEventKind{EventCarrierAssigned, EventBooked, EventPickedUp, EventCheckpoint, EventDelayed, EventException, EventDelivered, EventCancelled}

// Values lists the kinds for ent.
func (ShipmentEventKind) Values() []string { return strs(shipmentEventKinds) }

// MarshalGQL writes the kind as a GraphQL enum value.
func (k ShipmentEventKind) MarshalGQL(w io.Writer) { write(w, k) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *ShipmentEventKind) UnmarshalGQL(v any) (err error) {
	*k, err = parse("ShipmentEventKind", v, shipmentEventKinds)
	return err
}
