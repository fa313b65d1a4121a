// Package sshtest starts a real OpenSSH server on the loopback interface
// for tests: [Start] runs /usr/sbin/sshd in the foreground with its own
// ed25519 host key and a throwaway user (key and password login), and
// [Server.Proxy] puts a TCP proxy in front of it whose connections can be
// dropped to test reconnection. [Server.NewKey] authorizes further keys,
// encrypted with a passphrase when asked, and [StartAgent] runs a real
// ssh-agent on a socket of its own.
//
// It needs root (to create the user) and /usr/sbin/sshd. Without them the
// test is skipped, or fails when AZUREML_GO_INTEGRATION=require (see
// package testenv).
package sshtest
