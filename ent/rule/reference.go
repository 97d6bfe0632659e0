package rule

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/tender"
)

// A tender created with an empty reference is numbered by the server:
// T-<year>-<number>, the year's next after the highest it holds
// (T-2026-0137), four digits at least. On PostgreSQL two creations at once
// take turns for the number (a transaction-scoped advisory lock, released
// at commit or rollback); on SQLite one transaction writes at a time.

// referenceLock is the advisory lock's key: "tender reference" in ASCII,
// folded into 63 bits.
const referenceLock = 0x74656e6465727265

// nextReference is the next free tender reference of this year.
func nextReference(ctx context.Context, c *ent.Client) (string, error) {
	if rowLocks(ctx) {
		if _, err := c.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(referenceLock)); err != nil {
			return "", err
		}
	}
	prefix := fmt.Sprintf("T-%d-", calendar.Now().UTC().Year())
	// the longest, then the greatest: T-2026-10000 comes after T-2026-9999;
	// read as the server (the viewer may read every tender anyway)
	refs, err := c.Tender.Query().Where(tender.ReferenceHasPrefix(prefix)).
		Order(func(s *sql.Selector) { s.OrderExpr(sql.Expr("length(" + s.C(tender.FieldReference) + ") DESC")) }, ent.Desc(tender.FieldReference)).
		Limit(50).Select(tender.FieldReference).Strings(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return "", err
	}
	highest := 0
	for _, ref := range refs {
		// references typed by hand may share the prefix without a number
		if n, err := strconv.Atoi(strings.TrimPrefix(ref, prefix)); err == nil && n > highest {
			highest = n
		}
	}
	return fmt.Sprintf("%s%04d", prefix, highest+1), nil
}
