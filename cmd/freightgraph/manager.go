package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// createManager creates one manager: on a new deployment, its first ADMIN.
// It goes through the same rules as the API.
func createManager(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("create-manager", flag.ContinueOnError)
	var db dbFlags
	db.register(fs)
	name := fs.String("name", "", "full name (required)")
	email := fs.String("email", "", "e-mail, the sign-in name (required)")
	role := fs.String("role", string(enum.RoleAdmin), "ACCOUNT_MANAGER, OPERATIONS_MANAGER, ANALYST or ADMIN")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var r enum.ManagerRole
	if err := r.UnmarshalGQL(*role); err != nil {
		return err
	}
	if *name == "" || *email == "" {
		return errors.New("create-manager needs --name and --email")
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.Client.Manager.Create().SetName(*name).SetEmail(*email).SetRole(r).Save(ctx)
	if e, ok := rule.As(err); ok {
		return e
	}
	if ent.IsConstraintError(err) {
		return fmt.Errorf("a manager with the e-mail %s already exists", *email)
	}
	if err != nil {
		return fmt.Errorf("create manager: %w", err)
	}
	fmt.Printf("created %s %s <%s> with ID %d\n", m.Role, m.Name, m.Email, m.ID)
	return nil
}
