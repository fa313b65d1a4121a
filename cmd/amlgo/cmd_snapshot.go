package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/azureml-go/azureml/snapshot"
)

func snapshotCommand() *command {
	return &command{
		name:    "snapshot",
		summary: "see what a run would take of a source folder, before anything is sent",
		example: "amlgo snapshot ls ./src",
		subs:    []*command{snapshotLsCommand()},
	}
}

// snapshotFileView is one file of "snapshot ls".
type snapshotFileView struct {
	Path   string `json:"path"`
	Kind   string `json:"kind"`
	Mode   string `json:"mode"`
	Size   int64  `json:"size"`
	Target string `json:"target,omitempty"`
}

// snapshotView is the JSON of "snapshot ls".
type snapshotView struct {
	Dir        string             `json:"dir"`
	SnapshotID string             `json:"snapshot_id"`
	TotalFiles int                `json:"total_files"`
	TotalBytes int64              `json:"total_bytes"`
	Largest    []snapshotFileView `json:"largest"`
	Files      []snapshotFileView `json:"files"`
}

func viewOfManifest(dir string, m *snapshot.Manifest, largest int) snapshotView {
	v := snapshotView{Dir: dir, SnapshotID: m.ID(), Files: []snapshotFileView{}}
	for _, e := range m.Entries {
		v.Files = append(v.Files, snapshotFileView{Path: e.Path, Kind: string(e.Kind), Mode: fmt.Sprintf("%04o", e.Mode), Size: e.Size, Target: e.Target})
		v.TotalBytes += e.Size
	}
	v.TotalFiles = len(v.Files)
	v.Largest = slices.Clone(v.Files)
	slices.SortStableFunc(v.Largest, func(a, b snapshotFileView) int { return cmp.Compare(b.Size, a.Size) })
	v.Largest = v.Largest[:min(largest, len(v.Largest))]
	return v
}

func (v snapshotView) table(w io.Writer) {
	row(w, "SIZE", "MODE", "PATH")
	for _, f := range v.Files {
		p := f.Path
		if f.Target != "" {
			p += " -> " + f.Target
		}
		row(w, humanBytes(f.Size), f.Mode, p)
	}
	row(w, "")
	row(w, "total:", fmt.Sprintf("%d files, %s", v.TotalFiles, humanBytes(v.TotalBytes)))
	for _, f := range v.Largest {
		row(w, "largest:", humanBytes(f.Size), f.Path)
	}
}

func snapshotLsCommand() *command {
	var explain, rules string
	var largest int
	var noLimits bool
	return &command{
		name:    "ls",
		summary: "list the files a snapshot of DIR takes, with sizes, the total and the largest entries",
		long: "Ignore rules are those of a run: a folder's .amlignore replaces its .gitignore, nested files apply\n" +
			"to their subtree, .git is never taken. --explain PATH (relative to DIR) says instead which ignore\n" +
			"file, line and pattern decide whether PATH is taken.",
		args:    "[DIR]",
		minArgs: 0, maxArgs: 1,
		example: "amlgo snapshot ls ./src --largest 10\namlgo snapshot ls ./src --explain data/big.csv",
		data:    true,
		setup: func(f *flags) {
			f.str(&explain, "explain", "", "PATH", "", "explain why PATH is taken or excluded instead of listing")
			f.str(&rules, "ignore-rules", "", "RULES", string(snapshot.IgnoreRulesAML), "aml (.amlignore replaces .gitignore) or git (.gitignore only)")
			f.integer(&largest, "largest", "", "N", 5, "number of largest files to show")
			f.boolean(&noLimits, "no-limits", "", "list even beyond the service's limits (300 MiB, 2000 files)")
		},
		run: func(ctx context.Context, a *app, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			opts := &snapshot.Options{Ignore: snapshot.IgnoreRules(rules), Logger: a.logger()}
			if explain != "" {
				x, err := snapshot.Explain(ctx, dir, explain, opts)
				if err != nil {
					return err
				}
				return a.print(x, func(w io.Writer) { fmt.Fprintln(w, x) })
			}
			if noLimits {
				opts.MaxBytes, opts.MaxFiles = snapshot.NoLimit, snapshot.NoLimit
			}
			m, err := snapshot.Take(ctx, dir, opts)
			if err != nil {
				return err
			}
			v := viewOfManifest(dir, m, largest)
			return a.print(v, v.table)
		},
	}
}
