package snapshot

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"
)

// Limit names a snapshot limit.
type Limit string

const (
	// LimitBytes is the limit on the total size ([Options.MaxBytes]).
	LimitBytes Limit = "bytes"
	// LimitFiles is the limit on the number of files ([Options.MaxFiles]).
	LimitFiles Limit = "files"
)

// LimitValues returns the valid values of [Limit].
func LimitValues() []Limit { return []Limit{LimitBytes, LimitFiles} }

// topN is how many of the largest files and folders a [LimitError] names.
const topN = 5

// Usage is the size of a file or folder in a [LimitError].
type Usage struct {
	Path  string // slash-separated, relative to the source folder; folders end in "/"
	Bytes int64  // total size
	Files int    // number of files (1 for a file)
}

// LimitError reports a snapshot over one of its limits. [Take] returns it
// before reading any file content. It names the largest files and folders so
// that the user can exclude them with an .amlignore file.
type LimitError struct {
	Dir            string  // the source folder
	Limit          Limit   // which limit was exceeded
	Max            int64   // the limit: bytes or files
	Total          int64   // the snapshot's total: bytes or files
	LargestFiles   []Usage // up to 5 files, largest first
	LargestFolders []Usage // up to 5 folders, largest first (by bytes or by files, as Limit)
}

// Error implements error. The message spans several lines.
func (e *LimitError) Error() string {
	var b strings.Builder
	if e.Limit == LimitFiles {
		fmt.Fprintf(&b, "snapshot: %s: %d files exceed the limit of %d files (Options.MaxFiles)", e.Dir, e.Total, e.Max)
	} else {
		fmt.Fprintf(&b, "snapshot: %s: total size %s exceeds the limit of %s (Options.MaxBytes)", e.Dir, humanBytes(e.Total), humanBytes(e.Max))
	}
	b.WriteString("\nlargest files:")
	for _, u := range e.LargestFiles {
		fmt.Fprintf(&b, "\n  %s  %s", u.Path, humanBytes(u.Bytes))
	}
	b.WriteString("\nlargest folders:")
	for _, u := range e.LargestFolders {
		fmt.Fprintf(&b, "\n  %s  %s in %d files", u.Path, humanBytes(u.Bytes), u.Files)
	}
	b.WriteString("\nexclude what the run does not need with an .amlignore file (.gitignore syntax) in the source folder")
	return b.String()
}

// humanBytes formats n in binary units with one decimal, e.g. "300.0 MB".
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, i := float64(n), -1
	for v >= unit && i < 3 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %cB", v, "KMGT"[i])
}

// checkLimits returns a *LimitError if entries exceed the limits in s.
// The file count is checked first.
func checkLimits(dir string, entries []Entry, s settings) error {
	var total int64
	for i := range entries {
		total += entries[i].Size
	}
	switch {
	case s.maxFiles >= 0 && len(entries) > s.maxFiles:
		return newLimitError(dir, LimitFiles, int64(s.maxFiles), int64(len(entries)), entries)
	case s.maxBytes >= 0 && total > s.maxBytes:
		return newLimitError(dir, LimitBytes, s.maxBytes, total, entries)
	}
	return nil
}

// newLimitError fills a LimitError with the largest files and folders.
func newLimitError(dir string, l Limit, maxV, total int64, entries []Entry) *LimitError {
	files := make([]Usage, len(entries))
	folders := map[string]*Usage{}
	for i, e := range entries {
		files[i] = Usage{Path: e.Path, Bytes: e.Size, Files: 1}
		for d := path.Dir(e.Path); d != "."; d = path.Dir(d) {
			u := folders[d]
			if u == nil {
				u = &Usage{Path: d + "/"}
				folders[d] = u
			}
			u.Bytes += e.Size
			u.Files++
		}
	}
	dirs := make([]Usage, 0, len(folders))
	for _, u := range folders {
		dirs = append(dirs, *u)
	}
	return &LimitError{Dir: dir, Limit: l, Max: maxV, Total: total,
		LargestFiles: largest(files, LimitBytes), LargestFolders: largest(dirs, l)}
}

// largest returns the topN usages, largest first by bytes or files, ties by path.
func largest(us []Usage, by Limit) []Usage {
	slices.SortFunc(us, func(a, b Usage) int {
		if by == LimitFiles && a.Files != b.Files {
			return cmp.Compare(b.Files, a.Files)
		}
		if a.Bytes != b.Bytes {
			return cmp.Compare(b.Bytes, a.Bytes)
		}
		return strings.Compare(a.Path, b.Path)
	})
	return us[:min(topN, len(us))]
}
