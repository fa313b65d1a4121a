package compute

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/azureml-go/azureml/internal/runfolder"
)

// launchFunc decides how a job's script starts on the host: the argv and
// environment, after checking what it needs there. It writes what it
// decided to log (the start of the driver log).
type launchFunc func(ctx context.Context, conn remoteConn, job *Job, dir string, env map[string]string, log io.Writer) (*launch, error)

// start prepares the run folder on the host, uploads the snapshot files
// the host lacks, and starts the script detached under the supervisor.
func (c *sshCore) start(ctx context.Context, job *Job, launchFn launchFunc) error {
	if err := checkRemoteJob(job, true); err != nil {
		return err
	}
	return c.withConn(ctx, func(conn remoteConn, home string) error {
		dir := runFolder(home, job.RunID)
		env, mkdirs := remoteEnv(mergeMaps(configEnv(job.Config), job.Env), job.RunDir, path.Join(dir, remoteRunDirCopy))
		var log bytes.Buffer
		la, err := launchFn(ctx, conn, job, dir, env, &log)
		if err != nil {
			return err
		}
		fsys := conn.FS()
		spec := runfolder.Spec{Argv: la.argv, Env: la.env,
			Timeout: time.Duration(job.Config.MaxRunDurationSeconds) * time.Second}
		if err := runfolder.Prepare(ctx, fsys, dir, spec); err != nil {
			return c.errorf("prepare run %q: %w", job.RunID, err)
		}
		for _, d := range mkdirs {
			if err := fsys.MkdirAll(d, 0o755); err != nil {
				return c.errorf("prepare run %q: %w", job.RunID, err)
			}
		}
		if err := c.upload(ctx, conn, home, job, path.Join(dir, runfolder.WorkDir), &log); err != nil {
			return err
		}
		if err := c.writeRunFiles(fsys, dir, la, log.Bytes()); err != nil {
			return err
		}
		if _, err := runfolder.Start(ctx, conn, fsys, dir, nil); err != nil {
			return c.errorf("start run %q: %w", job.RunID, err)
		}
		return nil
	})
}

// writeRunFiles writes environment.json, container.json for docker runs,
// and the driver log's first lines (the supervisor appends after them).
func (c *sshCore) writeRunFiles(fsys runfolder.FS, dir string, la *launch, logLines []byte) error {
	files := map[string]any{environmentFile: la.info}
	if la.container != nil {
		files[containerFile] = containerRecord{CLI: la.cli, GlobalArgs: la.container.globalArgs, Name: la.container.name}
	}
	for name, v := range files {
		data, err := json.MarshalIndent(v, "", "  ")
		if err == nil {
			err = fsys.WriteFile(path.Join(dir, name), append(data, '\n'), 0o644)
		}
		if err != nil {
			return c.errorf("write %s: %w", name, err)
		}
	}
	if err := fsys.WriteFile(path.Join(dir, runfolder.DriverLog), logLines, 0o644); err != nil {
		return c.errorf("write driver log: %w", err)
	}
	return nil
}

// errorf returns an error prefixed with the package and the target.
func (c *sshCore) errorf(format string, args ...any) error {
	return fmt.Errorf("compute: target %q: "+format, append([]any{c.name}, args...)...)
}

// remoteEnv returns env with values that are local paths under runDir
// (such as a metrics file in the local run folder) moved under remote,
// the folder on the host that CollectOutputs copies back into runDir. It
// also returns the folders to create on the host so that such paths can
// be written: remote itself and the parent of each moved value.
func remoteEnv(env map[string]string, runDir, remote string) (map[string]string, []string) {
	out := make(map[string]string, len(env))
	dirs := []string{remote}
	for k, v := range env {
		out[k] = v
		if runDir == "" {
			continue
		}
		if v == runDir {
			out[k] = remote
		} else if rest, ok := strings.CutPrefix(v, runDir+string(filepath.Separator)); ok {
			out[k] = remote + "/" + filepath.ToSlash(rest)
			dirs = append(dirs, path.Dir(out[k]))
		}
	}
	return out, dirs
}

// shQuote returns s as one single-quoted POSIX shell word.
func shQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
