package conda

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsePipSpecValid(t *testing.T) {
	tests := []struct {
		in, key, canon string
	}{
		{"requests", "requests", "requests"},
		{"Requests==2.31.0", "requests", "requests==2.31.0"},
		{"requests == 2.31.0", "requests", "requests==2.31.0"},
		{"pydantic <3, >=2", "pydantic", "pydantic<3,>=2"},
		{"pydantic>=2,<3", "pydantic", "pydantic<3,>=2"},
		{"zope.interface>=5", "zope-interface", "zope-interface>=5"},
		{"typing_extensions~=4.7", "typing-extensions", "typing-extensions~=4.7"},
		{"uvicorn[standard]>=0.23 ; python_version >= \"3.8\"", "uvicorn", `uvicorn[standard]>=0.23; python_version >= "3.8"`},
		{"Foo[B,a]", "foo", "foo[a,b]"},
		{"mlflow-skinny==2.*", "mlflow-skinny", "mlflow-skinny==2.*"},
		{"torch==2.1.0+cpu", "torch", "torch==2.1.0+cpu"},
		{"pkg>=1.0rc1", "pkg", "pkg>=1.0rc1"},
		{"pkg>=1.0.post2.dev3", "pkg", "pkg>=1.0.post2.dev3"},
		{"pkg===foo-bar", "pkg", "pkg===foo-bar"},
		{"pkg (>=1.0)", "pkg", "pkg>=1.0"},
		{"my_pkg @ git+https://github.com/example/my_pkg.git@main", "my-pkg", "my-pkg @ git+https://github.com/example/my_pkg.git@main"},
		{"git+https://github.com/org/repo.git@v1#egg=Repo_Name", "repo-name", "git+https://github.com/org/repo.git@v1#egg=Repo_Name"},
		{"https://x.example/wheels/tokenizers-0.15.0-cp311-cp311-linux_x86_64.whl", "tokenizers", "https://x.example/wheels/tokenizers-0.15.0-cp311-cp311-linux_x86_64.whl"},
		{"https://x.example/src/archive.tar.gz", "https://x.example/src/archive.tar.gz", "https://x.example/src/archive.tar.gz"},
		{"./local/pkg", "./local/pkg", "./local/pkg"},
		{"file:///opt/wheels/a-1.0-py3-none-any.whl", "a", "file:///opt/wheels/a-1.0-py3-none-any.whl"},
		{"-r requirements.txt", "-r requirements.txt", "-r requirements.txt"},
		{"--requirement=requirements.txt", "-r requirements.txt", "-r requirements.txt"},
		{"-c constraints.txt", "-c constraints.txt", "-c constraints.txt"},
		{"-e .", "-e .", "-e ."},
		{"--editable git+https://github.com/o/r.git#egg=r", "r", "-e git+https://github.com/o/r.git#egg=r"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := parsePipSpec(tt.in)
			require.NoError(t, err)
			require.Equal(t, tt.key, s.key())
			require.Equal(t, tt.canon, s.canonical())
		})
	}
}

func TestParsePipSpecInvalid(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "empty package spec"},
		{"numpy==", `missing version after "=="`},
		{"numpy>>1", `invalid operator ">>"`},
		{"numpy=1.0", `invalid operator "="`},
		{"numpy 1.0", "missing operator"},
		{"numpy>=1,", "empty version clause"},
		{"numpy>=abc", "not a PEP 440 version"},
		{"numpy>=1.*", "only allowed with == and !="},
		{"numpy>=1.0+cpu", "local version"},
		{"numpy~=1", "two release numbers"},
		{"numpy==1.0a.*", "want a release"},
		{"-pkg", `"-pkg" is a pip option`},
		{"--index-url https://x", "is a pip option"},
		{"-r", "needs one file"},
		{"-r a b", "needs one file"},
		{"pkg[", `unclosed "["`},
		{"pkg[bad extra]", "invalid extra"},
		{"pkg-", "invalid package name"},
		{"pkg;", "empty environment marker"},
		{"pkg @ not a url", "invalid url"},
		{"https://x y", "must not contain whitespace"},
		{"https:/bad", "invalid url"},
		{"pkg==1.0\n--index-url https://evil", "line-break"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := parsePipSpec(tt.in)
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.reason)
		})
	}
}

func TestParsePipOption(t *testing.T) {
	valid := []struct{ in, canon string }{
		{"--index-url https://pypi.org/simple", "--index-url https://pypi.org/simple"},
		{"--index-url=https://pypi.org/simple", "--index-url https://pypi.org/simple"},
		{"-i https://pypi.org/simple", "--index-url https://pypi.org/simple"},
		{"-f ./wheels", "--find-links ./wheels"},
		{"--extra-index-url  https://x", "--extra-index-url https://x"},
		{"--pre", "--pre"},
		{"--no-binary :all:", "--no-binary :all:"},
	}
	for _, tt := range valid {
		o, err := parsePipOption(tt.in)
		require.NoError(t, err, tt.in)
		require.Equal(t, tt.canon, o.canonical(), tt.in)
	}
	invalid := []struct{ in, reason string }{
		{"index-url x", `must start with "-"`},
		{"--index-url", "needs an argument"},
		{"--index-url a b", "takes one argument"},
		{"--pre yes", "takes no argument"},
		{"--user", "unknown pip option"},
		{"-r requirements.txt", "requirement entry"},
		{"--index-url https://x\n--pre", "line-break"},
	}
	for _, tt := range invalid {
		_, err := parsePipOption(tt.in)
		require.Error(t, err, tt.in)
		require.Contains(t, err.Error(), tt.reason, tt.in)
	}
}
