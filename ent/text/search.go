package text

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"entgo.io/ent"
)

// SearchKey is the form a name is searched by, the same for the name and
// for what is typed: lower case, Cyrillic written in Latin letters (so that
// "Keramir" finds «КераМир» and «Северсталь» is found by "severstal"), ё
// and э read as е, and the letters the two spellings of one name disagree
// on folded together (й, ы, y and a doubled i as i; kh as h; щ and sch as
// sh; c, q and к as k; w as v; x as ks), every other character a space
// between words. A key is kept
// beside each searchable name (SearchHook) and indexed; a search compares
// keys, so the API, the explorer and the app find the same.
func SearchKey(parts ...string) string {
	var b strings.Builder
	space := true // no leading space, one between words
	for _, part := range parts {
		for _, r := range strings.ToLower(part) {
			latin, ok := cyrillic[r]
			switch {
			case ok:
				b.WriteString(latin)
				space = latin == "" && space
				continue
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteRune(r)
				space = false
				continue
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
				space = false
				continue
			}
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return fold(strings.TrimSpace(b.String()))
}

// SearchWords are the words of what was typed, as keys: a name matches
// when its key holds each of them.
func SearchWords(typed string) []string {
	return strings.Fields(SearchKey(typed))
}

// cyrillic is Russian's letters in Latin, as passports write them (GOST
// 52535.1, kept simple); ъ and ь are dropped.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	// Ukrainian and Belarusian letters a client's name may hold
	'і': "i", 'ї': "i", 'є': "e", 'ґ': "g", 'ў': "u",
}

// folds are the Latin letters two spellings of one name disagree on, read
// alike; applied to the transliterated key, longest first.
var folds = strings.NewReplacer(
	"shch", "sh", "sch", "sh", "kh", "h", "yu", "iu", "ju", "iu", "ya", "ia", "ja", "ia", "ck", "k",
	"y", "i", "j", "i", "c", "k", "q", "k", "w", "v", "x", "ks",
)

// fold reads the letters alike, then a doubled i as one ("Мария" is
// "mariia" letter by letter, "Maria" as people write it).
func fold(key string) string {
	key = folds.Replace(key)
	for strings.Contains(key, "ii") {
		key = strings.ReplaceAll(key, "ii", "i")
	}
	return key
}

// SearchHook keeps a record's search key (the field key) beside the fields
// it is made of, on every create and on every update of one record that
// sets any of them. An update of many records at once that sets one would
// leave keys stale, so it is refused.
func SearchHook(key string, sources ...string) ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			touched := false
			for _, s := range sources {
				if _, ok := m.Field(s); ok {
					touched = true
				}
			}
			if !touched {
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpUpdate) {
				return nil, fmt.Errorf("%s: an update of many records may not change %v, which its search key is made of", m.Type(), sources)
			}
			parts := make([]string, len(sources))
			for i, s := range sources {
				v, ok := m.Field(s)
				if !ok && m.Op().Is(ent.OpUpdateOne) {
					old, err := m.OldField(ctx, s)
					if err != nil {
						return nil, fmt.Errorf("%s: the search key's %s: %w", m.Type(), s, err)
					}
					v = old
				}
				parts[i], _ = v.(string)
			}
			if err := m.SetField(key, SearchKey(parts...)); err != nil {
				return nil, err
			}
			return next.Mutate(ctx, m)
		})
	}
}
