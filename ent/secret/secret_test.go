package secret

import (
	"strings"
	"testing"
)

func TestPassword(t *testing.T) {
	h, err := HashPassword("demo-password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(h, "demo-password") {
		t.Fatalf("unexpected hash %q", h)
	}
	if !CheckPassword(h, "demo-password") {
		t.Fatal("the right password does not match")
	}
	for _, wrong := range []string{"", "demo-passwor", "Demo-password", "demo-password "} {
		if CheckPassword(h, wrong) {
			t.Fatalf("%q matches", wrong)
		}
	}
	h2, _ := HashPassword("demo-password")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=1,t=1,p=1$$", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA", "$argon2id$v=19$m=99999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		if CheckPassword(bad, "") || CheckPassword(bad, "plain") {
			t.Fatalf("malformed hash %q matched", bad)
		}
	}
}

func TestToken(t *testing.T) {
	a, ha, err := NewToken(APITokenPrefix)
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewToken(APITokenPrefix)
	if a == b || ha == hb || !strings.HasPrefix(a, "fgt_") || len(a) != 4+43 {
		t.Fatalf("tokens %q %q", a, b)
	}
	if HashToken(a) != ha || strings.Contains(ha, a[4:]) {
		t.Fatal("the stored hash does not match the token, or holds it")
	}
}
