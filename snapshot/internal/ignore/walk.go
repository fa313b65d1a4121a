// Package ignore implements git's ignore rules for snapshot source folders.
//
// PLACEHOLDER API (being implemented): Walk currently skips only .git.
package ignore

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Mode selects which per-folder ignore files apply.
type Mode int

const (
	// ModeAML uses a folder's .amlignore instead of its .gitignore when it has one.
	ModeAML Mode = iota
	// ModeGit uses .gitignore files only, as git does.
	ModeGit
)

// Options configures Walk. The zero value is ModeAML.
type Options struct {
	Mode Mode
}

// WalkFunc is called for every file (regular file or symlink) that the
// ignore rules keep, in lexical order of rel, a slash-separated path relative
// to the root. Returning an error stops the walk and Walk returns it.
type WalkFunc func(rel string, d fs.DirEntry) error

// Walk visits the files under root that the ignore rules keep. Excluded
// folders are never read; .git entries are skipped at every level; FIFOs,
// sockets and devices are skipped.
func Walk(root string, opts *Options, fn WalkFunc) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !(d.Type().IsRegular() || d.Type()&os.ModeSymlink != 0) {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		return fn(filepath.ToSlash(rel), d)
	})
}
