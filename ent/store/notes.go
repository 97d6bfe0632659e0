package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// assignmentNotes turns the English notes earlier builds wrote on carrier
// assignments ("Assigned Волга Карго instead of Балтик Лайн") into what an
// assignment now records: the carrier replaced, by reference, and no note
// (the app says it in the viewer's language). A replaced carrier is found
// by its name, which is unique; a note naming none is only cleared. Once
// done it finds nothing.
func assignmentNotes(ctx context.Context, db *sql.DB, dialect string) error {
	rows, err := db.QueryContext(ctx, "SELECT id, note FROM shipment_events WHERE kind = 'CARRIER_ASSIGNED' AND note LIKE 'Assigned %'")
	if err != nil {
		return fmt.Errorf("assignment notes: %w", err)
	}
	type fix struct {
		id       int
		replaced string
	}
	var fixes []fix
	for rows.Next() {
		var f fix
		var note string
		if err := rows.Scan(&f.id, &note); err != nil {
			rows.Close()
			return err
		}
		if _, prev, ok := strings.Cut(note, " instead of "); ok {
			f.replaced = prev
		}
		fixes = append(fixes, f)
	}
	if err := rows.Close(); err != nil || len(fixes) == 0 {
		return err
	}
	q := "UPDATE shipment_events SET note = '', replaced_carrier_id = (SELECT id FROM carriers WHERE name = ?) WHERE id = ?"
	if dialect == "postgres" {
		q = "UPDATE shipment_events SET note = '', replaced_carrier_id = (SELECT id FROM carriers WHERE name = $1) WHERE id = $2"
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, f := range fixes {
		if _, err := tx.ExecContext(ctx, q, f.replaced, f.id); err != nil {
			return fmt.Errorf("assignment notes: %w", err)
		}
	}
	return tx.Commit()
}
