package remotesync

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed" // the host helper's source
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/azureml-go/azureml/internal/sshx"
)

// helperSource is the Python program that runs on the host. It is
// installed once per version at <store>/bin/sync-<sha256 prefix>.py.
//
//go:embed helper.py
var helperSource []byte

// Exit statuses of the probe and install commands and of the helper.
const (
	exitNoHelper = 86  // the helper is not installed yet
	exitNoPython = 87  // the interpreter is not on the host
	exitNotFound = 127 // sh: command not found
	exitBase     = 3   // the base manifest is gone, or base+diff is not the manifest
	exitMissing  = 4   // objects are missing; their hashes are on stdout
)

// host runs the helper on one host.
type host struct {
	c      *sshx.Client
	store  string
	python string
	st     *Stats
}

// helperPath is where this version of the helper lives on the host.
func (h *host) helperPath() string {
	sum := sha256.Sum256(helperSource)
	return path.Join(h.store, "bin", "sync-"+hex.EncodeToString(sum[:8])+".py")
}

// command is the shell command that runs the helper with args, or exits
// with exitNoHelper when it is not installed.
func (h *host) command(args ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "H=%s; [ -f \"$H\" ] || exit %d; exec %s -I -S \"$H\"", quote(h.helperPath()), exitNoHelper, quote(h.python))
	for _, a := range args {
		b.WriteString(" " + quote(a))
	}
	return b.String()
}

// probeCommand answers with <store>/latest/<key> (the answer the helper
// saved after the last sync from key) when it names a manifest still
// there, without starting Python; else it runs the helper's probe.
func (h *host) probeCommand(key string) string {
	latest := quote(path.Join(h.store, "latest", key))
	return fmt.Sprintf("[ -f %s ] || exit %d; { read -r id; [ -f %s/\"$id.canon\" ]; } <%s 2>/dev/null && exec cat %s; ",
		quote(h.helperPath()), exitNoHelper, quote(path.Join(h.store, "manifests")), latest, latest) +
		h.command("probe", h.store, key)
}

// emptyStore is what probe returns for a store without any object.
const emptyStore = "0"

// probe returns the id of the manifest to diff against (the last one
// synced from key, else the newest in the store; "" when there is none,
// emptyStore when the store has no object either)
// and the 4-byte digests of its entries. It installs the helper when
// needed; ok is false when the host has no such interpreter.
func (h *host) probe(ctx context.Context, key string) (base string, digests []byte, ok bool, err error) {
	out, err := h.c.Run(ctx, h.probeCommand(key))
	if exitCode(err) == exitNoHelper {
		out, err = h.installAndProbe(ctx, key)
	}
	switch code := exitCode(err); {
	case code == exitNotFound || code == exitNoPython:
		return "", nil, false, nil
	case err != nil:
		return "", nil, false, fmt.Errorf("remotesync: probe %s: %w", h.store, err)
	}
	id, digests, found := bytes.Cut(out, []byte("\n"))
	if !found || (len(id) != 1 && len(id) != 64) || len(digests)%4 != 0 {
		return "", nil, false, fmt.Errorf("remotesync: probe %s: unexpected answer of %d bytes", h.store, len(out))
	}
	switch string(id) {
	case "0":
		return emptyStore, nil, true, nil
	case "-":
		return "", nil, true, nil
	}
	return string(id), digests, true, nil
}

// installAndProbe writes the helper to the host (temp name, then
// rename) and probes, in one session; it exits with exitNoPython when the
// interpreter is missing.
func (h *host) installAndProbe(ctx context.Context, key string) ([]byte, error) {
	hp := quote(h.helperPath())
	cmd := fmt.Sprintf("command -v %s >/dev/null 2>&1 || exit %d; mkdir -p %s && cat > %s.tmp$$ && mv -f %s.tmp$$ %s || exit 1; ",
		quote(h.python), exitNoPython, quote(path.Dir(h.helperPath())), hp, hp, hp) + h.probeCommand(key)
	h.st.ControlBytes += int64(len(helperSource))
	return h.c.RunInput(ctx, cmd, bytes.NewReader(helperSource))
}

// missing returns the objects among objs the store lacks.
func (h *host) missing(ctx context.Context, objs []object) ([]object, error) {
	if len(objs) == 0 {
		return nil, nil
	}
	var list bytes.Buffer
	for _, o := range objs {
		list.WriteString(o.hash + "\n")
	}
	out, err := runGzip(ctx, h.c, h.command("have", h.store), list.Bytes(), h.st)
	if err != nil {
		return nil, fmt.Errorf("remotesync: list objects in %s: %w", h.store, err)
	}
	return pick(objs, strings.Fields(string(out))), nil
}

// applyResult says what the host did with a manifest.
type applyResult struct {
	missing  []string // hashes of objects the host lacks; nothing was done
	baseGone bool     // the base is gone or the diff was wrong; nothing was done
}

// apply sends the manifest (whole when base is "", else as a diff), and
// the host records it and fills dest. The objects framed in pre go first,
// in the same session; out holds the host's acknowledgements of them.
func (h *host) apply(ctx context.Context, p *plan, dest, key string, link bool, pre []byte) (res applyResult, out []byte, err error) {
	base, mode := p.base, "copy"
	if base == "" {
		base = "-"
	}
	if link {
		mode = "link"
	}
	gz := gzipped(p.encode())
	h.st.ControlBytes += int64(len(gz))
	in := io.MultiReader(bytes.NewReader(pre), strings.NewReader("manifest\n"), bytes.NewReader(gz))
	out, err = h.c.RunInput(ctx, h.command("apply", h.store, dest, p.id, base, key, mode), in)
	switch exitCode(err) {
	case exitBase:
		if p.base != "" {
			return applyResult{baseGone: true}, out, nil
		}
	case exitMissing:
		for _, l := range strings.Fields(string(out)) {
			if len(l) == 64 {
				res.missing = append(res.missing, l)
			}
		}
		return res, out, nil
	}
	if err != nil {
		return res, out, fmt.Errorf("remotesync: materialize %s: %w", dest, err)
	}
	return res, out, nil
}

// exitCode is the exit status in err, or -1.
func exitCode(err error) int {
	var ee *sshx.ExitError
	if errors.As(err, &ee) {
		return ee.Status
	}
	return -1
}
