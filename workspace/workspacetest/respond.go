package workspacetest

import (
	"encoding/json"
	"net/http"
)

// ErrorDetail is one ARM error: the body of the error envelope
// {"error":{"code","message","target"}} and an item of a compute's
// provisioningErrors.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Target  string `json:"target,omitempty"`
}

// errorResponse is the ARM error envelope.
type errorResponse struct {
	Error ErrorDetail `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v == nil {
		return
	}
	_ = json.NewEncoder(w).Encode(v) // the client went away: nothing to do
}

func writeError(w http.ResponseWriter, status int, code, message, target string) {
	writeJSON(w, status, errorResponse{ErrorDetail{Code: code, Message: message, Target: target}})
}

// badRequest writes a 400 ValidationError naming the offending field.
func badRequest(w http.ResponseWriter, target, message string) {
	writeError(w, http.StatusBadRequest, "ValidationError", message, target)
}

func notFound(w http.ResponseWriter, message string) {
	writeError(w, http.StatusNotFound, "ResourceNotFound", message, "")
}
