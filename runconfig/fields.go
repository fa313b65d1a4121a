package runconfig

import (
	"strconv"

	"go.yaml.in/yaml/v3"
)

// The tables below map each YAML key of the SDK to the field it fills.

func (d decoder) rootFields(rc *RunConfiguration) map[string]handler {
	return map[string]handler{
		"script":                   str(d, &rc.Script),
		"arguments":                d.strs(&rc.Arguments),
		"target":                   str(d, &rc.Target),
		"framework":                str(d, &rc.Framework),
		"communicator":             str(d, &rc.Communicator),
		"maxRunDurationSeconds":    d.int(&rc.MaxRunDurationSeconds),
		"nodeCount":                d.int(&rc.NodeCount),
		"environment":              d.section(d.environmentFields(&rc.Environment)),
		"history":                  d.section(d.historyFields(&rc.History)),
		"spark":                    d.section(map[string]handler{"configuration": d.strMap(&rc.Spark.Configuration)}),
		"hdi":                      d.section(map[string]handler{"yarnDeployMode": str(d, &rc.HDI.YarnDeployMode)}),
		"tensorflow":               d.section(d.tensorflowFields(&rc.TensorFlow)),
		"mpi":                      d.section(map[string]handler{"processCountPerNode": d.int(&rc.MPI.ProcessCountPerNode)}),
		"dataReferences":           d.dataReferences(&rc.DataReferences),
		"sourceDirectoryDataStore": str(d, &rc.SourceDirectoryDataStore),
		"amlcompute":               d.section(d.amlcomputeFields(&rc.AmlCompute)),
	}
}

func (d decoder) environmentFields(e *Environment) map[string]handler {
	return map[string]handler{
		"name":                 str(d, &e.Name),
		"environmentVariables": d.strMap(&e.EnvironmentVariables),
		"python": d.section(map[string]handler{
			"userManagedDependencies": d.bool(&e.Python.UserManagedDependencies),
			"interpreterPath":         str(d, &e.Python.InterpreterPath),
			"condaDependenciesFile":   str(d, &e.Python.CondaDependenciesFile),
			"baseCondaEnvironment":    str(d, &e.Python.BaseCondaEnvironment),
			"condaDependencies":       d.condaInline(&e.Python.Conda),
		}),
		"docker": d.section(d.dockerFields(&e.Docker)),
		"spark": d.section(map[string]handler{
			"repositories":     d.strs(&e.Spark.Repositories),
			"packages":         d.sparkPackages(&e.Spark.Packages),
			"precachePackages": d.bool(&e.Spark.PrecachePackages),
		}),
	}
}

func (d decoder) dockerFields(dk *DockerSection) map[string]handler {
	r := &dk.BaseImageRegistry
	return map[string]handler{
		"enabled":       d.bool(&dk.Enabled),
		"baseImage":     str(d, &dk.BaseImage),
		"sharedVolumes": d.bool(&dk.SharedVolumes),
		"gpuSupport":    d.bool(&dk.GPUSupport),
		"shmSize":       str(d, &dk.ShmSize),
		"arguments":     d.strs(&dk.Arguments),
		"baseImageRegistry": d.section(map[string]handler{
			"address":  str(d, &r.Address),
			"username": str(d, &r.Username),
			"password": d.secret(&r.Password),
		}),
	}
}

func (d decoder) historyFields(h *History) map[string]handler {
	return map[string]handler{
		"outputCollection":   d.bool(&h.OutputCollection),
		"snapshotProject":    d.bool(&h.SnapshotProject),
		"directoriesToWatch": d.strs(&h.DirectoriesToWatch),
	}
}

func (d decoder) tensorflowFields(t *TensorFlowConfiguration) map[string]handler {
	return map[string]handler{
		"workerCount":          d.int(&t.WorkerCount),
		"parameterServerCount": d.int(&t.ParameterServerCount),
	}
}

func (d decoder) amlcomputeFields(a *AmlComputeConfiguration) map[string]handler {
	return map[string]handler{
		"vmSize":              str(d, &a.VMSize),
		"vmPriority":          str(d, &a.VMPriority),
		"retainCluster":       d.bool(&a.RetainCluster),
		"name":                str(d, &a.Name),
		"clusterMaxNodeCount": d.int(&a.ClusterMaxNodeCount),
	}
}

func (d decoder) dataReferences(p *map[string]DataReference) handler {
	return func(n *yaml.Node, key string) error {
		*p = map[string]DataReference{}
		return d.entries(n, key, func(name string, v *yaml.Node, path string) error {
			ref := DataReference{Mode: DataReferenceModeMount}
			err := d.mapping(v, path, map[string]handler{
				"dataStoreName":   str(d, &ref.DataStoreName),
				"pathOnDataStore": str(d, &ref.PathOnDataStore),
				"mode":            str(d, &ref.Mode),
				"overwrite":       d.bool(&ref.Overwrite),
				"pathOnCompute":   str(d, &ref.PathOnCompute),
			})
			(*p)[name] = ref
			return err
		})
	}
}

func (d decoder) sparkPackages(p *[]SparkPackage) handler {
	return func(n *yaml.Node, key string) error {
		*p = []SparkPackage{}
		if isNull(n) {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return d.errorf(n, key, "%s is not a list", kindName(n))
		}
		for i, item := range n.Content {
			var pkg SparkPackage
			err := d.mapping(item, key+"["+strconv.Itoa(i)+"]", map[string]handler{
				"group":    str(d, &pkg.Group),
				"artifact": str(d, &pkg.Artifact),
				"version":  str(d, &pkg.Version),
			})
			if err != nil {
				return err
			}
			*p = append(*p, pkg)
		}
		return nil
	}
}
