package runconfig

import (
	"maps"
	"slices"

	"github.com/azureml-go/azureml/conda"
)

// DefaultEnvironmentName is the name the Python SDK gives the environment
// of a new run configuration.
const DefaultEnvironmentName = "default-environment"

// Environment is the software environment of a run: environment variables,
// Python, Docker and Spark settings (the SDK's Environment).
type Environment struct {
	// Name names the environment (name); default "default-environment".
	Name string
	// EnvironmentVariables are set for the run (environmentVariables);
	// default EXAMPLE_ENV_VAR=EXAMPLE_VALUE, as the SDK does.
	EnvironmentVariables map[string]string
	// Python is the Python environment (python).
	Python PythonSection
	// Docker runs the script in a container (docker).
	Docker DockerSection
	// Spark lists Spark packages for PySpark runs (spark).
	Spark SparkSection
}

// PythonSection is the Python environment of a run.
type PythonSection struct {
	// UserManagedDependencies runs InterpreterPath as is when true; when
	// false (the default) a conda environment is built from the
	// dependencies (userManagedDependencies).
	UserManagedDependencies bool
	// InterpreterPath is the Python interpreter (interpreterPath);
	// default "python".
	InterpreterPath string
	// CondaDependenciesFile is the conda environment file, relative to the
	// project (source) directory, with forward slashes
	// (condaDependenciesFile), e.g. ".azureml/conda_dependencies.yml".
	CondaDependenciesFile string
	// BaseCondaEnvironment names a conda environment to start from
	// (baseCondaEnvironment).
	BaseCondaEnvironment string
	// Conda holds the conda dependencies in memory: read from
	// CondaDependenciesFile by Load, or from an inline condaDependencies
	// key by Parse, and written to CondaDependenciesFile by Save. Nil
	// means none were read or set.
	Conda *conda.Dependencies
}

// SparkSection lists the Spark packages of an environment.
type SparkSection struct {
	// Repositories are Maven repositories (repositories).
	Repositories []string
	// Packages are Maven packages (packages).
	Packages []SparkPackage
	// PrecachePackages builds the packages into the image
	// (precachePackages); default true.
	PrecachePackages bool
}

// SparkPackage is a Maven package.
type SparkPackage struct {
	Group    string // group
	Artifact string // artifact
	Version  string // version
}

func defaultEnvironment() Environment {
	return Environment{
		Name:                 DefaultEnvironmentName,
		EnvironmentVariables: map[string]string{"EXAMPLE_ENV_VAR": "EXAMPLE_VALUE"},
		Python:               PythonSection{InterpreterPath: "python"},
		Docker:               defaultDocker(),
		Spark: SparkSection{
			Repositories:     []string{"https://mmlspark.azureedge.net/maven"},
			Packages:         []SparkPackage{{Group: "com.microsoft.ml.spark", Artifact: "mmlspark_2.11", Version: "0.12"}},
			PrecachePackages: true,
		},
	}
}

func (e Environment) clone() Environment {
	c := e
	c.EnvironmentVariables = maps.Clone(e.EnvironmentVariables)
	if e.Python.Conda != nil {
		c.Python.Conda = e.Python.Conda.Clone()
	}
	c.Docker.Arguments = slices.Clone(e.Docker.Arguments)
	c.Spark.Repositories = slices.Clone(e.Spark.Repositories)
	c.Spark.Packages = slices.Clone(e.Spark.Packages)
	return c
}
