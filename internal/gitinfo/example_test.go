package gitinfo_test

import (
	"fmt"
	"sort"

	"github.com/azureml-go/azureml/internal/gitinfo"
)

func ExampleInfo_Properties() {
	dirty := true
	info := &gitinfo.Info{Branch: "main", Commit: "0123abcd", Dirty: &dirty}
	p := info.Properties()
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s=%s\n", k, p[k])
	}
	// Output:
	// azureml.git.branch=main
	// azureml.git.commit=0123abcd
	// azureml.git.dirty=True
	// mlflow.source.git.branch=main
	// mlflow.source.git.commit=0123abcd
}
