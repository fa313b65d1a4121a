package runconfig_test

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/azureml-go/azureml/runconfig"
)

// A run configuration for a cluster, saved where the Python SDK saves it
// and loaded back.
func Example() {
	project, err := os.MkdirTemp("", "project")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(project)

	rc := runconfig.New()
	rc.Script = "train.py"
	rc.Arguments = []string{"--epochs", "10"}
	rc.Target = "gpu-cluster"
	rc.Framework = runconfig.FrameworkPyTorch
	rc.Communicator = runconfig.CommunicatorNccl
	rc.NodeCount = 2
	rc.Environment.Docker.Enabled = true
	rc.Environment.Docker.ShmSize = "2g"

	path, err := rc.Save(project, "train")
	if err != nil {
		log.Fatal(err)
	}
	rel, _ := filepath.Rel(project, path)
	fmt.Println("saved", filepath.ToSlash(rel))

	loaded, err := runconfig.Load(project, "train")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(loaded.Target, loaded.Framework, loaded.Communicator, loaded.NodeCount)
	fmt.Println("conda file:", loaded.Environment.Python.CondaDependenciesFile)
	// Save fills in the reference to the conda file it wrote; the rest,
	// conda dependencies included, reads back as it was.
	rc.Environment.Python.CondaDependenciesFile = loaded.Environment.Python.CondaDependenciesFile
	fmt.Println("same settings:", loaded.Equal(rc))
	// Output:
	// saved .azureml/train.runconfig
	// gpu-cluster PyTorch Nccl 2
	// conda file: .azureml/conda_dependencies.yml
	// same settings: true
}

// Validate reports every problem at once, each naming the SDK attribute.
func ExampleRunConfiguration_Validate() {
	rc := runconfig.New()
	rc.NodeCount = 0
	rc.Framework = runconfig.FrameworkPySpark
	rc.Communicator = runconfig.CommunicatorOpenMpi
	rc.Environment.Docker.ShmSize = "2 GB"

	err := rc.Validate()
	var verr *runconfig.ValidationError
	if errors.As(err, &verr) {
		for _, fe := range verr.Errors {
			fmt.Println(fe)
		}
	}
	// Output:
	// runconfig: node_count 0: must be >= 1
	// runconfig: communicator "OpenMpi": must be None with the PySpark framework (Spark distributes the work)
	// runconfig: environment.docker.shm_size "2 GB": must be a number followed by b, k, m or g (e.g. 2g)
}

// A ScriptRunConfig names the source directory and the script; its target
// overrides the run configuration's.
func ExampleNewScriptRunConfig() {
	src, err := os.MkdirTemp("", "src")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(src)
	if err := os.WriteFile(filepath.Join(src, "train.py"), []byte("print('hi')\n"), 0o644); err != nil {
		log.Fatal(err)
	}

	cfg := runconfig.NewScriptRunConfig(src, "train.py", &runconfig.ScriptRunConfigOptions{
		Arguments: []string{"--lr", "0.01"},
		Target:    "cpu-cluster",
	})
	fmt.Println("valid:", cfg.Validate() == nil)
	eff := cfg.Effective()
	fmt.Println(eff.Script, eff.Arguments, eff.Target)

	cfg.Script = "../outside.py"
	fmt.Println(cfg.Validate())
	// Output:
	// valid: true
	// train.py [--lr 0.01] cpu-cluster
	// runconfig: script "../outside.py": must be inside the source directory
}

// Parse errors name the line and the key, and are *ParseError values.
func ExampleParse() {
	_, err := runconfig.Parse([]byte("script: train.py\ntarget: local\nnodeCount: two\n"))
	fmt.Println(err)
	var perr *runconfig.ParseError
	fmt.Println(errors.As(err, &perr), perr.Line, perr.Key)
	// Output:
	// runconfig: line 3: nodeCount: "two" is not an integer
	// true 3 nodeCount
}

// The registry password is a Secret: it never shows in output.
func ExampleSecret() {
	rc := runconfig.New()
	rc.Environment.Docker.BaseImageRegistry = runconfig.ContainerRegistry{
		Address:  "myregistry.azurecr.io",
		Username: "myregistry",
		Password: runconfig.NewSecret("hunter2"),
	}
	fmt.Printf("%v\n", rc.Environment.Docker.BaseImageRegistry)
	fmt.Printf("%+v\n", rc.Environment.Docker.BaseImageRegistry)
	// Output:
	// {myregistry.azurecr.io myregistry REDACTED}
	// {Address:myregistry.azurecr.io Username:myregistry Password:REDACTED}
}
