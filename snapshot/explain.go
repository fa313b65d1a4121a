package snapshot

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/azureml-go/azureml/snapshot/internal/ignore"
)

// ErrOutsideSource is matched (errors.Is) by the *ExplainError of a path
// given to [Explain] that is absolute or leaves the source folder with "..".
var ErrOutsideSource = errors.New("snapshot: path is outside the source folder")

// Explanation says whether [Take] would include one path of a source folder,
// and what decided it: an ignore file's line, a built-in rule, or nothing
// (no pattern matches, so the path is included).
type Explanation struct {
	// Path is the path asked about, cleaned and slash-separated, relative
	// to the source folder.
	Path string `json:"path"`
	// Included is true when the path is part of the snapshot (a folder:
	// when the walk enters it).
	Included bool `json:"included"`
	// DecidedBy is the path the decision was made on: Path itself, or an
	// excluded folder that contains it (an excluded folder is never
	// entered, so nothing inside it can be re-included).
	DecidedBy string `json:"decided_by"`
	// IgnoreFile is the ignore file whose line decided, slash-separated and
	// relative to the source folder ("" when no line decided).
	IgnoreFile string `json:"ignore_file,omitempty"`
	// Line is the 1-based line of IgnoreFile (0 when no line decided).
	Line int `json:"line,omitempty"`
	// Pattern is that line's pattern as written; a "!" pattern re-includes.
	Pattern string `json:"pattern,omitempty"`
	// Rule names the built-in rule that decided instead of a pattern, such
	// as ".git is never included"; "" otherwise.
	Rule string `json:"rule,omitempty"`
}

// String describes the explanation in one line, for example
//
//	build/x.o: excluded by .amlignore:3: build/ (folder build)
//	src/main.py: included: not ignored
func (e *Explanation) String() string {
	verdict := "excluded"
	if e.Included {
		verdict = "included"
	}
	var why string
	switch {
	case e.Rule != "":
		why = verdict + ": " + e.Rule
	case e.IgnoreFile == "":
		why = verdict + ": not ignored"
	default:
		why = verdict + " by " + e.IgnoreFile + ":" + strconv.Itoa(e.Line) + ": " + e.Pattern
	}
	if e.DecidedBy != e.Path {
		why += " (folder " + e.DecidedBy + ")"
	}
	return e.Path + ": " + why
}

// ExplainError reports a path that [Explain] cannot decide: one outside
// the source folder ([ErrOutsideSource]), one that does not exist
// (fs.ErrNotExist), or a folder or ignore file that cannot be read.
type ExplainError struct {
	// Path is the path asked about, as given.
	Path string
	// Err is the underlying failure.
	Err error
}

// Error implements error.
func (e *ExplainError) Error() string {
	return fmt.Sprintf("snapshot: explain %q: %s", e.Path, strings.TrimPrefix(e.Err.Error(), "snapshot: "))
}

// Unwrap returns the underlying failure.
func (e *ExplainError) Unwrap() error { return e.Err }

// Explain tells whether [Take] of the folder dir with opts would include
// relPath (relative to dir, slash- or OS-separated), and which ignore file,
// line and pattern decided, with the same rules as Take: opts.Ignore selects
// .amlignore or .gitignore files, nested files apply to their subtree, the
// last matching line of the deepest file wins, and an excluded folder
// excludes everything inside it. It reads only the ignore files of
// relPath's ancestor folders and no file content; the limits and symlink
// checks of Take are not applied. opts may be nil for the defaults.
//
// An invalid opts.Ignore is an *OptionError; a path outside dir or one that
// does not exist is an *ExplainError (errors.Is [ErrOutsideSource] or
// fs.ErrNotExist).
func Explain(ctx context.Context, dir, relPath string, opts *Options) (*Explanation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	mode, err := explainMode(opts)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	d, err := ignore.Explain(abs, filepath.ToSlash(relPath), &ignore.Options{Mode: mode})
	if err != nil {
		return nil, explainErr(relPath, err)
	}
	x := &Explanation{Path: d.Path, Included: !d.Excluded, DecidedBy: d.Matched, Rule: d.Rule}
	if d.Pattern != nil {
		x.IgnoreFile, x.Line, x.Pattern = d.Pattern.Source, d.Pattern.Line, d.Pattern.Text
	}
	return x, nil
}

// explainMode maps opts.Ignore to the matcher's mode.
func explainMode(opts *Options) (ignore.Mode, error) {
	var rules IgnoreRules
	if opts != nil {
		rules = opts.Ignore
	}
	switch rules {
	case "", IgnoreRulesAML:
		return ignore.ModeAML, nil
	case IgnoreRulesGit:
		return ignore.ModeGit, nil
	}
	return 0, &OptionError{Field: "Ignore", Value: string(rules), Reason: fmt.Sprintf("must be one of %q", IgnoreRulesValues())}
}

// explainErr turns a matcher error into an *ExplainError.
func explainErr(rel string, err error) error {
	switch {
	case errors.Is(err, ignore.ErrOutsideRoot):
		return &ExplainError{Path: rel, Err: ErrOutsideSource}
	case errors.Is(err, fs.ErrNotExist):
		return &ExplainError{Path: rel, Err: fmt.Errorf("no such file or folder: %w", fs.ErrNotExist)}
	}
	return &ExplainError{Path: rel, Err: err}
}
