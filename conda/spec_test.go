package conda

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseCondaSpecValid(t *testing.T) {
	tests := []struct {
		in      string
		channel string
		name    string
		version string
		build   string
		canon   string
	}{
		{"numpy", "", "numpy", "", "", "numpy"},
		{"NumPy=1.24", "", "NumPy", "=1.24", "", "numpy =1.24"},
		{"numpy=1.24.2=py311h8e6699e_0", "", "numpy", "=1.24.2", "py311h8e6699e_0", "numpy=1.24.2=py311h8e6699e_0"},
		{"python>=3.8", "", "python", ">=3.8", "", "python >=3.8"},
		{"pandas >=1.5,<3", "", "pandas", ">=1.5,<3", "", "pandas >=1.5,<3"},
		{"pandas >= 1.5 , < 3", "", "pandas", ">=1.5,<3", "", "pandas >=1.5,<3"},
		{"numpy==1.26.4", "", "numpy", "==1.26.4", "", "numpy ==1.26.4"},
		{"pytorch 2.1.* *cpu*", "", "pytorch", "2.1.*", "*cpu*", "pytorch 2.1.* *cpu*"},
		{"numpy 1.11.1 py36_0", "", "numpy", "1.11.1", "py36_0", "numpy 1.11.1 py36_0"},
		{"conda-forge::scikit-learn=1.3", "conda-forge", "scikit-learn", "=1.3", "", "conda-forge::scikit-learn =1.3"},
		{"https://conda.anaconda.org/conda-forge::numpy", "https://conda.anaconda.org/conda-forge", "numpy", "", "", "https://conda.anaconda.org/conda-forge::numpy"},
		{"openssl>=1.1|<1.0", "", "openssl", ">=1.1|<1.0", "", "openssl >=1.1|<1.0"},
		{"tzdata=2023c=h71feb2d_0", "", "tzdata", "=2023c", "h71feb2d_0", "tzdata=2023c=h71feb2d_0"},
		{"python_abi=3.11=3_cp311", "", "python_abi", "=3.11", "3_cp311", "python_abi=3.11=3_cp311"},
		{"pkg 1!2.0", "", "pkg", "1!2.0", "", "pkg 1!2.0"},
		{"  _libgcc_mutex=0.1=conda_forge ", "", "_libgcc_mutex", "=0.1", "conda_forge", "_libgcc_mutex=0.1=conda_forge"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := parseCondaSpec(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.channel, s.channel)
			require.Equal(t, tt.name, s.name)
			require.Equal(t, tt.version, s.version)
			require.Equal(t, tt.build, s.build)
			require.Equal(t, tt.canon, s.canonical())
		})
	}
}

func TestParseCondaSpecInvalid(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "empty package spec"},
		{"   ", "empty package spec"},
		{"numpy==", `missing version after "=="`},
		{"numpy>>1", `invalid operator ">>"`},
		{"numpy=<1", `invalid operator "=<"`},
		{"numpy>=", `missing version after ">="`},
		{"numpy>=1,", "empty version clause"},
		{"numpy=1.0-1", `character '-' not allowed`},
		{"numpy=1..2", "empty segment"},
		{"numpy=1.", "empty segment"},
		{"numpy=a!1", "epoch must be digits"},
		{"numpy 1.0 py_0 extra", "too many fields"},
		{"numpy[version='>=1']", `unexpected character '['`},
		{"::numpy", "empty channel"},
		{"-c::numpy", `must not start with "-"`},
		{"conda-forge::", "empty package name"},
		{"==1.0", "empty package name"},
		{".hidden", "must start with a letter"},
		{"numpy=1.0=bad/build", "invalid build string"},
		{"numpy\n>=1", "line-break"},
		{"numpy\u00a0>=1", "line-break"},
		{"numpy\xff", "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parseCondaSpec(tt.in)
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.reason)
		})
	}
}

func TestCheckChannel(t *testing.T) {
	for _, ok := range []string{"conda-forge", "defaults", "pytorch/label/nightly", "https://repo.example.com/conda", "file:///opt/channel"} {
		require.NoError(t, checkChannel(ok), ok)
	}
	for _, bad := range []string{"", "-c", "a b", "a::b", "tab\there"} {
		require.Error(t, checkChannel(bad), bad)
	}
}
