package enum

import "io"

// TransportMode is how cargo moves: shared by shipments, tender lanes and the
// modes a carrier serves.
type TransportMode string

// Transport modes.
const (
	ModeRoad       TransportMode = "ROAD"
	ModeRail       TransportMode = "RAIL"
	ModeSea        TransportMode = "SEA"
	ModeAir        TransportMode = "AIR"
	ModeMultimodal TransportMode = "MULTIMODAL"
)

// TransportModes lists every mode in a stable order.
var TransportModes = []TransportMode{ModeRoad, ModeRail, ModeSea, ModeAir, ModeMultimodal}

// Values lists the modes for ent.
func (TransportMode) Values() []string { return strs(TransportModes) }

// MarshalGQL writes the mode as a GraphQL enum value.
func (m TransportMode) MarshalGQL(w io.Writer) { write(w, m) }

// UnmarshalGQL reads a GraphQL enum value.
func (m *TransportMode) UnmarshalGQL(v any) (err error) {
	*m, err = parse("TransportMode", v, TransportModes)
	return err
}

// VolumeUnit is what a lane's yearly volume counts.
type VolumeUnit string

// Volume units: loads (truck or wagon loads, or shipments), containers, weight.
const (
	UnitLoad   VolumeUnit = "LOAD"
	UnitTEU    VolumeUnit = "TEU"
	UnitTonne  VolumeUnit = "TONNE"
	UnitPallet VolumeUnit = "PALLET"
)

var volumeUnits = []VolumeUnit{UnitLoad, UnitTEU, UnitTonne, UnitPallet}

// Values lists the units for ent.
func (VolumeUnit) Values() []string { return strs(volumeUnits) }

// MarshalGQL writes the unit as a GraphQL enum value.
func (u VolumeUnit) MarshalGQL(w io.Writer) { write(w, u) }

// UnmarshalGQL reads a GraphQL enum value.
func (u *VolumeUnit) UnmarshalGQL(v any) (err error) {
	*u, err = parse("VolumeUnit", v, volumeUnits)
	return err
}
