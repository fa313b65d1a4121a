package runconfig

import (
	"strconv"

	"go.yaml.in/yaml/v3"
)

// The handlers below decode one value each. A null value sets the zero
// value; a value of the wrong kind is a *ParseError naming the key.

func (d decoder) scalar(n *yaml.Node, key, what string) error {
	if n.Kind != yaml.ScalarNode {
		return d.errorf(n, key, "%s is not %s", kindName(n), what)
	}
	return nil
}

func str[T ~string](d decoder, p *T) handler {
	return func(n *yaml.Node, key string) error {
		if err := d.scalar(n, key, "a string"); err != nil {
			return err
		}
		if isNull(n) {
			*p = ""
		} else {
			*p = T(n.Value)
		}
		return nil
	}
}

// secret decodes a secret without ever echoing its value in an error.
func (d decoder) secret(p *Secret) handler {
	return func(n *yaml.Node, key string) error {
		if n.Kind != yaml.ScalarNode {
			return d.errorf(n, key, "is not a string")
		}
		*p = Secret{}
		if !isNull(n) {
			*p = NewSecret(n.Value)
		}
		return nil
	}
}

func (d decoder) int(p *int) handler {
	return func(n *yaml.Node, key string) error {
		if err := d.scalar(n, key, "an integer"); err != nil {
			return err
		}
		if isNull(n) {
			*p = 0
			return nil
		}
		var v int
		if n.ShortTag() != "!!int" || n.Decode(&v) != nil {
			return d.errorf(n, key, "%q is not an integer", n.Value)
		}
		*p = v
		return nil
	}
}

func (d decoder) bool(p *bool) handler {
	return func(n *yaml.Node, key string) error {
		if err := d.scalar(n, key, "a boolean"); err != nil {
			return err
		}
		if isNull(n) {
			*p = false
			return nil
		}
		var v bool
		if n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
			return d.errorf(n, key, "%q is not a boolean", n.Value)
		}
		*p = v
		return nil
	}
}

func (d decoder) strs(p *[]string) handler {
	return func(n *yaml.Node, key string) error {
		*p = []string{}
		if isNull(n) {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return d.errorf(n, key, "%s is not a list", kindName(n))
		}
		for i, item := range n.Content {
			var s string
			if err := str(d, &s)(item, key+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
			*p = append(*p, s)
		}
		return nil
	}
}

// strMap decodes a mapping with user keys, such as environment variables.
func (d decoder) strMap(p *map[string]string) handler {
	return func(n *yaml.Node, key string) error {
		*p = map[string]string{}
		return d.entries(n, key, func(name string, v *yaml.Node, path string) error {
			var s string
			if err := str(d, &s)(v, path); err != nil {
				return err
			}
			(*p)[name] = s
			return nil
		})
	}
}

// entries calls fn for each entry of a mapping with user keys; the keys
// must be strings.
func (d decoder) entries(n *yaml.Node, key string, fn func(name string, v *yaml.Node, path string) error) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return d.errorf(n, key, "%s is not a mapping", kindName(n))
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || isNull(k) {
			return d.errorf(k, key, "keys must be strings, not %s", kindName(k))
		}
		if err := fn(k.Value, v, join(key, k.Value)); err != nil {
			return err
		}
	}
	return nil
}
