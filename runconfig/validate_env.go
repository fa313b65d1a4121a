package runconfig

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

var (
	envVarName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	shmSize    = regexp.MustCompile(`^[0-9]+[bkmg]$`)
)

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func (e *Environment) validate(v *validator, dir string) {
	for _, name := range sortedKeys(e.EnvironmentVariables) {
		if !envVarName.MatchString(name) {
			v.add("environment.environment_variables", name,
				"is not a valid variable name (letters, digits and underscores, not starting with a digit)")
		}
		if strings.ContainsRune(e.EnvironmentVariables[name], 0) {
			v.add("environment.environment_variables."+name, nil, "must not contain a NUL byte")
		}
	}
	e.Python.validate(v, dir)
	e.Docker.validate(v)
	for i, p := range e.Spark.Packages {
		if p.Group == "" || p.Artifact == "" || p.Version == "" {
			v.add("environment.spark.packages", p.Group+":"+p.Artifact+":"+p.Version,
				"package %d needs a group, an artifact and a version", i)
		}
	}
}

func (p *PythonSection) validate(v *validator, dir string) {
	if p.UserManagedDependencies {
		if p.InterpreterPath == "" {
			v.add("environment.python.interpreter_path", nil, "must be set when user_managed_dependencies is true")
		}
		return
	}
	if p.Conda != nil || p.CondaDependenciesFile == "" || dir == "" {
		return
	}
	full := filepath.Join(dir, filepath.FromSlash(p.CondaDependenciesFile))
	if fi, err := os.Stat(full); err != nil || !fi.Mode().IsRegular() {
		v.add("environment.python.conda_dependencies_file", p.CondaDependenciesFile,
			"does not exist in the project directory %s", dir)
	}
}

func (d *DockerSection) validate(v *validator) {
	if d.Enabled && d.BaseImage == "" {
		v.add("environment.docker.base_image", nil, "must be set when docker is enabled")
	}
	if d.ShmSize != "" && !shmSize.MatchString(d.ShmSize) {
		v.add("environment.docker.shm_size", d.ShmSize, "must be a number followed by b, k, m or g (e.g. 2g)")
	}
	r := d.BaseImageRegistry
	const field = "environment.docker.base_image_registry"
	if (r.Username != "" || !r.Password.IsZero()) && r.Address == "" {
		v.add(field+".address", nil, "must be set when a username or password is")
	}
	if r.Username == "" && !r.Password.IsZero() {
		v.add(field+".username", nil, "must be set when a password is")
	}
}
