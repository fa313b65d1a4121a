package snapshot

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"

	"github.com/azureml-go/azureml/snapshot/internal/ignore"
)

const (
	// DefaultMaxBytes is the default limit on a snapshot's total size,
	// 300 MiB, the Azure ML service's limit.
	DefaultMaxBytes int64 = 300 * 1024 * 1024
	// DefaultMaxFiles is the default limit on a snapshot's number of files
	// and symlinks, the Azure ML service's limit.
	DefaultMaxFiles = 2000
	// NoLimit, as [Options.MaxBytes] or [Options.MaxFiles], disables that limit.
	NoLimit = -1
)

// IgnoreRules selects which per-folder ignore files apply.
type IgnoreRules string

const (
	// IgnoreRulesAML uses a folder's .amlignore instead of its .gitignore
	// when it has one, and its .gitignore otherwise. It is the default.
	IgnoreRulesAML IgnoreRules = "aml"
	// IgnoreRulesGit uses .gitignore files only, exactly as git does.
	IgnoreRulesGit IgnoreRules = "git"
)

// IgnoreRulesValues returns the valid values of [IgnoreRules].
func IgnoreRulesValues() []IgnoreRules {
	return []IgnoreRules{IgnoreRulesAML, IgnoreRulesGit}
}

// Options configures [Take]. A nil *Options means the defaults.
type Options struct {
	// MaxBytes limits the total size of the snapshot's files. Zero means
	// [DefaultMaxBytes]; [NoLimit] (any negative value) disables the limit.
	MaxBytes int64
	// MaxFiles limits the number of files and symlinks. Zero means
	// [DefaultMaxFiles]; [NoLimit] (any negative value) disables the limit.
	MaxFiles int
	// Ignore selects the ignore rules. Empty means [IgnoreRulesAML].
	Ignore IgnoreRules
	// AllowExternalSymlinks records symlinks that point outside the source
	// folder (absolute targets, or targets that climb out with ..) instead of
	// failing with a [*SymlinkError]. Such links are still never followed.
	AllowExternalSymlinks bool
	// StatCacheDir is the folder holding stat caches, one file per source
	// folder. Empty means "azureml-go/snapshot-stat" under
	// [os.UserCacheDir]. It must not be inside the source folder.
	StatCacheDir string
	// DisableStatCache makes Take hash every file and neither read nor
	// write a stat cache.
	DisableStatCache bool
	// Workers is the number of files hashed at once. Zero means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Logger receives debug messages (cache misses, ignored corrupt caches).
	// Nil discards them.
	Logger *slog.Logger
}

// settings are Options with the defaults applied; the caller's Options are
// never modified.
type settings struct {
	maxBytes  int64
	maxFiles  int
	mode      ignore.Mode
	external  bool
	cacheFile string // "" when the stat cache is disabled
	workers   int
	log       *slog.Logger
}

// resolve applies the defaults to opts for the source folder absDir.
func (o *Options) resolve(absDir string) (settings, error) {
	var opts Options
	if o != nil {
		opts = *o
	}
	s := settings{maxBytes: opts.MaxBytes, maxFiles: opts.MaxFiles, external: opts.AllowExternalSymlinks,
		workers: opts.Workers, log: opts.Logger}
	if s.maxBytes == 0 {
		s.maxBytes = DefaultMaxBytes
	}
	if s.maxFiles == 0 {
		s.maxFiles = DefaultMaxFiles
	}
	if s.workers <= 0 {
		s.workers = runtime.GOMAXPROCS(0)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	switch opts.Ignore {
	case "", IgnoreRulesAML:
		s.mode = ignore.ModeAML
	case IgnoreRulesGit:
		s.mode = ignore.ModeGit
	default:
		return s, &OptionError{Field: "Ignore", Value: string(opts.Ignore), Reason: fmt.Sprintf("must be one of %q", IgnoreRulesValues())}
	}
	if opts.DisableStatCache {
		return s, nil
	}
	file, err := cacheFileFor(opts.StatCacheDir, absDir)
	s.cacheFile = file
	return s, err
}

// cacheFileFor returns the stat cache file of the source folder absDir.
func cacheFileFor(dir, absDir string) (string, error) {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return "", &OptionError{Field: "StatCacheDir", Value: "", Reason: "no user cache folder: " + err.Error()}
		}
		dir = filepath.Join(base, "azureml-go", "snapshot-stat")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", &OptionError{Field: "StatCacheDir", Value: dir, Reason: err.Error()}
	}
	if inside(absDir, abs) {
		return "", &OptionError{Field: "StatCacheDir", Value: dir, Reason: "must be outside the source folder " + absDir}
	}
	return filepath.Join(abs, cacheKey(absDir)+".statcache"), nil
}

// inside reports whether path is root or below it (both absolute and clean).
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !filepath.IsAbs(rel) &&
		(len(rel) < 3 || rel[:3] != ".."+string(filepath.Separator))
}
