package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// assignmentNotes turns the English notes earlier builds wrote on carrier
// assignments ("Assigned Волга Карго instead of Балтик Лайн") into what an
// assignment now records: the carrier replaced, by reference, and no note
// (the app says it in the viewer's language). The carrier replaced is the
// one the shipment's assignment before held (names may have changed since
// the note was written); a reassignment with none found keeps its note.
// Once done it finds nothing.
func assignmentNotes(ctx context.Context, db *sql.DB, dialect string) error {
	rows, err := db.QueryContext(ctx, "SELECT id, shipment_id, at, note FROM shipment_events WHERE kind = 'CARRIER_ASSIGNED' AND note LIKE 'Assigned %'")
	if err != nil {
		return fmt.Errorf("assignment notes: %w", err)
	}
	type fix struct {
		id, shipment int
		at           time.Time
		replaces     bool
	}
	var fixes []fix
	for rows.Next() {
		var f fix
		var note string
		if err := rows.Scan(&f.id, &f.shipment, &f.at, &note); err != nil {
			rows.Close()
			return err
		}
		f.replaces = strings.Contains(note, " instead of ")
		fixes = append(fixes, f)
	}
	if err := rows.Close(); err != nil || len(fixes) == 0 {
		return err
	}
	before := fmt.Sprintf("SELECT carrier_id FROM shipment_events WHERE shipment_id = %s AND kind = 'CARRIER_ASSIGNED' AND carrier_id IS NOT NULL"+
		" AND (at < %s OR (at = %s AND id < %s)) ORDER BY at DESC, id DESC LIMIT 1", arg(dialect, 1), arg(dialect, 2), arg(dialect, 3), arg(dialect, 4))
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, f := range fixes {
		var replaced sql.NullInt64
		if f.replaces {
			err := tx.QueryRowContext(ctx, before, f.shipment, f.at, f.at, f.id).Scan(&replaced)
			if errors.Is(err, sql.ErrNoRows) {
				continue // nothing to refer to: the words stay
			}
			if err != nil {
				return fmt.Errorf("assignment notes: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE shipment_events SET note = '', replaced_carrier_id = %s WHERE id = %s", arg(dialect, 1), arg(dialect, 2)), replaced, f.id); err != nil {
			return fmt.Errorf("assignment notes: %w", err)
		}
	}
	return tx.Commit()
}
