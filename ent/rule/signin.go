package rule

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/privacy"

	"github.com/freightgraph/freightgraph/ent"
	"github.com/freightgraph/freightgraph/ent/apitoken"
	"github.com/freightgraph/freightgraph/ent/calendar"
	"github.com/freightgraph/freightgraph/ent/enum"
	"github.com/freightgraph/freightgraph/ent/manager"
	"github.com/freightgraph/freightgraph/ent/predicate"
	"github.com/freightgraph/freightgraph/ent/secret"
	"github.com/freightgraph/freightgraph/ent/session"
)

// Signing in, sessions, API tokens and passwords. Secrets are only ever
// stored hashed (ent/secret); what reaches the caller once is the token.

// Password lengths: long enough to resist guessing with the sign-in limits,
// short enough that hashing one costs what it should.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
	// MaxActiveTokens bounds the tokens one manager holds at a time.
	MaxActiveTokens = 20
	// MaxSessions bounds the sessions one manager holds at a time: a
	// sign-in past it ends the oldest, so that a script signing in over
	// and over does not pile sessions up.
	MaxSessions = 20
)

// ErrBadCredentials refuses a sign-in without saying which half was wrong,
// or whether the account exists or has left.
var ErrBadCredentials = &Error{Code: CodeUnauthenticated, Message: "the email or password is wrong"}

var (
	errSessionEnded = &Error{Code: CodeUnauthenticated, Message: "your session has ended or expired: sign in again"}
	errTokenInvalid = &Error{Code: CodeUnauthenticated, Message: "the API token is not valid: it was revoked, has expired, or never existed"}
)

// SignIn checks an email and password and opens a session of ttl, returning
// its token and viewer. The password is hashed even for an unknown email, so
// timing tells nothing.
func SignIn(ctx context.Context, c *ent.Client, email, password, address string, ttl time.Duration) (string, *Viewer, error) {
	sys := System(ctx, "auth:sign-in")
	m, err := c.Manager.Query().Where(manager.Email(strings.ToLower(strings.TrimSpace(email)))).Only(sys)
	if err != nil && !ent.IsNotFound(err) {
		return "", nil, err
	}
	hash := ""
	if m != nil {
		hash = m.PasswordHash
	}
	if !secret.CheckPassword(hash, password) || m == nil || !m.Active {
		return "", nil, ErrBadCredentials
	}
	token, h, err := secret.NewToken(secret.SessionPrefix)
	if err != nil {
		return "", nil, err
	}
	now := calendar.Now().UTC()
	if len(address) > 100 {
		address = address[:100]
	}
	if err := c.Session.Create().SetTokenHash(h).SetManagerID(m.ID).SetExpiresAt(now.Add(ttl)).SetAddress(address).Exec(sys); err != nil {
		return "", nil, fmt.Errorf("open session: %w", err)
	}
	// housekeeping: expired sessions open nothing, so they go, and so do
	// this manager's oldest past MaxSessions
	if _, err := c.Session.Delete().Where(session.ExpiresAtLT(now)).Exec(sys); err != nil {
		return "", nil, fmt.Errorf("drop expired sessions: %w", err)
	}
	oldest, err := c.Session.Query().Where(session.ManagerID(m.ID)).
		Order(session.ByExpiresAt(sql.OrderDesc()), session.ByID(sql.OrderDesc())).Offset(MaxSessions).IDs(sys)
	if err != nil {
		return "", nil, fmt.Errorf("find the oldest sessions: %w", err)
	}
	if len(oldest) > 0 {
		if _, err := c.Session.Delete().Where(session.IDIn(oldest...)).Exec(sys); err != nil {
			return "", nil, fmt.Errorf("end the oldest sessions: %w", err)
		}
	}
	return token, &Viewer{ID: m.ID, Name: m.Name, Role: m.Role, SessionHash: h}, nil
}

// SignOut ends the session of token; an unknown token is already ended.
func SignOut(ctx context.Context, c *ent.Client, token string) error {
	_, err := c.Session.Delete().Where(session.TokenHash(secret.HashToken(token))).Exec(System(ctx, "auth:sign-out"))
	return err
}

// SessionViewer returns whom a session token acts for, an unexpired session
// of a manager who still works here, and when the session ends. One
// statement; the server remembers the answer for a moment (Credentials).
func SessionViewer(ctx context.Context, c *ent.Client, token string) (*Viewer, time.Time, error) {
	h := secret.HashToken(token)
	now := calendar.Now().UTC()
	v, ends, err := viewerThrough(ctx, c, session.Table, session.FieldManagerID, session.FieldExpiresAt, func(t *sql.SelectTable) *sql.Predicate {
		return sql.And(sql.EQ(t.C(session.FieldTokenHash), h), sql.GT(t.C(session.FieldExpiresAt), now))
	})
	if v == nil && err == nil {
		return nil, time.Time{}, errSessionEnded
	}
	if v != nil {
		v.SessionHash = h
	}
	return v, ends, err
}

// TokenViewer returns whom an API token acts for, an unrevoked, unexpired
// token of a manager who still works here, and when the token expires (the
// zero time: never). One statement.
func TokenViewer(ctx context.Context, c *ent.Client, token string) (*Viewer, time.Time, error) {
	h := secret.HashToken(token)
	now := calendar.Now().UTC()
	v, ends, err := viewerThrough(ctx, c, apitoken.Table, apitoken.FieldOwnerID, apitoken.FieldExpiresAt, func(t *sql.SelectTable) *sql.Predicate {
		return sql.And(sql.EQ(t.C(apitoken.FieldTokenHash), h), sql.IsNull(t.C(apitoken.FieldRevokedAt)),
			sql.Or(sql.IsNull(t.C(apitoken.FieldExpiresAt)), sql.GT(t.C(apitoken.FieldExpiresAt), now)))
	})
	if v == nil && err == nil {
		return nil, time.Time{}, errTokenInvalid
	}
	return v, ends, err
}

// viewerThrough finds the active manager a credential of table (sessions
// or API tokens, by manager column fk) belongs to when where holds for it,
// with the credential's end (column ends; NULL is the zero time). No
// manager and no error: there is none.
func viewerThrough(ctx context.Context, c *ent.Client, table, fk, ends string, where func(*sql.SelectTable) *sql.Predicate) (*Viewer, time.Time, error) {
	var rows []struct {
		ID   int              `json:"id"`
		Name string           `json:"name"`
		Role enum.ManagerRole `json:"role"`
		Ends sql.NullTime     `json:"ends"`
	}
	err := c.Manager.Query().Where(manager.Active(true)).Modify(func(s *sql.Selector) {
		t := sql.Table(table)
		s.Join(t).On(s.C(manager.FieldID), t.C(fk))
		s.Where(where(t))
		s.Select(s.C(manager.FieldID), s.C(manager.FieldName), s.C(manager.FieldRole), sql.As(t.C(ends), "ends"))
		s.Limit(1)
	}).Scan(System(ctx, FindingViewer), &rows)
	if err != nil || len(rows) == 0 {
		return nil, time.Time{}, err
	}
	r := rows[0]
	return &Viewer{ID: r.ID, Name: r.Name, Role: r.Role}, r.Ends.Time, nil
}

// TouchToken records that token was just used.
func TouchToken(ctx context.Context, c *ent.Client, token string) error {
	return c.APIToken.Update().Where(apitoken.TokenHash(secret.HashToken(token))).
		SetLastUsedAt(calendar.Now().UTC().Truncate(time.Microsecond)).Exec(System(ctx, "auth"))
}

// CreateAPIToken makes a token for the viewer and returns it with its
// secret, which is not kept.
func CreateAPIToken(ctx context.Context, c *ent.Client, name string, expiresAt *time.Time) (*ent.APIToken, string, error) {
	v := ViewerFrom(ctx)
	if v == nil {
		return nil, "", ErrSignIn
	}
	if expiresAt != nil && !expiresAt.After(calendar.Now()) {
		return nil, "", Invalid("expiresAt", "must be in the future (it is %s)", stamp(*expiresAt)).Because(ReasonExpiryPast, "at", *expiresAt)
	}
	// two tokens made at once must not both see room for one more
	if err := Lock(ctx, c, Exclusive, manager.Table, v.ID); err != nil {
		return nil, "", err
	}
	active, err := c.APIToken.Query().Where(apitoken.OwnerID(v.ID), liveToken(calendar.Now())).Count(ctx)
	if err != nil {
		return nil, "", err
	}
	if active >= MaxActiveTokens {
		return nil, "", Invalid("name", "you already hold %d active tokens, the most allowed: revoke one you no longer use", active).
			Because(ReasonTooManyTokens, "n", active)
	}
	token, h, err := secret.NewToken(secret.APITokenPrefix)
	if err != nil {
		return nil, "", err
	}
	t, err := c.APIToken.Create().SetName(name).SetTokenHash(h).SetPrefix(token[:len(secret.APITokenPrefix)+6]).
		SetOwnerID(v.ID).SetNillableExpiresAt(expiresAt).Save(ctx)
	if err != nil {
		return nil, "", err
	}
	return t, token, nil
}

// liveToken holds for a token that still opens: not revoked, not expired.
func liveToken(now time.Time) predicate.APIToken {
	return apitoken.And(apitoken.RevokedAtIsNil(), apitoken.Or(apitoken.ExpiresAtIsNil(), apitoken.ExpiresAtGT(now.UTC())))
}

// ListAPITokens lists the tokens of owner that the viewer may see: every
// active one (at most MaxActiveTokens), then the 100 most recently made of
// those revoked or expired, each part newest first. Active tokens come
// first so that no pile of spent ones can hide one that still opens.
func ListAPITokens(ctx context.Context, c *ent.Client, owner int) ([]*ent.APIToken, error) {
	active := liveToken(calendar.Now())
	newest := []apitoken.OrderOption{apitoken.ByCreatedAt(sql.OrderDesc()), apitoken.ByID(sql.OrderDesc())}
	live, err := c.APIToken.Query().Where(apitoken.OwnerID(owner), active).Order(newest...).All(ctx)
	if err != nil {
		return nil, err
	}
	spent, err := c.APIToken.Query().Where(apitoken.OwnerID(owner), apitoken.Not(active)).Order(newest...).Limit(100).All(ctx)
	if err != nil {
		return nil, err
	}
	return append(live, spent...), nil
}

// RevokeAPIToken revokes one of the viewer's tokens; revoking twice is
// harmless. Another manager's token is not found: the viewer cannot see it.
func RevokeAPIToken(ctx context.Context, c *ent.Client, id int) (*ent.APIToken, error) {
	t, err := load(ctx, c.APIToken.Get, "API token", id)
	if err != nil || t.RevokedAt != nil {
		return t, err
	}
	return c.APIToken.UpdateOne(t).SetRevokedAt(calendar.Now().UTC().Truncate(time.Microsecond)).Save(ctx)
}

// Attempts limits password checks (the server's sign-in limits): Begin
// reserves one check of account, or refuses it; end says whether the
// password was right.
type Attempts interface {
	Begin(ctx context.Context, account string) (end func(ok bool), err error)
}

// ChangePassword changes the viewer's own password, given the current one,
// and ends the viewer's other sessions. Wrong current passwords count
// against limit, as wrong passwords at sign-in do: a stolen session must not
// become a way to guess the password.
func ChangePassword(ctx context.Context, c *ent.Client, current, next string, limit Attempts) (*ent.Manager, error) {
	v := ViewerFrom(ctx)
	if v == nil {
		return nil, ErrSignIn
	}
	m, err := c.Manager.Get(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	end, err := limit.Begin(ctx, m.Email)
	if err != nil {
		return nil, err
	}
	right := secret.CheckPassword(m.PasswordHash, current)
	end(right)
	if !right {
		return nil, Invalid("currentPassword", "is not your current password").Because(ReasonPasswordWrong)
	}
	if next == current {
		return nil, Invalid("newPassword", "is the same as the current one").Because(ReasonPasswordSame)
	}
	// the viewer's tokens stay: they are theirs to list and revoke
	return setPassword(ctx, c, v.ID, next, v.SessionHash, false)
}

// SetManagerPassword sets another manager's password (ADMIN only), ends all
// of their sessions and revokes their API tokens: a reset is how an account
// is taken back, and nothing minted before it may outlive it.
func SetManagerPassword(ctx context.Context, c *ent.Client, id int, next string) (*ent.Manager, error) {
	v := ViewerFrom(ctx)
	if v == nil {
		return nil, ErrSignIn
	}
	if !v.Is(enum.RoleAdmin) {
		return nil, Forbidden("only an administrator sets another manager's password; change your own with changePassword").Because(ReasonOnlyAdmin)
	}
	if id == v.ID {
		// a stolen session must not replace its owner's password unasked
		return nil, Forbidden("change your own password with changePassword, which asks for the current one").Because(ReasonOwnPassword)
	}
	if _, err := load(ctx, c.Manager.Get, "manager", id); err != nil {
		return nil, err
	}
	return setPassword(ctx, c, id, next, "", true)
}

// SetPasswordAsSystem sets a manager's password for the server's own
// commands (ctx from System), ending their sessions and revoking their
// tokens, as SetManagerPassword does.
func SetPasswordAsSystem(ctx context.Context, c *ent.Client, id int, password string) error {
	_, err := setPassword(ctx, c, id, password, "", true)
	return err
}

func setPassword(ctx context.Context, c *ent.Client, id int, password, keepSession string, revokeTokens bool) (*ent.Manager, error) {
	h, err := HashNewPassword("newPassword", password)
	if err != nil {
		return nil, err
	}
	m, err := c.Manager.UpdateOneID(id).SetPasswordHash(h).Save(ctx)
	if err != nil {
		return nil, err
	}
	return m, endAccess(ctx, c, id, keepSession, revokeTokens)
}

// endAccess ends the sessions of manager id, but keepSession, and revokes
// their API tokens if asked: on a password change or reset, and when the
// manager leaves. It is the server's own work, done for the viewer, whose
// operation the audit trail keeps.
func endAccess(ctx context.Context, c *ent.Client, id int, keepSession string, revokeTokens bool) error {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	if _, err := c.Session.Delete().Where(session.ManagerID(id), session.TokenHashNEQ(keepSession)).Exec(ctx); err != nil {
		return fmt.Errorf("end sessions: %w", err)
	}
	if !revokeTokens {
		return nil
	}
	err := c.APIToken.Update().Where(apitoken.OwnerID(id), apitoken.RevokedAtIsNil()).
		SetRevokedAt(calendar.Now().UTC().Truncate(time.Microsecond)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("revoke tokens: %w", err)
	}
	return nil
}

// HashNewPassword checks a password about to be set (naming field when it
// is refused) and returns its hash.
func HashNewPassword(field, password string) (string, error) {
	if err := CheckNewPassword(field, password); err != nil {
		return "", err
	}
	return secret.HashPassword(password)
}

// CheckNewPassword says what is wrong with a password about to be set.
func CheckNewPassword(field, password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return Invalid(field, "must be at least %d characters long", MinPasswordLength).Because(ReasonPasswordShort, "min", MinPasswordLength)
	case n > MaxPasswordLength:
		return Invalid(field, "must be at most %d characters long", MaxPasswordLength).Because(ReasonPasswordLong, "max", MaxPasswordLength)
	case strings.TrimSpace(password) == "":
		return Invalid(field, "must not be blank").Because(ReasonPasswordBlank)
	}
	return nil
}
