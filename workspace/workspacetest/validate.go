package workspacetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// fieldError is a 400 ValidationError naming the field (its JSON path).
type fieldError struct {
	target  string
	message string
}

func invalid(target, format string, args ...any) *fieldError {
	return &fieldError{target: target, message: fmt.Sprintf(format, args...)}
}

// computeNameRule is the service's pattern for compute names. Go's regexp
// has no lookahead, so the "(?!...-\d+$)" part is checked by endsInDigits.
const computeNameRule = `^[a-zA-Z](?![a-zA-Z0-9-]*-\d+$)[a-zA-Z0-9\-]{2,23}$`

var (
	computeNameChars = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{2,23}$`)
	endsInDigits     = regexp.MustCompile(`-[0-9]+$`)
)

func validateComputeName(name string) *fieldError {
	if !computeNameChars.MatchString(name) || endsInDigits.MatchString(name) {
		return invalid("computeName", "Compute name '%s' is invalid: it must match %s "+
			"(3 to 24 letters, digits and hyphens, starting with a letter, not ending in a hyphen and digits).",
			name, computeNameRule)
	}
	return nil
}

// decodeJSON unmarshals body into v; a type mismatch names the field
// under prefix, a syntax error is an InvalidRequestContent.
func decodeJSON(body []byte, v any, prefix string) *fieldError {
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if prefix != "" {
			field = prefix + "." + field
		}
		return invalid(field, "The value of '%s' must be of type %s, not a JSON %s.", field, te.Type, te.Value)
	}
	return &fieldError{target: "", message: "The request content was invalid and could not be deserialized: " + err.Error()}
}

func oneOf(target, value string, allowed ...string) *fieldError {
	if value == "" || slices.Contains(allowed, value) {
		return nil
	}
	return invalid(target, "The value '%s' of '%s' is not valid. Allowed values: %s.",
		value, target, strings.Join(allowed, ", "))
}

// armIDOf checks that id is an ARM id of the given provider type
// (e.g. "Microsoft.Compute/virtualMachines").
func armIDOf(target, id, resourceType string) *fieldError {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	typ := strings.Split(resourceType, "/")
	ok := strings.HasPrefix(id, "/") && len(parts) == 4+2*len(typ) && strings.EqualFold(parts[0], "subscriptions") &&
		strings.EqualFold(parts[2], "resourceGroups") && strings.EqualFold(parts[4], "providers") &&
		strings.EqualFold(parts[5], typ[0])
	for j := 1; ok && j < len(typ); j++ {
		ok = strings.EqualFold(parts[4+2*j], typ[j]) && parts[5+2*j] != ""
	}
	if !ok {
		return invalid(target, "'%s' must be the resource id of a %s (/subscriptions/{id}/resourceGroups/{group}/providers/%s/{name}), got '%s'.",
			target, resourceType, resourceType, id)
	}
	return nil
}

// validateBody checks the envelope and dispatches on computeType.
func (s *Server) validateBody(b *computeBody) *fieldError {
	if b.Location == "" {
		return invalid("location", "The 'location' property is required.")
	}
	if b.Props == nil {
		return invalid("properties", "The 'properties' property is required.")
	}
	ct := b.Props.ComputeType
	if ct == "" {
		return invalid("properties.computeType", "The 'properties.computeType' property is required.")
	}
	if _, ok := computeTypes[ct]; !ok {
		return invalid("properties.computeType",
			"Compute type '%s' is not supported. Supported compute types: AmlCompute, VirtualMachine, HDInsight, Databricks, DataLakeAnalytics.", ct)
	}
	return nil
}
