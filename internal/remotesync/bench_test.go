package remotesync_test

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/azureml-go/azureml/internal/remotesync"
	"github.com/azureml-go/azureml/internal/sshtest"
	"github.com/azureml-go/azureml/internal/testenv"
	"github.com/azureml-go/azureml/snapshot"
)

// benchRounds is how many times each figure is measured; the median of
// the per-round ratios is printed (the machine is shared, single runs
// vary by 2x).
const benchRounds = 3

// BenchmarkRemoteVsRsync uploads 1,000 files (100 MB) to a loopback sshd,
// then re-uploads after one changed file, with Sync and with `rsync -a`
// over ssh, both through a counting proxy, and prints the ratios
// (Sync/rsync; below 1 means Sync is better): the median of benchRounds
// rounds, each from an empty store and rsync destination, the order of
// the two alternating between rounds. Sync's time includes the snapshot,
// taken as a submission takes it: with a stat cache (cold for the first
// upload, so every file is hashed; warm for the re-upload, as rsync's
// quick check compares sizes and times). Run it with -benchtime 1x.
func BenchmarkRemoteVsRsync(b *testing.B) {
	rsync := testenv.LookPath(b, "rsync")
	sshBin := testenv.LookPath(b, "ssh")
	srv := sshtest.Start(b)
	proxy := srv.Proxy(b)
	src := b.TempDir()
	writeTree(b, src, 1000, 100_000)
	c := dial(b, proxy.Config())
	store := path.Join(srv.Home, "store")
	measure := func(f func()) (time.Duration, int64) {
		before := proxy.BytesUp() + proxy.BytesDown()
		start := time.Now()
		f()
		return time.Since(start), proxy.BytesUp() + proxy.BytesDown() - before
	}
	runRsync := func(dest string) {
		cmd := exec.Command(rsync, "-a", "-e", fmt.Sprintf("%s -p %d -i %s -o UserKnownHostsFile=%s -o BatchMode=yes",
			sshBin, proxy.Port, srv.KeyFile, proxy.KnownHosts), src+"/", srv.User+"@127.0.0.1:"+dest+"/")
		out, err := cmd.CombinedOutput()
		require.NoError(b, err, string(out))
	}
	runSync := func(cache, dest string) {
		m, err := snapshot.Take(b.Context(), src, &snapshot.Options{StatCacheDir: cache,
			MaxFiles: snapshot.NoLimit, MaxBytes: snapshot.NoLimit})
		require.NoError(b, err)
		_, err = remotesync.Sync(b.Context(), c, m, src, store, dest, nil)
		require.NoError(b, err)
	}
	for i := 0; i < b.N; i++ {
		var up, resync, wire []pair
		for r := range benchRounds {
			id := fmt.Sprintf("%d-%d", i, r)
			rdest, cache := path.Join(srv.Home, "rsync"+id), b.TempDir()
			_, err := c.Run(b.Context(), "rm -rf "+store+" "+srv.Home+"/sync* "+srv.Home+"/rsync*")
			require.NoError(b, err)
			both := func(sdest string) (p pair) {
				if r%2 == 0 {
					p.r, p.rb = measure(func() { runRsync(rdest) })
				}
				p.s, p.sb = measure(func() { runSync(cache, sdest) })
				if r%2 == 1 {
					p.r, p.rb = measure(func() { runRsync(rdest) })
				}
				return p
			}
			up = append(up, both(path.Join(srv.Home, "sync"+id+"a")))
			require.NoError(b, os.WriteFile(filepath.Join(src, "d03", "f0003.txt"), []byte("changed "+id+"\n"), 0o644))
			p := both(path.Join(srv.Home, "sync"+id+"b"))
			resync = append(resync, p)
			wire = append(wire, pair{s: time.Duration(p.sb), r: time.Duration(p.rb)})
		}
		u, t, by := median(up), median(resync), median(wire)
		fmt.Printf("bench: remote-upload-1000f-100MB ratio=%.2f goal<=1.0 (median of %d; sync %v, rsync %v)\n",
			u.ratio(), benchRounds, u.s.Round(time.Millisecond), u.r.Round(time.Millisecond))
		fmt.Printf("bench: remote-resync-bytes ratio=%.2f goal<=1.0 (median of %d; sync %d B, rsync %d B on the wire)\n",
			by.ratio(), benchRounds, by.s, by.r)
		fmt.Printf("bench: remote-resync-time ratio=%.2f goal<=1.0 (median of %d; sync %v, rsync %v)\n",
			t.ratio(), benchRounds, t.s.Round(time.Millisecond), t.r.Round(time.Millisecond))
	}
}

// pair is one round's Sync and rsync figures (times, or byte counts held
// in a Duration), and their bytes on the wire.
type pair struct {
	s, r   time.Duration
	sb, rb int64
}

func (p pair) ratio() float64 { return float64(p.s) / float64(p.r) }

// median returns the pair whose ratio is the median.
func median(ps []pair) pair {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b pair) int { return cmp.Compare(a.ratio(), b.ratio()) })
	return ps[len(ps)/2]
}
