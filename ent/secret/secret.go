// Package secret hashes passwords (argon2id, memory-hard) and makes and
// hashes API and session tokens. Only hashes are ever stored.
package secret

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The argon2id parameters: OWASP's first recommended setting (19 MiB, two
// passes, one lane), about 30 ms on the machines we run on. They are written
// into every hash, so they can be raised later without breaking old hashes.
const (
	memoryKiB = 19 * 1024
	passes    = 2
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// HashPassword returns the argon2id hash of password in the PHC string
// format: $argon2id$v=19$m=...,t=...,p=...$salt$key.
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, passes, memoryKiB, lanes, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, passes, lanes, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errFormat is returned for a stored hash this package did not write.
var errFormat = errors.New("not an argon2id hash")

// CheckPassword reports whether password matches hash, in time that does not
// depend on where they differ. An empty or malformed hash matches nothing,
// after the same work, so a caller cannot tell which accounts exist.
func CheckPassword(hash, password string) bool {
	m, t, p, salt, key, err := parse(hash)
	if err != nil {
		_ = argon2.IDKey([]byte(password), dummySalt[:], passes, memoryKiB, lanes, keyLen)
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

var dummySalt [saltLen]byte

func parse(hash string) (m, t uint32, p uint8, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return 0, 0, 0, nil, nil, errFormat
	}
	var v int
	if _, err = fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return 0, 0, 0, nil, nil, errFormat
	}
	if _, err = fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || t == 0 || p == 0 || m > 1<<20 || t > 16 {
		return 0, 0, 0, nil, nil, errFormat
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return 0, 0, 0, nil, nil, errFormat
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 {
		return 0, 0, 0, nil, nil, errFormat
	}
	return m, t, p, salt, key, nil
}

// Token prefixes: they tell a reader (and a secret scanner) what a leaked
// string is.
const (
	APITokenPrefix = "fgt_"
	SessionPrefix  = "fgs_"
)

// NewToken returns a fresh random token with prefix (256 bits of entropy)
// and the hash to store for it.
func NewToken(prefix string) (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("token: %w", err)
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the stored form of a token. A token has 256 random bits, so
// a fast hash is enough: there is nothing to guess.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
