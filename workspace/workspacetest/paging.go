package workspacetest

import (
	"net/http"
	"strconv"
)

// page cuts items at the request's $skip into one page of
// Options.PageSize, returning the page and the absolute nextLink ("" on
// the last page), which keeps the request's other query parameters. A bad $skip is a 400 naming it.
func page[T any](s *Server, r *http.Request, items []T) (out []T, next string, fe *fieldError) {
	skip := 0
	if v := r.URL.Query().Get("$skip"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, "", invalid("$skip", "The value '%s' of '$skip' must be a non-negative integer.", v)
		}
		skip = n
	}
	skip = min(skip, len(items))
	end := min(skip+s.opts.PageSize, len(items))
	if end < len(items) {
		q := r.URL.Query() // the filters carry over to the next page
		q.Set("$skip", strconv.Itoa(end))
		next = s.URL() + r.URL.Path + "?" + q.Encode()
	}
	out = items[skip:end]
	if out == nil {
		out = []T{}
	}
	return out, next, nil
}

// writePage writes {itemName: items, "nextLink": next} (nextLink omitted on
// the last page).
func writePage(w http.ResponseWriter, itemName string, items any, next string) {
	body := map[string]any{itemName: items}
	if next != "" {
		body["nextLink"] = next
	}
	writeJSON(w, http.StatusOK, body)
}
