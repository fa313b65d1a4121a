package workspacetest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"

	"go.yaml.in/yaml/v3"
)

// envSpec is the typed view of an environment version. Its fields are
// the image definition, which a version cannot change.
type envSpec struct {
	Image           string          `json:"image"`
	CondaFile       string          `json:"condaFile"`
	Build           *envBuild       `json:"build"`
	OSType          string          `json:"osType"`
	InferenceConfig json.RawMessage `json:"inferenceConfig"`
	AutoRebuild     string          `json:"autoRebuild"`
}

type envBuild struct {
	ContextURI     string `json:"contextUri"`
	DockerfilePath string `json:"dockerfilePath"`
}

func envKind() assetKind {
	return assetKind{segment: "environments", noun: "Environment", parse: parseEnv, changed: envChanged,
		extra: func(p map[string]any) {
			p["environmentType"] = "UserCreated"
			if _, ok := p["osType"]; !ok {
				p["osType"] = "Linux"
			}
			if _, ok := p["autoRebuild"]; !ok {
				p["autoRebuild"] = "OnBaseImageUpdate"
			}
		}}
}

// parseEnv checks an environment version: either image (with an optional
// condaFile holding conda YAML text) or build (with contextUri), and the
// enums.
func parseEnv(_ context.Context, _ *Server, raw json.RawMessage) (any, *fieldError) {
	var e envSpec
	if fe := decodeJSON(raw, &e, "properties"); fe != nil {
		return nil, fe
	}
	switch {
	case e.Image == "" && e.Build == nil:
		return nil, invalid("properties.image", "An environment needs either 'image' (a docker image, with an optional 'condaFile') or 'build' (a docker build context).")
	case e.Image != "" && e.Build != nil:
		return nil, invalid("properties.build", "'image' and 'build' cannot both be set; image is '%s'.", e.Image)
	case e.Build != nil && e.Build.ContextURI == "":
		return nil, invalid("properties.build.contextUri", "The 'build.contextUri' property is required: the URL of the docker build context.")
	case e.Build != nil && e.CondaFile != "":
		return nil, invalid("properties.condaFile", "'condaFile' applies to an 'image' environment only; put the conda file in the build context instead.")
	}
	if e.CondaFile != "" {
		if fe := checkCondaFile(e.CondaFile); fe != nil {
			return nil, fe
		}
	}
	for _, fe := range []*fieldError{
		oneOf("properties.osType", e.OSType, "Linux", "Windows"),
		oneOf("properties.autoRebuild", e.AutoRebuild, "Disabled", "OnBaseImageUpdate"),
	} {
		if fe != nil {
			return nil, fe
		}
	}
	return &e, nil
}

// checkCondaFile requires conda YAML text: a mapping (name, channels,
// dependencies...), not a path.
func checkCondaFile(text string) *fieldError {
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil || doc == nil {
		first, _, _ := bytes.Cut([]byte(text), []byte("\n"))
		return invalid("properties.condaFile", "'condaFile' must hold the text of a conda environment YAML (a mapping with dependencies), got '%s'.", first)
	}
	if _, ok := doc["dependencies"]; !ok {
		return invalid("properties.condaFile", "The conda file has no 'dependencies' list.")
	}
	return nil
}

// envChanged refuses a re-PUT that changes the image definition: versions
// are immutable (409 Conflict, the emulator's choice where the service's
// exact code is not documented).
func envChanged(old, cur any) (string, int, string) {
	a, b := old.(*envSpec), cur.(*envSpec)
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	if bytes.Equal(aj, bj) {
		return "", 0, ""
	}
	field := "inferenceConfig"
	switch {
	case a.Image != b.Image:
		field = "image"
	case a.CondaFile != b.CondaFile:
		field = "condaFile"
	case (a.Build == nil) != (b.Build == nil) || (a.Build != nil && *a.Build != *b.Build):
		field = "build"
	case a.OSType != b.OSType:
		field = "osType"
	case a.AutoRebuild != b.AutoRebuild:
		field = "autoRebuild"
	}
	return field, http.StatusConflict, "Environment versions are immutable: this version already exists with a different '" +
		field + "'; create a new version instead."
}
