package snapshot

import (
	"path"
	"path/filepath"
	"strings"
)

// maxLinkHops bounds symlink expansion, like the kernel's ELOOP limit.
const maxLinkHops = 40

// linkStaysInside reports whether the symlink at linkPath (slash-separated,
// relative to the root) with the given target resolves inside the root when
// only the symlinks in links (path → target) exist below it. It resolves
// component by component, expanding links as the kernel does, so "b/../x"
// where b -> "." is seen to climb out. Absolute targets never stay inside.
// A loop of links cannot be opened at all and counts as inside.
func linkStaysInside(linkPath, target string, links map[string]string) bool {
	if isAbsTarget(target) {
		return false
	}
	var stack []string
	if dir := path.Dir(linkPath); dir != "." {
		stack = strings.Split(dir, "/")
	}
	pending := strings.Split(target, "/")
	for hops := 0; len(pending) > 0; {
		c := pending[0]
		pending = pending[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if len(stack) == 0 {
				return false
			}
			stack = stack[:len(stack)-1]
			continue
		}
		stack = append(stack, c)
		t, ok := links[strings.Join(stack, "/")]
		if !ok {
			continue
		}
		if hops++; hops > maxLinkHops {
			return true
		}
		if isAbsTarget(t) {
			return false
		}
		stack = stack[:len(stack)-1]
		pending = append(strings.Split(t, "/"), pending...)
	}
	return true
}

// isAbsTarget reports whether a link target is absolute on any platform.
func isAbsTarget(t string) bool {
	return path.IsAbs(t) || filepath.IsAbs(t) || filepath.VolumeName(t) != ""
}

// checkLinks returns a *SymlinkError for the first symlink in entries that
// resolves outside the snapshot.
func checkLinks(entries []Entry) error {
	links := map[string]string{}
	for _, e := range entries {
		if e.Kind == KindSymlink {
			links[e.Path] = e.Target
		}
	}
	for _, e := range entries {
		if e.Kind == KindSymlink && !linkStaysInside(e.Path, e.Target, links) {
			return &SymlinkError{Path: e.Path, Target: e.Target}
		}
	}
	return nil
}
