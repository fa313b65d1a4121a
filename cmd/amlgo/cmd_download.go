package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/azureml-go/azureml/experiment"
)

// downloadView is the JSON of "run download-outputs".
type downloadView struct {
	RunID       string   `json:"run_id"`
	Destination string   `json:"destination"`
	Files       []string `json:"files"`
}

func runDownloadCommand() *command {
	var dest string
	return &command{
		name:    "download-outputs",
		summary: "copy the files a run wrote to ./outputs into a folder",
		long: "The files are those the run's details list (its collected outputs/), copied from the run's\n" +
			"folder in the workspace. Existing files are not overwritten.",
		args:    "RUN_ID",
		minArgs: 1, maxArgs: 1,
		example: "amlgo run download-outputs demo_1700000000_0a1b2c3d --destination ./model",
		data:    true,
		setup: func(f *flags) {
			f.str(&dest, "destination", "", "DIR", "", "folder to copy into (default: ./RUN_ID)")
		},
		run: func(ctx context.Context, a *app, args []string) error {
			r, err := a.getRun(ctx, args[0])
			if err != nil {
				return err
			}
			d, err := r.Details(ctx)
			if err != nil {
				return err
			}
			if dest == "" {
				dest = r.ID()
			}
			v := downloadView{RunID: r.ID(), Destination: dest, Files: []string{}}
			for _, f := range d.OutputFiles {
				rel := strings.TrimPrefix(f, experiment.OutputsDir+"/")
				if err := copyOut(filepath.Join(r.Dir(), filepath.FromSlash(f)), filepath.Join(dest, filepath.FromSlash(rel))); err != nil {
					return err
				}
				v.Files = append(v.Files, rel)
			}
			return a.print(v, func(w io.Writer) {
				for _, f := range v.Files {
					field(w, "copied", filepath.Join(dest, f))
				}
				field(w, "files", len(v.Files))
			})
		},
	}
}

// copyOut copies the file src to dst, creating dst's folder, keeping the
// permission bits and refusing to overwrite.
func copyOut(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("download-outputs: %w", err)
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return fmt.Errorf("download-outputs: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("download-outputs: %w", err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fi.Mode().Perm())
	if err != nil {
		return fmt.Errorf("download-outputs: %w", err)
	}
	defer func() {
		if cerr := out.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("download-outputs: %w", cerr)
		}
	}()
	if _, err := io.Copy(out, in); err != nil {
		return fmt.Errorf("download-outputs: %w", err)
	}
	return nil
}
