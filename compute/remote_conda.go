package compute

import (
	"context"
	"io"
	"path"
	"strings"
	"time"

	"github.com/azureml-go/azureml/internal/envcache"
)

// remoteCondaScript builds (or reuses) a conda environment on the host,
// once per content hash: it is built under a temporary name and renamed
// when complete, under a lock folder (mkdir is atomic), so a failed or
// interrupted build is never reused and concurrent runs build it once.
// Arguments: envs folder, hash, environment file, build log. It prints
// "reused", "built TOOL", or "notool" and exits 0, or exits non-zero when
// the build fails.
const remoteCondaScript = `set -e
envs=$1; h=$2; yml=$3; blog=$4; final="$envs/$h"
if [ -x "$final/bin/python" ]; then echo reused; exit 0; fi
tool=""
for t in conda mamba micromamba; do
  if p=$(command -v "$t" 2>/dev/null) && [ -x "$p" ]; then tool=$p; break; fi
done
[ -n "$tool" ] || { echo notool; exit 0; }
lock="$envs/.lock-$h"; n=0
until mkdir "$lock" 2>/dev/null; do
  n=$((n+1)); [ "$n" -lt 3600 ] || { echo "lock $lock held for an hour" >&2; exit 3; }
  sleep 1
done
trap 'rmdir "$lock"' EXIT
if [ -x "$final/bin/python" ]; then echo reused; exit 0; fi
tmp="$envs/.build-$h-$$"; rm -rf "$tmp"
case "${tool##*/}" in
  micromamba*) "$tool" create --yes --prefix "$tmp" --file "$yml" >>"$blog" 2>&1 ;;
  *) "$tool" env create --prefix "$tmp" --file "$yml" --quiet >>"$blog" 2>&1 ;;
esac || { rm -rf "$tmp"; tail -c 2048 "$blog" >&2; exit 4; }
mv "$tmp" "$final"
echo "built $tool"
`

// remoteCondaLaunch builds the job's conda environment on the host (or
// reuses it, from ~/.azureml-go/envs/<hash>) and runs its python. conda,
// mamba or micromamba must be on the host's PATH (the run's PATH when the
// configuration sets one).
func (c *sshCore) remoteCondaLaunch(ctx context.Context, conn remoteConn, job *Job, dir string, env map[string]string, log io.Writer) (*launch, error) {
	deps, err := condaDeps(job)
	if err != nil {
		return nil, err
	}
	yml, err := deps.Marshal()
	if err != nil {
		return nil, c.errorf("conda environment: %w", err)
	}
	hash := deps.Hash()
	envs := path.Join(path.Dir(path.Dir(dir)), remoteEnvs)
	ymlPath := path.Join(envs, hash+".yml")
	if err := conn.FS().MkdirAll(envs, 0o755); err != nil {
		return nil, c.errorf("conda environment: %w", err)
	}
	if err := conn.FS().WriteFile(ymlPath, yml, 0o644); err != nil {
		return nil, c.errorf("conda environment: %w", err)
	}
	start := time.Now()
	var cmd strings.Builder
	if p := env["PATH"]; p != "" {
		cmd.WriteString("PATH=" + shQuote(p) + "; export PATH; ")
	}
	cmd.WriteString("sh -c " + shQuote(remoteCondaScript) + " sh " + shQuote(envs) + " " + shQuote(hash) + " " +
		shQuote(ymlPath) + " " + shQuote(path.Join(envs, hash+".build.log")))
	out, err := conn.Run(ctx, cmd.String())
	if err != nil {
		return nil, &EnvironmentBuildError{Hash: hash, Tool: "conda (on " + c.host.Address + ")", Err: err}
	}
	result := strings.TrimSpace(string(out))
	if result == "notool" {
		return nil, &NoCondaError{Looked: envcache.ToolNames()}
	}
	prefix := path.Join(envs, hash)
	info := EnvironmentInfo{Mode: "system-managed", Interpreter: path.Join(prefix, "bin", "python"), Hash: hash,
		Built: strings.HasPrefix(result, "built "), Tool: strings.TrimPrefix(result, "built "),
		Seconds: time.Since(start).Seconds()}
	if !info.Built {
		info.Tool = ""
	}
	pathList := env["PATH"]
	if pathList == "" {
		out, err := conn.Run(ctx, `printf '%s' "$PATH"`)
		if err != nil {
			return nil, c.errorf("conda environment: read the host's PATH: %w", err)
		}
		pathList = string(out)
	}
	env = mergeMaps(env, map[string]string{
		"PATH": path.Join(prefix, "bin") + ":" + pathList, "CONDA_PREFIX": prefix, "CONDA_DEFAULT_ENV": prefix,
	})
	argv := append([]string{info.Interpreter, job.Script}, job.Arguments...)
	return &launch{argv: argv, env: env, info: info}, nil
}
