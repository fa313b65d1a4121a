package workspacetest

import (
	"errors"
	"regexp"
	"strconv"
	"time"
)

// isoDuration matches the ISO-8601 durations the service accepts for
// nodeIdleTimeBeforeScaleDown: PnD, PTnHnMnS and their combinations
// (seconds may have a fraction).
var isoDuration = regexp.MustCompile(`^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`)

// parseISODuration parses an ISO-8601 duration such as "PT120S" or "PT5M".
func parseISODuration(s string) (time.Duration, error) {
	m := isoDuration.FindStringSubmatch(s)
	if m == nil || s == "P" || s == "PT" || (len(s) > 1 && s[len(s)-1] == 'T') {
		return 0, errors.New("not an ISO-8601 duration such as PT120S or PT5M")
	}
	var d time.Duration
	for i, unit := range []time.Duration{24 * time.Hour, time.Hour, time.Minute} {
		if m[i+1] != "" {
			n, err := strconv.ParseInt(m[i+1], 10, 32)
			if err != nil {
				return 0, errors.New("duration out of range")
			}
			d += time.Duration(n) * unit
		}
	}
	if m[4] != "" {
		f, err := strconv.ParseFloat(m[4], 64)
		if err != nil || f > 1e9 {
			return 0, errors.New("duration out of range")
		}
		d += time.Duration(f * float64(time.Second))
	}
	return d, nil
}
