package text

import (
	"slices"
	"strings"
	"testing"
)

// A name and the ways people type it meet in one key.
func TestSearchKeysMeet(t *testing.T) {
	for _, c := range []struct {
		name  string
		typed []string // each finds the name (its words are in the key)
		not   []string // none of these does
	}{
		{"ООО «КераМир»", []string{"КераМир", "керамир", "Keramir", "KERAMIR", "кера", "ker"}, []string{"керамика", "kerimir"}},
		{"ООО «Северный Лён»", []string{"лен", "Лён", "len", "severnyi len", "Severnyj len", "северный"}, []string{"южный", "лён северный юг"}},
		{"Волга Карго", []string{"volga cargo", "Volga Kargo", "карго", "cargo"}, []string{"volvo"}},
		{"ПАО «Медтехника Плюс-2»", []string{"медтехника плюс 2", "Medtekhnika", "medtekhnika plyus", "плюс-2"}, []string{"плюс 3"}},
		{"Хабаровск-Юг", []string{"Khabarovsk", "Habarovsk", "хабаровск юг", "yug"}, nil},
		{"T-2026-0143", []string{"t-2026-0143", "T 2026", "2026-0143", "0143"}, []string{"2025"}},
		{"SkyBridge Cargo", []string{"skybridge", "Skybridge карго", "bridge"}, nil},
		{"Мария Юрьевна", []string{"Maria", "mariya", "Mariia", "Yurevna", "юрьевна"}, nil},
		{"Щукинская Ёлка", []string{"shchukinskaia", "schukinskaya elka", "щукинская елка"}, nil},
	} {
		key := SearchKey(c.name)
		for _, typed := range c.typed {
			if !holds(key, typed) {
				t.Errorf("%q (key %q) is not found by %q (words %q)", c.name, key, typed, SearchWords(typed))
			}
		}
		for _, typed := range c.not {
			if holds(key, typed) {
				t.Errorf("%q (key %q) is found by %q", c.name, key, typed)
			}
		}
	}
	if got := SearchKey("  «Рога  и  копыта»!!  ", "", "Ltd."); got != "roga i kopita ltd" {
		t.Errorf("key %q", got)
	}
	if got := SearchWords(" ,;«» "); len(got) != 0 {
		t.Errorf("words of nothing: %q", got)
	}
}

func holds(key, typed string) bool {
	words := SearchWords(typed)
	return len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(key, w) })
}
