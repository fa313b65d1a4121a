package workspacetest

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"
)

// commandJob is the typed view of a Command job's properties.
type commandJob struct {
	JobType              string              `json:"jobType"`
	Command              string              `json:"command"`
	CodeID               string              `json:"codeId"`
	EnvironmentID        string              `json:"environmentId"`
	ComputeID            string              `json:"computeId"`
	ExperimentName       string              `json:"experimentName"`
	DisplayName          string              `json:"displayName"`
	Description          string              `json:"description"`
	Tags                 map[string]string   `json:"tags"`
	Properties           map[string]string   `json:"properties"`
	EnvironmentVariables map[string]string   `json:"environmentVariables"`
	Inputs               map[string]jobInput `json:"inputs"`
	Distribution         *struct {
		DistributionType        string `json:"distributionType"`
		ProcessCountPerInstance *int   `json:"processCountPerInstance"`
		WorkerCount             *int   `json:"workerCount"`
		ParameterServerCount    *int   `json:"parameterServerCount"`
	} `json:"distribution"`
	Limits *struct {
		JobLimitsType string `json:"jobLimitsType"`
		Timeout       string `json:"timeout"`
	} `json:"limits"`
	Resources *struct {
		InstanceCount *int `json:"instanceCount"`
	} `json:"resources"`
}

type jobInput struct {
	JobInputType string `json:"jobInputType"`
	Value        string `json:"value"`
}

// jobPlan is what a validated job needs to run.
type jobPlan struct {
	spec      commandJob
	command   string // inputs substituted
	code      *codeSpec
	env       *envSpec
	compute   *compute
	instances int
	timeout   time.Duration // 0: none
}

const jp = "properties"

var inputRef = regexp.MustCompile(`\$\{\{\s*inputs\.([A-Za-z0-9_]+)\s*\}\}`)

// parseJob decodes and checks a Command job's own fields (not yet its
// references).
func parseJob(raw []byte) (*jobPlan, *fieldError) {
	var body struct {
		Properties json.RawMessage `json:"properties"`
	}
	if fe := decodeJSON(raw, &body, ""); fe != nil {
		return nil, fe
	}
	if len(body.Properties) == 0 || string(body.Properties) == "null" {
		return nil, invalid(jp, "The 'properties' property is required.")
	}
	p := &jobPlan{instances: 1}
	if fe := decodeJSON(body.Properties, &p.spec, jp); fe != nil {
		return nil, fe
	}
	sp := &p.spec
	switch {
	case sp.JobType == "":
		return nil, invalid(jp+".jobType", "The 'jobType' property is required (Command, Sweep, Pipeline, AutoML or Spark).")
	case sp.JobType != "Command":
		return nil, invalid(jp+".jobType", "jobType '%s' is not emulated: workspacetest runs Command jobs only.", sp.JobType)
	case strings.TrimSpace(sp.Command) == "":
		return nil, invalid(jp+".command", "The 'command' property is required and must not be empty.")
	case sp.EnvironmentID == "":
		return nil, invalid(jp+".environmentId", "The 'environmentId' property is required.")
	case sp.ComputeID == "":
		return nil, invalid(jp+".computeId", "The 'computeId' property is required: serverless compute is not emulated.")
	}
	for _, check := range []func(*jobPlan) *fieldError{checkInputs, checkDistribution, checkLimits, checkResources} {
		if fe := check(p); fe != nil {
			return nil, fe
		}
	}
	return p, nil
}

// checkInputs accepts literal inputs and substitutes ${{inputs.name}}.
func checkInputs(p *jobPlan) *fieldError {
	for name, in := range p.spec.Inputs {
		if in.JobInputType != "literal" {
			return invalid(jp+".inputs."+name+".jobInputType", "jobInputType '%s' is not emulated: only literal inputs are.", in.JobInputType)
		}
	}
	var fe *fieldError
	p.command = inputRef.ReplaceAllStringFunc(p.spec.Command, func(m string) string {
		name := inputRef.FindStringSubmatch(m)[1]
		in, ok := p.spec.Inputs[name]
		if !ok && fe == nil {
			fe = invalid(jp+".command", "The command refers to ${{inputs.%s}}, which is not among the job's inputs.", name)
		}
		return in.Value
	})
	return fe
}

func checkDistribution(p *jobPlan) *fieldError {
	d := p.spec.Distribution
	if d == nil {
		return nil
	}
	if d.DistributionType == "" {
		return invalid(jp+".distribution.distributionType", "The 'distributionType' property is required (Mpi, PyTorch or TensorFlow).")
	}
	if fe := oneOf(jp+".distribution.distributionType", d.DistributionType, "Mpi", "PyTorch", "TensorFlow"); fe != nil {
		return fe
	}
	for name, n := range map[string]*int{"processCountPerInstance": d.ProcessCountPerInstance,
		"workerCount": d.WorkerCount, "parameterServerCount": d.ParameterServerCount} {
		if n != nil && (*n < 0 || (*n == 0 && name != "parameterServerCount")) {
			return invalid(jp+".distribution."+name, "%s %d must be >= 1.", name, *n)
		}
	}
	return nil
}

func checkLimits(p *jobPlan) *fieldError {
	l := p.spec.Limits
	if l == nil {
		return nil
	}
	if l.JobLimitsType != "Command" {
		return invalid(jp+".limits.jobLimitsType", "jobLimitsType '%s' must be 'Command' for a command job.", l.JobLimitsType)
	}
	if l.Timeout == "" {
		return nil
	}
	d, err := parseISODuration(l.Timeout)
	if err != nil || d <= 0 {
		return invalid(jp+".limits.timeout", "limits.timeout '%s' is not a positive ISO-8601 duration such as PT2H or PT30M.", l.Timeout)
	}
	p.timeout = d
	return nil
}

func checkResources(p *jobPlan) *fieldError {
	if r := p.spec.Resources; r != nil && r.InstanceCount != nil {
		if *r.InstanceCount < 1 {
			return invalid(jp+".resources.instanceCount", "instanceCount %d must be >= 1.", *r.InstanceCount)
		}
		p.instances = *r.InstanceCount
	}
	return nil
}

// resolve checks the job's references: environment and code versions,
// and a compute that can run it. Callers hold s.mu.
func (s *Server) resolve(p *jobPlan) *fieldError {
	name, version, ok := s.assetRef(p.spec.EnvironmentID, "environments")
	env := s.envs.version(name, version)
	if !ok || env == nil {
		return invalid(jp+".environmentId", "Environment '%s' was not found in workspace '%s' (use %s/environments/{name}/versions/{version}).",
			p.spec.EnvironmentID, s.opts.Workspace, s.WorkspaceID())
	}
	p.env = env.spec.(*envSpec)
	if p.spec.CodeID != "" {
		name, version, ok := s.assetRef(p.spec.CodeID, "codes")
		code := s.codes.version(name, version)
		if !ok || code == nil {
			return invalid(jp+".codeId", "Code version '%s' was not found in workspace '%s'.", p.spec.CodeID, s.opts.Workspace)
		}
		p.code = code.spec.(*codeSpec)
	}
	return s.resolveCompute(p)
}

func (s *Server) resolveCompute(p *jobPlan) *fieldError {
	const target = jp + ".computeId"
	name, ok := strings.CutPrefix(p.spec.ComputeID, "azureml:")
	if !ok {
		name, ok = cutFold(p.spec.ComputeID, s.WorkspaceID()+"/computes/")
	}
	s.advance(s.now())
	c := s.computes[lower(name)]
	switch {
	case !ok || c == nil || strings.Contains(name, "/"):
		return invalid(target, "Compute '%s' was not found in workspace '%s'.", p.spec.ComputeID, s.opts.Workspace)
	case c.state != "Succeeded":
		return invalid(target, "Compute '%s' cannot run jobs: its provisioningState is %s.", c.name, c.state)
	case c.aml == nil && c.vm == nil:
		return invalid(target, "Compute '%s' is a %s: the emulator runs jobs on AmlCompute and VirtualMachine only.", c.name, c.props.ComputeType)
	case c.aml != nil && p.instances > *c.aml.ScaleSettings.MaxNodeCount:
		return invalid(jp+".resources.instanceCount", "instanceCount %d exceeds the maxNodeCount %d of cluster '%s'.",
			p.instances, *c.aml.ScaleSettings.MaxNodeCount, c.name)
	case c.vm != nil && p.instances != 1:
		return invalid(jp+".resources.instanceCount", "instanceCount %d: a VirtualMachine runs one instance.", p.instances)
	}
	p.compute = c
	return nil
}

// assetRef parses an asset version id: the ARM id
// {ws}/{segment}/{name}/versions/{version} or azureml:{name}:{version}.
func (s *Server) assetRef(id, segment string) (name, version string, ok bool) {
	if rest, found := strings.CutPrefix(id, "azureml:"); found && !strings.HasPrefix(rest, "/") {
		name, version, ok = strings.Cut(rest, ":")
		return name, version, ok
	}
	rest, found := cutFold(strings.TrimPrefix(id, "azureml:"), s.WorkspaceID()+"/"+segment+"/")
	if !found {
		return "", "", false
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || !equalFold(parts[1], "versions") {
		return "", "", false
	}
	return parts[0], parts[2], true
}

// cutFold is strings.CutPrefix, comparing the prefix case-insensitively.
func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return "", false
}
