package azuritetest_test

import (
	"context"
	"fmt"
	"time"

	"github.com/azureml-go/azureml/internal/azuritetest"
)

// A TestMain, or a benchmark driver, launches one server and closes it
// itself. (No Output: the example needs azurite-blob installed.)
func ExampleLaunch() {
	ctx := context.Background()
	s, err := azuritetest.Launch(ctx, &azuritetest.Options{StartTimeout: time.Minute})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()
	name := azuritetest.UniqueName("example")
	if err := s.CreateContainer(ctx, name); err != nil {
		fmt.Println(err)
		return
	}
	sasURL, err := s.ContainerSASURL(name, azuritetest.UploadPermissions(), time.Now().Add(time.Hour))
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = sasURL // hand it to the code under test, as startPendingUpload would
}

func ExampleUploadPermissions() {
	p := azuritetest.UploadPermissions()
	fmt.Println(p.String())
	// Output: racwl
}
