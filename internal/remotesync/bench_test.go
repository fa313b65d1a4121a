package remotesync_test

import (
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/remotesync"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/testenv"
)

// BenchmarkRemoteVsRsync uploads 1,000 files (100 MB) to a loopback sshd,
// then re-uploads after one changed file, with Sync and with `rsync -a`
// over ssh, both through a counting proxy, and prints the ratios
// (Sync/rsync; below 1 means Sync is better). Run it with -benchtime 1x.
func BenchmarkRemoteVsRsync(b *testing.B) {
	rsync := testenv.LookPath(b, "rsync")
	sshBin := testenv.LookPath(b, "ssh")
	srv := sshtest.Start(b)
	proxy := srv.Proxy(b)
	src := b.TempDir()
	writeTree(b, src, 1000, 100_000)
	c := dial(b, proxy.Config())
	store := path.Join(srv.Home, "store")
	for i := 0; i < b.N; i++ {
		runRsync := func(dest string) (time.Duration, int64) {
			before := proxy.BytesUp() + proxy.BytesDown()
			start := time.Now()
			cmd := exec.Command(rsync, "-a", "-e", fmt.Sprintf("%s -p %d -i %s -o UserKnownHostsFile=%s -o BatchMode=yes",
				sshBin, proxy.Port, srv.KeyFile, proxy.KnownHosts), src+"/", srv.User+"@127.0.0.1:"+dest+"/")
			out, err := cmd.CombinedOutput()
			require.NoError(b, err, string(out))
			return time.Since(start), proxy.BytesUp() + proxy.BytesDown() - before
		}
		runSync := func(dest string) (time.Duration, int64) {
			before := proxy.BytesUp() + proxy.BytesDown()
			start := time.Now()
			_, err := remotesync.Sync(b.Context(), c, take(b, src), src, store, dest, nil)
			require.NoError(b, err)
			return time.Since(start), proxy.BytesUp() + proxy.BytesDown() - before
		}
		id := fmt.Sprint(i)
		_, err := c.Run(b.Context(), "rm -rf "+store)
		require.NoError(b, err)
		tr, _ := runRsync(path.Join(srv.Home, "rsync"+id))
		ts, _ := runSync(path.Join(srv.Home, "sync"+id+"a"))
		fmt.Printf("bench: remote-upload-1000f-100MB ratio=%.2f goal<=1.0 (sync %v, rsync %v)\n", ratio(ts, tr), ts.Round(time.Millisecond), tr.Round(time.Millisecond))

		require.NoError(b, os.WriteFile(filepath.Join(src, "d03", "f0003.txt"), []byte("changed "+id+"\n"), 0o644))
		tr, br := runRsync(path.Join(srv.Home, "rsync"+id))
		ts, bs := runSync(path.Join(srv.Home, "sync"+id+"b"))
		fmt.Printf("bench: remote-resync-bytes ratio=%.2f goal<=1.0 (sync %d B, rsync %d B on the wire)\n", float64(bs)/float64(br), bs, br)
		fmt.Printf("bench: remote-resync-time ratio=%.2f goal<=1.0 (sync %v, rsync %v)\n", ratio(ts, tr), ts.Round(time.Millisecond), tr.Round(time.Millisecond))
	}
}

func ratio(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }
