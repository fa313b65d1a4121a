package workspacetest

import (
	"fmt"
	"slices"
	"time"
)

// Node states, as ListNodes reports them.
const (
	nodeIdle      = "idle"
	nodeRunning   = "running"
	nodePreparing = "preparing"
)

// node is one VM of an AmlCompute cluster.
type node struct {
	seq       int
	id        string
	state     string
	readyAt   time.Time // end of "preparing"
	idleSince time.Time // valid while idle
}

// cluster is the scaling state of an AmlCompute: nodes follow demand
// between minNodeCount and maxNodeCount, computed from the clock whenever
// the server looks at them.
type cluster struct {
	activeAt   time.Time // provisioning ended; zero while provisioning
	started    bool      // activation handled by advance
	demand     int       // set by SetClusterDemand
	jobDemand  int       // instanceCount of the jobs waiting or running on it
	busy       int       // nodes given to running jobs
	nodes      []*node
	nextSeq    int
	allocState string
	transition time.Time
}

// scaleLimits are what advance needs from the cluster's settings.
type scaleLimits struct {
	min, max   int
	idle       time.Duration // already scaled by IdleTimeScale
	startDelay time.Duration
	lowPri     bool
}

func (s *Server) limits(c *compute) scaleLimits {
	sc := c.aml.ScaleSettings
	idle, _ := parseISODuration(*sc.NodeIdleTimeBeforeScaleDown) // validated on input
	return scaleLimits{min: *sc.MinNodeCount, max: *sc.MaxNodeCount,
		idle:       time.Duration(float64(idle) * s.opts.IdleTimeScale),
		startDelay: s.opts.NodeStartDelay, lowPri: c.aml.VMPriority == "LowPriority"}
}

// desired is the node count the cluster moves toward.
func (cl *cluster) desired(l scaleLimits) int {
	return max(l.min, min(cl.work(), l.max))
}

// work is the nodes' worth of work waiting or running.
func (cl *cluster) work() int { return cl.demand + cl.jobDemand }

// free is the count of ready nodes (idle or running) that no job holds.
func (cl *cluster) free() int {
	ready := 0
	for _, n := range cl.nodes {
		if n.state != nodePreparing {
			ready++
		}
	}
	return ready - cl.busy
}

// advance moves the cluster to time now: nodes finish preparing, take or
// leave work, idle nodes past the idle timeout go away, missing nodes are
// added.
func (cl *cluster) advance(now time.Time, l scaleLimits) {
	if cl.activeAt.IsZero() || now.Before(cl.activeAt) {
		return
	}
	growAt := now
	if !cl.started {
		cl.started, growAt = true, cl.activeAt
		cl.allocState, cl.transition = "Steady", cl.activeAt
	}
	for _, n := range cl.nodes {
		if n.state == nodePreparing && !now.Before(n.readyAt) {
			n.state, n.idleSince = nodeIdle, n.readyAt
		}
	}
	cl.assign(now)
	cl.shrink(now, l)
	for len(cl.nodes) < cl.desired(l) {
		cl.nextSeq++
		suffix := "d"
		if l.lowPri {
			suffix = "p"
		}
		cl.nodes = append(cl.nodes, &node{seq: cl.nextSeq, state: nodePreparing, readyAt: growAt.Add(l.startDelay),
			id: fmt.Sprintf("tvmps_%016x_%s", fnv64(fmt.Sprint(cl.activeAt.UnixNano(), cl.nextSeq)), suffix)})
	}
	cl.setAllocation(now)
}

// assign gives work to ready nodes: min(demand, ready) run, the rest idle.
func (cl *cluster) assign(now time.Time) {
	running := 0
	for _, n := range cl.nodes {
		if n.state == nodeRunning {
			running++
			if running > cl.work() {
				n.state, n.idleSince = nodeIdle, now
			}
		}
	}
	for _, n := range cl.nodes {
		if running >= cl.work() {
			break
		}
		if n.state == nodeIdle {
			n.state = nodeRunning
			running++
		}
	}
}

// shrink removes idle nodes whose idle time is over (down to the desired
// count), and idle nodes above maxNodeCount at once.
func (cl *cluster) shrink(now time.Time, l scaleLimits) {
	idle := slices.Collect(func(yield func(*node) bool) {
		for _, n := range cl.nodes {
			if n.state == nodeIdle && !yield(n) {
				return
			}
		}
	})
	slices.SortStableFunc(idle, func(a, b *node) int { return a.idleSince.Compare(b.idleSince) })
	for _, n := range idle {
		over := len(cl.nodes) > l.max
		expired := len(cl.nodes) > cl.desired(l) && !now.Before(n.idleSince.Add(l.idle))
		if !over && !expired {
			continue
		}
		cl.nodes = slices.DeleteFunc(cl.nodes, func(m *node) bool { return m == n })
	}
}

func (cl *cluster) setAllocation(now time.Time) {
	state := "Steady"
	for _, n := range cl.nodes {
		if n.state == nodePreparing {
			state = "Resizing"
		}
	}
	if state != cl.allocState {
		cl.allocState, cl.transition = state, now
	}
}

// counts returns current, target and per-state node counts.
func (cl *cluster) counts(l scaleLimits) (current, target int, byState map[string]int) {
	byState = map[string]int{}
	for _, n := range cl.nodes {
		byState[n.state]++
	}
	return len(cl.nodes), max(cl.desired(l), len(cl.nodes)), byState
}

// SetClusterDemand says that nodes nodes' worth of work is waiting on the
// AmlCompute cluster name (0: none). The cluster grows toward
// min(demand, maxNodeCount), its new nodes "preparing" for
// [Options.NodeStartDelay] (allocationState Resizing), then "running";
// when demand drops, nodes go "idle" and are removed after the cluster's
// nodeIdleTimeBeforeScaleDown times [Options.IdleTimeScale], never below
// minNodeCount. Demand set while the cluster is still being created
// applies once it is. Jobs add their own demand (resources.instanceCount)
// on top of this while they wait or run.
// It fails when there is no such AmlCompute or nodes is negative.
func (s *Server) SetClusterDemand(name string, nodes int) error {
	if nodes < 0 {
		return fmt.Errorf("workspacetest: cluster demand %d for %q: must be >= 0", nodes, name)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.advance(now)
	c := s.computes[lower(name)]
	if c == nil || c.cluster == nil {
		return fmt.Errorf("workspacetest: cluster demand for %q: no AmlCompute with that name", name)
	}
	l := s.limits(c)
	c.cluster.advance(now, l)
	c.cluster.demand = nodes
	c.cluster.advance(now, l)
	return nil
}
