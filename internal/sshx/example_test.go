package sshx_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/azureml-go/azureml/internal/sshx"
)

// ExampleConfig_Validate shows the typed errors of an incomplete Config.
func ExampleConfig_Validate() {
	err := sshx.Config{Address: "vm.example.com", Port: 70000, User: "azureuser"}.Validate()
	var ce *sshx.ConfigError
	fmt.Println(errors.As(err, &ce), ce.Field)
	fmt.Println(err)
	// Output:
	// true Port
	// sshx: Port "70000": must be in 1..65535 (0: 22)
	// sshx: Password: no credential: set Password, KeyFile or UseAgent
}

// ExampleConfig_String shows that secrets never print.
func ExampleConfig_String() {
	c := sshx.Config{Address: "vm.example.com", User: "azureuser", Password: "hunter2"}
	fmt.Printf("%+v\n", c)
	// Output:
	// sshx.Config{Address:"vm.example.com" Port:0 User:"azureuser" Password:REDACTED KeyFile:"" Passphrase:"" UseAgent:false AgentSocket:"" KnownHostsFile:"" AcceptUnknownHost:false Timeout:0s}
}

// ExampleDial connects with a key, runs a command and reads a file.
func ExampleDial() {
	ctx := context.Background()
	c, err := sshx.Dial(ctx, sshx.Config{Address: "vm.example.com", User: "azureuser", KeyFile: "/home/me/.ssh/id_ed25519"})
	var unknown *sshx.UnknownHostError
	switch {
	case errors.As(err, &unknown):
		fmt.Println("verify", unknown.Fingerprint, "then add it to known_hosts")
		return
	case err != nil:
		fmt.Println(err)
		return
	}
	defer c.Close()
	out, err := c.Run(ctx, "uname -s")
	fmt.Println(string(out), err)
	data, err := c.FS().ReadFile("/etc/hostname")
	fmt.Println(string(data), err)
}
