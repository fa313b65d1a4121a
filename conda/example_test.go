package conda_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/conda"
)

func ExampleNew() {
	deps, err := conda.New(&conda.Options{
		Name:          "train",
		PythonVersion: "3.10",
		Channels:      []string{"conda-forge"},
		CondaPackages: []string{"numpy>=1.24,<2", "scikit-learn=1.3"},
		PipPackages:   []string{"mlflow==2.9.2"},
		PipOptions:    []string{"--extra-index-url https://pypi.example.com/simple"},
	})
	if err != nil {
		log.Fatal(err)
	}
	out, err := deps.Marshal()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(out))
	// Output:
	// name: train
	// channels:
	//   - conda-forge
	// dependencies:
	//   - python=3.10
	//   - numpy>=1.24,<2
	//   - scikit-learn=1.3
	//   - pip:
	//       - --extra-index-url https://pypi.example.com/simple
	//       - mlflow==2.9.2
}

func ExampleParse() {
	deps, err := conda.Parse([]byte(`
name: export
channels: [conda-forge]
dependencies:
  - python=3.11.4=hab00c5b_0_cpython
  - numpy=1.24.2=py311h8e6699e_0
  - pip:
      - requests==2.31.0
prefix: /opt/conda/envs/export
`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(deps.PythonVersion())
	fmt.Println(deps.CondaPackages())
	fmt.Println(deps.PipPackages())
	// Output:
	// 3.11.4
	// [python=3.11.4=hab00c5b_0_cpython numpy=1.24.2=py311h8e6699e_0]
	// [requests==2.31.0]
}

func ExampleParse_error() {
	_, err := conda.Parse([]byte("dependencies:\n  - python=3.10\n  - numpy>>1\n"))
	var pe *conda.ParseError
	if errors.As(err, &pe) {
		fmt.Println(pe.Line, pe.Entry)
	}
	fmt.Println(err)
	// Output:
	// 3 numpy>>1
	// conda: line 3: entry "numpy>>1": conda package: invalid operator ">>"
}

func ExampleDependencies_AddCondaPackage() {
	deps, err := conda.New(&conda.Options{CondaPackages: []string{"numpy=1.20", "scipy"}})
	if err != nil {
		log.Fatal(err)
	}
	// Same name, other version: replaced in place.
	if err := deps.AddCondaPackage("numpy>=1.26"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(deps.CondaPackages())
	fmt.Println(deps.AddCondaPackage("pandas=="))
	// Output:
	// [numpy>=1.26 scipy]
	// conda: conda_packages "pandas==": missing version after "=="
}

func ExampleDependencies_SetPipOption() {
	deps, err := conda.New(nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, opt := range []string{
		"--index-url https://a.example.com/simple",
		"--index-url https://b.example.com/simple", // replaces the first
		"--extra-index-url https://c.example.com/simple",
		"--extra-index-url https://d.example.com/simple", // repeatable: appended
	} {
		if err := deps.SetPipOption(opt); err != nil {
			log.Fatal(err)
		}
	}
	for _, o := range deps.PipOptions() {
		fmt.Println(o)
	}
	// Output:
	// --index-url https://b.example.com/simple
	// --extra-index-url https://c.example.com/simple
	// --extra-index-url https://d.example.com/simple
}

func ExampleDependencies_Hash() {
	a, err := conda.Parse([]byte("channels: [conda-forge]\ndependencies: [python=3.10, numpy]\n"))
	if err != nil {
		log.Fatal(err)
	}
	b, err := conda.Parse([]byte(`
# same environment, other layout and order
dependencies:
  - "numpy"
  - python =3.10
channels:
  - conda-forge
`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Hash() == b.Hash())
	if err := b.AddChannel("defaults"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Hash() == b.Hash())
	// Output:
	// true
	// false
}

func ExampleDependencies_Save() {
	dir, err := os.MkdirTemp("", "conda-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "environment.yml")

	deps := conda.SDKDefaults()
	if err := deps.Save(path); err != nil {
		log.Fatal(err)
	}
	loaded, err := conda.Load(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(loaded.Equal(deps), loaded.PythonVersion(), loaded.PipPackages())
	// Output:
	// true 3.8.13 [azureml-defaults]
}
