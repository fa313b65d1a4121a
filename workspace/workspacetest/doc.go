// Package workspacetest is an in-process emulator of the Azure Resource
// Manager API of an Azure Machine Learning workspace, in the style of
// net/http/httptest: start a [Server], point an ARM client at [Server.URL]
// with [Server.Client] as transport and [Server.Credential] as credential,
// and test code that manages compute targets without Azure.
package workspacetest
