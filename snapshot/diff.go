package snapshot

import "strings"

// Changes lists how two manifests differ, by path. Every slice is sorted.
type Changes struct {
	Added     []string // in the later manifest only
	Changed   []string // in both, with a different kind, mode, size, hash or target
	Removed   []string // in the earlier manifest only
	Unchanged []string // in both, identical
}

// Empty reports whether nothing was added, changed or removed.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Changed) == 0 && len(c.Removed) == 0
}

// Diff compares the manifest before a change with the one after it. A nil
// manifest counts as empty.
func Diff(before, after *Manifest) Changes {
	var a, b []Entry
	if before != nil {
		a = before.Entries
	}
	if after != nil {
		b = after.Entries
	}
	var c Changes
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || (len(a) > 0 && strings.Compare(a[0].Path, b[0].Path) < 0):
			c.Removed = append(c.Removed, a[0].Path)
			a = a[1:]
		case len(a) == 0 || strings.Compare(a[0].Path, b[0].Path) > 0:
			c.Added = append(c.Added, b[0].Path)
			b = b[1:]
		default:
			if a[0] == b[0] {
				c.Unchanged = append(c.Unchanged, a[0].Path)
			} else {
				c.Changed = append(c.Changed, a[0].Path)
			}
			a, b = a[1:], b[1:]
		}
	}
	return c
}
