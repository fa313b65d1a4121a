package codeupload

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/azureml-go/azureml/snapshot"
)

// maxLinkHops bounds symlink chains, as the kernel's MAXSYMLINKS.
const maxLinkHops = 40

// item is one blob to put in the container.
type item struct {
	path   string // snapshot path, slash-separated
	source string // file on disk (a symlink is opened through)
	size   int64
	sha256 string
}

// items lists the blobs for m's entries, with symlinks resolved to the file
// they point to inside the snapshot.
func items(m *snapshot.Manifest, srcDir string) ([]item, error) {
	out := make([]item, 0, len(m.Entries))
	for _, e := range m.Entries {
		f := e
		if e.Kind == snapshot.KindSymlink {
			var err error
			if f, err = resolve(m, e); err != nil {
				return nil, err
			}
		}
		out = append(out, item{path: e.Path, source: filepath.Join(srcDir, filepath.FromSlash(e.Path)),
			size: f.Size, sha256: f.SHA256})
	}
	return out, nil
}

// resolve follows the symlink entry e through m to a file entry.
func resolve(m *snapshot.Manifest, e snapshot.Entry) (snapshot.Entry, error) {
	cur := e
	for range maxLinkHops {
		if path.IsAbs(cur.Target) {
			return e, linkError(e, "points outside the snapshot")
		}
		p := path.Clean(path.Join(path.Dir(cur.Path), cur.Target))
		next, ok := m.Lookup(p)
		switch {
		case ok && next.Kind == snapshot.KindFile:
			return next, nil
		case ok:
			cur = next
		case isFolder(m, p):
			return e, linkError(e, "points to a folder, which blob storage cannot hold as a link")
		default:
			return e, linkError(e, "points outside the snapshot")
		}
	}
	return e, linkError(e, "is part of a symlink loop")
}

// isFolder reports whether some entry of m lies under folder p.
func isFolder(m *snapshot.Manifest, p string) bool {
	if p == "." {
		return true
	}
	for _, e := range m.Entries {
		if strings.HasPrefix(e.Path, p+"/") {
			return true
		}
	}
	return false
}

func linkError(e snapshot.Entry, reason string) error {
	return &ValidationError{Field: "manifest symlink " + e.Path, Value: e.Target, Reason: reason}
}

// blobName is where snapshot path p goes under prefix.
func blobName(prefix, p string) string {
	if prefix == "" {
		return p
	}
	return prefix + "/" + p
}

// validPrefix checks a destination prefix.
func validPrefix(field, p string) error {
	bad := func(reason string) error { return &ValidationError{Field: field, Value: p, Reason: reason} }
	switch {
	case strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/"):
		return bad("must not start or end with a slash")
	case strings.Contains(p, `\`):
		return bad("must use forward slashes")
	}
	for _, seg := range strings.Split(p, "/") {
		if p != "" && (seg == "" || seg == "." || seg == "..") {
			return bad("has an empty, . or .. segment")
		}
	}
	return nil
}
