package workspacetest

import "net/http"

// Temporary: the compute operations land in the next commits.

type operation struct{}
type cluster struct{}

const (
	opStatusSegment = "computeOperationsStatus"
	opResultSegment = "computeOperationsResults"
)

func notYet(w http.ResponseWriter) {
	writeError(w, http.StatusNotImplemented, "NotImplemented", "not implemented yet", "")
}

func (s *Server) operationStatus(w http.ResponseWriter, _ string)                { notYet(w) }
func (s *Server) operationResult(w http.ResponseWriter, _ string)                { notYet(w) }
func (s *Server) listComputes(w http.ResponseWriter, _ *http.Request)            { notYet(w) }
func (s *Server) listKeys(w http.ResponseWriter, _ string)                       { notYet(w) }
func (s *Server) listNodes(w http.ResponseWriter, _ *http.Request, _ string)     { notYet(w) }
func (s *Server) getCompute(w http.ResponseWriter, _ string)                     { notYet(w) }
func (s *Server) putCompute(w http.ResponseWriter, _ *http.Request, _ string)    { notYet(w) }
func (s *Server) patchCompute(w http.ResponseWriter, _ *http.Request, _ string)  { notYet(w) }
func (s *Server) deleteCompute(w http.ResponseWriter, _ *http.Request, _ string) { notYet(w) }

// SetClusterDemand says how many nodes of the AmlCompute cluster name have
// work to do.
func (s *Server) SetClusterDemand(name string, nodes int) error { return nil }
