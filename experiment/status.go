package experiment

// Status is a run's status, spelled as the Azure ML SDK's RunStatus.
type Status string

// The run statuses. Local and SSH targets report NotStarted, Queued,
// Preparing, Running, Finalizing and the three final ones; the others are
// reported by Azure-driven targets.
const (
	StatusNotStarted      Status = "NotStarted"
	StatusQueued          Status = "Queued"
	StatusPreparing       Status = "Preparing"
	StatusProvisioning    Status = "Provisioning"
	StatusStarting        Status = "Starting"
	StatusRunning         Status = "Running"
	StatusFinalizing      Status = "Finalizing"
	StatusCancelRequested Status = "CancelRequested"
	StatusCompleted       Status = "Completed"
	StatusFailed          Status = "Failed"
	StatusCanceled        Status = "Canceled"
	StatusNotResponding   Status = "NotResponding"
)

// StatusValues returns every Status, in lifecycle order.
func StatusValues() []Status {
	return []Status{StatusNotStarted, StatusQueued, StatusPreparing, StatusProvisioning,
		StatusStarting, StatusRunning, StatusFinalizing, StatusCancelRequested,
		StatusCompleted, StatusFailed, StatusCanceled, StatusNotResponding}
}

// Terminal reports whether s is final: Completed, Failed or Canceled.
func (s Status) Terminal() bool {
	return s == StatusCompleted || s == StatusFailed || s == StatusCanceled
}
