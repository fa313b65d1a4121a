package ignore

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"
)

// Decision explains why a path is kept or excluded (see [Explain]).
type Decision struct {
	// Path is the path asked about, cleaned and slash-separated.
	Path string
	// Excluded is true when the path is not part of the snapshot.
	Excluded bool
	// Matched is the path the decision was made on: Path itself, or the
	// excluded folder that contains it (the walk never enters it, so nothing
	// inside can be re-included).
	Matched string
	// Pattern is the ignore-file line that decided, or nil when no line
	// matches (the path is kept) or when Rule decided.
	Pattern *Pattern
	// Rule names a built-in rule that decided instead of a pattern, such as
	// ".git is never included"; "" otherwise.
	Rule string
}

// Built-in rules reported in Decision.Rule.
const (
	RuleGit       = ".git is never included"
	RuleNotFile   = "not a regular file, symlink or folder"
	RuleInSymlink = "inside a symlink, which is never followed"
)

// String describes the decision in one line, for example
//
//	node_modules/x.js: excluded: folder node_modules matches .gitignore:1: node_modules/
func (d *Decision) String() string {
	verdict := "kept"
	if d.Excluded {
		verdict = "excluded"
	}
	var why string
	switch {
	case d.Rule != "":
		why = d.Rule
	case d.Pattern == nil:
		why = "no pattern matches"
	default:
		why = fmt.Sprintf("matches %s:%d: %s", d.Pattern.Source, d.Pattern.Line, d.Pattern.Text)
	}
	if d.Matched != d.Path {
		sep := " "
		if d.Rule != "" {
			sep = ": "
		}
		why = "folder " + d.Matched + sep + why
	}
	return d.Path + ": " + verdict + ": " + why
}

// Explain tells whether Walk(root, opts, ...) keeps rel, a slash-separated
// path relative to root, and which ignore file, line and pattern decided.
// It reads only the ignore files of rel's ancestor folders. A path that does
// not exist gives an *Error wrapping fs.ErrNotExist; an absolute path or one
// that leaves root gives an *Error wrapping ErrOutsideRoot.
func Explain(root, rel string, opts *Options) (*Decision, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	clean := path.Clean(rel)
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
		return nil, &Error{Op: "explain", Path: rel, Err: ErrOutsideRoot}
	}
	if clean == "." {
		return &Decision{Path: ".", Matched: "."}, nil
	}
	r := newWalker(root, opts, nil).fsys
	var frames []frame
	dir := ""
	parts := strings.Split(clean, "/")
	for i, name := range parts {
		m, err := r.ignoreFileOf(dir)
		if err != nil {
			return nil, err
		}
		if m != nil {
			frames = append(frames, frame{dir: dir, m: m})
		}
		p := joinRel(dir, name)
		d, err := explainStep(r, frames, p, name, i == len(parts)-1)
		if d != nil || err != nil {
			if d != nil {
				d.Path = clean
			}
			return d, err
		}
		dir = p
	}
	return &Decision{Path: clean, Matched: clean}, nil // not reached: the last step decides
}

// explainStep decides one element p of the path. It returns nil, nil when p
// is a kept folder and the walk goes on into it.
func explainStep(r dirReader, frames []frame, p, name string, last bool) (*Decision, error) {
	fi, err := os.Lstat(r.abs(p))
	if err != nil {
		return nil, &Error{Op: "stat", Path: p, Err: err}
	}
	t := fi.Mode().Type()
	d := &Decision{Matched: p, Excluded: true}
	switch {
	case name == ".git":
		d.Rule = RuleGit
		return d, nil
	case t&fs.ModeSymlink != 0 && !last:
		d.Rule = RuleInSymlink
		return d, nil
	case !t.IsRegular() && !t.IsDir() && t&fs.ModeSymlink == 0:
		d.Rule = RuleNotFile
		return d, nil
	case !t.IsDir() && !last:
		return nil, &Error{Op: "stat", Path: p, Err: syscall.ENOTDIR}
	}
	d.Pattern = lastMatch(frames, p, name, t.IsDir())
	d.Excluded = d.Pattern != nil && !d.Pattern.Negate
	if d.Excluded || last {
		return d, nil
	}
	return nil, nil
}
