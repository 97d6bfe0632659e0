package enum

import "io"

// ManagerRole is what a manager does in the matrix around clients.
type ManagerRole string

// The roles of the manual: account managers sell and own the relationship,
// operations managers keep the promises; analysts read, admins administer.
const (
	RoleAccountManager    ManagerRole = "ACCOUNT_MANAGER"
	RoleOperationsManager ManagerRole = "OPERATIONS_MANAGER"
	RoleAnalyst           ManagerRole = "ANALYST"
	RoleAdmin             ManagerRole = "ADMIN"
)

var managerRoles = []ManagerRole{RoleAccountManager, RoleOperationsManager, RoleAnalyst, RoleAdmin}

// Values lists the roles for ent.
func (ManagerRole) Values() []string { return strs(managerRoles) }

// MarshalGQL writes the role as a GraphQL enum value.
func (r ManagerRole) MarshalGQL(w io.Writer) { write(w, r) }

// UnmarshalGQL reads a GraphQL enum value.
func (r *ManagerRole) UnmarshalGQL(v any) (err error) {
	*r, err = parse("ManagerRole", v, managerRoles)
	return err
}
