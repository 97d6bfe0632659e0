package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/rule"
)

// createManager creates one manager: on a new deployment, its first ADMIN.
// It goes through the same rules as the API, as the server itself, and is
// recorded in the audit trail as the command.
func createManager(ctx context.Context, args []string, stdin io.Reader) error {
	fs := flag.NewFlagSet("create-manager", flag.ContinueOnError)
	var db dbFlags
	db.register(fs)
	name := fs.String("name", "", "full name (required)")
	email := fs.String("email", "", "e-mail, the sign-in name (required)")
	role := fs.String("role", string(enum.RoleAdmin), "ACCOUNT_MANAGER, OPERATIONS_MANAGER, ANALYST or ADMIN")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (else FREIGHTGRAPH_PASSWORD; without either the manager cannot sign in until given one)")
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
	password, err := readPassword(*fromStdin, stdin)
	if err != nil {
		return err
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx = rule.System(ctx, "cli:create-manager")
	var hash string
	if password != "" {
		if hash, err = rule.HashNewPassword("password", password); err != nil {
			return err
		}
	}
	var m *ent.Manager
	err = st.Writes().Write(ctx, func(ctx context.Context, c *ent.Client) error {
		create := c.Manager.Create().SetName(*name).SetEmail(*email).SetRole(r)
		if hash != "" {
			create.SetPasswordHash(hash)
		}
		var err error
		m, err = create.Save(ctx)
		return err
	})
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
	if password == "" {
		fmt.Println("no password given: set one with set-password before they can sign in")
	}
	return nil
}

// setPassword sets a manager's password from the command line: for the
// first ADMIN, or one who has lost theirs. Their sessions end.
func setPassword(ctx context.Context, args []string, stdin io.Reader) error {
	fs := flag.NewFlagSet("set-password", flag.ContinueOnError)
	var db dbFlags
	db.register(fs)
	email := fs.String("email", "", "the manager's e-mail (required)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input (else FREIGHTGRAPH_PASSWORD)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	password, err := readPassword(*fromStdin, stdin)
	if err != nil {
		return err
	}
	if *email == "" || password == "" {
		return errors.New("set-password needs --email and a password (--password-stdin or FREIGHTGRAPH_PASSWORD)")
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx = rule.System(ctx, "cli:set-password")
	err = st.Writes().Write(ctx, func(ctx context.Context, c *ent.Client) error {
		id, err := c.Manager.Query().Where(manager.Email(strings.ToLower(strings.TrimSpace(*email)))).OnlyID(ctx)
		if ent.IsNotFound(err) {
			return fmt.Errorf("no manager with the e-mail %s", *email)
		}
		if err != nil {
			return err
		}
		return rule.SetPasswordAsSystem(ctx, c, id, password)
	})
	if err != nil {
		if e, ok := rule.As(err); ok {
			return e
		}
		return err
	}
	fmt.Printf("password set for %s; their sessions have ended\n", *email)
	return nil
}

// readPassword takes the password from standard input or the environment,
// never from a flag, where it would show in the process list and history.
func readPassword(fromStdin bool, stdin io.Reader) (string, error) {
	var password string
	if fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	} else {
		password = os.Getenv("FREIGHTGRAPH_PASSWORD")
	}
	if password == "" {
		return "", nil
	}
	return password, rule.CheckNewPassword("password", password)
}
