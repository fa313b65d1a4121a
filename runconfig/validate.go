package runconfig

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// validator collects every problem instead of stopping at the first.
type validator struct {
	errs []*FieldError
}

func (v *validator) add(field string, value any, format string, args ...any) {
	v.errs = append(v.errs, &FieldError{Field: field, Value: value, Reason: fmt.Sprintf(format, args...)})
}

func (v *validator) err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: v.errs}
}

// Validate checks rc for everything a compute target would reject later,
// so that a run fails before anything is uploaded or started. It returns
// nil or a *[ValidationError] listing every problem, each a *[FieldError]
// whose Field is the Python SDK attribute path (node_count,
// environment.docker.shm_size...).
//
// For a RunConfiguration read by [Load] or [LoadFile], the script and the
// conda file are also looked up in the project directory it came from; a
// RunConfiguration built in memory has no directory, so only the shape of
// those paths is checked (use [ScriptRunConfig.Validate] to check them
// against a source directory). Validate never modifies rc.
func (rc *RunConfiguration) Validate() error {
	v := &validator{}
	rc.validate(v, rc.baseDir)
	return v.err()
}

// validate checks everything; dir, when not empty, is the directory the
// script and the conda file are relative to.
func (rc *RunConfiguration) validate(v *validator, dir string) {
	if rc.Target == "" {
		v.add("target", nil, "must name a compute target (%q for this machine)", TargetLocal)
	} else if reason := targetNameProblem(rc.Target); reason != "" {
		v.add("target", rc.Target, "%s", reason)
	}
	if rc.Script != "" {
		checkScript(v, rc.Script, dir)
	}
	if rc.NodeCount < 1 {
		v.add("node_count", rc.NodeCount, "must be >= 1")
	} else if rc.Target == TargetLocal && rc.NodeCount > 1 {
		v.add("node_count", rc.NodeCount, "must be 1 on the %q target", TargetLocal)
	}
	if rc.MaxRunDurationSeconds < 0 {
		v.add("max_run_duration_seconds", rc.MaxRunDurationSeconds, "must be >= 0 (0 means no limit)")
	}
	rc.validateDistribution(v)
	rc.Environment.validate(v, dir)
	rc.validateCompute(v)
	rc.validateData(v)
}

// validateDistribution checks that framework, communicator and their
// sections fit together.
func (rc *RunConfiguration) validateDistribution(v *validator) {
	fw, comm := rc.Framework, rc.Communicator
	fwOK, commOK := oneOf(fw, FrameworkValues()), oneOf(comm, CommunicatorValues())
	if !fwOK {
		v.add("framework", string(fw), "must be one of %s", list(FrameworkValues()))
	}
	if !commOK {
		v.add("communicator", string(comm), "must be one of %s", list(CommunicatorValues()))
	}
	is := func(c Communicator) bool { return strings.EqualFold(string(comm), string(c)) }
	isFw := func(f Framework) bool { return strings.EqualFold(string(fw), string(f)) }
	switch {
	case !fwOK || !commOK:
	case isFw(FrameworkPySpark) && !is(CommunicatorNone):
		v.add("communicator", string(comm), "must be None with the PySpark framework (Spark distributes the work)")
	case is(CommunicatorParameterServer) && !isFw(FrameworkTensorFlow):
		v.add("communicator", string(comm), "needs the TensorFlow framework, not %s", fw)
	case (is(CommunicatorGloo) || is(CommunicatorNccl)) && !isFw(FrameworkPyTorch):
		v.add("communicator", string(comm), "needs the PyTorch framework, not %s", fw)
	}
	tf, mpi := rc.TensorFlow, rc.MPI
	least := 0
	if is(CommunicatorParameterServer) {
		least = 1
	}
	if tf.WorkerCount < least {
		v.add("tensorflow.worker_count", tf.WorkerCount, "must be >= %d", least)
	}
	if tf.ParameterServerCount < least {
		v.add("tensorflow.parameter_server_count", tf.ParameterServerCount, "must be >= %d", least)
	}
	least = 0
	if is(CommunicatorOpenMpi) || is(CommunicatorIntelMpi) {
		least = 1
	}
	if mpi.ProcessCountPerNode < least {
		v.add("mpi.process_count_per_node", mpi.ProcessCountPerNode, "must be >= %d", least)
	}
}

func (rc *RunConfiguration) validateCompute(v *validator) {
	a := rc.AmlCompute
	if a.VMPriority != "" && !oneOf(a.VMPriority, VMPriorityValues()) {
		v.add("amlcompute.vm_priority", string(a.VMPriority), "must be one of %s", list(VMPriorityValues()))
	}
	if a.ClusterMaxNodeCount < 0 {
		v.add("amlcompute.cluster_max_node_count", a.ClusterMaxNodeCount, "must be >= 0")
	}
	if rc.Target == TargetAmlCompute && a.VMSize == "" {
		v.add("amlcompute.vm_size", nil, "must be set to create a cluster for the run (target %q)", TargetAmlCompute)
	}
	if a.Name != "" {
		if reason := computeNameProblem(a.Name); reason != "" {
			v.add("amlcompute.name", a.Name, "%s", reason)
		}
	}
	if !oneOf(rc.HDI.YarnDeployMode, YarnDeployModeValues()) {
		v.add("hdi.yarn_deploy_mode", string(rc.HDI.YarnDeployMode), "must be one of %s", list(YarnDeployModeValues()))
	}
}

func (rc *RunConfiguration) validateData(v *validator) {
	for _, name := range sortedKeys(rc.DataReferences) {
		ref := rc.DataReferences[name]
		field := "data_references." + name
		if name == "" {
			v.add("data_references", name, "a data reference needs a name")
		}
		if ref.DataStoreName == "" {
			v.add(field+".data_store_name", nil, "must name a datastore")
		}
		if !oneOf(ref.Mode, DataReferenceModeValues()) {
			v.add(field+".mode", string(ref.Mode), "must be one of %s", list(DataReferenceModeValues()))
		}
	}
}

// checkScript checks that script stays inside dir and, when dir is known,
// that it is a file there.
func checkScript(v *validator, script, dir string) {
	rel, ok := relativeTo(script, dir)
	if !ok {
		if dir == "" && filepath.IsAbs(script) {
			v.add("script", script, "must be relative to the source directory")
		} else {
			v.add("script", script, "must be inside the source directory")
		}
		return
	}
	if dir == "" {
		return
	}
	full := filepath.Join(dir, filepath.FromSlash(rel))
	fi, err := os.Stat(full)
	switch {
	case err != nil:
		v.add("script", script, "does not exist in the source directory %s", dir)
	case !fi.Mode().IsRegular():
		v.add("script", script, "is not a regular file")
	case escapesBySymlink(full, dir):
		v.add("script", script, "is a symbolic link to a file outside the source directory %s", dir)
	}
}

// relativeTo returns p relative to dir with forward slashes, and whether p
// stays inside dir. An absolute p is accepted only inside a known dir.
func relativeTo(p, dir string) (string, bool) {
	if filepath.IsAbs(p) || path.IsAbs(filepath.ToSlash(p)) {
		if dir == "" {
			return "", false
		}
		absDir, err := filepath.Abs(dir)
		if err != nil {
			return "", false
		}
		r, err := filepath.Rel(absDir, p)
		if err != nil {
			return "", false
		}
		p = r
	}
	clean := path.Clean(filepath.ToSlash(p))
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", false
	}
	return clean, true
}

func escapesBySymlink(full, dir string) bool {
	realFile, err1 := filepath.EvalSymlinks(full)
	realDir, err2 := filepath.EvalSymlinks(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	r, err := filepath.Rel(realDir, realFile)
	return err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// Compute target names follow the current ARM API's computeName rule, the
// one compute.ValidateName applies: 3 to 24 characters, a letter first,
// then letters, digits and hyphens, not ending in a hyphen followed by
// digits. (The v1 service allowed only 2 to 16; a name the ARM API creates
// must be usable as a target here.) "local" and "amlcompute" are the
// special targets and always valid.
var computeName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{2,23}$`)

var dashDigitsEnd = regexp.MustCompile(`-[0-9]+$`)

func targetNameProblem(name string) string {
	if name == TargetLocal || name == TargetAmlCompute {
		return ""
	}
	return computeNameProblem(name)
}

func computeNameProblem(name string) string {
	if !computeName.MatchString(name) {
		return "must be 3 to 24 letters, digits or hyphens and start with a letter"
	}
	if dashDigitsEnd.MatchString(name) {
		return "must not end with a hyphen followed by digits"
	}
	return ""
}

func list[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, x := range values {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
