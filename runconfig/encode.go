package runconfig

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// The encoder builds the canonical YAML tree of a RunConfiguration: every
// modelled key, in the Python SDK's order, with the SDK's camelCase names.
// Unset optional values are written as null, as the SDK does.

type mapNode struct{ *yaml.Node }

func newMap() mapNode {
	return mapNode{&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}}
}

func (m mapNode) add(key string, v *yaml.Node) mapNode {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	m.Content = append(m.Content, k, v)
	return m
}

func nullNode() *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
}

// strNode writes s, or null when s is empty.
func strNode[T ~string](s T) *yaml.Node {
	if s == "" {
		return nullNode()
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(s)}
}

func intNode(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

// optIntNode writes i, or null when i is 0 (unset).
func optIntNode(i int) *yaml.Node {
	if i == 0 {
		return nullNode()
	}
	return intNode(i)
}

func boolNode(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func seqNode(items ...*yaml.Node) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
	if len(items) == 0 {
		n.Style = yaml.FlowStyle // [] as the SDK writes it
	}
	return n
}

func strsNode(list []string) *yaml.Node {
	items := make([]*yaml.Node, len(list))
	for i, s := range list {
		items[i] = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	}
	return seqNode(items...)
}

// strMapNode writes a mapping with user keys in sorted order; merging with
// a document read from a file restores the file's order. Plain values are
// With plain set, decimal integers are written as integers, so that the
// Spark property spark.yarn.maxAppAttempts is the 1 the SDK writes; other
// values are strings, quoted when they would read as another type.
func strMapNode(m map[string]string, plain bool) *yaml.Node {
	out := newMap()
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: m[k]}
		if n, err := strconv.Atoi(m[k]); plain && err == nil && strconv.Itoa(n) == m[k] {
			v.Tag = "!!int"
		}
		out.add(k, v)
	}
	if len(m) == 0 {
		out.Style = yaml.FlowStyle
	}
	return out.Node
}

func (rc *RunConfiguration) node() (*yaml.Node, error) {
	env, err := rc.Environment.node()
	if err != nil {
		return nil, err
	}
	m := newMap().
		add("script", strNode(rc.Script)).
		add("arguments", strsNode(rc.Arguments)).
		add("target", strNode(rc.Target)).
		add("framework", strNode(rc.Framework)).
		add("communicator", strNode(rc.Communicator)).
		add("maxRunDurationSeconds", optIntNode(rc.MaxRunDurationSeconds)).
		add("nodeCount", intNode(rc.NodeCount)).
		add("environment", env).
		add("history", newMap().
			add("outputCollection", boolNode(rc.History.OutputCollection)).
			add("snapshotProject", boolNode(rc.History.SnapshotProject)).
			add("directoriesToWatch", strsNode(rc.History.DirectoriesToWatch)).Node).
		add("spark", newMap().add("configuration", strMapNode(rc.Spark.Configuration, true)).Node).
		add("hdi", newMap().add("yarnDeployMode", strNode(rc.HDI.YarnDeployMode)).Node).
		add("tensorflow", newMap().
			add("workerCount", intNode(rc.TensorFlow.WorkerCount)).
			add("parameterServerCount", intNode(rc.TensorFlow.ParameterServerCount)).Node).
		add("mpi", newMap().add("processCountPerNode", intNode(rc.MPI.ProcessCountPerNode)).Node).
		add("dataReferences", dataReferencesNode(rc.DataReferences)).
		add("sourceDirectoryDataStore", strNode(rc.SourceDirectoryDataStore)).
		add("amlcompute", rc.AmlCompute.node())
	return m.Node, nil
}

func (e *Environment) node() (*yaml.Node, error) {
	py := newMap().
		add("userManagedDependencies", boolNode(e.Python.UserManagedDependencies)).
		add("interpreterPath", strNode(e.Python.InterpreterPath)).
		add("condaDependenciesFile", strNode(e.Python.CondaDependenciesFile)).
		add("baseCondaEnvironment", strNode(e.Python.BaseCondaEnvironment))
	if e.Python.Conda != nil {
		cn, err := condaNode(e)
		if err != nil {
			return nil, err
		}
		py.add("condaDependencies", cn)
	}
	packages := make([]*yaml.Node, len(e.Spark.Packages))
	for i, p := range e.Spark.Packages {
		packages[i] = newMap().add("group", strNode(p.Group)).
			add("artifact", strNode(p.Artifact)).add("version", strNode(p.Version)).Node
	}
	return newMap().
		add("name", strNode(e.Name)).
		add("environmentVariables", strMapNode(e.EnvironmentVariables, false)).
		add("python", py.Node).
		add("docker", e.Docker.node()).
		add("spark", newMap().
			add("repositories", strsNode(e.Spark.Repositories)).
			add("packages", seqNode(packages...)).
			add("precachePackages", boolNode(e.Spark.PrecachePackages)).Node).Node, nil
}

func condaNode(e *Environment) (*yaml.Node, error) {
	data, err := e.Python.Conda.Marshal()
	if err != nil {
		return nil, fmt.Errorf("runconfig: environment.python.conda_dependencies: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fmt.Errorf("runconfig: environment.python.conda_dependencies: conda wrote unreadable YAML: %v", err)
	}
	return doc.Content[0], nil
}

// node writes the docker section. The registry password is never written:
// the key is kept, as null, so the file has the SDK's shape.
func (dk *DockerSection) node() *yaml.Node {
	r := dk.BaseImageRegistry
	return newMap().
		add("enabled", boolNode(dk.Enabled)).
		add("baseImage", strNode(dk.BaseImage)).
		add("sharedVolumes", boolNode(dk.SharedVolumes)).
		add("gpuSupport", boolNode(dk.GPUSupport)).
		add("shmSize", strNode(dk.ShmSize)).
		add("arguments", strsNode(dk.Arguments)).
		add("baseImageRegistry", newMap().
			add("address", strNode(r.Address)).
			add("username", strNode(r.Username)).
			add("password", nullNode()).Node).Node
}

func (a *AmlComputeConfiguration) node() *yaml.Node {
	return newMap().
		add("vmSize", strNode(a.VMSize)).
		add("vmPriority", strNode(a.VMPriority)).
		add("retainCluster", boolNode(a.RetainCluster)).
		add("name", strNode(a.Name)).
		add("clusterMaxNodeCount", optIntNode(a.ClusterMaxNodeCount)).Node
}

func dataReferencesNode(refs map[string]DataReference) *yaml.Node {
	out := newMap()
	for _, name := range slices.Sorted(maps.Keys(refs)) {
		r := refs[name]
		out.add(name, newMap().
			add("dataStoreName", strNode(r.DataStoreName)).
			add("pathOnDataStore", strNode(r.PathOnDataStore)).
			add("mode", strNode(r.Mode)).
			add("overwrite", boolNode(r.Overwrite)).
			add("pathOnCompute", strNode(r.PathOnCompute)).Node)
	}
	if len(refs) == 0 {
		out.Style = yaml.FlowStyle
	}
	return out.Node
}
