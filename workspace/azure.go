package workspace

import (
	"errors"
	"strconv"
	"strings"
)

// fromScope reads the identity from "Scope", the workspace's ARM id, as
// the SDK does (its segments 2, 4 and 8), after checking its shape.
func (c *configFile) fromScope() (*Workspace, error) {
	if err := c.noLocalKeys(keyScope); err != nil {
		return nil, err
	}
	scope, err := c.str(keyScope)
	if err != nil {
		return nil, err
	}
	sub, group, name, ok := parseScope(scope)
	if !ok {
		return nil, c.keyError(keyScope, "must be /subscriptions/<id>/resourceGroups/<group>/providers/"+
			armProvider+"/workspaces/<name>, got "+strconv.Quote(scope), nil)
	}
	return c.azure(sub, group, name, keyScope)
}

// parseScope splits an ARM workspace id (literal segments compared without
// case, as ARM does).
func parseScope(scope string) (sub, group, name string, ok bool) {
	p := strings.Split(scope, "/")
	if len(p) != 9 || p[0] != "" || p[2] == "" || p[4] == "" || p[8] == "" {
		return "", "", "", false
	}
	for i, lit := range map[int]string{1: "subscriptions", 3: "resourceGroups", 5: "providers", 6: armProvider, 7: "workspaces"} {
		if !strings.EqualFold(p[i], lit) {
			return "", "", "", false
		}
	}
	return p[2], p[4], p[8], true
}

// fromKeys reads the identity from the three keys of the short form.
func (c *configFile) fromKeys() (*Workspace, error) {
	if err := c.noLocalKeys(keyName); err != nil {
		return nil, err
	}
	vals := map[string]string{}
	var missing []string
	for _, k := range []string{keySubscription, keyGroup, keyName} {
		v, err := c.str(k)
		if err != nil {
			return nil, err
		}
		if v == "" {
			missing = append(missing, k)
		}
		vals[k] = v
	}
	if missing != nil {
		return nil, c.missingError(missing)
	}
	return c.azure(vals[keySubscription], vals[keyGroup], vals[keyName], keyName)
}

// noLocalKeys rejects "local": true and "local_dir" beside an Azure identity.
func (c *configFile) noLocalKeys(azureKey string) error {
	local, _, err := c.boolean(keyLocal)
	if err != nil {
		return err
	}
	for _, k := range []string{keyLocal, keyLocalDir} {
		if c.has(k) && (k != keyLocal || local) {
			return c.keyError(k, "contradicts "+strconv.Quote(azureKey)+": a config names either an Azure or a local workspace", nil)
		}
	}
	return nil
}

// azure validates an identity and returns the Azure workspace handle.
func (c *configFile) azure(sub, group, name, key string) (*Workspace, error) {
	w, err := newAzure(sub, group, name, c.path, nil)
	if err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) && ve.Field != keyName {
			return nil, c.keyError(ve.Field, "", err)
		}
		return nil, c.keyError(key, "", err)
	}
	return w, nil
}
