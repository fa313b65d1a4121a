package conda

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestHashIgnoresLayout(t *testing.T) {
	a := loadFixture(t, "hash_a.yml")
	b := loadFixture(t, "hash_b.yml")
	require.False(t, a.Equal(b), "the fixtures differ as values")
	require.Equal(t, a.Hash(), b.Hash())
	require.Regexp(t, regexp.MustCompile(`^[0-9a-f]{64}$`), a.Hash())
}

func TestHashIgnoresNameAndPrefix(t *testing.T) {
	a := loadFixture(t, "conda_export.yml")
	b := a.Clone()
	b.SetName("other")
	c, err := Parse([]byte("dependencies: [numpy]\nprefix: /x\n"))
	require.NoError(t, err)
	d, err := Parse([]byte("dependencies: [numpy]\nprefix: /y\n"))
	require.NoError(t, err)
	require.Equal(t, a.Hash(), b.Hash())
	require.Equal(t, c.Hash(), d.Hash())
}

// TestHashChanges checks that every change that alters the built
// environment alters the hash.
func TestHashChanges(t *testing.T) {
	base := func(t *testing.T) *Dependencies { return loadFixture(t, "hash_a.yml") }
	tests := []struct {
		name   string
		mutate func(d *Dependencies) error
	}{
		{"conda version", func(d *Dependencies) error { return d.AddCondaPackage("numpy >=1.25,<2") }},
		{"conda build", func(d *Dependencies) error { return d.AddCondaPackage("scipy=1.11=py311_0") }},
		{"conda channel prefix", func(d *Dependencies) error { return d.AddCondaPackage("conda-forge::scipy") }},
		{"add conda package", func(d *Dependencies) error { return d.AddCondaPackage("pandas") }},
		{"remove conda package", func(d *Dependencies) error { d.RemoveCondaPackage("scipy"); return nil }},
		{"python version", func(d *Dependencies) error { return d.SetPythonVersion("3.11") }},
		{"pip version", func(d *Dependencies) error { return d.AddPipPackage("requests==2.32.0") }},
		{"pip extra", func(d *Dependencies) error { return d.AddPipPackage("requests[socks]==2.31.0") }},
		{"pip marker", func(d *Dependencies) error { return d.AddPipPackage("requests==2.31.0; os_name == 'nt'") }},
		{"add pip package", func(d *Dependencies) error { return d.AddPipPackage("black") }},
		{"channel order", func(d *Dependencies) error {
			d.RemoveChannel("conda-forge")
			return d.AddChannel("conda-forge")
		}},
		{"add channel", func(d *Dependencies) error { return d.AddChannel("pytorch") }},
		{"pip option value", func(d *Dependencies) error {
			d.RemovePipOption("--extra-index-url")
			return d.SetPipOption("--extra-index-url https://other.example.com/simple")
		}},
		{"add pip option", func(d *Dependencies) error { return d.SetPipOption("--pre") }},
		{"variable value", func(d *Dependencies) error { d.SetVariable("A", "2"); return nil }},
		{"variable added", func(d *Dependencies) error { d.SetVariable("C", ""); return nil }},
	}
	ref := base(t).Hash()
	seen := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := base(t)
			require.NoError(t, tt.mutate(d))
			h := d.Hash()
			require.NotEqual(t, ref, h)
			require.NotContains(t, seen, h, "same hash as %q", seen[h])
			seen[h] = tt.name
		})
	}
}

func TestHashSectionsDoNotCollide(t *testing.T) {
	// The same text in different sections must not hash the same.
	conda, err := New(&Options{CondaPackages: []string{"requests"}})
	require.NoError(t, err)
	pip, err := New(&Options{PipPackages: []string{"requests"}})
	require.NoError(t, err)
	channel, err := New(&Options{Channels: []string{"requests"}})
	require.NoError(t, err)
	require.NotEqual(t, conda.Hash(), pip.Hash())
	require.NotEqual(t, conda.Hash(), channel.Hash())
	require.NotEqual(t, pip.Hash(), channel.Hash())
}

// TestHashStable pins the canonical form by rebuilding the digested bytes
// by hand: a change here invalidates every cached environment, so it must
// come with a new hashFormat.
func TestHashStable(t *testing.T) {
	d, err := New(&Options{
		Channels:      []string{"conda-forge"},
		CondaPackages: []string{"NumPy >= 1.0", "scipy"},
		PipPackages:   []string{"Requests==2.31"},
		PipOptions:    []string{"-i https://x"},
	})
	require.NoError(t, err)
	d.SetVariable("A", "1")
	want := "12:conda-env/v1" +
		"8:channels" + "1:1" + "11:conda-forge" +
		"5:conda" + "1:2" + "11:numpy >=1.0" + "5:scipy" +
		"11:pip_options" + "1:1" + "21:--index-url https://x" +
		"3:pip" + "1:1" + "14:requests==2.31" +
		"9:variables" + "1:2" + "1:A" + "1:1"
	sum := sha256.Sum256([]byte(want))
	require.Equal(t, hex.EncodeToString(sum[:]), d.Hash())
}
